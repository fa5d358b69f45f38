package io.albtrace.spring;

import io.albtrace.AmznTraceHeader;
import io.albtrace.tracers.AlbSpanTags;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * The docs/spec.md §7 tags on Micrometer Tracing's server spans, when the request has a valid
 * {@code X-Amzn-Trace-Id}:
 *
 * <pre>
 * aws.alb.trace_id    1-67891233-abcdef012345678912345678
 * aws.alb.self        1-67891233-12456789abcdef012345       (Self valid)
 * aws.alb.continued   true                                   (the span's trace id is the Root's)
 * </pre>
 *
 * <p>Boot's server observation (MVC and WebFlux alike) starts its span after albtrace has run, so
 * no albtrace filter or handler sees it current. When the observation stops, this filter adds the
 * tags as high-cardinality key values, which the tracing handler then writes on the span (and which
 * metrics leave out). {@code continued} is read from the span's trace id, never assumed. Any server
 * receiver observation with a span qualifies; the header is read through the observation's own
 * getter. Never throws.
 */
final class ServerSpanTags implements ObservationFilter {
  @Override
  public Observation.Context map(Observation.Context context) {
    try {
      if (context instanceof ReceiverContext) tag((ReceiverContext<?>) context);
    } catch (RuntimeException | LinkageError e) {
      // tags are best effort: the observation stops as it would have
    }
    return context;
  }

  private static <C> void tag(ReceiverContext<C> context) {
    if (context.getKind() != Kind.SERVER || context.getCarrier() == null) return;
    TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
    Span span = tracing == null ? null : tracing.getSpan();
    if (span == null) return;
    String value = context.getGetter().get(context.getCarrier(), AmznTraceHeader.NAME);
    if (value == null) return;
    AmznTraceHeader header = AmznTraceHeader.parse(value);
    if (!header.isValid()) return;
    context.addHighCardinalityKeyValue(KeyValue.of(AlbSpanTags.TRACE_ID, header.root().toXrayRoot()));
    if (header.hasSelf()) context.addHighCardinalityKeyValue(KeyValue.of(AlbSpanTags.SELF, header.self().toXrayRoot()));
    boolean continued = AlbSpanTags.isContinued(span.context().traceId(), header);
    context.addHighCardinalityKeyValue(KeyValue.of(AlbSpanTags.CONTINUED, Boolean.toString(continued)));
  }
}
