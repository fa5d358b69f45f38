package io.albtrace.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader;
import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every docs/spec.md §1 case through {@code extract}, composites, and {@code inject}. */
class AlbTracePropagatorTest {
  static final String ROOT = "1-67891233-abcdef012345678912345678";
  static final String TRACE_ID = "67891233abcdef012345678912345678";
  static final String ROOT_PARENT = "00a80ccd5996a294"; // docs/spec.md §3 example: mix64 of the Root

  final AlbTracePropagator propagator = AlbTracePropagator.getInstance();

  /** A case-sensitive carrier, like most non-HTTP carriers. */
  enum MapGetter implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  }

  static Map<String, String> headers(String... nameValue) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) m.put(nameValue[i], nameValue[i + 1]);
    return m;
  }

  SpanContext extract(String header) {
    return extract(propagator, headers(AmznTraceHeader.NAME, header));
  }

  static SpanContext extract(TextMapPropagator p, Map<String, String> carrier) {
    return Span.fromContext(p.extract(Context.root(), carrier, MapGetter.INSTANCE)).getSpanContext();
  }

  // ---- valid headers ----

  @Test
  void albGeneratedRootBecomesRemoteParentWithRootTraceId() {
    SpanContext sc = extract("Root=" + ROOT);
    assertTrue(sc.isValid());
    assertTrue(sc.isRemote());
    assertEquals(TRACE_ID, sc.getTraceId());
    assertEquals(ROOT_PARENT, sc.getSpanId());
    assertTrue(sc.isSampled(), "ALB defers the decision; default keeps the trace");
    assertEquals(TraceState.getDefault(), sc.getTraceState());
  }

  @Test
  void validParentIsTheParentSpanId() {
    SpanContext sc = extract("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
    assertEquals("5759e988bd862e3fe1be46a994272793", sc.getTraceId());
    assertEquals("53995c3f42cd8ad8", sc.getSpanId());
    assertTrue(sc.isSampled());
  }

  @Test
  void selfDerivedParentWhenNoParent() {
    String self = "1-67891233-12456789abcdef0123456789";
    SpanContext sc = extract("Self=" + self + ";Root=" + ROOT + ";CalledFrom=app");
    assertEquals(TRACE_ID, sc.getTraceId());
    assertEquals(AmznTraceHeader.parse("Self=" + self + ";Root=" + ROOT).parentSpanIdHex(), sc.getSpanId());
    assertFalse(ROOT_PARENT.equals(sc.getSpanId()), "Self, not Root, feeds mix64");
  }

  @Test
  void malformedSelfFallsBackToRoot() {
    // AWS documentation shows a 23-digit Self; it is ignored (docs/spec.md §1.9)
    SpanContext sc = extract("Self=1-67891233-12456789abcdef012345678;Root=" + ROOT);
    assertEquals(TRACE_ID, sc.getTraceId());
    assertEquals(ROOT_PARENT, sc.getSpanId());
  }

  @Test
  void invalidParentIsIgnored() {
    assertEquals(ROOT_PARENT, extract("Root=" + ROOT + ";Parent=0000000000000000").getSpanId());
    assertEquals(ROOT_PARENT, extract("Root=" + ROOT + ";Parent=53995c3f42cd8ad").getSpanId());
    assertEquals(ROOT_PARENT, extract("Root=" + ROOT + ";Parent=53995c3f42cd8adz").getSpanId());
  }

  @Test
  void sampledValues() {
    assertTrue(extract("Root=" + ROOT + ";Sampled=1").isSampled());
    assertFalse(extract("Root=" + ROOT + ";Sampled=0").isSampled());
    assertTrue(extract("Root=" + ROOT + ";Sampled=?").isSampled());
    assertTrue(extract("Root=" + ROOT + ";Sampled=x").isSampled(), "other values count as absent");
    assertFalse(extract("Root=" + ROOT + ";Sampled=0;Sampled=1").isSampled(), "first wins");
  }

  @Test
  void sampleDeferredSettingDecidesOnlyDeferredHeaders() {
    AlbTracePropagator p = AlbTracePropagator.create(TrustPolicy.ALWAYS, false);
    assertFalse(extract(p, headers(AmznTraceHeader.NAME, "Root=" + ROOT)).isSampled());
    assertFalse(extract(p, headers(AmznTraceHeader.NAME, "Root=" + ROOT + ";Sampled=?")).isSampled());
    assertTrue(extract(p, headers(AmznTraceHeader.NAME, "Root=" + ROOT + ";Sampled=1")).isSampled());
    assertEquals(TRACE_ID, extract(p, headers(AmznTraceHeader.NAME, "Root=" + ROOT)).getTraceId());
  }

  @Test
  void grammarDetails() {
    assertEquals(TRACE_ID, extract(" \tRoot = 1-67891233-ABCDEF012345678912345678 ;;bare;").getTraceId());
    assertEquals(TRACE_ID, extract("RootCause=x;root=1-00000000-000000000000000000000001;Root=" + ROOT).getTraceId());
    assertEquals(TRACE_ID, extract("Root=" + ROOT + ";Root=1-11111111-111111111111111111111111").getTraceId());
    // zero high 64 bits are fine (only the low 64 must be non-zero)
    assertEquals("00000000000000000000000000000001", extract("Root=1-00000000-000000000000000000000001").getTraceId());
  }

  // ---- invalid headers: context unchanged ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Sampled=1",
        "root=1-67891233-abcdef012345678912345678",
        "RootX=1-67891233-abcdef012345678912345678",
        "Root=2-67891233-abcdef012345678912345678",
        "Root=1-67891233-abcdef01234567891234567",
        "Root=1-67891233-abcdef0123456789123456789",
        "Root=1-6789123g-abcdef012345678912345678",
        "Root=1-67891233-abcdef01234567891234567\u0661",
        "Root=1-67891233abcdef012345678912345678",
        "Root=1-67891233-abcdef010000000000000000",
        "Root=bad;Root=1-67891233-abcdef012345678912345678",
        "Self=1-67891233-abcdef012345678912345678",
        ";;;"
      })
  void invalidHeaderLeavesContextUnchanged(String value) {
    Context before = Context.root();
    assertSame(before, propagator.extract(before, headers(AmznTraceHeader.NAME, value), MapGetter.INSTANCE));
  }

  @Test
  void tooLongHeaderIsRejectedWhole() {
    String value = "Root=" + ROOT + ";" + "x".repeat(AmznTraceHeader.MAX_LENGTH);
    assertFalse(extract(value).isValid());
  }

  @Test
  void noHeaderNullCarrierNullGetterNullContext() {
    assertSame(Context.root(), propagator.extract(Context.root(), headers(), MapGetter.INSTANCE));
    assertSame(Context.root(), propagator.extract(Context.root(), null, MapGetter.INSTANCE));
    assertSame(Context.root(), propagator.extract(Context.root(), headers(), null));
    assertEquals(Context.root(), propagator.extract(null, headers(AmznTraceHeader.NAME, "Root=" + ROOT), MapGetter.INSTANCE));
  }

  @Test
  void lowercaseHeaderNameOnCaseSensitiveCarrier() {
    SpanContext sc = extract(propagator, headers("x-amzn-trace-id", "Root=" + ROOT));
    assertEquals(TRACE_ID, sc.getTraceId());
  }

  // ---- trust policy ----

  @Test
  void trustPolicies() {
    Map<String, String> albGenerated = headers(AmznTraceHeader.NAME, "Root=" + ROOT);
    Map<String, String> clientSupplied =
        headers(AmznTraceHeader.NAME, "Self=1-67891233-12456789abcdef0123456789;Root=" + ROOT);
    AlbTracePropagator albOnly = AlbTracePropagator.create(TrustPolicy.ALB_GENERATED_ONLY, true);
    assertEquals(TRACE_ID, extract(albOnly, albGenerated).getTraceId());
    assertFalse(extract(albOnly, clientSupplied).isValid());
    AlbTracePropagator never = AlbTracePropagator.create(TrustPolicy.NEVER, true);
    assertFalse(extract(never, albGenerated).isValid());
    assertEquals(TRACE_ID, extract(propagator, clientSupplied).getTraceId());
  }

  @Test
  void settingsFromContinuation() {
    AlbTracePropagator p =
        AlbTracePropagator.create(
            Continuation.fromConfig(
                Map.of("albtrace.trust-policy", "alb-generated-only", "albtrace.sample-deferred", "false")::get));
    assertEquals(TrustPolicy.ALB_GENERATED_ONLY, p.trustPolicy());
    assertFalse(p.sampleDeferred());
    AlbTracePropagator off = AlbTracePropagator.create(Continuation.fromConfig(Map.of("albtrace.continue", "false")::get));
    assertEquals(TrustPolicy.NEVER, off.trustPolicy());
  }

  @Test
  void settingsFromSystemProperties() {
    System.setProperty("albtrace.trust-policy", "never");
    try {
      assertEquals(TrustPolicy.NEVER, AlbTracePropagator.fromSystem().trustPolicy());
    } finally {
      System.clearProperty("albtrace.trust-policy");
    }
    System.setProperty("albtrace.trust-policy", "sometimes");
    try {
      assertEquals(TrustPolicy.NEVER, AlbTracePropagator.fromSystem().trustPolicy(), "an invalid setting turns continuation off");
    } finally {
      System.clearProperty("albtrace.trust-policy");
    }
  }

  // ---- composites ----

  static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @Test
  void traceparentWinsWhateverTheOrder() {
    Map<String, String> both =
        headers(AmznTraceHeader.NAME, "Root=" + ROOT, "traceparent", TRACEPARENT, "baggage", "k=v");
    for (TextMapPropagator p :
        List.of(
            TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance(), propagator),
            TextMapPropagator.composite(propagator, W3CTraceContextPropagator.getInstance()))) {
      SpanContext sc = extract(p, both);
      assertEquals("0af7651916cd43dd8448eb211c80319c", sc.getTraceId(), p.toString());
      assertEquals("b7ad6b7169203331", sc.getSpanId());
    }
  }

  @Test
  void compositeFallsBackToRootWhenTraceparentIsAbsentOrInvalid() {
    TextMapPropagator p =
        TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance(), propagator);
    assertEquals(TRACE_ID, extract(p, headers(AmznTraceHeader.NAME, "Root=" + ROOT)).getTraceId());
    assertEquals(
        TRACE_ID, extract(p, headers(AmznTraceHeader.NAME, "Root=" + ROOT, "traceparent", "00-garbage")).getTraceId());
  }

  @Test
  void alreadyExtractedContextIsNeverOverwritten() {
    SpanContext existing =
        SpanContext.createFromRemoteParent(
            "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
    Context ctx = Context.root().with(Span.wrap(existing));
    assertSame(ctx, propagator.extract(ctx, headers(AmznTraceHeader.NAME, "Root=" + ROOT), MapGetter.INSTANCE));
  }

  @Test
  void keepsOtherContextEntries() {
    Map<String, String> carrier = headers(AmznTraceHeader.NAME, "Root=" + ROOT, "baggage", "k=v");
    Context ctx =
        TextMapPropagator.composite(W3CBaggagePropagator.getInstance(), propagator)
            .extract(Context.root(), carrier, MapGetter.INSTANCE);
    assertEquals("v", io.opentelemetry.api.baggage.Baggage.fromContext(ctx).getEntryValue("k"));
    assertEquals(TRACE_ID, Span.fromContext(ctx).getSpanContext().getTraceId());
  }

  // ---- inject ----

  @Test
  void injectWritesOutboundHeader() {
    SpanContext sc =
        SpanContext.create(TRACE_ID, "53995c3f42cd8ad8", TraceFlags.getSampled(), TraceState.getDefault());
    Map<String, String> out = new HashMap<>();
    propagator.inject(Context.root().with(Span.wrap(sc)), out, Map::put);
    assertEquals(Map.of(AmznTraceHeader.NAME, "Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1"), out);

    SpanContext notSampled =
        SpanContext.create(TRACE_ID, "53995c3f42cd8ad8", TraceFlags.getDefault(), TraceState.getDefault());
    propagator.inject(Context.root().with(Span.wrap(notSampled)), out, Map::put);
    assertEquals("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=0", out.get(AmznTraceHeader.NAME));
  }

  @Test
  void injectSkipsInvalidAndUnrepresentableContexts() {
    Map<String, String> out = new HashMap<>();
    propagator.inject(Context.root(), out, Map::put);
    SpanContext lowZero =
        SpanContext.create(
            "67891233abcdef010000000000000000", "53995c3f42cd8ad8", TraceFlags.getSampled(), TraceState.getDefault());
    propagator.inject(Context.root().with(Span.wrap(lowZero)), out, Map::put);
    propagator.inject(null, out, Map::put);
    propagator.inject(Context.root(), out, null);
    assertTrue(out.isEmpty(), out.toString());
  }

  @Test
  void roundTripThroughInjectAndExtract() {
    SpanContext sc =
        SpanContext.create(
            "5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8", TraceFlags.getDefault(), TraceState.getDefault());
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(Context.root().with(Span.wrap(sc)), carrier, Map::put);
    SpanContext back = extract(propagator, carrier);
    assertEquals(sc.getTraceId(), back.getTraceId());
    assertEquals(sc.getSpanId(), back.getSpanId());
    assertEquals(sc.getTraceFlags(), back.getTraceFlags());
    assertTrue(back.isRemote());
  }

  @Test
  void fields() {
    assertEquals(List.of("X-Amzn-Trace-Id"), List.copyOf(propagator.fields()));
  }
}
