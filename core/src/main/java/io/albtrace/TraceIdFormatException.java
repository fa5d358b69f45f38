package io.albtrace;

/**
 * A trace id in Datadog, W3C or X-Ray form that cannot be mapped, with the reason. Thrown by the
 * reverse mapping ({@link TraceId128#fromHex}, {@link TraceId128#fromDatadog}) and by
 * {@link AmznTraceHeader#parseOrThrow} (as {@link InvalidHeaderException}); never by {@link AmznTraceHeader#parse}.
 */
public class TraceIdFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public TraceIdFormatException(String message) {
    super(message);
  }
}
