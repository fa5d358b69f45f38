package io.albtrace.internal;

import java.lang.invoke.VarHandle;

/**
 * Finds the next byte of interest in a log line eight bytes at a time (SWAR: "SIMD within a
 * register"), so that the long plain stretches of a line — URLs, user agents, ARNs — cost one
 * check per eight bytes. Each mask function sets the high bit of exactly the bytes it looks for
 * (no false positives), so the first hit is the lowest marked byte ({@link #firstMarked}) in
 * little-endian order.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class ByteScan {
  private static final VarHandle LONGS = LittleEndian.LONGS;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long HIGH = 0x8080808080808080L;
  private static final long SPACES = 0x2020202020202020L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

  private ByteScan() {}

  /**
   * Index of the first byte (little-endian) whose high bit is set in {@code m}, a nonzero mask with
   * only high bits set: the lowest set bit {@code 1 << 8k+7}, moved to {@code 1 << 8k}, times a
   * constant whose byte {@code 7 - k} is {@code k}, leaves {@code k} in the top byte. A multiply
   * rather than {@code numberOfTrailingZeros(m) >>> 3}, which C1 (the CLI's compiler, and every
   * JVM's first) calls as a Java method instead of one instruction.
   */
  private static int firstMarked(long m) {
    return (int) ((((m & -m) >>> 7) * 0x0001020304050607L) >>> 56);
  }

  /** High bit set in each zero byte of {@code x}, exactly. */
  private static long zeros(long x) {
    return ~(((x & LOW7) + LOW7) | x | LOW7);
  }

  /**
   * High bit set in each byte of {@code x} that is DEL ({@code 0x7F}) or non-ASCII, exactly: adding
   * 1 to the low seven bits carries into the high bit only from {@code 0x7F}, and never into the
   * next byte.
   */
  private static long delOrHigh(long x) {
    return (((x & LOW7) + 0x0101010101010101L) | x) & HIGH;
  }

  /** High bit set in each byte of {@code x} below {@code 0x20} (a control byte), exactly. */
  private static long controls(long x) {
    return ~((x & LOW7) + 0x6060606060606060L) & ~x & HIGH;
  }

  /** High bit set in each byte of {@code x} that is {@code <= 0x20} (space or control), exactly. */
  private static long spacesOrControls(long x) {
    return ~((x & LOW7) + 0x5F5F5F5F5F5F5F5FL) & ~x & HIGH;
  }

  /**
   * Index of the first byte in {@code s[i, end)} that ends an unquoted field (space, control
   * byte, DEL) or that JSON must escape or check ({@code "}, {@code \\}, non-ASCII); or {@code end}.
   */
  public static int fieldEndOrSpecial(byte[] s, int i, int end) {
    for (; i + 8 <= end; i += 8) {
      long x = (long) LONGS.get(s, i);
      long m = delOrHigh(x) | spacesOrControls(x) | zeros(x ^ QUOTES) | zeros(x ^ BACKSLASHES);
      if (m != 0) return i + firstMarked(m);
    }
    for (; i < end; i++) {
      int b = s[i] & 0xff;
      if (b <= 0x20 || b >= 0x7f || b == '"' || b == '\\') return i;
    }
    return end;
  }

  /**
   * Index of the first {@code "}, control byte, DEL, {@code \\} or non-ASCII byte in
   * {@code s[i, end)}, or {@code end}: the end of a quoted field, or a byte JSON must escape or
   * check.
   */
  public static int quoteOrSpecial(byte[] s, int i, int end) {
    for (; i + 8 <= end; i += 8) {
      long x = (long) LONGS.get(s, i);
      long m = delOrHigh(x) | zeros(x ^ QUOTES) | controls(x) | zeros(x ^ BACKSLASHES);
      if (m != 0) return i + firstMarked(m);
    }
    for (; i < end; i++) {
      int b = s[i] & 0xff;
      if (b == '"' || b < 0x20 || b >= 0x7f || b == '\\') return i;
    }
    return end;
  }

  /** Index of the first {@code \n} in {@code s[i, end)}, or {@code end}. */
  public static int newline(byte[] s, int i, int end) {
    return indexOf(s, (byte) '\n', i, end);
  }

  /**
   * Index of the first byte {@code b} in {@code s[i, end)}, or {@code end}; eight bytes a step. The
   * last 1-7 bytes are one more word, the one that ends at {@code end}, its bytes before them
   * masked off (a byte's mark depends on that byte alone): a header's short fields then cost a word
   * each, not a byte-by-byte loop (13 to 7 ns on a 28-byte field). Only a range that ends within
   * the array's first 8 bytes is read byte by byte.
   */
  public static int indexOf(byte[] s, byte b, int i, int end) {
    long pattern = (b & 0xffL) * 0x0101010101010101L;
    for (; i + 8 <= end; i += 8) {
      long m = zeros((long) LONGS.get(s, i) ^ pattern);
      if (m != 0) return i + firstMarked(m);
    }
    if (i < end && end >= 8) {
      long m = zeros((long) LONGS.get(s, end - 8) ^ pattern) & -1L << ((i - end + 8) << 3);
      return m != 0 ? end - 8 + firstMarked(m) : end;
    }
    for (; i < end; i++) {
      if (s[i] == b) return i;
    }
    return end;
  }

  /**
   * Index of the first byte in {@code s[i, end)} that a JSON string cannot hold as is: {@code "},
   * {@code \}, a control byte, DEL or any non-ASCII byte (which must be checked as UTF-8); or
   * {@code end}.
   */
  public static int jsonSpecial(byte[] s, int i, int end) {
    for (; i + 8 <= end; i += 8) {
      long x = (long) LONGS.get(s, i);
      long m = delOrHigh(x) | zeros(x ^ QUOTES) | zeros(x ^ BACKSLASHES) | controls(x);
      if (m != 0) return i + firstMarked(m);
    }
    for (; i < end; i++) {
      int b = s[i] & 0xff;
      if (b == '"' || b == '\\' || b < 0x20 || b >= 0x7f) return i;
    }
    return end;
  }
}
