package io.albtrace.tracers;

import datadog.trace.api.CorrelationIdentifier;
import datadog.trace.api.interceptor.MutableSpan;
import io.albtrace.AmznTraceHeader;

/**
 * Tags dd-java-agent's local root span. dd-trace-api has no span API, but under the agent
 * OpenTracing's {@code GlobalTracer} is the agent's tracer and its active span implements {@link
 * MutableSpan}. Loaded only when {@link Tracers#datadogApiPresent()}; the OpenTracing part only when
 * {@link Tracers#openTracingPresent()} as well.
 */
final class DatadogSpans {
  private DatadogSpans() {}

  /**
   * The active trace's id as dd-java-agent reports it: 32 lowercase hex for a 128-bit trace, else
   * the unsigned decimal low 64 bits; {@code null} when no span is active.
   */
  static String currentTraceId() {
    String id = CorrelationIdentifier.getTraceId();
    return id == null || id.isEmpty() || "0".equals(id) ? null : id;
  }

  /** Whether an active Datadog span was found and its local root got the tags. */
  static boolean tagCurrent(AmznTraceHeader header, String root, String self) {
    Object active = OpenTracingSpans.activeSpan();
    if (!(active instanceof MutableSpan)) return false;
    MutableSpan span = (MutableSpan) active;
    MutableSpan localRoot = span.getLocalRootSpan();
    if (localRoot != null) span = localRoot;
    span.setTag(AlbSpanTags.TRACE_ID, root);
    if (self != null) span.setTag(AlbSpanTags.SELF, self);
    span.setTag(AlbSpanTags.CONTINUED, TraceIds.sameTrace(currentTraceId(), header));
    return true;
  }
}
