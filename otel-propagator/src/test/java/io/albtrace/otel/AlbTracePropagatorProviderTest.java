package io.albtrace.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real SDK autoconfigure module resolves {@code otel.propagators=…,albtrace} to this module. */
class AlbTracePropagatorProviderTest {
  static OpenTelemetrySdk autoconfigure(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put("otel.propagators", "tracecontext,baggage,albtrace");
    props.put("otel.traces.exporter", "none");
    props.put("otel.metrics.exporter", "none");
    props.put("otel.logs.exporter", "none");
    props.putAll(extra);
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> props)
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  static Map<String, String> carrier(String... nameValue) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) m.put(nameValue[i], nameValue[i + 1]);
    return m;
  }

  static SpanContext extract(TextMapPropagator p, Map<String, String> carrier) {
    return Span.fromContext(p.extract(Context.root(), carrier, AlbTracePropagatorTest.MapGetter.INSTANCE))
        .getSpanContext();
  }

  @Test
  void autoconfigureResolvesAlbtraceByName() {
    try (OpenTelemetrySdk sdk = autoconfigure(Map.of())) {
      TextMapPropagator p = sdk.getPropagators().getTextMapPropagator();
      assertTrue(p.fields().contains(AmznTraceHeader.NAME), p.fields().toString());
      assertTrue(p.fields().contains("traceparent"));
      assertEquals(
          "67891233abcdef012345678912345678",
          extract(p, carrier(AmznTraceHeader.NAME, "Root=1-67891233-abcdef012345678912345678")).getTraceId());
      assertEquals(
          "0af7651916cd43dd8448eb211c80319c",
          extract(
                  p,
                  carrier(
                      AmznTraceHeader.NAME, "Root=1-67891233-abcdef012345678912345678",
                      "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
              .getTraceId());
    }
  }

  @Test
  void settingsComeFromTheSameConfigProperties() {
    try (OpenTelemetrySdk sdk =
        autoconfigure(Map.of("albtrace.trust-policy", "alb-generated-only", "albtrace.sample-deferred", "false"))) {
      TextMapPropagator p = sdk.getPropagators().getTextMapPropagator();
      SpanContext alb = extract(p, carrier(AmznTraceHeader.NAME, "Root=1-67891233-abcdef012345678912345678"));
      assertEquals("67891233abcdef012345678912345678", alb.getTraceId());
      assertFalse(alb.isSampled());
      SpanContext client =
          extract(
              p,
              carrier(
                  AmznTraceHeader.NAME,
                  "Self=1-67891233-12456789abcdef0123456789;Root=1-67891233-abcdef012345678912345678"));
      assertFalse(client.isValid());
    }
  }

  @Test
  void badSettingTurnsContinuationOffAndKeepsTheOtherPropagators() {
    try (OpenTelemetrySdk sdk = autoconfigure(Map.of("albtrace.trust-policy", "sometimes"))) {
      TextMapPropagator p = sdk.getPropagators().getTextMapPropagator();
      assertFalse(extract(p, carrier(AmznTraceHeader.NAME, "Root=1-67891233-abcdef012345678912345678")).isValid());
      assertEquals(
          "0af7651916cd43dd8448eb211c80319c",
          extract(p, carrier("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
              .getTraceId());
    }
  }

  @Test
  void providerName() {
    assertEquals("albtrace", new AlbTracePropagatorProvider().getName());
  }
}
