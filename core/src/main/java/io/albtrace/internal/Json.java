package io.albtrace.internal;

/**
 * The one JSON string escaper of albtrace (RFC 8259), for text ({@link #appendString}) and for
 * UTF-8 bytes ({@link JsonBuffer#string}). Both escape the same characters the same way:
 *
 * <pre>
 * "  \  →  \"  \\          LF CR HTAB  →  \n \r \t
 * other controls, DEL      →  &#92;u00XX
 * U+2028, U+2029           →  &#92;u2028 &#92;u2029   (valid JSON, escaped so the line is valid JavaScript)
 * </pre>
 *
 * <p>Internal: not API, may change in any release.
 */
public final class Json {
  private Json() {}

  /**
   * Appends {@code s} as a JSON string. Other chars pass through (the output is written as UTF-8);
   * a lone surrogate, which UTF-8 cannot encode, is written as a <code>&#92;u</code> escape so the output
   * stays valid.
   */
  public static StringBuilder appendString(CharSequence s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      char shortEscape = shortEscape(c);
      if (shortEscape != 0) {
        sb.append('\\').append(shortEscape);
      } else if (needsUnicodeEscape(c) || isLoneSurrogate(s, i, c)) {
        sb.append('\\').append('u');
        Hex.append(c, 4, sb);
      } else {
        sb.append(c);
        if (Character.isHighSurrogate(c)) sb.append(s.charAt(++i)); // its pair, checked above
      }
    }
    return sb.append('"');
  }

  /** Appends {@code "name":"value"}, both escaped. */
  public static StringBuilder appendField(String name, CharSequence value, StringBuilder sb) {
    return appendString(value, appendString(name, sb).append(':'));
  }

  /** The letter of the two-char escape of {@code c} ({@code n} for LF, ...), or 0 when it has none. */
  static char shortEscape(int c) {
    switch (c) {
      case '"': return '"';
      case '\\': return '\\';
      case '\n': return 'n';
      case '\r': return 'r';
      case '\t': return 't';
      default: return 0;
    }
  }

  /** Whether {@code c} (not one with a {@link #shortEscape}) must be written as <code>&#92;uXXXX</code>. */
  static boolean needsUnicodeEscape(int c) {
    return c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029;
  }

  private static boolean isLoneSurrogate(CharSequence s, int i, char c) {
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    return Character.isLowSurrogate(c); // a low one not consumed with its high one
  }
}
