package io.albtrace.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The filter's contract on a real server with a real OpenTelemetry SDK: chain = albtrace (registered
 * by {@link AlbTraceInitializer}) → {@link OtelServerFilter} → albtrace again (tags) → {@link
 * EchoServlet}. Subclasses start Tomcat and Jetty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilterContractTest {
  static final String ROOT = "1-67891233-abcdef012345678912345678";
  static final String ROOT_HEX = "67891233abcdef012345678912345678";
  static final String ALB = "Root=" + ROOT;
  static final String WITH_SELF = "Self=1-67891233-12456789abcdef0123456789;Root=" + ROOT;

  /** A started server; {@link #port()} on 127.0.0.1. */
  interface Server extends AutoCloseable {
    int port();
  }

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  Server server;
  Server strict;

  /** Starts the server with these context parameters and the filter chain described above. */
  abstract Server start(Map<String, String> contextParams, Tracer tracer) throws Exception;

  @BeforeAll
  void startServers() throws Exception {
    server = start(Map.of(), provider.get("test"));
    strict = start(Map.of("albtrace.trust-policy", "alb-generated-only"), provider.get("test"));
  }

  @AfterAll
  void stopServers() throws Exception {
    if (server != null) server.close();
    if (strict != null) strict.close();
    provider.close();
  }

  @BeforeEach
  void reset() {
    exporter.reset();
  }

  @Test
  void albHeaderContinuesTheTraceTagsTheSpanAndSetsTheMdc() throws Exception {
    JsonNode r = Http.get(server.port(), "/hello", "X-Amzn-Trace-Id", ALB);
    SpanData span = serverSpan();
    assertEquals(ROOT_HEX, span.getTraceId());
    assertEquals("00a80ccd5996a294", span.getParentSpanId()); // docs/spec.md §3
    assertEquals(ROOT_HEX, r.get("trace_id").asText());
    assertEquals(ROOT, span.getAttributes().get(AttributeKey.stringKey("aws.alb.trace_id")));
    assertEquals(Boolean.TRUE, span.getAttributes().get(AttributeKey.booleanKey("aws.alb.continued")));
    assertNull(span.getAttributes().get(AttributeKey.stringKey("aws.alb.self")));
    assertEquals(ROOT, r.get("mdc").asText());

    // the wrapped request: getHeaderNames, getHeaders and getHeader agree
    JsonNode headers = r.get("headers");
    JsonNode single = r.get("getHeader");
    assertEquals("2541551403134113400", headers.get("x-datadog-trace-id").get(0).asText());
    assertEquals(1, headers.get("x-datadog-trace-id").size());
    assertEquals("_dd.p.tid=67891233abcdef01", headers.get("x-datadog-tags").get(0).asText());
    assertEquals("00-" + ROOT_HEX + "-00a80ccd5996a294-01", headers.get("traceparent").get(0).asText());
    assertEquals("2541551403134113400", single.get("x-datadog-trace-id").asText());
    assertEquals("_dd.p.tid=67891233abcdef01", single.get("x-datadog-tags").asText());
    assertEquals("00-" + ROOT_HEX + "-00a80ccd5996a294-01", single.get("traceparent").asText());
    assertFalse(headers.has("x-datadog-sampling-priority"));
    assertFalse(headers.has("x-datadog-parent-id"));
    assertEquals(ALB, single.get("x-amzn-trace-id").asText());
  }

  @Test
  void requestWithItsOwnTraceparentKeepsIt() throws Exception {
    String own = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    JsonNode r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", WITH_SELF, "traceparent", own);
    SpanData span = serverSpan();
    assertEquals("0af7651916cd43dd8448eb211c80319c", span.getTraceId());
    assertEquals("b7ad6b7169203331", span.getParentSpanId());
    assertEquals(Boolean.FALSE, span.getAttributes().get(AttributeKey.booleanKey("aws.alb.continued")));
    assertEquals(ROOT, span.getAttributes().get(AttributeKey.stringKey("aws.alb.trace_id")));
    assertEquals("1-67891233-12456789abcdef0123456789", span.getAttributes().get(AttributeKey.stringKey("aws.alb.self")));
    assertFalse(r.get("headers").has("x-datadog-trace-id"));
    assertEquals(own, r.get("getHeader").get("traceparent").asText());
  }

  @Test
  void upstreamDatadogContextAlsoWins() throws Exception {
    JsonNode r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", ALB, "X-Datadog-Trace-Id", "42");
    assertEquals("42", r.get("getHeader").get("x-datadog-trace-id").asText());
    assertFalse(r.get("headers").has("traceparent"));
    SpanData span = serverSpan();
    assertNotEquals(ROOT_HEX, span.getTraceId());
    assertEquals(Boolean.FALSE, span.getAttributes().get(AttributeKey.booleanKey("aws.alb.continued")));
  }

  @Test
  void invalidOrAbsentHeaderPassesUntouched() throws Exception {
    String[] bad = {"Root=1-67891233-abcdef01234567891234567", "Root=1-67891233-abcdef010000000000000000",
        "root=" + ROOT, "garbage;;==;", "Root=" + "x".repeat(9000)};
    for (String value : bad) {
      JsonNode r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", value);
      assertFalse(r.get("headers").has("traceparent"), value);
      assertFalse(r.get("headers").has("x-datadog-trace-id"), value);
      assertEquals(value, r.get("getHeader").get("x-amzn-trace-id").asText());
      assertTrue(r.get("mdc").isNull());
      SpanData span = serverSpan();
      assertTrue(span.getAttributes().isEmpty(), span.getAttributes().toString());
      exporter.reset();
    }
    JsonNode r = Http.get(server.port(), "/");
    assertFalse(r.get("headers").has("traceparent"));
    assertTrue(serverSpan().getAttributes().isEmpty());
  }

  @Test
  void sampledZeroIsPassedOn() throws Exception {
    JsonNode r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", ALB + ";Parent=53995c3f42cd8ad8;Sampled=0");
    JsonNode single = r.get("getHeader");
    assertEquals("00-" + ROOT_HEX + "-53995c3f42cd8ad8-00", single.get("traceparent").asText());
    assertEquals("0", single.get("x-datadog-sampling-priority").asText());
    assertEquals(Long.toUnsignedString(0x53995c3f42cd8ad8L), single.get("x-datadog-parent-id").asText());
    assertEquals(ROOT_HEX, r.get("trace_id").asText()); // continued, just not sampled
  }

  @Test
  void albGeneratedOnlyPolicyTagsButDoesNotContinueAClientRoot() throws Exception {
    JsonNode r = Http.get(strict.port(), "/", "X-Amzn-Trace-Id", WITH_SELF);
    assertFalse(r.get("headers").has("traceparent"));
    SpanData span = serverSpan();
    assertNotEquals(ROOT_HEX, span.getTraceId());
    assertEquals(Boolean.FALSE, span.getAttributes().get(AttributeKey.booleanKey("aws.alb.continued")));
    assertEquals(ROOT, span.getAttributes().get(AttributeKey.stringKey("aws.alb.trace_id")));
    exporter.reset();

    Http.get(strict.port(), "/", "X-Amzn-Trace-Id", ALB); // no Self: the ALB made this Root
    assertEquals(ROOT_HEX, serverSpan().getTraceId());
  }

  /** The one server span of the last request; exported when the instrumentation filter ends it. */
  SpanData serverSpan() throws InterruptedException {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    for (int i = 0; i < 200 && spans.isEmpty(); i++) { // the span may end just after the response
      Thread.sleep(25);
      spans = exporter.getFinishedSpanItems();
    }
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }
}
