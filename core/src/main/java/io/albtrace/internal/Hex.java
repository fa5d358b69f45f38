package io.albtrace.internal;

import java.lang.invoke.VarHandle;

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

  private static final VarHandle LONGS = LittleEndian.LONGS;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;

  /**
   * The value of the 8 ASCII hex digits {@code s[from, from + 8)}, or -1 when any of them is not
   * one: checked and decoded in one step, eight bytes at a time (SWAR).
   *
   * <p>Per byte {@code b}, all below 0x80: a digit is {@code b} in {@code [0x30, 0x39]}; a letter
   * is {@code b | 0x20} in {@code [0x61, 0x66]}, which holds exactly for {@code A-F} and
   * {@code a-f}. Adding {@code 0x80 - lo} sets a byte's high bit iff it is at least {@code lo},
   * with no carry into the next byte. The value is then {@code (b & 0xf) + 9} for letters and
   * {@code b & 0xf} for digits, and the eight nibbles are packed pairwise, first digit highest.
   *
   * @throws IndexOutOfBoundsException when {@code s} has fewer than 8 bytes from {@code from}
   */
  public static long decode8(byte[] s, int from) {
    long x = load8(s, from);
    return notHex8(x) != 0 ? -1 : value8(x);
  }

  /** The 8 bytes at {@code from} as a little-endian long: the first byte lowest. */
  public static long load8(byte[] s, int from) {
    return (long) LONGS.get(s, from);
  }

  /**
   * Zero exactly when each byte of {@code x} is an ASCII hex digit, so that several words are
   * checked with one branch: {@code notHex8(a) | notHex8(b)}.
   */
  public static long notHex8(long x) {
    long digits = (x + 0x50 * ONES) & ~(x + 0x46 * ONES);
    return ((digits | letters(x)) & HIGH) ^ HIGH | (x & HIGH);
  }

  /** The value of 8 hex digits that {@link #notHex8} accepted, first digit highest. */
  public static long value8(long x) {
    long v = (x & 0x0F * ONES) + ((letters(x) & HIGH) >>> 7) * 9;
    v = ((v << 4) | (v >>> 8)) & 0x00FF00FF00FF00FFL; // pairs of digits: one byte per 16 bits
    v = ((v << 8) | (v >>> 16)) & 0x0000FFFF0000FFFFL; // four digits per 32 bits
    return ((v << 16) | (v >>> 32)) & 0xFFFFFFFFL;
  }

  /** High bit set in each byte of {@code x} (all below 0x80) that is a letter {@code A-F a-f}. */
  private static long letters(long x) {
    long lower = x | 0x2020202020202020L;
    return (lower + 0x1F * ONES) & ~(lower + 0x19 * ONES);
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
    if (digits == 16) { // a 64-bit id: eight digits a step
      LONGS.set(dst, off, ascii8((int) (v >>> 32)));
      LONGS.set(dst, off + 8, ascii8((int) v));
      return;
    }
    for (int i = off + digits - 1; i >= off; i--) {
      dst[i] = (byte) DIGITS[(int) v & 0xf];
      v >>>= 4;
    }
  }

  /**
   * The 8 lowercase hex digits of {@code x} as the bytes of a little-endian long, first digit
   * lowest: each nibble spread to a byte, then {@code '0' + n}, plus {@code 'a' - '0' - 10} where
   * {@code n + 6} carries into bit 4, i.e. {@code n >= 10}.
   */
  private static long ascii8(int x) {
    long v = x & 0xFFFFFFFFL;
    v = (v | v << 16) & 0x0000FFFF0000FFFFL;
    v = (v | v << 8) & 0x00FF00FF00FF00FFL;
    v = (v | v << 4) & 0x0F0F0F0F0F0F0F0FL;
    v = Long.reverseBytes(v); // most significant nibble first
    return v + 0x30 * ONES + (((v + 0x06 * ONES) >>> 4) & ONES) * 0x27;
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
