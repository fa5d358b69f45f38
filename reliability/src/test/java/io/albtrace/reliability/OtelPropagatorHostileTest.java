package io.albtrace.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.continuation.TrustPolicy;
import io.albtrace.otel.AlbTracePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenTelemetry propagator on the hostile header corpus (the header fuzz target's seeds, as
 * UTF-8 and ISO-8859-1, plus look-alike digits and CR/LF): {@code extract} never throws, yields a
 * remote parent exactly when docs/spec.md §7's policy allows the Root, with exactly the docs/spec.md §2/§3 ids, and
 * {@code inject} writes an outbound header free of CR/LF.
 */
class OtelPropagatorHostileTest {
  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  static Stream<String> hostileValues() throws IOException, URISyntaxException {
    List<String> values = new ArrayList<>();
    Path seeds = Paths.get(OtelPropagatorHostileTest.class
        .getResource("HeaderParserFuzzTestInputs/parseHeader").toURI());
    try (Stream<Path> files = Files.list(seeds)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        byte[] b = Files.readAllBytes(f);
        values.add(new String(b, StandardCharsets.UTF_8));
        values.add(new String(b, StandardCharsets.ISO_8859_1));
      }
    }
    for (String l : AdversarialHeaderTest.LOOKALIKES) {
      values.add("Root=1-6789123" + l + "-abcdef012345678912345678");
      values.add(AdversarialHeaderTest.VALID + ";Parent=53995c3f42cd8ad" + l + ";Sampled=" + l);
    }
    values.add(AdversarialHeaderTest.VALID + "\r\nX-Injected: 1");
    values.add(";".repeat(8192 - AdversarialHeaderTest.VALID.length()) + AdversarialHeaderTest.VALID);
    values.add(";".repeat(8193) + AdversarialHeaderTest.VALID);
    return values.stream();
  }

  @ParameterizedTest
  @MethodSource("hostileValues")
  void extractAndInjectUnderEveryPolicy(String value) {
    SpecOracle.Expected e = SpecOracle.expect(value);
    for (TrustPolicy policy : TrustPolicy.values()) {
      AlbTracePropagator p = AlbTracePropagator.create(policy, true);
      Map<String, String> carrier = new HashMap<>();
      carrier.put("X-Amzn-Trace-Id", value);
      SpanContext sc = Span.fromContext(p.extract(Context.root(), carrier, GETTER)).getSpanContext();
      boolean allowed = e.valid()
          && (policy == TrustPolicy.ALWAYS || (policy == TrustPolicy.ALB_GENERATED_ONLY && !e.selfField));
      assertEquals(allowed, sc.isValid(), () -> policy + " " + Checks.escape(value));
      if (!allowed) continue;
      assertEquals(e.traceId128(), sc.getTraceId());
      assertEquals(e.parentSpanIdHex(), sc.getSpanId());
      assertEquals(e.sampled != '0', sc.isSampled());
      assertTrue(sc.isRemote());

      Map<String, String> out = new HashMap<>();
      p.inject(Context.root().with(Span.wrap(sc)), out, Map::put);
      String outbound = out.get("X-Amzn-Trace-Id");
      Checks.assertSafeHeaderValue("outbound X-Amzn-Trace-Id", outbound);
      assertTrue(outbound.startsWith("Root=" + e.root + ";Parent=" + e.parentSpanIdHex() + ";Sampled="), outbound);
    }
    // Carriers that are null or empty, and a null getter, change nothing.
    AlbTracePropagator p = AlbTracePropagator.getInstance();
    assertFalse(Span.fromContext(p.extract(Context.root(), null, GETTER)).getSpanContext().isValid());
    assertFalse(Span.fromContext(p.extract(Context.root(), Collections.emptyMap(), GETTER)).getSpanContext().isValid());
    assertEquals(Context.root(), p.extract(Context.root(), Map.of("X-Amzn-Trace-Id", value), null));
  }
}
