package io.albtrace.accesslog;

import io.albtrace.internal.ByteScan;
import io.albtrace.internal.Hex;

/**
 * ALB's escaping inside quoted access-log fields: {@code "} is written as {@code \x22}, {@code \}
 * as {@code \x5C}, and control or non-ASCII bytes as one {@code \xHH} per UTF-8 byte.
 *
 * <pre>"Mozilla/5.0 \xE2\x9C\x93" → Mozilla/5.0 ✓</pre>
 *
 * <p>A backslash not followed by {@code x} and two ASCII hex digits is an ordinary byte.
 */
final class AlbEscapes {
  private AlbEscapes() {}

  /** The byte that the escape {@code \xHH} at {@code s[p]} stands for, or -1 when there is none. */
  static int escapedByte(byte[] s, int p, int end) {
    if (s[p] != '\\' || p + 4 > end || s[p + 1] != 'x') return -1;
    int hi = Hex.value(s[p + 2]), lo = Hex.value(s[p + 3]);
    return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
  }

  /** Index of the first escape in {@code s[from, to)}, or {@code to}. */
  static int first(byte[] s, int from, int to) {
    int i = ByteScan.indexOf(s, (byte) '\\', from, to);
    while (i < to && escapedByte(s, i, to) < 0) i = ByteScan.indexOf(s, (byte) '\\', i + 1, to);
    return i;
  }

  /**
   * Decodes the escapes of {@code s[from, to)} into {@code dst} (at least {@code to - from} long)
   * and returns the decoded length.
   */
  static int decode(byte[] s, int from, int to, byte[] dst) {
    int n = 0;
    for (int p = from; p < to; ) {
      int v = s[p] == '\\' ? escapedByte(s, p, to) : -1;
      if (v >= 0) {
        dst[n++] = (byte) v;
        p += 4;
      } else {
        dst[n++] = s[p++];
      }
    }
    return n;
  }
}
