package io.albtrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §4 and §7: which requests are continued and which headers are added to them. */
class ContinuationTest {
  static final String ALB = "Root=1-67891233-abcdef012345678912345678";
  static final String CLIENT_SUPPLIED =
      "Self=1-67891233-12456789abcdef012345678;Root=1-67891233-abcdef012345678912345678";

  static AmznTraceHeader h(String header) {
    return AmznTraceHeader.parse(header);
  }

  /** The headers a continuation writes, in order, as "name: value". */
  static List<String> written(Continuation c, String header) {
    List<String> out = new ArrayList<>();
    c.writeHeaders(h(header), (name, value) -> out.add(name + ": " + value));
    return out;
  }

  @Nested
  class Settings {
    @Test
    void defaults() {
      Continuation c = Continuation.defaults();
      assertSame(TrustPolicy.ALWAYS, c.trustPolicy());
      assertTrue(c.enabled());
      assertTrue(c.datadog());
      assertTrue(c.w3c());
      assertTrue(c.sampleDeferred());
      assertSame(c, Continuation.defaults());
      Continuation built = Continuation.builder().build();
      assertEquals(c.toString(), built.toString());
      assertEquals(
          "Continuation{trustPolicy=ALWAYS, enabled=true, datadog=true, w3c=true, sampleDeferred=true}",
          c.toString());
    }

    @Test
    void builder() {
      Continuation c =
          Continuation.builder()
              .trustPolicy(TrustPolicy.NEVER)
              .enabled(false)
              .datadog(false)
              .w3c(false)
              .sampleDeferred(false)
              .build();
      assertSame(TrustPolicy.NEVER, c.trustPolicy());
      assertFalse(c.enabled());
      assertFalse(c.datadog());
      assertFalse(c.w3c());
      assertFalse(c.sampleDeferred());
      assertThrows(NullPointerException.class, () -> Continuation.builder().trustPolicy(null));
    }

    @Test
    void fromConfigReadsEverySetting() {
      Map<String, String> config = new HashMap<>();
      config.put("albtrace.trust-policy", "alb-generated-only");
      config.put("albtrace.continue", "FALSE");
      config.put("albtrace.datadog", " false ");
      config.put("albtrace.w3c", "False");
      config.put("albtrace.sample-deferred", "false");
      Continuation c = Continuation.fromConfig(config::get);
      assertSame(TrustPolicy.ALB_GENERATED_ONLY, c.trustPolicy());
      assertFalse(c.enabled());
      assertFalse(c.datadog());
      assertFalse(c.w3c());
      assertFalse(c.sampleDeferred());
    }

    @Test
    void fromConfigAsksExactlyTheDocumentedNamesAndKeepsDefaultsForNull() {
      List<String> asked = new ArrayList<>();
      Continuation c =
          Continuation.fromConfig(
              name -> {
                asked.add(name);
                return null;
              });
      assertEquals(
          List.of(
              "albtrace.trust-policy",
              "albtrace.continue",
              "albtrace.datadog",
              "albtrace.w3c",
              "albtrace.sample-deferred"),
          asked);
      assertEquals(Continuation.defaults().toString(), c.toString());
    }

    @Test
    void fromConfigTrueValues() {
      Map<String, String> config =
          Map.of("albtrace.continue", "TRUE", "albtrace.w3c", "true", "albtrace.trust-policy", "NEVER");
      Continuation c = Continuation.fromConfig(config::get);
      assertTrue(c.enabled());
      assertTrue(c.w3c());
      assertSame(TrustPolicy.NEVER, c.trustPolicy());
    }

