package io.albtrace.tracers;

import io.albtrace.AmznTraceHeader;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** Tags {@code Span.current()}. Loaded only when {@link Tracers#openTelemetryApiPresent()}. */
final class OpenTelemetrySpans {
  private OpenTelemetrySpans() {}

  /** Whether a span was current and got the tags. */
  static boolean tagCurrent(AmznTraceHeader header, String root, String self) {
    Span span = Span.current();
    SpanContext context = span.getSpanContext();
    if (!context.isValid()) return false;
    span.setAttribute(AlbSpanTags.TRACE_ID, root);
    if (self != null) span.setAttribute(AlbSpanTags.SELF, self);
    span.setAttribute(AlbSpanTags.CONTINUED, TraceIds.sameTrace(context.getTraceId(), header));
    return true;
  }

  /** The current span's 32-hex trace id, or {@code null} when no span is current. */
  static String currentTraceId() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }
}
