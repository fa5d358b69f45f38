package io.albtrace.reliability;

import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.HeaderGetter;
import io.albtrace.continuation.HeaderSetter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's headers as the continuation flow sees them through any adapter: names compare
 * ignoring case, and what the flow adds is recorded.
 */
final class Requests {
  /** docs/spec.md §7: the headers that carry an upstream tracer's context, lowercase. */
  static final List<String> TRACING_CONTEXT_HEADERS = List.of("traceparent", "x-datadog-trace-id", "b3", "x-b3-traceid");

  final Map<String, String> headers = new LinkedHashMap<>();
  final List<String[]> added = new ArrayList<>();

  static final HeaderGetter<Requests> GETTER = (r, name) -> r.headers.get(name.toLowerCase(Locale.ROOT));
  static final HeaderSetter<Requests> SETTER = (r, name, value) -> r.added.add(new String[] {name, value});

  /** Whether the request has an upstream tracing context (docs/spec.md §7), by header name. */
  static boolean isTracingContextHeader(String name) {
    return TRACING_CONTEXT_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether {@code c} continues a request whose {@code X-Amzn-Trace-Id} is {@code amznTraceId}, with
   * ({@code tracingContext}) or without an upstream {@code traceparent}.
   */
  static boolean continues(Continuation c, String amznTraceId, boolean tracingContext) {
    Requests r = new Requests();
    r.headers.put("x-amzn-trace-id", amznTraceId);
    if (tracingContext) r.headers.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    c.continueTrace(r, GETTER, SETTER);
    return !r.added.isEmpty();
  }
}
