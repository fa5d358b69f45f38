package io.albtrace.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For random Roots, the extracted trace id is docs/spec.md §2's {@code trace_id_128}. */
class AlbTracePropagatorPropertyTest {
  final AlbTracePropagator propagator = AlbTracePropagator.getInstance();

  @Provide
  Arbitrary<String> hex8() {
    return Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(8);
  }

  @Provide
  Arbitrary<String> hex24() {
    // non-zero low 64 bits: the last 16 digits are not all zero
    return Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(24)
        .filter(s -> !s.substring(8).chars().allMatch(c -> c == '0'));
  }

  static SpanContext extract(AlbTracePropagator p, String header) {
    Map<String, String> carrier = new HashMap<>();
    carrier.put(AmznTraceHeader.NAME, header);
    return Span.fromContext(p.extract(Context.root(), carrier, AlbTracePropagatorTest.MapGetter.INSTANCE))
        .getSpanContext();
  }

  @Property(tries = 500)
  void traceIdIsTraceId128(@ForAll("hex8") String epoch, @ForAll("hex24") String unique) {
    String root = "1-" + epoch + "-" + unique;
    SpanContext sc = extract(propagator, "Root=" + root);
    // docs/spec.md §2 by hand: T then U, lowercase
    assertEquals((epoch + unique).toLowerCase(java.util.Locale.ROOT), sc.getTraceId());
    assertEquals(AmznTraceHeader.parse("Root=" + root).parentSpanIdHex(), sc.getSpanId());
    assertTrue(sc.isRemote());
  }

  @Property(tries = 300)
  void injectThenExtractKeepsIdsAndFlags(
      @ForAll("hex8") String epoch, @ForAll("hex24") String unique, @ForAll long spanId, @ForAll boolean sampled) {
    String traceId = (epoch + unique).toLowerCase(java.util.Locale.ROOT);
    String spanHex = String.format("%016x", spanId == 0 ? 1 : spanId);
    SpanContext sc =
        SpanContext.create(traceId, spanHex, sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(Context.root().with(Span.wrap(sc)), carrier, Map::put);
    SpanContext back = extract(propagator, carrier.get(AmznTraceHeader.NAME));
    assertEquals(traceId, back.getTraceId());
    assertEquals(spanHex, back.getSpanId());
    assertEquals(sampled, back.isSampled());
  }
}
