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
    return io.albtrace.internal.Json.appendString(s, sb);
  }

  @Override
  public String toString() {
    return sb.toString() + '}';
  }
}
