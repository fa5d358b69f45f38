package io.albtrace.examples;

/** Just enough JSON writing for the demos' one-object answers: {@code {"k": "v", "b": true}}. */
final class Json {
  private final StringBuilder sb = new StringBuilder(256).append('{');

  Json put(String key, Object value) {
    if (sb.length() > 1) sb.append(", ");
    string(key).append(": ");
    if (value == null) sb.append("null");
    else if (value instanceof Boolean || value instanceof Number) sb.append(value);
    else if (value instanceof Json) sb.append(((Json) value).toString());
    else string(value.toString());
    return this;
  }

  private StringBuilder string(String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.append('"');
  }

  @Override
  public String toString() {
    return sb.toString() + '}';
  }
}
