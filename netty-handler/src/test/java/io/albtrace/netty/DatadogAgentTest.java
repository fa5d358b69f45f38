package io.albtrace.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.AmznTraceHeader;
import io.albtrace.continuation.Continuation;
import io.albtrace.testsupport.FakeDatadogAgent;
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
 * The real dd-java-agent in a forked JVM ({@link AgentServerMain}), reporting to
 * {@link FakeDatadogAgent}. Each request has its own ALB Root; requests on one keep-alive
 * connection per server.
 */
class DatadogAgentTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static FakeDatadogAgent agent;
  static ForkedServer server;

  @BeforeAll
  static void start() throws Exception {
    agent = new FakeDatadogAgent();
    server = new ForkedServer("dd-agent.jar", List.of(
        "-Ddd.trace.agent.url=http://127.0.0.1:" + agent.port(),
        "-Ddd.service=albtrace-netty-it",
        "-Ddd.telemetry.enabled=false", "-Ddd.remote_config.enabled=false",
        "-Ddd.profiling.enabled=false", "-Ddd.jmxfetch.enabled=false",
        "-Ddd.data.streams.enabled=false", "-Ddd.trace.startup.logs=false"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) System.out.println("dd-java-agent: " + server.await(l -> l.startsWith("PIPELINE"), 1));
    if (server != null) server.close();
    if (agent != null) agent.close();
  }

  /** A distinct Root per (set, i); half of the low parts are above 2^63. */
  static String root(int set, int i) {
    // the unique part never starts with 00000000: that is dd-java-agent's own X-Ray layout, which it reads itself
    long high = 0x6789a000_00000000L | ((long) set << 32) | ((i + 1) * 0x01000193L & 0xffffffffL);
    long low = (set * 1000L + i + 1) * 0x9E3779B97F4A7C15L;
    return String.format("1-%08x-%08x%016x", high >>> 32, high & 0xffffffffL, low);
  }

  static long low(String root) {
    return Long.parseUnsignedLong(root.substring(19), 16);
  }

  static String tid(String root) {
    return root.substring(2, 10) + root.substring(11, 19);
  }

  static JsonNode get(int port, String root) throws IOException, InterruptedException {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
        .header("X-Amzn-Trace-Id", "Root=" + root).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return JSON.readTree(r.body());
  }

  /** Waits for the tracer to flush, then returns the server span of each trace id in {@code roots}. */
  static Map<Long, FakeDatadogAgent.Span> spansFor(Map<Long, String> roots) throws InterruptedException {
    Map<Long, FakeDatadogAgent.Span> found = new HashMap<>();
    for (int i = 0; i < 600 && found.size() < roots.size(); i++) {
      if (i > 0) Thread.sleep(100);
      for (FakeDatadogAgent.Span s : agent.spans()) {
        if (s.name().equals("netty.request") && roots.containsKey(s.traceId())) found.put(s.traceId(), s);
      }
    }
    return found;
  }

  @Test
  void install_100KeepAliveRequests_continueWithParent0AndTheAgentsSampling() throws Exception {
    int port = server.port(); // AlbTrace.install(pipeline): under dd-java-agent, Datadog headers only
    Map<Long, String> roots = new HashMap<>();
    java.util.Set<Integer> connections = new java.util.HashSet<>();
    for (int i = 0; i < 100; i++) {
      String root = root(1, i);
      roots.put(low(root), root);
      JsonNode echo = get(port, root);
      connections.add(echo.get("client_port").asInt());
      // CorrelationIdentifier: 32 lowercase hex for a 128-bit trace
      assertEquals(tid(root) + root.substring(19), echo.get("trace_id").asText(), echo.toString());
      assertEquals(root, echo.get("alb_root").asText());
      assertTrue(echo.get("tagged").asBoolean(), echo.toString());
      assertEquals(root, echo.get("mdc").asText());
    }
    assertEquals(1, connections.size(), "one keep-alive connection: " + connections);
    Map<Long, FakeDatadogAgent.Span> spans = spansFor(roots);
    assertEquals(roots.size(), spans.size(), agent.requests() + "\n" + server.output());
    for (Map.Entry<Long, String> e : roots.entrySet()) {
      FakeDatadogAgent.Span span = spans.get(e.getKey());
      String root = e.getValue();
      assertEquals(tid(root), span.meta("_dd.p.tid"), span.toString());
      assertEquals(0L, span.parentId(), span.toString());
      assertEquals(1.0, span.metric("_sampling_priority_v1"), "the agent's own AUTO_KEEP: " + span);
      assertNotNull(span.metric("_dd.agent_psr"), "decided by the agent's rate sampler: " + span);
      assertEquals(root, span.meta("aws.alb.trace_id"), span.toString());
      assertEquals("true", span.meta("aws.alb.continued"), span.toString());
    }
  }

  @Test
  void withTraceparentToo_continueWithTheAlbHopAsParent() throws Exception {
    int port = server.port("PORT_BOTH"); // w3c on: traceparent as well
    Map<Long, String> roots = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      String root = root(2, i);
      roots.put(low(root), root);
      assertEquals(tid(root) + root.substring(19), get(port, root).get("trace_id").asText());
    }
    Map<Long, FakeDatadogAgent.Span> spans = spansFor(roots);
    assertEquals(roots.size(), spans.size(), agent.requests() + "\n" + server.output());
    for (Map.Entry<Long, String> e : roots.entrySet()) {
      FakeDatadogAgent.Span span = spans.get(e.getKey());
      assertEquals(tid(e.getValue()), span.meta("_dd.p.tid"), span.toString());
      // with traceparent present, dd-java-agent takes its parent id: docs/spec.md §3's ALB-hop id
      assertEquals(AmznTraceHeader.parse("Root=" + e.getValue()).parentSpanId(), span.parentId(), span.toString());
      assertEquals(e.getValue(), span.meta("aws.alb.trace_id"), span.toString());
      assertEquals("true", span.meta("aws.alb.continued"), span.toString());
    }
  }

  @Test
  void withoutAlbTraceTheAgentIgnoresTheAlbRoot() throws Exception {
    int port = server.port("PORT_PLAIN");
    for (int i = 0; i < 5; i++) {
      String root = root(3, i);
      JsonNode echo = get(port, root);
      assertNotEquals(tid(root) + root.substring(19), echo.get("trace_id").asText());
      assertNotEquals(Long.toUnsignedString(low(root)), echo.get("trace_id").asText());
      assertTrue(echo.get("alb_root").isNull());
    }
  }

  /** Unlike the OpenTelemetry agent, dd-java-agent leaves addAfter("codec", …) alone: it runs first. */
  @Test
  void addAfterCodecByHandContinuesToo() throws Exception {
    String root = root(4, 0);
    JsonNode echo = get(server.port("PORT_NAIVE"), root);
    assertEquals(tid(root) + root.substring(19), echo.get("trace_id").asText(), echo.toString());
    assertTrue(echo.get("continued").asBoolean());
    assertEquals(false, echo.get("tagged").asBoolean(), "no tag handler was added: " + echo);
  }

  @Test
  void serverRunsOnTheNettyVersionUnderTest() throws Exception {
    assertEquals("NETTY " + System.getProperty("albtrace.expected.netty"), server.await(l -> l.startsWith("NETTY "), 1));
  }
}
