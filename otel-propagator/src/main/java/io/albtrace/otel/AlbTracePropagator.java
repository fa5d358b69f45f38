package io.albtrace.otel;

import io.albtrace.AmznTraceHeader;
import io.albtrace.AmznTraceHeaderWriter;
import io.albtrace.TraceId128;
import io.albtrace.W3CTraceContext;
import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.Collections;

/**
 * Continues the trace an AWS Application Load Balancer started, in OpenTelemetry: the
 * {@code X-Amzn-Trace-Id} Root's 128 bits become the trace id (docs/spec.md §2), so the ALB access log and
 * the APM trace share one id.
 *
 * <pre>
 * X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678          (what an ALB sends)
 *   → remote parent SpanContext
 *       trace id  67891233abcdef012345678912345678                    docs/spec.md §2
 *       span id   00a80ccd5996a294      Parent, else mix64(Self or Root)  docs/spec.md §3
 *       sampled   Sampled=1 → yes, Sampled=0 → no, absent or ? → {@link #sampleDeferred()}
 * </pre>
 *
 * <p>Unlike OpenTelemetry's {@code AwsXrayPropagator}, a Root without {@code Parent} (every
 * ALB-generated header) is continued, keys are matched exactly ({@code RootCause=} is not
 * {@code Root=}), and {@code Sampled=?} does not void the header. Parsing is core's
 * {@link AmznTraceHeader#parse}, docs/spec.md §1 to the letter.
 *
 * <p>In a composite ({@code OTEL_PROPAGATORS=tracecontext,baggage,albtrace}) a span context another
 * propagator already extracted is never replaced, and {@code tracecontext} replaces ours when it
 * runs later: either way an upstream tracer's {@code traceparent} wins, as docs/spec.md §7 asks.
 *
 * <p>{@link #inject} writes the outbound header (docs/spec.md §4) for calls that go back through an ALB:
 *
 * <pre>X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1</pre>
 *
 * <p>A propagator cannot write span attributes; the {@code aws.alb.*} tags of docs/spec.md §7 come from the
 * servlet and Netty adapters. Immutable and thread-safe; {@link #extract} never throws on bad input.
 */
public final class AlbTracePropagator implements TextMapPropagator {
  /** The name to list in {@code OTEL_PROPAGATORS} / {@code otel.propagators}. */
  public static final String NAME = "albtrace";

  static final String HEADER_LOWERCASE = "x-amzn-trace-id";
  private static final Collection<String> FIELDS = Collections.singletonList(AmznTraceHeader.NAME);

  private static final AlbTracePropagator DEFAULT =
      new AlbTracePropagator(TrustPolicy.ALWAYS, W3CTraceContext.DEFAULT_SAMPLE_DEFERRED);

  private final TrustPolicy trustPolicy;
  private final boolean sampleDeferred;

  private AlbTracePropagator(TrustPolicy trustPolicy, boolean sampleDeferred) {
    this.trustPolicy = trustPolicy;
    this.sampleDeferred = sampleDeferred;
  }

  /** Continues every valid Root ({@link TrustPolicy#ALWAYS}), deferred decisions as sampled. */
  public static AlbTracePropagator getInstance() {
    return DEFAULT;
  }

  /**
   * A propagator with these settings.
   *
   * @param trustPolicy which Roots become the trace id; {@link TrustPolicy#NEVER} extracts nothing
   * @param sampleDeferred the sampled flag when the header has no {@code Sampled=0|1} (an ALB never
   *     sends one)
   */
  public static AlbTracePropagator create(TrustPolicy trustPolicy, boolean sampleDeferred) {
    if (trustPolicy == null) throw new NullPointerException("trustPolicy");
    return new AlbTracePropagator(trustPolicy, sampleDeferred);
  }

  /**
   * Reads the albtrace settings {@code albtrace.trust-policy}, {@code albtrace.continue} ({@code
   * false} means {@link TrustPolicy#NEVER}) and {@code albtrace.sample-deferred} from {@code
   * settings}: the same settings, read the same way ({@link Continuation#load},
   * {@link Continuation#fromSystem}), as every other albtrace adapter.
   */
  public static AlbTracePropagator create(Continuation settings) {
    return create(settings.enabled() ? settings.trustPolicy() : TrustPolicy.NEVER, settings.sampleDeferred());
  }

  /**
   * {@link #create(Continuation)} with the settings from system properties, then environment
   * variables ({@code albtrace.trust-policy} / {@code ALBTRACE_TRUST_POLICY}, ...), for code that
   * wires propagators by hand. An invalid value is logged once and the propagator extracts
   * nothing.
   */
  public static AlbTracePropagator fromSystem() {
    return create(Continuation.fromSystem());
  }

  public TrustPolicy trustPolicy() {
    return trustPolicy;
  }

  /** The sampled flag given to a Root whose sender deferred the decision ({@code true} by default). */
  public boolean sampleDeferred() {
    return sampleDeferred;
  }

  @Override
  public Collection<String> fields() {
    return FIELDS;
  }

  /**
   * Writes {@code X-Amzn-Trace-Id: Root=…;Parent=<span id>;Sampled=<0|1>} for the span in
   * {@code context}, when it is valid. The Root is the span's trace id (docs/spec.md §5); a trace id whose
   * low 64 bits are zero cannot be a valid Root and is not written.
   */
  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) return;
    SpanContext span = Span.fromContext(context).getSpanContext();
    if (!span.isValid()) return;
    byte[] traceId = span.getTraceIdBytes();
    long low = readLong(traceId, 8);
    if (low == 0) return;
    TraceId128 root = TraceId128.of(readLong(traceId, 0), low);
    long spanId = readLong(span.getSpanIdBytes(), 0);
    setter.set(carrier, AmznTraceHeader.NAME, AmznTraceHeaderWriter.write(root, spanId, span.isSampled()));
  }

  /**
   * Adds the remote parent that continues a valid {@code X-Amzn-Trace-Id}, unless {@code context}
   * already has a valid span context or the trust policy refuses the Root; otherwise returns
   * {@code context} unchanged.
   */
  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (context == null) return Context.root();
    if (getter == null) return context;
    if (Span.fromContext(context).getSpanContext().isValid()) return context;
    AmznTraceHeader header = AmznTraceHeader.parse(header(carrier, getter));
    if (!trustPolicy.allows(header)) return context; // also false for an invalid header
    SpanContext parent =
        SpanContext.createFromRemoteParent(
            header.root().toHex(),
            header.parentSpanIdHex(),
            W3CTraceContext.isSampled(header, sampleDeferred) ? TraceFlags.getSampled() : TraceFlags.getDefault(),
            TraceState.getDefault());
    return context.with(Span.wrap(parent));
  }

  /** A map carrier is case-sensitive: try the canonical name, then the lowercase one (HTTP/2). */
  private static <C> String header(C carrier, TextMapGetter<C> getter) {
    String value = getter.get(carrier, AmznTraceHeader.NAME);
    return value != null ? value : getter.get(carrier, HEADER_LOWERCASE);
  }

  private static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = off; i < off + 8; i++) v = (v << 8) | (b[i] & 0xff);
    return v;
  }

  @Override
  public String toString() {
    return "AlbTracePropagator{trustPolicy=" + trustPolicy + ", sampleDeferred=" + sampleDeferred + '}';
  }
}
