package io.albtrace.internal;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 well-formedness as RFC 3629 defines it: no overlong forms, no surrogates, nothing above
 * U+10FFFF.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * Length of the well-formed UTF-8 sequence that starts at {@code s[i]} (a byte {@code >= 0x80})
   * and ends before {@code to}, or 0 when there is none.
   */
  public static int sequenceLength(byte[] s, int i, int to) {
    int c = s[i] & 0xff;
    if (c >= 0xC2 && c <= 0xDF) {
      return i + 1 < to && continuation(s[i + 1]) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
      if (i + 2 >= to) return 0;
      int c1 = s[i + 1] & 0xff;
      boolean ok = c == 0xE0 ? c1 >= 0xA0 && c1 <= 0xBF
          : c == 0xED ? c1 >= 0x80 && c1 <= 0x9F
          : c1 >= 0x80 && c1 <= 0xBF;
      return ok && continuation(s[i + 2]) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      if (i + 3 >= to) return 0;
      int c1 = s[i + 1] & 0xff;
      boolean ok = c == 0xF0 ? c1 >= 0x90 && c1 <= 0xBF
          : c == 0xF4 ? c1 >= 0x80 && c1 <= 0x8F
          : c1 >= 0x80 && c1 <= 0xBF;
      return ok && continuation(s[i + 2]) && continuation(s[i + 3]) ? 4 : 0;
    }
    return 0;
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /** Whether {@code s[from, to)} is well-formed UTF-8 (no sequence may run past {@code to}). */
  public static boolean isValid(byte[] s, int from, int to) {
    for (int i = from; i < to; ) {
      if (s[i] >= 0) {
        i++;
      } else {
        int n = sequenceLength(s, i, to);
        if (n == 0) return false;
        i += n;
      }
    }
    return true;
  }

  /**
   * {@code s[from, to)} as text, each byte that is not part of a well-formed sequence replaced by
   * one U+FFFD: the replacement {@link JsonBuffer#string} makes, so that a line that is not UTF-8
   * reads the same in every output of albtrace. (The JDK's decoder replaces a whole ill-formed
   * subsequence by one U+FFFD instead.)
   *
   * <pre>{'a', 0xE2, 0x82, 'b', 0xFF} → "a\uFFFD\uFFFDb\uFFFD"</pre>
   */
  public static String decode(byte[] s, int from, int to) {
    if (isValid(s, from, to)) return new String(s, from, to - from, StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; ) {
      int n = s[i] >= 0 ? 1 : sequenceLength(s, i, to);
      if (n == 0) {
        sb.append('\uFFFD');
        i++;
      } else {
        sb.append(new String(s, i, n, StandardCharsets.UTF_8));
        i += n;
      }
    }
    return sb.toString();
  }
}
