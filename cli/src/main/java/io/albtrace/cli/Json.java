package io.albtrace.cli;

/** Just enough JSON writing for the CLI's flat objects: strings escaped per RFC 8259. */
final class Json {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /**
   * Appends {@code s} as a JSON string. Quotes, backslashes and control characters are escaped;
   * other chars pass through (the output is written as UTF-8). A lone surrogate, which UTF-8 cannot
   * encode, is written as a {@code \\u} escape so the output stays valid.
   */
  static StringBuilder string(CharSequence s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || isLoneSurrogate(s, i, c)) {
            unicodeEscape(c, sb);
          } else {
            sb.append(c);
            if (Character.isHighSurrogate(c)) sb.append(s.charAt(++i)); // its pair, checked above
          }
      }
    }
    return sb.append('"');
  }

  static StringBuilder field(String name, CharSequence value, StringBuilder sb) {
    return string(value, string(name, sb).append(':'));
  }

  private static boolean isLoneSurrogate(CharSequence s, int i, char c) {
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    return Character.isLowSurrogate(c); // a low one not consumed with its high one
  }

  private static void unicodeEscape(char c, StringBuilder sb) {
    sb.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
        .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
  }
}
