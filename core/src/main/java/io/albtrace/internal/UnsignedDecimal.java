package io.albtrace.internal;

import io.albtrace.TraceIdFormatException;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * A 64-bit value read as an unsigned decimal number (Datadog's {@code x-datadog-trace-id} form),
 * written and read without {@code BigInteger}.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class UnsignedDecimal {
  /** Enough digits for 2^64 - 1 = 18446744073709551615. */
  public static final int MAX_LENGTH = 20;

  private static final VarHandle LONGS = LittleEndian.LONGS;
  private static final long EIGHT_ZEROS = 0x3030303030303030L; // "00000000"
  private static final long E8 = 100_000_000L;

  private UnsignedDecimal() {}

  /**
   * Writes {@code v} as an unsigned decimal of ASCII digits ending just before {@code end} and
   * returns the index of its first digit; only the digits' own bytes are written (at most
   * {@value #MAX_LENGTH}). {@code v} is cut into 8-digit parts ({@code v = a·10^16 + b·10^8 + c}),
   * each turned into its 8 digits at once ({@link #ascii8}) and stored as one long: the leading
   * part first, then the others over the tail of its store.
   */
  public static int writeBackwards(long v, byte[] dst, int end) {
    if (v >= 0 && v < E8) return writeSmall((int) v, dst, end);
    long q = (v >>> 1) / (E8 >>> 1); // unsigned v / 10^8: the shift makes it a signed division
    long c = ascii8((int) (v - q * E8));
    int start;
    if (q < E8) {
      start = writeLeading(ascii8((int) q), dst, end - 8);
    } else {
      long a = q / E8;
      start = writeLeading(ascii8((int) a), dst, end - 16);
      LONGS.set(dst, end - 16, ascii8((int) (q - a * E8)));
    }
    LONGS.set(dst, end - 8, c);
    return start;
  }

  /**
   * Stores the digits of a leading part (not zero), without its leading zeros, to end before
   * {@code end}, as one 8-byte store that reaches past {@code end} into the next part's place.
   */
  private static int writeLeading(long digits, byte[] dst, int end) {
    int zeros = Long.numberOfTrailingZeros(digits - EIGHT_ZEROS) >>> 3;
    int start = end - 8 + zeros;
    LONGS.set(dst, start, digits >>> (zeros << 3));
    return start;
  }

  /** The digits of {@code x < 10^8} without leading zeros, ending just before {@code end}. */
  private static int writeSmall(int x, byte[] dst, int end) {
    long digits = ascii8(x);
    int zeros = x == 0 ? 7 : Long.numberOfTrailingZeros(digits - EIGHT_ZEROS) >>> 3;
    digits >>>= zeros << 3;
    int start = end - 8 + zeros;
    for (int i = start; i < end; i++, digits >>>= 8) dst[i] = (byte) digits;
    return start;
  }

  /**
   * The 8 decimal digits of {@code x < 10^8}, zero-padded, as the ASCII bytes of a little-endian
   * long (first digit lowest). Divisions by constants run on all lanes of one long at once: two
   * 32-bit lanes {@code x / 10^4, x % 10^4}; then {@code /100} as {@code * 10486 >>> 20} (exact
   * below 10^4); then four 16-bit lanes and {@code /10} as {@code * 103 >>> 10} (exact below 100).
   */
  static long ascii8(int x) {
    int high = x / 10_000;
    long v = high | (long) (x - high * 10_000) << 32;
    long hundreds = ((v * 10486) >>> 20) & 0x0000007F0000007FL;
    v = hundreds | (v - hundreds * 100) << 16;
    long tens = ((v * 103) >>> 10) & 0x000F000F000F000FL;
    return (tens | (v - tens * 10) << 8) + EIGHT_ZEROS;
  }

  /** Number of digits of {@code v} read as unsigned: 1 .. 20. */
  public static int length(long v) {
    if (v < 0) return Long.compareUnsigned(v, -8446744073709551616L) >= 0 ? 20 : 19; // 10^19
    int n = 1;
    for (long p = 10; n < 19 && v >= p; p *= 10) n++;
    return n;
  }

  public static String toString(long v) {
    byte[] buf = new byte[MAX_LENGTH];
    int start = writeBackwards(v, buf, MAX_LENGTH);
    return new String(buf, start, MAX_LENGTH - start, StandardCharsets.ISO_8859_1);
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
   * leading zeros. Allocation-free, never throws.
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
