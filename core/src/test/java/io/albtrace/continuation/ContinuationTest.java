package io.albtrace.continuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader;
import io.albtrace.internal.SystemSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/spec.md §4 and §7: which requests are continued and which headers are added to them. */
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
    c.writeHeaders(h(header), out, (o, name, value) -> o.add(name + ": " + value));
    return out;
  }

  /** A request's headers: names compare ignoring ASCII case, as HTTP frameworks do. */
  static final class Request {
    final Map<String, String> headers = new LinkedHashMap<>();
    final List<String> asked = new ArrayList<>();
    final List<String> added = new ArrayList<>();

    Request(String... nameValues) {
      for (int i = 0; i < nameValues.length; i += 2) headers.put(nameValues[i], nameValues[i + 1]);
    }

    static final HeaderGetter<Request> GETTER = (r, name) -> {
      r.asked.add(name);
      for (Map.Entry<String, String> e : r.headers.entrySet()) {
        if (asciiEqualsIgnoreCase(e.getKey(), name)) return e.getValue();
      }
      return null;
    };
    static final HeaderSetter<Request> SETTER = (r, name, value) -> r.added.add(name + ": " + value);

    private static boolean asciiEqualsIgnoreCase(String a, String b) {
      if (a.length() != b.length()) return false;
      for (int i = 0; i < a.length(); i++) {
        char x = a.charAt(i), y = b.charAt(i);
        if (x >= 'A' && x <= 'Z') x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z') y += 'a' - 'A';
        if (x != y) return false;
      }
      return true;
    }
  }

  /** Whether {@code c} continues a request with these headers (the flow wrote headers). */
  static boolean continues(Continuation c, String... nameValues) {
    Request r = new Request(nameValues);
    c.continueTrace(r, Request.GETTER, Request.SETTER);
    return !r.added.isEmpty();
  }

  @Nested
  class Settings {
    @Test
    void defaults() {
      Continuation c = Continuation.defaults();
      assertSame(TrustPolicy.ALWAYS, c.trustPolicy());
      assertTrue(c.enabled());
      assertTrue(c.datadog());
      assertSame(DatadogParent.HEADER, c.datadogParent());
      assertTrue(c.w3c());
      assertTrue(c.sampleDeferred());
      assertEquals(c.toString(), Continuation.defaults().toString());
      Continuation built = Continuation.builder().build();
      assertEquals(c.toString(), built.toString());
      assertEquals(
          "Continuation{trustPolicy=ALWAYS, enabled=true, datadog=true, datadogParent=HEADER, w3c=true, sampleDeferred=true}",
          c.toString());
    }

    @Test
    void builder() {
      Continuation c =
          Continuation.builder()
              .trustPolicy(TrustPolicy.NEVER)
              .enabled(false)
              .datadog(false)
              .datadogParent(DatadogParent.ALB)
              .w3c(false)
              .sampleDeferred(false)
              .build();
      assertSame(TrustPolicy.NEVER, c.trustPolicy());
      assertFalse(c.enabled());
      assertFalse(c.datadog());
      assertSame(DatadogParent.ALB, c.datadogParent());
      assertThrows(NullPointerException.class, () -> Continuation.builder().datadogParent(null));
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
      config.put("albtrace.datadog.parent", " ALB ");
      config.put("albtrace.w3c", "False");
      config.put("albtrace.sample-deferred", "false");
      Continuation c = Continuation.fromConfig(config::get);
      assertSame(TrustPolicy.ALB_GENERATED_ONLY, c.trustPolicy());
      assertFalse(c.enabled());
      assertFalse(c.datadog());
      assertSame(DatadogParent.ALB, c.datadogParent());
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
              "albtrace.datadog.parent",
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
      InvalidSettingException invalid = assertInstanceOf(InvalidSettingException.class, e);
      assertEquals(name, invalid.setting());
      assertEquals(value, invalid.value());
      assertEquals(List.of("true", "false"), invalid.allowedValues());
    }

    @Test
    void fromConfigRejectsAnUnknownTrustPolicy() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Continuation.fromConfig(Map.of("albtrace.trust-policy", "sometimes")::get));
      assertTrue(e.getMessage().contains("sometimes"), e.getMessage());
      assertTrue(e.getMessage().contains("alb-generated-only"), e.getMessage());
      InvalidSettingException invalid = assertInstanceOf(InvalidSettingException.class, e);
      assertEquals("albtrace.trust-policy", invalid.setting());
      assertEquals("sometimes", invalid.value());
      assertEquals(List.of("always", "alb-generated-only", "never"), invalid.allowedValues());
      for (String allowed : invalid.allowedValues()) {
        assertSame(TrustPolicy.parse(allowed), Continuation.fromConfig(Map.of("albtrace.trust-policy", allowed)::get).trustPolicy());
      }
    }

    @Test
    void fromConfigRejectsAnUnknownDatadogParent() {
      assertSame(DatadogParent.HEADER, Continuation.fromConfig(Map.of("albtrace.datadog.parent", "Header")::get).datadogParent());
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Continuation.fromConfig(Map.of("albtrace.datadog.parent", "zero")::get));
      assertEquals("albtrace.datadog.parent: unknown Datadog parent 'zero': use header or alb", e.getMessage());
      InvalidSettingException invalid = assertInstanceOf(InvalidSettingException.class, e);
      assertEquals("albtrace.datadog.parent", invalid.setting());
      assertEquals(List.of("header", "alb"), invalid.allowedValues());
      assertFalse(Continuation.load(Map.of("albtrace.datadog.parent", "zero")::get).enabled(),
          "a bad value turns continuation off");
    }

    @Test
    void fromSystemReadsSystemProperties() {
      String name = "albtrace.sample-deferred";
      String previous = System.getProperty(name);
      System.setProperty(name, "false");
      try {
        assertEquals("false", SystemSettings.get(name));
        assertFalse(Continuation.fromSystem().sampleDeferred());
        assertFalse(Continuation.fromConfig(n -> null).sampleDeferred(), "system properties back every lookup");
        assertTrue(Continuation.fromConfig(Map.of(name, "true")::get).sampleDeferred(), "the lookup comes first");
        System.setProperty(name, "bogus");
        assertThrows(IllegalArgumentException.class, () -> Continuation.fromConfig(n -> null));
        Continuation off = Continuation.fromSystem();
        assertFalse(off.enabled(), "an invalid setting turns continuation off");
        assertFalse(continues(off, "X-Amzn-Trace-Id", ALB));
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
      assertNull(SystemSettings.get(name));
      String path = System.getenv("PATH");
      if (path != null) assertEquals(path, SystemSettings.get("path"));
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
    void anUpstreamContextWinsWhateverItsCase(String name) {
      assertFalse(continues(Continuation.defaults(), "X-Amzn-Trace-Id", ALB, name, "x"), name);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "", "tracestate", "traceparent ", " traceparent", "traceparentx", "x-datadog-parent-id",
          "x-datadog-tags", "x-datadog-sampling-priority", "b", "b33", "x-b3-spanid",
          "x-b3-sampled", "baggage", "uber-trace-id",
          "x-b3-traceıd", // dotless i: not ASCII case folding
          "\u0442raceparent"
        })
    void otherHeadersAreNoTracingContext(String name) {
      assertTrue(continues(Continuation.defaults(), "X-Amzn-Trace-Id", ALB, name, "x"), name);
    }

    @Test
    void theFlowAsksForTheHeaderThenForEachContextHeader() {
      Request r = new Request("x-amzn-trace-id", ALB);
      AmznTraceHeader h = Continuation.defaults().continueTrace(r, Request.GETTER, Request.SETTER);
      assertEquals("Root=1-67891233-abcdef012345678912345678", h.toString());
      assertEquals(
          List.of("X-Amzn-Trace-Id", "traceparent", "x-datadog-trace-id", "b3", "x-b3-traceid"), r.asked);
      assertEquals(written(Continuation.defaults(), ALB), r.added);
    }

    @Test
    void noHeaderGivesNullAndAsksNothingMore() {
      Request r = new Request("traceparent", "x");
      assertNull(Continuation.defaults().continueTrace(r, Request.GETTER, Request.SETTER));
      assertEquals(List.of("X-Amzn-Trace-Id"), r.asked);
      assertTrue(r.added.isEmpty());
    }

    @Test
    void anInvalidHeaderIsReturnedAndNotContinued() {
      Request r = new Request("X-Amzn-Trace-Id", "Root=bad");
      AmznTraceHeader h = Continuation.defaults().continueTrace(r, Request.GETTER, Request.SETTER);
      assertEquals(AmznTraceHeader.Invalid.MALFORMED_ROOT, h.invalid());
      assertTrue(r.added.isEmpty());
    }
  }

  @Nested
  class ShouldContinue {
    @Test
    void defaultsContinueAnyValidRootWithoutUpstreamContext() {
      Continuation c = Continuation.defaults();
      assertTrue(continues(c, "X-Amzn-Trace-Id", ALB));
      assertTrue(continues(c, "X-Amzn-Trace-Id", CLIENT_SUPPLIED));
      assertFalse(continues(c, "X-Amzn-Trace-Id", ALB, "traceparent", "x"), "an upstream tracer's context wins");
      assertFalse(continues(c, "X-Amzn-Trace-Id", "Root=bad"));
      assertFalse(continues(c));
    }

    @Test
    void disabledNeverContinues() {
      Continuation c = Continuation.builder().enabled(false).build();
      assertFalse(continues(c, "X-Amzn-Trace-Id", ALB));
    }

    @Test
    void trustPolicyDecides() {
      Continuation albOnly = Continuation.builder().trustPolicy(TrustPolicy.ALB_GENERATED_ONLY).build();
      assertTrue(continues(albOnly, "X-Amzn-Trace-Id", ALB));
      assertFalse(continues(albOnly, "X-Amzn-Trace-Id", CLIENT_SUPPLIED));
      Continuation never = Continuation.builder().trustPolicy(TrustPolicy.NEVER).build();
      assertFalse(continues(never, "X-Amzn-Trace-Id", ALB));
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

    /**
     * albtrace.datadog.parent=alb: x-datadog-parent-id names the ALB hop's span (docs/spec.md §3 rules
     * 2–3) — mix64 of Self when valid, else of Root — also when the header has its own Parent, which
     * is then the ALB span's parent.
     */
    @Test
    void datadogParentAlb() {
      Continuation alb = Continuation.builder().w3c(false).datadogParent(DatadogParent.ALB).build();
      assertEquals(
          List.of(
              "x-datadog-trace-id: 2541551403134113400",
              "x-datadog-tags: _dd.p.tid=67891233abcdef01",
              "x-datadog-parent-id: " + Long.parseUnsignedLong("00a80ccd5996a294", 16)),
          written(alb, ALB));
      assertEquals(
          "x-datadog-parent-id: " + Long.parseUnsignedLong("138f8fc4bf3ea3ba", 16),
          written(alb, "Self=1-67891234-0123456789abcdef01234567;" + ALB).get(2));
      assertEquals(
          "x-datadog-parent-id: " + Long.parseUnsignedLong("37b71623766e5592", 16),
          written(alb, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1").get(2));
      assertEquals(
          "x-datadog-parent-id: " + Long.parseUnsignedLong("53995c3f42cd8ad8", 16),
          written(Continuation.builder().w3c(false).build(),
              "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1").get(2),
          "the default keeps the header's Parent");
      assertEquals(
          List.of(), written(Continuation.builder().w3c(false).datadog(false).datadogParent(DatadogParent.ALB).build(), ALB),
          "only with the Datadog headers");
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
