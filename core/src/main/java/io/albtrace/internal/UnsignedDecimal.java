package io.albtrace.internal;

import io.albtrace.TraceIdFormatException;

/**
 * A 64-bit value read as an unsigned decimal number (Datadog's {@code x-datadog-trace-id} form),
 * written and read without {@code BigInteger}.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class UnsignedDecimal {
  /** Enough chars for 2^64 - 1 = 18446744073709551615. */
  public static final int MAX_LENGTH = 20;

  private UnsignedDecimal() {}

  /**
   * Writes {@code v} as an unsigned decimal ending just before {@code end} and returns the index of
   * its first char. Writing backwards avoids counting digits first.
   */
  public static int writeBackwards(long v, char[] dst, int end) {
    int i = end;
    if (v < 0) {
      // Top bit set: divide once as unsigned, then the quotient fits a signed long.
      long q = (v >>> 1) / 5;
      dst[--i] = (char) ('0' + (int) (v - q * 10));
      v = q;
    }
    do {
      long q = v / 10;
      dst[--i] = (char) ('0' + (int) (v - q * 10));
      v = q;
    } while (v != 0);
    return i;
  }

  /** {@link #writeBackwards(long, char[], int)} for ASCII bytes. */
  public static int writeBackwards(long v, byte[] dst, int end) {
    int i = end;
    if (v < 0) {
      long q = (v >>> 1) / 5;
      dst[--i] = (byte) ('0' + (int) (v - q * 10));
      v = q;
    }
    do {
      long q = v / 10;
      dst[--i] = (byte) ('0' + (int) (v - q * 10));
      v = q;
    } while (v != 0);
    return i;
  }

  /** Appends {@code v} as an unsigned decimal straight into {@code sb}: no scratch buffer. */
  public static StringBuilder append(long v, StringBuilder sb) {
    int end = sb.length() + length(v);
    sb.setLength(end);
    int i = end;
    if (v < 0) {
      long q = (v >>> 1) / 5;
      sb.setCharAt(--i, (char) ('0' + (int) (v - q * 10)));
      v = q;
    }
    do {
      long q = v / 10;
      sb.setCharAt(--i, (char) ('0' + (int) (v - q * 10)));
      v = q;
    } while (v != 0);
    return sb;
  }

  /** Number of digits of {@code v} read as unsigned: 1 .. 20. */
  public static int length(long v) {
    if (v < 0) return Long.compareUnsigned(v, -8446744073709551616L) >= 0 ? 20 : 19; // 10^19
    int n = 1;
    for (long p = 10; n < 19 && v >= p; p *= 10) n++;
    return n;
  }

  public static String toString(long v) {
    char[] buf = new char[MAX_LENGTH];
    int start = writeBackwards(v, buf, MAX_LENGTH);
    return new String(buf, start, MAX_LENGTH - start);
  }

  /**
   * Reads {@code [from, to)} as an unsigned decimal in {@code 0 .. 2^64-1}, ASCII digits only (no
   * sign, no spaces).
   *
   * @throws TraceIdFormatException when it is empty, has a non-digit or exceeds 2^64 - 1
   */
  public static long parse(CharSequence s, int from, int to, String what) {
    if (from >= to) throw new TraceIdFormatException(what + " is empty");
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new TraceIdFormatException(
            what + " is not an unsigned decimal number: " + Ascii.quote(s, from, to));
      }
      int d = c - '0';
      // 1844674407370955161 * 10 + 5 == 2^64 - 1
      if (Long.compareUnsigned(v, 1844674407370955161L) > 0 || (v == 1844674407370955161L && d > 5)) {
        throw new TraceIdFormatException(
            what + " is larger than 2^64-1: " + Ascii.quote(s, from, to));
      }
      v = v * 10 + d;
    }
    return v;
  }

  /**
   * Whether {@code s} is exactly the unsigned decimal of {@code v}: ASCII digits, no sign, no
   * leading zeros. Allocation-free, never throws: compares {@code s} with what {@link #append} would
   * write.
   */
  public static boolean matches(CharSequence s, long v) {
    int n = s.length();
    if (n != length(v)) return false;
    for (int i = n - 1; i >= 0; i--) {
      long q = Long.divideUnsigned(v, 10);
      if (s.charAt(i) != (char) ('0' + (int) (v - q * 10))) return false;
      v = q;
    }
    return true;
  }
}