    @ParameterizedTest
    @CsvSource({
      "albtrace.continue, yes",
      "albtrace.continue, 1",
      "albtrace.datadog, ''",
      "albtrace.w3c, on",
      "albtrace.sample-deferred, tru",
    })
    void fromConfigRejectsNonBooleans(String name, String value) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Continuation.fromConfig(Map.of(name, value)::get));
      assertEquals(name + " must be true or false, not '" + value + "'", e.getMessage());
    }

    @Test
    void fromConfigRejectsAnUnknownTrustPolicy() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Continuation.fromConfig(Map.of("albtrace.trust-policy", "sometimes")::get));
      assertTrue(e.getMessage().contains("sometimes"), e.getMessage());
      assertTrue(e.getMessage().contains("alb-generated-only"), e.getMessage());
    }

    @Test
    void fromSystemReadsSystemProperties() {
      String name = "albtrace.sample-deferred";
      String previous = System.getProperty(name);
      System.setProperty(name, "false");
      try {
        assertEquals("false", Continuation.systemSetting(name));
        assertFalse(Continuation.fromSystem().sampleDeferred());
        System.setProperty(name, "bogus");
        assertThrows(IllegalArgumentException.class, Continuation::fromSystem);
      } finally {
        if (previous == null) System.clearProperty(name);
        else System.setProperty(name, previous);
      }
    }

    @Test
    void systemSettingFallsBackToTheEnvironmentName() {
      // Whatever the environment holds, the property is looked up first, then ALBTRACE_...; a name
      // that is neither gives null.
      String name = "albtrace.test-only-" + Long.toHexString(System.nanoTime());
      assertNull(System.getenv(name.toUpperCase().replace('.', '_').replace('-', '_')));
      assertNull(Continuation.systemSetting(name));
      String path = System.getenv("PATH");
      if (path != null) assertEquals(path, Continuation.systemSetting("path"));
    }
  }

  @Nested
  class TracingContextHeaders {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "traceparent", "Traceparent", "TRACEPARENT", "TraceParent",
          "x-datadog-trace-id", "X-Datadog-Trace-Id", "X-DATADOG-TRACE-ID",
          "b3", "B3",
          "x-b3-traceid", "X-B3-TraceId", "X-B3-TRACEID"
        })
    void recognisedIgnoringCase(String name) {
      assertTrue(Continuation.isTracingContextHeader(name), name);
      assertTrue(Continuation.isTracingContextHeader(new StringBuilder(name)), name);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "", "tracestate", "traceparent ", " traceparent", "traceparentx", "x-datadog-parent-id",
          "x-datadog-tags", "x-datadog-sampling-priority", "b", "b33", "x-b3-spanid",
          "x-b3-sampled", "X-Amzn-Trace-Id", "baggage", "uber-trace-id",
          "x-b3-traceıd", // dotless i: not ASCII case folding
          "\u0442raceparent"
        })
    void notRecognised(String name) {
      assertFalse(Continuation.isTracingContextHeader(name), name);
    }

    @Test
    void theListIsACopy() {
      String[] names = Continuation.tracingContextHeaders();
      assertArrayEquals(new String[] {"traceparent", "x-datadog-trace-id", "b3", "x-b3-traceid"}, names);
      names[0] = "changed";
      assertEquals("traceparent", Continuation.tracingContextHeaders()[0]);
      assertTrue(Continuation.isTracingContextHeader("traceparent"));
    }
  }

  @Nested
  class ShouldContinue {
    @Test
    void defaultsContinueAnyValidRootWithoutUpstreamContext() {
      Continuation c = Continuation.defaults();
      assertTrue(c.shouldContinue(h(ALB), false));
      assertTrue(c.shouldContinue(h(CLIENT_SUPPLIED), false));
      assertFalse(c.shouldContinue(h(ALB), true), "an upstream tracer's context wins");
      assertFalse(c.shouldContinue(h("Root=bad"), false));
      assertFalse(c.shouldContinue(h(null), false));
    }

    @Test
    void disabledNeverContinues() {
      Continuation c = Continuation.builder().enabled(false).build();
      assertFalse(c.shouldContinue(h(ALB), false));
    }

    @Test
    void trustPolicyDecides() {
      Continuation albOnly = Continuation.builder().trustPolicy(TrustPolicy.ALB_GENERATED_ONLY).build();
      assertTrue(albOnly.shouldContinue(h(ALB), false));
      assertFalse(albOnly.shouldContinue(h(CLIENT_SUPPLIED), false));
      Continuation never = Continuation.builder().trustPolicy(TrustPolicy.NEVER).build();
      assertFalse(never.shouldContinue(h(ALB), false));
    }
  }

  @Nested
  class WriteHeaders {
    @Test
    void albRootWithDefaults() {
      assertEquals(
          List.of(
              "x-datadog-trace-id: 2541551403134113400",
              "x-datadog-tags: _dd.p.tid=67891233abcdef01",
              "traceparent: 00-67891233abcdef012345678912345678-00a80ccd5996a294-01"),
          written(Continuation.defaults(), ALB));
    }

    @Test
    void xraySdkHeaderWithEverything() {
      assertEquals(
          List.of(
              "x-datadog-trace-id: 16266516598257821587",
              "x-datadog-tags: _dd.p.tid=5759e988bd862e3f",
              "x-datadog-parent-id: 6023947403358210776",
              "x-datadog-sampling-priority: 0",
              "traceparent: 00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00"),
          written(
              Continuation.defaults(),
              "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0"));
    }

    @Test
    void sampledOneWritesPriorityOne() {
      assertEquals(
          List.of(
              "x-datadog-trace-id: 2541551403134113400",
              "x-datadog-tags: _dd.p.tid=67891233abcdef01",
              "x-datadog-sampling-priority: 1",
              "traceparent: 00-67891233abcdef012345678912345678-00a80ccd5996a294-01"),
          written(Continuation.builder().sampleDeferred(false).build(), ALB + ";Sampled=1"));
    }

    @Test
    void sampleDeferredSetting() {
      Continuation keep = Continuation.builder().datadog(false).build();
      Continuation drop = Continuation.builder().datadog(false).sampleDeferred(false).build();
      String suffix = "traceparent: 00-67891233abcdef012345678912345678-00a80ccd5996a294-";
      assertEquals(List.of(suffix + "01"), written(keep, ALB));
      assertEquals(List.of(suffix + "00"), written(drop, ALB));
      assertEquals(List.of(suffix + "01"), written(keep, ALB + ";Sampled=?"));
      assertEquals(List.of(suffix + "00"), written(drop, ALB + ";Sampled=?"));
      assertEquals(List.of(suffix + "00"), written(keep, ALB + ";Sampled=0"));
      assertEquals(List.of(suffix + "01"), written(drop, ALB + ";Sampled=1"));
    }

    @Test
    void datadogOnly() {
      assertEquals(
          List.of(
              "x-datadog-trace-id: 2541551403134113400",
              "x-datadog-tags: _dd.p.tid=67891233abcdef01"),
          written(Continuation.builder().w3c(false).build(), ALB + ";Sampled=?"));
    }

    @Test
    void neither() {
      assertEquals(
          List.of(), written(Continuation.builder().w3c(false).datadog(false).build(), ALB));
    }

    @Test
    void invalidHeaderIsRejected() {
      assertThrows(
          IllegalArgumentException.class, () -> written(Continuation.defaults(), "Root=bad"));
    }
  }
}
