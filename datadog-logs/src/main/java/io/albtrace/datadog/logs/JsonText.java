package io.albtrace.datadog.logs;

/**
 * Walks the body of a JSON string as {@code io.albtrace.internal.JsonBuffer} writes it — valid
 * UTF-8, escapes {@code \"}, {@code \\}, {@code \n}, … and <code>&#92;u00XX</code> — one character at a
 * time, so it can be cut without splitting an escape or a UTF-8 sequence:
 *
 * <pre>
 * a\"é&#92;u0001b   characters: a | \" | é (2 bytes) | &#92;u0001 | b
 * </pre>
 */
final class JsonText {
  private JsonText() {}

  /** Index of the closing quote of the string whose body starts at {@code from}, or {@code to}. */
  static int stringEnd(byte[] s, int from, int to) {
    int i = from;
    while (i < to && s[i] != '"') i += length(s, i);
    return Math.min(i, to);
  }

  /** The end of the longest run of whole characters of {@code s[from, to)} that is at most {@code budget} bytes. */
  static int cutPoint(byte[] s, int from, int to, int budget) {
    int limit = from + budget;
    int i = from;
    while (i < to) {
      int n = length(s, i);
      if (i + n > limit) break;
      i += n;
    }
    return i;
  }

  /** Bytes of the character at {@code i}: an escape, or a UTF-8 sequence told by its lead byte. */
  private static int length(byte[] s, int i) {
    int b = s[i] & 0xff;
    if (b == '\\') return s[i + 1] == 'u' ? 6 : 2;
    if (b < 0x80) return 1;
    return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  }
}
