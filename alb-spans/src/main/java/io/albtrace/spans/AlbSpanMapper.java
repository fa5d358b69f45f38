package io.albtrace.spans;

import io.albtrace.AmznTraceHeader;
import io.albtrace.AmznTraceHeaderReader;
import io.albtrace.TraceId128;
import io.albtrace.accesslog.AlbLogEntry;
import io.albtrace.accesslog.AlbLogField;
import io.albtrace.accesslog.AlbLogValues;
import io.albtrace.accesslog.AlbRequest;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.nio.charset.StandardCharsets;

/**
 * One ALB access-log entry → one OpenTelemetry {@link SpanData}: the ALB hop, parent of the service
 * span that albtrace's adapters continued from the same {@code X-Amzn-Trace-Id}.
 *
 * <pre>
 * h2 2026-09-29T23:35:00.186641Z app/my-lb/50dc6c495c0c9188 … 200 200 … "GET https://api.example.com:443/a HTTP/2.0"
 *   … "Root=1-67891233-abcdef012345678912345678" … 2026-09-29T23:35:00.136207Z …
 * → SERVER span "GET", trace 67891233abcdef012345678912345678, span 00a80ccd5996a294, no parent,
 *   start 23:35:00.136207, end 23:35:00.186641, status unset, service.name my-lb
 * </pre>
 *
 * <ul>
 *   <li>Trace id: the Root's 128 bits. Span id: the ALB hop's id, docs/spec.md §3 rules 2–3
 *       ({@link AmznTraceHeader#albSpanId()}) — the very id the adapters give the service span as
 *       its parent. Parent: the header's valid {@code Parent}, else none (a root span). Sampled
 *       unless the header says {@code Sampled=0}.
 *   <li>Name {@code {method}} (OpenTelemetry's HTTP server-span name when no route is known),
 *       {@code HTTP} for a method outside the standard ones ({@code http.request.method=_OTHER}).
 *   <li>Start {@code request_creation_time}, end {@code time} (when the ALB sent the response's
 *       last byte), both to the microsecond ALB writes; an older entry without
 *       {@code request_creation_time} starts at {@code time} less the three processing times.
 *   <li>Status error when {@code elb_status_code} is 5xx or when a forwarded request got no
 *       answer from a target (no {@code target_status_code}); the description is {@code error_reason}.
 * </ul>
 *
 * <p>A line that is not an ALB entry, or whose timestamps are not ISO 8601 UTC, gives no span:
 * {@link Result#MALFORMED}; an entry without a valid {@code trace_id}: {@link Result#NO_TRACE_ID}.
 * {@link #error()} says why. Never throws on content. Not thread-safe: one per thread.
 */
public final class AlbSpanMapper {
  /** What {@link #map} made of a line. */
  public enum Result {
    /** A span. */
    SPAN,
    /** An ALB entry whose {@code trace_id} is absent or not a valid header: no span. */
    NO_TRACE_ID,
    /** Not an ALB entry, or bad timestamps: no span. */
    MALFORMED
  }

  /** The instrumentation scope of every span: this library. */
  public static final String SCOPE_NAME = "io.albtrace.alb-spans";

