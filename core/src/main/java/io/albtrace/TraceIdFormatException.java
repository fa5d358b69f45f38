package io.albtrace;

/**
 * A trace id in Datadog, W3C or X-Ray form that cannot be mapped, with the reason. Thrown by the
 * reverse mapping ({@link TraceId128#fromHex}, {@link TraceId128#fromDatadog}) and by
 * {@link AmznTraceHeader#parseOrThrow}; never by {@link AmznTraceHeader#parse}.
 */
public class TraceIdFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_QUOTED = 64;

  public TraceIdFormatException(String message) {
    super(message);
  }

  /** {@code "text"} for a message, shortened so an attacker's megabyte never lands in a log. */
  static String quote(CharSequence s, int from, int to) {
    StringBuilder sb = new StringBuilder(Math.min(to - from, MAX_QUOTED) + 8).append('"');
    for (int i = from; i < to && i < from + MAX_QUOTED; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (to - from > MAX_QUOTED) sb.append("...");
    return sb.append('"').toString();
  }
}
