package io.albtrace.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.continuation.Continuation;
import io.netty.channel.ChannelPipeline;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Reactor Netty (what Spring WebFlux runs on): {@code AlbTrace.install} from
 * {@code doOnChannelInit}, with a tracing handler placed after Reactor's codec the way agents do.
 * Runs in the netty42 execution (Reactor Netty 1.3 needs Netty 4.2).
 */
class ReactorNettyTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void doOnChannelInitInstallsBeforeTheTracer() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    List<List<String>> pipelines = new CopyOnWriteArrayList<>();
    DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
        .doOnChannelInit((observer, channel, remote) -> {
          ChannelPipeline p = channel.pipeline();
          // what an agent does when Reactor adds its codec
          p.addAfter(NettyPipeline.HttpCodec, TestTracingHandler.class.getName(), new TestTracingHandler(otel));
          AlbTrace.install(p, Continuation.defaults()); // the line users add
          pipelines.add(p.names());
        })
        .handle((req, res) -> {
          String[] ids = EchoServer.currentIds();
          String body = "{\"trace_id\":\"" + (ids == null ? "" : ids[0]) + "\",\"traceparent\":\""
              + req.requestHeaders().get("traceparent") + "\"}";
          return res.header("content-type", "application/json").sendString(Mono.just(body));
        })
        .bindNow();
    try {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 1; i <= 10; i++) {
        String unique = String.format("%024x", 0x5eed00L + i);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/echo"))
            .header("X-Amzn-Trace-Id", "Root=1-6789cccc-" + unique).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        JsonNode echo = JSON.readTree(r.body());
        assertEquals("6789cccc" + unique, echo.get("trace_id").asText(), r.body());
        assertTrue(echo.get("traceparent").asText().startsWith("00-6789cccc" + unique + "-"), r.body());
      }
      for (int i = 0; i < 500 && exporter.getFinishedSpanItems().size() < 10; i++) Thread.sleep(10);
      List<SpanData> spans = exporter.getFinishedSpanItems();
      assertEquals(10, spans.size());
      for (SpanData s : spans) assertTrue(s.getTraceId().startsWith("6789cccc"), s.toString());
      List<String> names = pipelines.get(0);
      int codec = names.indexOf(NettyPipeline.HttpCodec);
      assertEquals(List.of(NettyPipeline.HttpCodec, AlbTrace.HANDLER_NAME, TestTracingHandler.class.getName(),
          AlbTrace.TAG_HANDLER_NAME), names.subList(codec, codec + 4), names.toString());
    } finally {
      server.disposeNow();
      otel.close();
    }
  }
}
