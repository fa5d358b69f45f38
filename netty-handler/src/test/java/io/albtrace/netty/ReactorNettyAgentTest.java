package io.albtrace.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.testsupport.FakeDatadogAgent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reactor Netty ({@link ReactorAgentServerMain}: {@code doOnChannelInit → AlbTrace.install}) under
 * the real agents, 20 keep-alive requests each. Runs in the netty42 execution (Reactor Netty 1.3
 * needs Netty 4.2).
 */
class ReactorNettyAgentTest {
  @Test
  void ddJavaAgent() throws Exception {
    try (FakeDatadogAgent agent = new FakeDatadogAgent();
        ForkedServer server = new ForkedServer("dd-agent.jar", List.of(
            "-Ddd.trace.agent.url=http://127.0.0.1:" + agent.port(), "-Ddd.service=albtrace-reactor-it",
            "-Ddd.telemetry.enabled=false", "-Ddd.remote_config.enabled=false",
            "-Ddd.profiling.enabled=false", "-Ddd.jmxfetch.enabled=false",
            "-Ddd.data.streams.enabled=false", "-Ddd.trace.startup.logs=false"), ReactorAgentServerMain.class)) {
      Map<Long, String> roots = new HashMap<>();
      for (int i = 0; i < 20; i++) {
        String root = DatadogAgentTest.root(5, i);
        roots.put(DatadogAgentTest.low(root), root);
        JsonNode echo = DatadogAgentTest.get(server.port(), root);
        assertTrue(echo.get("tagged").asBoolean(), echo.toString());
      }
      System.out.println("reactor-netty, dd-java-agent: " + server.await(l -> l.startsWith("PIPELINE"), 1));
      Map<Long, FakeDatadogAgent.Span> found = new HashMap<>();
      for (int i = 0; i < 600 && found.size() < roots.size(); i++) {
        if (i > 0) Thread.sleep(100);
        for (FakeDatadogAgent.Span s : agent.spans()) {
          if (s.name().equals("netty.request") && roots.containsKey(s.traceId())) found.put(s.traceId(), s);
        }
      }
      assertEquals(roots.size(), found.size(), "server spans continuing our roots: " + agent.spans());
      for (Map.Entry<Long, String> e : roots.entrySet()) {
        FakeDatadogAgent.Span span = found.get(e.getKey());
        assertEquals(DatadogAgentTest.tid(e.getValue()), span.meta("_dd.p.tid"), span.toString());
        assertEquals(0L, span.parentId(), span.toString());
        assertEquals(e.getValue(), span.meta("aws.alb.trace_id"), span.toString());
        assertEquals("true", span.meta("aws.alb.continued"), span.toString());
      }
    }
  }

  @Test
  void openTelemetryAgent() throws Exception {
    ForkedServer server = new ForkedServer("otel-agent.jar", List.of(
        "-Dotel.service.name=albtrace-reactor-it",
        "-Dotel.traces.exporter=logging-otlp", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none",
        "-Dotel.bsp.schedule.delay=100"), ReactorAgentServerMain.class);
    ForkedServer previous = OpenTelemetryAgentTest.server;
    OpenTelemetryAgentTest.server = server; // its span parsing reads this server's output
    try {
      Map<String, String> roots = new HashMap<>();
      for (int i = 0; i < 20; i++) {
        String root = OpenTelemetryAgentTest.root(4, i);
        roots.put(OpenTelemetryAgentTest.hex(root), root);
        JsonNode echo = OpenTelemetryAgentTest.get(server.port(), root);
        assertTrue(echo.get("tagged").asBoolean(), echo.toString());
      }
      System.out.println("reactor-netty, OpenTelemetry agent: " + server.await(l -> l.startsWith("PIPELINE"), 1));
      Map<String, JsonNode> spans = OpenTelemetryAgentTest.awaitSpans(roots.keySet(), roots.size());
      assertEquals(roots.size(), spans.size(), "exported server spans continuing our roots");
      for (Map.Entry<String, String> e : roots.entrySet()) {
        JsonNode span = spans.get(e.getKey());
        assertEquals(e.getValue(), OpenTelemetryAgentTest.attribute(span, "aws.alb.trace_id").path("stringValue").asText(),
            span.toString());
        assertTrue(OpenTelemetryAgentTest.attribute(span, "aws.alb.continued").path("boolValue").asBoolean());
      }
    } finally {
      OpenTelemetryAgentTest.server = previous;
      server.close();
    }
  }
}
