package io.albtrace.internal;

/**
 * The one hex codec of albtrace: ASCII hexadecimal, nothing else: {@code 0-9}, {@code a-f} and {@code A-F} are digits; every other
 * char, including Unicode digits that {@link Character#digit(char, int)} would accept, is not.
 * Output is always lowercase.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class Hex {
  /** Value of each ASCII char as a hex digit, or -1. Chars >= 128 are never digits. */
  private static final byte[] VALUES = new byte[128];
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < 10; i++) VALUES['0' + i] = (byte) i;
    for (int i = 0; i < 6; i++) {
      VALUES['a' + i] = (byte) (10 + i);
      VALUES['A' + i] = (byte) (10 + i);
    }
  }

  private Hex() {}

  /** Value of {@code c} as an ASCII hex digit, or -1. */
  public static int value(int c) {
    return c < 128 && c >= 0 ? VALUES[c] : -1;
  }

  /** True when every char in {@code [from, to)} is an ASCII hex digit. */
  public static boolean isHex(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (value(s.charAt(i)) < 0) return false;
    }
    return true;
  }

  /** The value of at most 16 hex digits in {@code [from, to)}; the caller has checked them. */
  public static long decode(CharSequence s, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) v = (v << 4) | value(s.charAt(i));
    return v;
  }

  /**
   * The value of the 8 hex digits at {@code from}, or -1 when any of them is not a hex digit:
   * checking and decoding in one pass, 32 bits at a time, leaves the sign bit free for the error.
   */
  public static long decode8(CharSequence s, int from) {
    long v = 0;
    int bad = 0;
    for (int i = from, to = from + 8; i < to; i++) {
      int d = value(s.charAt(i));
      bad |= d;
      v = (v << 4) | (d & 0xf);
    }
    return bad < 0 ? -1 : v;
  }

  /** Writes the low {@code 4 * digits} bits of {@code v} as {@code digits} lowercase hex chars. */
  public static void write(long v, int digits, char[] dst, int off) {
    for (int i = off + digits - 1; i >= off; i--) {
      dst[i] = DIGITS[(int) v & 0xf];
      v >>>= 4;
    }
  }

  /** Writes the low {@code 4 * digits} bits of {@code v} as {@code digits} lowercase ASCII hex bytes. */
  public static void write(long v, int digits, byte[] dst, int off) {
    for (int i = off + digits - 1; i >= off; i--) {
      dst[i] = (byte) DIGITS[(int) v & 0xf];
      v >>>= 4;
    }
  }

  /** Appends the low {@code 4 * digits} bits of {@code v} as {@code digits} lowercase hex chars. */
  public static StringBuilder append(long v, int digits, StringBuilder sb) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      sb.append(DIGITS[(int) (v >>> shift) & 0xf]);
    }
    return sb;
  }

  /** {@code v} as 16 lowercase hex chars. */
  public static String toHex16(long v) {
    char[] c = new char[16];
    write(v, 16, c, 0);
    return new String(c);
  }
}
