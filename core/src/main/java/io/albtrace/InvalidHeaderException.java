package io.albtrace;

/**
 * Thrown by {@link AmznTraceHeader#parseOrThrow}: the header is invalid for {@link #invalid()}.
 * {@link AmznTraceHeader#parse} never throws; this is for callers that prefer an exception.
 */
public final class InvalidHeaderException extends TraceIdFormatException {
  private static final long serialVersionUID = 1L;
  private final transient AmznTraceHeader.Invalid invalid;

  InvalidHeaderException(AmznTraceHeader.Invalid invalid) {
    super("invalid " + AmznTraceHeader.NAME + ": " + invalid.reason());
    this.invalid = invalid;
  }

  public AmznTraceHeader.Invalid invalid() {
    return invalid;
  }
}