  private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};
  private static final int TIME = AlbLogField.TIME.ordinal();
  private static final int CREATED = AlbLogField.REQUEST_CREATION_TIME.ordinal();
  private static final int REQUEST = AlbLogField.REQUEST.ordinal();

  private final AlbLogEntry entry = new AlbLogEntry();
  private final AlbRequest request = new AlbRequest();
  private final AmznTraceHeaderReader header = new AmznTraceHeaderReader();
  private final AlbResources resources = new AlbResources();
  private final InstrumentationScopeInfo scope;
  private Result result;
  private String error;

  public AlbSpanMapper() {
    String version = AlbSpanMapper.class.getPackage().getImplementationVersion();
    this.scope = version == null ? InstrumentationScopeInfo.create(SCOPE_NAME)
        : InstrumentationScopeInfo.builder(SCOPE_NAME).setVersion(version).build();
  }

  /** {@link #map(byte[], int, int)} of a line as text (UTF-8). */
  public SpanData map(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return map(b, 0, b.length);
  }

  /**
   * The span of {@code line[offset, offset + length)} (one line without its {@code \n}), or
   * {@code null}; {@link #result()} and {@link #error()} tell what happened.
   */
  public SpanData map(byte[] line, int offset, int length) {
    error = null;
    if (!entry.parse(line, offset, length)) return none(Result.MALFORMED, entry.error());
    long end = LogTimestamp.parse(line, entry.start(TIME), entry.end(TIME));
    if (end == LogTimestamp.INVALID) return none(Result.MALFORMED, "bad time");
    long start;
    if (entry.has(AlbLogField.REQUEST_CREATION_TIME) && !entry.isAbsent(CREATED)) {
      start = LogTimestamp.parse(line, entry.start(CREATED), entry.end(CREATED));
      if (start == LogTimestamp.INVALID) return none(Result.MALFORMED, "bad request_creation_time");
    } else {
      start = end - processingNanos();
    }
    if (entry.isAbsent(AlbLogField.TRACE_ID.ordinal())) return none(Result.NO_TRACE_ID, "no trace_id");
    if (!entry.readTraceId(header)) return none(Result.NO_TRACE_ID, header.invalid().reason());

    String traceId = TraceId.fromLongs(header.rootHigh(), header.rootLow());
    TraceFlags flags = header.sampled() == AmznTraceHeader.Sampled.NOT_SAMPLED ? TraceFlags.getDefault()
        : TraceFlags.getSampled();
    SpanContext context = SpanContext.create(traceId, SpanId.fromLong(header.albSpanId()), flags, TraceState.getDefault());
    SpanContext parent = header.parent() == 0 ? SpanContext.getInvalid()
        : SpanContext.createFromRemoteParent(traceId, SpanId.fromLong(header.parent()), flags, TraceState.getDefault());

    request.read(entry);
    AttributesBuilder b = Attributes.builder();
    String name = method(b);
    AlbSpanAttributes.traceTags(TraceId128.of(header.rootHigh(), header.rootLow()).toXrayRoot(),
        header.hasSelf() ? TraceId128.of(header.selfHigh(), header.selfLow()).toXrayRoot() : null, b);
    AlbSpanAttributes.add(entry, request, b);
    StatusData status = status(b);
    result = Result.SPAN;
    return new AlbSpanData(name, context, parent, status, start, Math.max(start, end), b.build(),
        resources.of(entry), scope);
  }

  /** What the last {@link #map} made of its line. */
  public Result result() {
    return result;
  }

  /** Why the last line gave no span ({@code null} after a span). */
  public String error() {
    return error;
  }

  private SpanData none(Result r, String why) {
    result = r;
    error = why;
    return null;
  }

  /** The three processing times summed, when none is -1: the hop's duration in an older entry. */
  private long processingNanos() {
    long sum = 0;
    for (int f = AlbLogField.REQUEST_PROCESSING_TIME.ordinal(); f <= AlbLogField.RESPONSE_PROCESSING_TIME.ordinal(); f++) {
      long ns = AlbLogValues.nanos(entry, f);
      if (ns < 0) return 0;
      sum += ns;
    }
    return sum;
  }

  /** {@code http.request.method} (and the span name) from the request line. */
  private String method(AttributesBuilder b) {
    if (request.methodStart() < 0) return "HTTP";
    String m = AlbLogValues.text(entry, REQUEST, request.methodStart(), request.methodEnd());
    for (String known : METHODS) {
      if (known.equals(m)) {
        b.put(AlbSpanAttributes.METHOD, known);
        return known;
      }
    }
    b.put(AlbSpanAttributes.METHOD, "_OTHER");
    b.put(AlbSpanAttributes.METHOD_ORIGINAL, m);
    return "HTTP";
  }

  /**
   * Error for an ELB 5xx, and when the request was forwarded but no target answered (a 460, or a
   * 5xx without a target status); {@code error.type} is ALB's {@code error_reason} when it gave
   * one, else the status code. 4xx are a server span's client errors: unset, as OpenTelemetry says.
   */
  private StatusData status(AttributesBuilder b) {
    long elb = AlbLogValues.number(entry, AlbLogField.ELB_STATUS_CODE.ordinal());
    boolean noAnswer = forwarded() && entry.isAbsent(AlbLogField.TARGET_STATUS_CODE.ordinal());
    if (!(elb >= 500 && elb <= 599) && !noAnswer) return StatusData.unset();
    String reason = AlbSpanAttributes.text(entry, AlbLogField.ERROR_REASON);
    b.put(AlbSpanAttributes.ERROR_TYPE, reason != null ? reason : elb >= 0 ? Long.toString(elb) : "no_target_response");
    return StatusData.create(StatusCode.ERROR, reason != null ? reason : noAnswer ? "no target answered" : "");
  }

  /** Whether the ALB sent the request to a target: a {@code forward} action (older entries: a target group). */
  private boolean forwarded() {
    String actions = AlbSpanAttributes.text(entry, AlbLogField.ACTIONS_EXECUTED);
    if (actions == null) {
      return !entry.has(AlbLogField.ACTIONS_EXECUTED) && !entry.isAbsent(AlbLogField.TARGET_GROUP_ARN.ordinal());
    }
    for (int from = 0; from < actions.length(); ) {
      int to = actions.indexOf(',', from);
      if (to < 0) to = actions.length();
      if (actions.startsWith("forward", from) && to - from == 7) return true;
      from = to + 1;
    }
    return false;
  }
}
