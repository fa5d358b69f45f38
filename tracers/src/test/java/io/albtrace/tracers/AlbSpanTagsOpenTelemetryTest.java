package io.albtrace.tracers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry path, against the real SDK and its in-memory exporter. */
class AlbSpanTagsOpenTelemetryTest {
  private static final String ALB = "Root=1-67891233-abcdef012345678912345678";
  private static final String CLIENT =
      "Self=1-67891233-12456789abcdef0123456789;Root=1-67891233-abcdef012345678912345678";

  private InMemorySpanExporter exporter;
  private SdkTracerProvider provider;
  private Tracer tracer;

  @BeforeEach
  void setUp() {
    exporter = InMemorySpanExporter.create();
    provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    tracer = provider.get("test");
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  @Test
  void spanContinuingTheRootIsTaggedContinued() {
    AmznTraceHeader header = AmznTraceHeader.parse(ALB);
    Context parent =
        Context.root()
            .with(
                Span.wrap(
                    SpanContext.createFromRemoteParent(
                        header.root().toHex(), header.parentSpanIdHex(), TraceFlags.getSampled(),
                        TraceState.getDefault())));
    Span span = tracer.spanBuilder("GET /").setSpanKind(SpanKind.SERVER).setParent(parent).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      assertTrue(AlbSpanTags.tagCurrentSpan(header));
      assertEquals(header.root().toHex(), AlbSpanTags.currentTraceId());
    } finally {
      span.end();
    }
    SpanData data = only(exporter.getFinishedSpanItems());
    assertEquals("67891233abcdef012345678912345678", data.getTraceId());
    assertEquals("1-67891233-abcdef012345678912345678", data.getAttributes().get(AttributeKey.stringKey(AlbSpanTags.TRACE_ID)));
    assertEquals(Boolean.TRUE, data.getAttributes().get(AttributeKey.booleanKey(AlbSpanTags.CONTINUED)));
    assertNull(data.getAttributes().get(AttributeKey.stringKey(AlbSpanTags.SELF)));
  }

  @Test
  void spanOfAnotherTraceIsTaggedNotContinuedWithSelf() {
    AmznTraceHeader header = AmznTraceHeader.parse(CLIENT);
    Span span = tracer.spanBuilder("GET /").setSpanKind(SpanKind.SERVER).setNoParent().startSpan();
    try (Scope ignored = span.makeCurrent()) {
      assertTrue(AlbSpanTags.tagCurrentSpan(header));
    } finally {
      span.end();
    }
    SpanData data = only(exporter.getFinishedSpanItems());
    assertEquals(Boolean.FALSE, data.getAttributes().get(AttributeKey.booleanKey(AlbSpanTags.CONTINUED)));
    assertEquals("1-67891233-12456789abcdef0123456789", data.getAttributes().get(AttributeKey.stringKey(AlbSpanTags.SELF)));
    assertEquals("1-67891233-abcdef012345678912345678", data.getAttributes().get(AttributeKey.stringKey(AlbSpanTags.TRACE_ID)));
  }

  @Test
  void nothingCurrentOrInvalidHeaderTagsNothing() {
    assertFalse(AlbSpanTags.tagCurrentSpan(AmznTraceHeader.parse(ALB)));
    assertNull(AlbSpanTags.currentTraceId());
    Span span = tracer.spanBuilder("GET /").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      assertFalse(AlbSpanTags.tagCurrentSpan(AmznTraceHeader.parse("Root=1-67891233-abc")));
      assertFalse(AlbSpanTags.tagCurrentSpan(AmznTraceHeader.parse(null)));
      assertFalse(AlbSpanTags.tagCurrentSpan(null));
    } finally {
      span.end();
    }
    assertTrue(only(exporter.getFinishedSpanItems()).getAttributes().isEmpty());
  }

  @Test
  void isContinuedComparesHexAndDatadogDecimal() {
    AmznTraceHeader header = AmznTraceHeader.parse(ALB);
    assertTrue(AlbSpanTags.isContinued("67891233abcdef012345678912345678", header));
    assertTrue(AlbSpanTags.isContinued("67891233ABCDEF012345678912345678", header));
    assertFalse(AlbSpanTags.isContinued("67891233abcdef012345678912345679", header));
    assertFalse(AlbSpanTags.isContinued("2541551403134113400", header)); // 64-bit trace: not the 128-bit one
    AmznTraceHeader zeroHigh = AmznTraceHeader.parse("Root=1-00000000-000000002345678912345678");
    assertTrue(AlbSpanTags.isContinued("2541551403134113400", zeroHigh));
    assertFalse(AlbSpanTags.isContinued("02541551403134113400", zeroHigh));
    assertFalse(AlbSpanTags.isContinued("2541551403134113401", zeroHigh));
    assertFalse(AlbSpanTags.isContinued("", zeroHigh));
    assertFalse(AlbSpanTags.isContinued(null, zeroHigh));
    assertFalse(AlbSpanTags.isContinued("-2541551403134113400", zeroHigh));
  }

  @Test
  void detection() {
    assertTrue(Tracers.openTelemetryApiPresent());
    assertTrue(Tracers.slf4jPresent());
    assertFalse(Tracers.datadogPresent()); // no agent in this JVM
  }

  private static SpanData only(List<SpanData> spans) {
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }
}
