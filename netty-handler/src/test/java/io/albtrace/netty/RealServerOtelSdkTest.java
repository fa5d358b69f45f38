package io.albtrace.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.continuation.Continuation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Netty server on 127.0.0.1, a real HTTP client, the OpenTelemetry SDK with an in-memory
 * exporter and a tracing handler added right after the codec as agents do: the server span
 * continues the ALB trace.
 */
class RealServerOtelSdkTest {
  static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
  static OpenTelemetrySdk otel;
  static EchoServer server;
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(EXPORTER)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    server = new EchoServer(p -> TestTracingHandler.addAfterCodec(p, otel), EchoServer.with(Continuation.defaults()));
  }

  @AfterAll
  static void stop() {
    server.close();
    otel.close();
  }

  JsonNode get(String... headers) throws Exception {
    EXPORTER.reset();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/echo"));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return JSON.readTree(r.body());
  }

  static SpanData onlyServerSpan() throws InterruptedException {
    // the span ends once the handler returns, which can be just after the client got the response
    for (int i = 0; i < 500 && EXPORTER.getFinishedSpanItems().isEmpty(); i++) Thread.sleep(10);
    List<SpanData> spans = EXPORTER.getFinishedSpanItems();
    assertEquals(1, spans.size(), spans.toString());
    assertEquals(SpanKind.SERVER, spans.get(0).getKind());
    return spans.get(0);
  }

  @Test
  void serverSpanContinuesTheAlbRoot() throws Exception {
    JsonNode echo = get("X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678");
    SpanData span = onlyServerSpan();
    assertEquals("67891233abcdef012345678912345678", span.getTraceId());
    assertEquals("00a80ccd5996a294", span.getParentSpanId());
    assertTrue(span.getParentSpanContext().isRemote());
    assertTrue(span.getSpanContext().isSampled());
    assertEquals(span.getTraceId(), echo.get("trace_id").asText());
    assertEquals("1-67891233-abcdef012345678912345678", echo.get("alb_root").asText());
    assertTrue(echo.get("continued").asBoolean());
    assertTrue(echo.get("tagged").asBoolean());
    assertEquals("1-67891233-abcdef012345678912345678", echo.get("mdc").asText(), "MDC during the request");
    assertEquals("1-67891233-abcdef012345678912345678", span.getAttributes().get(AttributeKey.stringKey("aws.alb.trace_id")));
    assertEquals(true, span.getAttributes().get(AttributeKey.booleanKey("aws.alb.continued")));
    assertNull(span.getAttributes().get(AttributeKey.stringKey("aws.alb.self")));
  }

  @Test
  void keepAliveRequestsEachContinueTheirOwnRoot() throws Exception {
    for (int i = 1; i <= 20; i++) {
      String unique = String.format("%024x", 0xabc000L + i);
      JsonNode echo = get("X-Amzn-Trace-Id", "Self=1-6789aaaa-" + unique + ";Root=1-6789aaaa-" + unique);
      SpanData span = onlyServerSpan();
      assertEquals("6789aaaa" + unique, span.getTraceId());
      assertEquals("1-6789aaaa-" + unique, span.getAttributes().get(AttributeKey.stringKey("aws.alb.self")));
      assertEquals("6789aaaa" + unique, echo.get("trace_id").asText());
      assertEquals("1-6789aaaa-" + unique, echo.get("mdc").asText());
    }
  }

  @Test
  void upstreamTraceparentWins() throws Exception {
    JsonNode echo = get("X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678",
        "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    SpanData span = onlyServerSpan();
    assertEquals("0af7651916cd43dd8448eb211c80319c", span.getTraceId());
    assertEquals("b7ad6b7169203331", span.getParentSpanId());
    assertEquals("1-67891233-abcdef012345678912345678", echo.get("alb_root").asText());
    assertEquals(false, echo.get("continued").asBoolean());
    assertEquals("1-67891233-abcdef012345678912345678", span.getAttributes().get(AttributeKey.stringKey("aws.alb.trace_id")));
    assertEquals(false, span.getAttributes().get(AttributeKey.booleanKey("aws.alb.continued")), "the truth");
  }

  @Test
  void invalidHeaderStartsANewTrace() throws Exception {
    JsonNode echo = get("X-Amzn-Trace-Id", "Root=1-67891233-abcdef010000000000000000");
    SpanData span = onlyServerSpan();
    assertNotEquals("67891233abcdef010000000000000000", span.getTraceId());
    assertEquals("0000000000000000", span.getParentSpanId());
    assertTrue(echo.get("alb_root").isNull());
    assertTrue(span.getAttributes().isEmpty(), span.getAttributes().toString());
    assertTrue(echo.get("mdc").isNull());
  }

  @Test
  void withoutAlbTraceTheServerSpanStartsItsOwnTrace() throws Exception {
    try (EchoServer plain = new EchoServer(p -> TestTracingHandler.addAfterCodec(p, otel), null)) {
      EXPORTER.reset();
      HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + plain.port() + "/"))
          .header("X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678").build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertNotEquals("67891233abcdef012345678912345678", onlyServerSpan().getTraceId());
    }
  }
}
