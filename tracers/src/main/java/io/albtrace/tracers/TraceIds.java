package io.albtrace.tracers;

import io.albtrace.AmznTraceHeader;
import io.albtrace.internal.Hex;
import io.albtrace.internal.UnsignedDecimal;

/** Compares a tracer's textual trace id with a Root, without allocating. */
final class TraceIds {
  private TraceIds() {}

  /**
   * Whether {@code traceId} is the 128-bit id of {@code header}'s Root. Accepts 32 hex digits
   * (OpenTelemetry, Datadog's 128-bit form; either case) and an unsigned decimal (Datadog's 64-bit
   * form, which matches only a Root whose high 64 bits are zero: a 64-bit trace is not the 128-bit
   * one).
   */
  static boolean sameTrace(CharSequence traceId, AmznTraceHeader header) {
    if (traceId == null || !header.isValid()) return false;
    if (traceId.length() == 32) {
      return Hex.isHex(traceId, 0, 32)
          && Hex.decode(traceId, 0, 16) == header.rootHigh()
          && Hex.decode(traceId, 16, 32) == header.rootLow();
    }
    return header.rootHigh() == 0 && UnsignedDecimal.matches(traceId, header.rootLow());
  }
}
