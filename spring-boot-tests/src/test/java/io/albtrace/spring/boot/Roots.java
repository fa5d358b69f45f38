package io.albtrace.spring.boot;

import io.albtrace.AmznTraceHeader;
import io.albtrace.DatadogHeaders;
import io.albtrace.W3CTraceContext;
import java.util.concurrent.atomic.AtomicLong;

/** Distinct ALB Roots for a test run, and what albtrace must make of them (through core's own codec). */
final class Roots {
  private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() & 0xffffffffffL);

  private Roots() {}

  /** A fresh ALB header {@code Root=1-<epoch>-<24 hex>}, never the same twice in this JVM. */
  static String next() {
    return String.format("Root=1-67891233-%08x%016x", 0xabcdef01L, NEXT.incrementAndGet());
  }

  static AmznTraceHeader parse(String header) {
    AmznTraceHeader h = AmznTraceHeader.parse(header);
    if (!h.isValid()) throw new IllegalArgumentException(header);
    return h;
  }

  /** The 32-hex trace id a continued span must have. */
  static String hex(String header) {
    return parse(header).root().toHex();
  }

  /** {@code 1-67891233-…}: the aws.alb.trace_id tag and MDC value. */
  static String xray(String header) {
    return parse(header).root().toXrayRoot();
  }

  static String datadogTraceId(String header) {
    return DatadogHeaders.traceId(parse(header));
  }

  static String datadogTags(String header) {
    return DatadogHeaders.tags(parse(header));
  }

  static String traceparent(String header) {
    return W3CTraceContext.traceparent(parse(header), true);
  }

  /** The docs/spec.md §3 parent span id of the ALB hop, 16 hex. */
  static String albHop(String header) {
    return parse(header).parentSpanIdHex();
  }
}
