package io.albtrace;

import io.albtrace.internal.Hex;

/**
 * The W3C Trace Context {@code traceparent} for a valid {@link AmznTraceHeader} (docs/spec.md §4):
 *
 * <pre>
 * traceparent: 00-67891233abcdef012345678912345678-00a80ccd5996a294-01
 *              version-trace_id_128-parent span id (docs/spec.md §3)-flags
 * </pre>
 *
 * <p>Flags are {@code 00} for {@code Sampled=0} and {@code 01} for {@code Sampled=1}. An ALB defers
 * the decision (no {@code Sampled}, or {@code Sampled=?}); {@code sampleDeferred} says what to do
 * then, and albtrace's default is {@code true} (keep the trace), because a W3C receiver has no way to
 * say "decide yourself".
 */
public final class W3CTraceContext {
  public static final String TRACEPARENT = "traceparent";

  /** What albtrace writes for a deferred sampling decision unless configured otherwise. */
  public static final boolean DEFAULT_SAMPLE_DEFERRED = true;

  private W3CTraceContext() {}

  /** The {@code traceparent} continuing {@code h}, keeping deferred decisions as sampled. */
  public static String traceparent(AmznTraceHeader h) {
    return traceparent(h, DEFAULT_SAMPLE_DEFERRED);
  }

  /**
   * The {@code traceparent} continuing {@code h}.
   *
   * @param sampleDeferred the flag to write when {@code Sampled} is absent or {@code ?}
   * @throws IllegalArgumentException when {@code h} is invalid
   */
  public static String traceparent(AmznTraceHeader h, boolean sampleDeferred) {
    DatadogHeaders.valid(h);
    return traceparent(h.rootHigh(), h.rootLow(), h.parentSpanId(), isSampled(h, sampleDeferred));
  }

  /** {@code 00-<high><low>-<spanId>-<01|00>}, all lowercase hex. */
  public static String traceparent(long high, long low, long spanId, boolean sampled) {
    char[] c = new char[55];
    c[0] = '0';
    c[1] = '0';
    c[2] = '-';
    Hex.write(high, 16, c, 3);
    Hex.write(low, 16, c, 19);
    c[35] = '-';
    Hex.write(spanId, 16, c, 36);
    c[52] = '-';
    c[53] = '0';
    c[54] = sampled ? '1' : '0';
    return new String(c);
  }

  /** The sampled flag for {@code h}: its own decision, or {@code sampleDeferred} when it has none. */
  public static boolean isSampled(AmznTraceHeader h, boolean sampleDeferred) {
    switch (h.sampled()) {
      case SAMPLED: return true;
      case NOT_SAMPLED: return false;
      default: return sampleDeferred;
    }
  }
}
