package io.albtrace.continuation;

import io.albtrace.AmznTraceHeader;
import io.albtrace.DatadogHeaders;

/**
 * Which {@code x-datadog-parent-id} a continued request gets (docs/spec.md §4, setting
 * {@code albtrace.datadog.parent}):
 *
 * <pre>
 * X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678
 *   header (default):  no x-datadog-parent-id        → dd-java-agent: server span parent_id=0
 *   alb:               x-datadog-parent-id: 47301872198263444   (0x00a80ccd5996a294, the ALB hop's span)
 * </pre>
 *
 * <p>{@link #ALB} is for users who ship the ALB hop as a span ({@code albtrace spans}): that span
 * carries exactly this id, so in Datadog it becomes the parent of the service's server span.
 * Without it the id would name a span nobody reports, so it is opt-in.
 */
public enum DatadogParent {
  /** Only the header's own valid {@code Parent}, as an unsigned decimal; none without one (default). */
  HEADER,
  /**
   * The ALB hop's span id, docs/spec.md §3 rules 2–3 ({@link AmznTraceHeader#albSpanId()}), whether
   * or not the header has a {@code Parent}: the ALB span's own parent is that {@code Parent}.
   */
  ALB;

  /** The {@code x-datadog-parent-id} value for a valid {@code header}, or {@code null} for none. */
  String value(AmznTraceHeader header) {
    return this == ALB ? DatadogHeaders.albParentId(header) : DatadogHeaders.parentId(header);
  }

  /** Reads {@code header} or {@code alb}, in any case. */
  public static DatadogParent parse(String text) {
    String t = text.trim();
    for (DatadogParent p : values()) {
      if (p.name().equalsIgnoreCase(t)) return p;
    }
    throw new IllegalArgumentException("unknown Datadog parent '" + text + "': use header or alb");
  }
}
