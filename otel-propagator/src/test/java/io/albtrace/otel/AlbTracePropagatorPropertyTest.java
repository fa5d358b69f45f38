package io.albtrace.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader;
import io.albtrace.testsupport.Seeded;
import io.albtrace.testsupport.Seeded.Gen;
import io.albtrace.testsupport.Seeded.HexCase;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** For random Roots, the extracted trace id is docs/spec.md §2's {@code trace_id_128}. */
class AlbTracePropagatorPropertyTest {
  final AlbTracePropagator propagator = AlbTracePropagator.getInstance();

  static String hex8(Gen g) {
    return g.hex(8, HexCase.MIXED);
  }

  static String hex24(Gen g) {
    // non-zero low 64 bits: the last 16 digits are not all zero
    return g.filter(() -> g.hex(24, HexCase.MIXED), s -> !s.substring(8).chars().allMatch(c -> c == '0'));
  }

  static SpanContext extract(AlbTracePropagator p, String header) {
    Map<String, String> carrier = new HashMap<>();
    carrier.put(AmznTraceHeader.NAME, header);
    return Span.fromContext(p.extract(Context.root(), carrier, AlbTracePropagatorTest.MapGetter.INSTANCE))
        .getSpanContext();
  }

  @Test
  void traceIdIsTraceId128() {
    Seeded.forAll(500, g -> {
      String epoch = hex8(g), unique = hex24(g);
      String root = "1-" + epoch + "-" + unique;
      SpanContext sc = extract(propagator, "Root=" + root);
      // docs/spec.md §2 by hand: T then U, lowercase
      assertEquals((epoch + unique).toLowerCase(java.util.Locale.ROOT), sc.getTraceId());
      assertEquals(AmznTraceHeader.parse("Root=" + root).parentSpanIdHex(), sc.getSpanId());
      assertTrue(sc.isRemote());
    });
  }

  @Test
  void injectThenExtractKeepsIdsAndFlags() {
    Seeded.forAll(300, g -> {
      String epoch = hex8(g), unique = hex24(g);
      long spanId = g.longs();
      boolean sampled = g.booleans();
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
    });
  }
}
