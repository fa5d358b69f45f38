package io.albtrace.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.spring.boot.CapturedSpans.ServerSpan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.netty.http.HttpProtocol;

/**
 * WebFlux on Reactor Netty over HTTP/2 cleartext: Reactor Netty builds each stream's pipeline
 * itself, and the starter hooks every one. Prior knowledge (Reactor Netty's client) and the
 * HTTP/1.1 Upgrade (the JDK's client) each carry several requests as streams of one connection,
 * and each continues its own Root. Runs in the netty executions.
 */
class H2cTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static ConfigurableApplicationContext app;
  static int port;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    port = TestApp.port(app);
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  @Test
  void priorKnowledgeStreamsEachContinueTheirOwnRoot() throws Exception {
    reactor.netty.http.client.HttpClient client =
        reactor.netty.http.client.HttpClient.create().protocol(HttpProtocol.H2C).baseUrl("http://127.0.0.1:" + port);
    List<String> roots = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String alb = Roots.next();
      roots.add(alb);
      String body = client.headers(h -> h.set("X-Amzn-Trace-Id", alb)).get().uri("/").responseContent().aggregate()
          .asString().block(Duration.ofSeconds(30));
      assertStreamContinued(alb, JSON.readTree(body));
    }
    assertSpansContinued(roots);
  }

  @Test
  void upgradedConnectionStreamsEachContinueTheirOwnRoot() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    List<String> roots = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String alb = Roots.next();
      roots.add(alb);
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).header("X-Amzn-Trace-Id", alb).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(HttpClient.Version.HTTP_2, response.version(), "upgraded to h2c");
      assertStreamContinued(alb, JSON.readTree(response.body()));
    }
    assertSpansContinued(roots);
  }

  private static void assertStreamContinued(String alb, JsonNode r) {
    assertEquals("HTTP/2.0", r.get("protocol").asText(), r.toString());
    ContinuationTest.assertContinuedHeaders(alb, r.get("headers"), r);
    assertTrue(r.get("pipeline").toString().contains("\"albtrace\""), "the stream's own pipeline: " + r);
    assertEquals(Roots.xray(alb), r.get("mdc").asText(), r.toString());
  }

  private static void assertSpansContinued(List<String> roots) throws InterruptedException {
    if (!Stack.traced()) return;
    CapturedSpans spans = app.getBean(CapturedSpans.class);
    for (String alb : roots) {
      ServerSpan span = spans.await(Roots.hex(alb));
      assertEquals("true", span.tags.get("aws.alb.continued"), span.toString());
    }
  }
}
