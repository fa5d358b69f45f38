package io.albtrace;

import io.albtrace.internal.Hex;
import io.albtrace.internal.UnsignedDecimal;

/**
 * Datadog's propagation headers for a valid {@link AmznTraceHeader}, as docs/spec.md §4 writes them:
 *
 * <pre>
 * x-datadog-trace-id: 2541551403134113400              low 64 bits, unsigned decimal
 * x-datadog-tags: _dd.p.tid=67891233abcdef01           high 64 bits, 16 lowercase hex
 * x-datadog-parent-id: 6023947403358210776             only when the header has a valid Parent
 *                                                      (or, opted in, the ALB hop's span id)
 * x-datadog-sampling-priority: 1                       only for Sampled=1 (1) or Sampled=0 (0)
 * </pre>
 *
 * <p>With no parent and no priority, dd-java-agent continues the 128-bit trace with
 * {@code parent_id=0} and makes its own sampling decision. The reverse mapping lives in
 * {@link TraceId128#fromDatadog}.
 */
public final class DatadogHeaders {
  public static final String TRACE_ID = "x-datadog-trace-id";
  public static final String PARENT_ID = "x-datadog-parent-id";
  public static final String TAGS = "x-datadog-tags";
  public static final String SAMPLING_PRIORITY = "x-datadog-sampling-priority";

  /** The tag that carries the high 64 bits of a 128-bit trace id. */
  public static final String TID_TAG = "_dd.p.tid";

  private DatadogHeaders() {}

  /** {@code x-datadog-trace-id}: the Root's low 64 bits as an unsigned decimal. */
  public static String traceId(AmznTraceHeader h) {
    return UnsignedDecimal.toString(valid(h).rootLow());
  }

  /** {@code x-datadog-tags}: {@code _dd.p.tid=<high 64 bits as 16 hex>}. */
  public static String tags(AmznTraceHeader h) {
    return Hex.append(valid(h).rootHigh(), 16, new StringBuilder(26).append(TID_TAG).append('='))
        .toString();
  }

  /** {@code x-datadog-parent-id}: the {@code Parent} field as unsigned decimal, or {@code null}. */
  public static String parentId(AmznTraceHeader h) {
    return valid(h).hasParent() ? UnsignedDecimal.toString(h.parent()) : null;
  }

  /**
   * {@code x-datadog-parent-id} naming the ALB hop's span ({@link AmznTraceHeader#albSpanId()}) as
   * an unsigned decimal: for {@code albtrace.datadog.parent=alb}.
   */
  public static String albParentId(AmznTraceHeader h) {
    return UnsignedDecimal.toString(valid(h).albSpanId());
  }

  /**
   * {@code x-datadog-sampling-priority}: {@code "1"} for {@code Sampled=1}, {@code "0"} for
   * {@code Sampled=0}, else {@code null} so that the tracer's own sampler decides.
   */
  public static String samplingPriority(AmznTraceHeader h) {
    switch (valid(h).sampled()) {
      case SAMPLED: return "1";
      case NOT_SAMPLED: return "0";
      default: return null;
    }
  }

  /**
   * Writes the low 64 bits as an unsigned decimal of ASCII digits ending just before {@code end}
   * of {@code dst}, returning the index of the first digit (at most 20 bytes are used): the
   * allocation-free form of {@link #traceId}, for loggers and pipelines that reuse one buffer.
   *
   * <pre>writeTraceId(0x2345678912345678L, buf, 20) → buf[1..20) = "2541551403134113400", returns 1</pre>
   */
  public static int writeTraceId(long low, byte[] dst, int end) {
    return UnsignedDecimal.writeBackwards(low, dst, end);
  }

  /**
   * Writes {@code high} as the 16 lowercase ASCII hex digits of {@code _dd.p.tid} at
   * {@code dst[off, off + 16)}: the allocation-free form of the value {@link #tags} carries.
   */
  public static void writeTid(long high, byte[] dst, int off) {
    Hex.write(high, 16, dst, off);
  }

  static AmznTraceHeader valid(AmznTraceHeader h) {
    if (!h.isValid()) {
      throw new IllegalArgumentException("invalid " + AmznTraceHeader.NAME + ": " + h.invalid());
    }
    return h;
  }
}
