package io.albtrace;

/**
 * A 64-bit value read as an unsigned decimal number (Datadog's {@code x-datadog-trace-id} form),
 * written and read without {@code BigInteger}.
 */
final class UnsignedDecimal {
  /** Enough chars for 2^64 - 1 = 18446744073709551615. */
  static final int MAX_LENGTH = 20;

  private UnsignedDecimal() {}

  /**
   * Writes {@code v} as an unsigned decimal ending just before {@code end} and returns the index of
   * its first char. Writing backwards avoids counting digits first.
   */
  static int writeBackwards(long v, char[] dst, int end) {
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
  static int writeBackwards(long v, byte[] dst, int end) {
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
  static StringBuilder append(long v, StringBuilder sb) {
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
  static int length(long v) {
    if (v < 0) return Long.compareUnsigned(v, -8446744073709551616L) >= 0 ? 20 : 19; // 10^19
    int n = 1;
    for (long p = 10; n < 19 && v >= p; p *= 10) n++;
    return n;
  }

  static String toString(long v) {
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
  static long parse(CharSequence s, int from, int to, String what) {
    if (from >= to) throw new TraceIdFormatException(what + " is empty");
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new TraceIdFormatException(
            what + " is not an unsigned decimal number: " + TraceIdFormatException.quote(s, from, to));
      }
      int d = c - '0';
      // 1844674407370955161 * 10 + 5 == 2^64 - 1
      if (Long.compareUnsigned(v, 1844674407370955161L) > 0 || (v == 1844674407370955161L && d > 5)) {
        throw new TraceIdFormatException(
            what + " is larger than 2^64-1: " + TraceIdFormatException.quote(s, from, to));
      }
      v = v * 10 + d;
    }
    return v;
  }
}
