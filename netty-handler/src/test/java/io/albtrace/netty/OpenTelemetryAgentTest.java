package io.albtrace.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.AmznTraceHeader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry Java agent in a forked JVM ({@link AgentServerMain}), exporting with
 * {@code logging-otlp} (OTLP/JSON lines on the console), which this test parses.
 */
class OpenTelemetryAgentTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static ForkedServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new ForkedServer("otel-agent.jar", List.of(
        "-Dotel.service.name=albtrace-netty-it",
        "-Dotel.traces.exporter=logging-otlp", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none",
        "-Dotel.bsp.schedule.delay=100"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      System.out.println("OpenTelemetry agent: " + server.await(l -> l.startsWith("PIPELINE"), 1));
      server.close();
    }
  }

  static String root(int set, int i) {
    return String.format("1-6789b%03x-%08x%016x", set, i + 1, (set * 1000L + i + 1) * 0x9E3779B97F4A7C15L);
  }

  static String hex(String root) {
    return root.substring(2, 10) + root.substring(11);
  }

  static JsonNode get(int port, String root) throws IOException, InterruptedException {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
        .header("X-Amzn-Trace-Id", "Root=" + root).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return JSON.readTree(r.body());
  }

  /** Server spans exported so far, by trace id. */
  static Map<String, JsonNode> exportedServerSpans() throws IOException {
    Map<String, JsonNode> spans = new HashMap<>();
    for (String line : server.lines) {
      // logging-otlp writes one OTLP/JSON ResourceSpans object per log line
      int exporter = line.indexOf("OtlpJsonLoggingSpanExporter");
      int at = exporter < 0 ? -1 : line.indexOf('{', exporter);
      if (at < 0) continue;
      JsonNode root = JSON.readTree(line.substring(at));
      for (JsonNode rs : root.has("resourceSpans") ? root.path("resourceSpans") : List.of(root)) {
        for (JsonNode ss : rs.path("scopeSpans")) {
          for (JsonNode span : ss.path("spans")) {
            if (span.path("kind").asInt() == 2) spans.put(span.path("traceId").asText(), span);
          }
        }
      }
    }
    return spans;
  }

  static Map<String, JsonNode> awaitSpans(Iterable<String> traceIds, int count) throws Exception {
    Map<String, JsonNode> found = new HashMap<>();
    for (int i = 0; i < 300 && found.size() < count; i++) {
      if (i > 0) Thread.sleep(100);
      Map<String, JsonNode> all = exportedServerSpans();
      for (String t : traceIds) if (all.containsKey(t)) found.put(t, all.get(t));
    }
    return found;
  }

  static JsonNode attribute(JsonNode span, String key) {
    for (JsonNode a : span.path("attributes")) {
      if (a.path("key").asText().equals(key)) return a.path("value");
    }
    return JSON.missingNode();
  }

  @Test
  void install_100KeepAliveRequests_continueTheAlbRoots() throws Exception {
    int port = server.port();
    Map<String, String> roots = new HashMap<>();
    java.util.Set<Integer> connections = new java.util.HashSet<>();
    for (int i = 0; i < 100; i++) {
      String root = root(1, i);
      roots.put(hex(root), root);
      JsonNode echo = get(port, root);
      connections.add(echo.get("client_port").asInt());
      assertEquals(hex(root), echo.get("trace_id").asText(), echo.toString());
      assertTrue(echo.get("continued").asBoolean());
      assertTrue(echo.get("tagged").asBoolean(), echo.toString());
      assertEquals(root, echo.get("mdc").asText());
    }
    assertEquals(1, connections.size(), "one keep-alive connection: " + connections);
    Map<String, JsonNode> spans = awaitSpans(roots.keySet(), roots.size());
    assertEquals(roots.size(), spans.size(), "exported server spans for our roots");
    for (Map.Entry<String, String> e : roots.entrySet()) {
      JsonNode span = spans.get(e.getKey());
      assertNotNull(span);
      assertEquals(AmznTraceHeader.parse("Root=" + e.getValue()).parentSpanIdHex(),
          span.path("parentSpanId").asText(), span.toString());
      assertEquals(e.getValue(), attribute(span, "aws.alb.trace_id").path("stringValue").asText(), span.toString());
      assertTrue(attribute(span, "aws.alb.continued").path("boolValue").asBoolean(), span.toString());
    }
  }

  @Test
  void withoutAlbTraceTheAgentIgnoresTheAlbRoot() throws Exception {
    String root = root(2, 0);
    JsonNode echo = get(server.port("PORT_PLAIN"), root);
    assertEquals(32, echo.get("trace_id").asText().length());
    assertNotEquals(hex(root), echo.get("trace_id").asText());
  }

  /**
   * Measured: the OpenTelemetry agent turns {@code addAfter("codec", …)} into "after the agent's handler", so a
   * handler added that way runs after extraction and cannot continue the trace. It still adds the
   * headers (the application sees them) and records the mapping.
   */
  @Test
  void addAfterCodecByHandRunsAfterTheAgentAndDoesNotContinue() throws Exception {
    String root = root(3, 0);
    JsonNode echo = get(server.port("PORT_NAIVE"), root);
    assertNotEquals(hex(root), echo.get("trace_id").asText(), echo.toString());
    assertEquals(root, echo.get("alb_root").asText());
    assertTrue(echo.get("continued").asBoolean(), "headers were added, just too late");
  }

  @Test
  void serverRunsOnTheNettyVersionUnderTest() throws Exception {
    assertEquals("NETTY " + System.getProperty("albtrace.expected.netty"), server.await(l -> l.startsWith("NETTY "), 1));
  }
}
