package io.albtrace;

import io.albtrace.internal.Hex;

/**
 * Writes the {@code X-Amzn-Trace-Id} to send on a call that goes back through an ALB, so the next
 * hop joins this trace (docs/spec.md §4):
 *
 * <pre>Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1</pre>
 */
public final class AmznTraceHeaderWriter {
  private AmznTraceHeaderWriter() {}

  /**
   * The outbound header for the span {@code parentSpanId} of trace {@code root}.
   *
   * @param parentSpanId the id of the span making the call
   * @param sampled the caller's sampling decision
   */
  public static String write(TraceId128 root, long parentSpanId, boolean sampled) {
    StringBuilder sb = new StringBuilder(5 + 35 + 8 + 16 + 10).append("Root=");
    TraceId128.appendXrayId(root.high(), root.low(), sb).append(";Parent=");
    Hex.append(parentSpanId, 16, sb);
    return sb.append(";Sampled=").append(sampled ? '1' : '0').toString();
  }
}
