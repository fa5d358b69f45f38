package io.albtrace.tracers;

import io.albtrace.AmznTraceHeader;

/**
 * The docs/spec.md §7 span tags, written on whichever tracer's current server span exists:
 *
 * <pre>
 * aws.alb.trace_id    1-67891233-abcdef012345678912345678   the Root, lowercase (header valid)
 * aws.alb.self        1-67891233-12456789abcdef012345       the Self id (Self valid)
 * aws.alb.continued   true | false                           the span's trace id is the Root's 128 bits
 * </pre>
 *
 * <p>Tracers, each used only when its API is present ({@link Tracers}):
 *
 * <ul>
 *   <li>OpenTelemetry: {@code Span.current()} when valid (also dd-java-agent with {@code
 *       dd.trace.otel.enabled=true}, and the OpenTelemetry agent, which bridges the API).
 *   <li>dd-java-agent: OpenTracing's active span, which under the agent implements dd-trace-api's
 *       {@code MutableSpan}: its {@code getLocalRootSpan()} gets the tags. {@code continued} compares
 *       {@code CorrelationIdentifier.getTraceId()} (32 hex for 128-bit traces, else decimal low 64).
 * </ul>
 *
 * <p>{@code aws.alb.continued} is never assumed: it is read from the span's actual trace id, so it
 * says whether the continuation (or an upstream context) really produced the Root's trace.
 */
public final class AlbSpanTags {
  /** {@code aws.alb.trace_id}: the Root id. */
  public static final String TRACE_ID = "aws.alb.trace_id";
  /** {@code aws.alb.self}: the Self id. */
  public static final String SELF = "aws.alb.self";
  /** {@code aws.alb.continued}: whether the span's trace is the Root's. */
  public static final String CONTINUED = "aws.alb.continued";

  private AlbSpanTags() {}

  /**
   * Tags the current server span(s) with the §7 tags for a valid {@code header}. Never throws.
   *
   * @return whether at least one span was tagged ({@code false} for an invalid header, or when no
   *     tracer has a current span)
   */
  public static boolean tagCurrentSpan(AmznTraceHeader header) {
    if (header == null || !header.isValid()) return false;
    String root;
    String self;
    try {
      root = header.root().toXrayRoot();
      self = header.hasSelf() ? header.self().toXrayRoot() : null;
    } catch (RuntimeException e) {
      return false;
    }
    boolean tagged = false;
    if (Tracers.openTelemetryApiPresent()) {
      try {
        tagged = OpenTelemetrySpans.tagCurrent(header, root, self);
      } catch (RuntimeException | LinkageError e) { // a tracer bug or an API/SDK mismatch must never reach the request
        tagged = false;
      }
    }
    if (Tracers.datadogApiPresent() && Tracers.openTracingPresent()) {
      try {
        tagged |= DatadogSpans.tagCurrent(header, root, self);
      } catch (RuntimeException | LinkageError e) {
        // as above
      }
    }
    return tagged;
  }

  /**
   * The trace id of the tracer's current span: OpenTelemetry's 32 hex when a span is current, else
   * dd-java-agent's ({@code CorrelationIdentifier}: 32 hex for 128-bit traces, else the unsigned
   * decimal low 64), else {@code null}. Never throws.
   */
  public static String currentTraceId() {
    if (Tracers.openTelemetryApiPresent()) {
      try {
        String id = OpenTelemetrySpans.currentTraceId();
        if (id != null) return id;
      } catch (RuntimeException | LinkageError e) {
        // fall through to Datadog
      }
    }
    if (Tracers.datadogApiPresent()) {
      try {
        return DatadogSpans.currentTraceId();
      } catch (RuntimeException | LinkageError e) {
        return null;
      }
    }
    return null;
  }

  /**
   * Whether {@code traceId} — 32 hex digits, or Datadog's unsigned decimal low 64 — is {@code
   * header}'s Root as a 128-bit id: the value of {@code aws.alb.continued}. A decimal id matches only
   * a Root whose high 64 bits are zero, because a 64-bit trace is not the 128-bit one.
   */
  public static boolean isContinued(CharSequence traceId, AmznTraceHeader header) {
    return header != null && TraceIds.sameTrace(traceId, header);
  }
}
