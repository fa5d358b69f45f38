package io.albtrace.tracers;

import io.opentracing.util.GlobalTracer;

/** OpenTracing's active span. Loaded only when {@link Tracers#openTracingPresent()}. */
final class OpenTracingSpans {
  private OpenTracingSpans() {}

  /** {@code GlobalTracer.get().activeSpan()}, or {@code null}. */
  static Object activeSpan() {
    return GlobalTracer.get().activeSpan();
  }
}
