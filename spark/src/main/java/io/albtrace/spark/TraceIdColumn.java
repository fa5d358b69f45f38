package io.albtrace.spark;

import io.albtrace.AmznTraceHeaderReader;
import io.albtrace.TraceId128;
import io.albtrace.internal.Hex;
import java.nio.charset.StandardCharsets;

/**
 * The ids albtrace derives from an ALB {@code trace_id} value (an {@code X-Amzn-Trace-Id}, read as
 * docs/spec.md §1 says), each under its SQL function name and its column name in
 * {@link AlbLogs#read}:
 *
 * <pre>
 * trace_id = Root=1-67891233-abcdef012345678912345678
 * albtrace_dd_trace_id(trace_id)     dd_trace_id    2541551403134113400                 §2, low 64 bits, unsigned decimal
 * albtrace_trace_id_128(trace_id)    trace_id_128   67891233abcdef012345678912345678    §2, 32 lowercase hex
 * albtrace_dd_p_tid(trace_id)        dd_p_tid       67891233abcdef01                    §2, high 64 bits (_dd.p.tid)
 * albtrace_parent_span_id(trace_id)  alb_span_id    00a80ccd5996a294                    §3, Parent, else mix64(Self or Root)
 * </pre>
 *
 * <p>Every one is null when the value is not a valid header: null, {@code -}, no or a malformed
 * {@code Root}, low 64 bits zero, longer than 8192 bytes. The value is read as its UTF-8 bytes,
 * as {@code albtrace enrich} reads the field, so the two agree on every header.
 */
public enum TraceIdColumn {
  DD_TRACE_ID("albtrace_dd_trace_id", "dd_trace_id") {
    @Override
    String of(AmznTraceHeaderReader h) {
      return TraceId128.of(h.rootHigh(), h.rootLow()).datadogTraceId();
    }
  },
  TRACE_ID_128("albtrace_trace_id_128", "trace_id_128") {
    @Override
    String of(AmznTraceHeaderReader h) {
      return TraceId128.of(h.rootHigh(), h.rootLow()).toHex();
    }
  },
  DD_P_TID("albtrace_dd_p_tid", "dd_p_tid") {
    @Override
    String of(AmznTraceHeaderReader h) {
      return TraceId128.of(h.rootHigh(), h.rootLow()).datadogTid();
    }
  },
  PARENT_SPAN_ID("albtrace_parent_span_id", "alb_span_id") {
    @Override
    String of(AmznTraceHeaderReader h) {
      return Hex.toHex16(h.parentSpanId());
    }
  };

  private final String functionName;
  private final String columnName;

  TraceIdColumn(String functionName, String columnName) {
    this.functionName = functionName;
    this.columnName = columnName;
  }

  /** The SQL function: {@code albtrace_dd_trace_id}. */
  public String functionName() {
    return functionName;
  }

  /** The column of {@link AlbLogs#read}: {@code dd_trace_id}. */
  public String columnName() {
    return columnName;
  }

  /** The id of a header {@code h} has just read as valid. */
  abstract String of(AmznTraceHeaderReader h);

  /** The id of {@code traceId} (a {@code trace_id} value), or null when it is not a valid header. */
  public String of(String traceId) {
    return traceId == null ? null : of(traceId.getBytes(StandardCharsets.UTF_8));
  }

  /** The id of the UTF-8 bytes of a {@code trace_id} value, or null when they are not a valid header. */
  String of(byte[] utf8) {
    AmznTraceHeaderReader h = new AmznTraceHeaderReader();
    return h.read(utf8, 0, utf8.length) ? of(h) : null;
  }
}
