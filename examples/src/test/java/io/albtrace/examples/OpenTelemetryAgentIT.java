package io.albtrace.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.testsupport.AgentArgs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo under the real OpenTelemetry Java agent (Maven Central), its spans read from the agent's
 * {@code logging-otlp} exporter (OTLP JSON in the process output).
 */
class OpenTelemetryAgentIT {
  static final String ALB = "Root=1-67891233-abcdef012345678912345678";
  static final String ROOT_HEX = "67891233abcdef012345678912345678";
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<String> agentArgs() {
    return AgentArgs.openTelemetry(DemoProcess.path("albtrace.otel.agent"), "albtrace-demo");
  }

  @Test
  void connectorHookContinuesTheAlbTraceAndUpstreamTraceparentWins() throws Exception {
    try (DemoProcess demo = new DemoProcess(agentArgs())) {
      JsonNode r = JSON.readTree(demo.get(ALB));
      assertEquals(false, r.get("datadog_agent").asBoolean(), r.toString());
      assertEquals(ROOT_HEX, r.get("trace_id").asText(), r.toString());
      assertEquals(true, r.get("aws.alb.continued").asBoolean(), r.toString());

      JsonNode span = awaitServerSpan(demo, ROOT_HEX);
      assertEquals("00a80ccd5996a294", span.get("parentSpanId").asText(), span.toString()); // docs/spec.md §3
      assertEquals("1-67891233-abcdef012345678912345678", attribute(span, "aws.alb.trace_id").get("stringValue").asText());
      assertEquals(true, attribute(span, "aws.alb.continued").get("boolValue").asBoolean());

      String own = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
      r = JSON.readTree(demo.get(ALB, "traceparent", own));
      assertEquals("0af7651916cd43dd8448eb211c80319c", r.get("trace_id").asText(), r.toString());
      span = awaitServerSpan(demo, "0af7651916cd43dd8448eb211c80319c");
      assertEquals("b7ad6b7169203331", span.get("parentSpanId").asText());
      assertEquals(false, attribute(span, "aws.alb.continued").get("boolValue").asBoolean());
      assertEquals("1-67891233-abcdef012345678912345678", attribute(span, "aws.alb.trace_id").get("stringValue").asText());
    }
  }

  @Test
  void withoutTheHookTheFilterOnlyTags() throws Exception {
    try (DemoProcess demo = new DemoProcess(agentArgs(), "--no-connector-hook")) {
      JsonNode r = JSON.readTree(demo.get(ALB));
      assertEquals(false, r.get("aws.alb.continued").asBoolean(), r.toString());
      String traceId = r.get("trace_id").asText();
      assertNotEquals(ROOT_HEX, traceId);
      JsonNode span = awaitServerSpan(demo, traceId);
      assertEquals("1-67891233-abcdef012345678912345678", attribute(span, "aws.alb.trace_id").get("stringValue").asText());
      assertEquals(false, attribute(span, "aws.alb.continued").get("boolValue").asBoolean());
    }
  }

  @Test
  void jettyCustomizerContinuesTheAlbTrace() throws Exception {
    try (DemoProcess demo = new DemoProcess(agentArgs(), "--server", "jetty")) {
      JsonNode r = JSON.readTree(demo.get(ALB));
      assertEquals("jetty", r.get("server").asText());
      assertEquals(ROOT_HEX, r.get("trace_id").asText(), r.toString());
      JsonNode span = awaitServerSpan(demo, ROOT_HEX);
      assertEquals("00a80ccd5996a294", span.get("parentSpanId").asText(), span.toString());
      assertEquals(true, attribute(span, "aws.alb.continued").get("boolValue").asBoolean());
    }
  }

  /**
   * The exported SERVER span of trace {@code traceId} (bounded wait). {@code logging-otlp} logs one
   * OTLP JSON {@code ResourceSpans} object per line.
   */
  static JsonNode awaitServerSpan(DemoProcess demo, String traceId) throws Exception {
    for (int i = 0; i < 300; i++) {
      for (String line : demo.output()) {
        int brace = line.indexOf("{\"resource\"");
        if (brace < 0) continue;
        for (JsonNode ss : JSON.readTree(line.substring(brace)).path("scopeSpans")) {
          for (JsonNode span : ss.path("spans")) {
            if (span.path("kind").asInt() == 2 && traceId.equals(span.path("traceId").asText())) return span;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no server span of " + traceId + " exported:\n" + String.join("\n", demo.output()));
  }

  static JsonNode attribute(JsonNode span, String key) {
    for (JsonNode a : span.path("attributes")) {
      if (key.equals(a.path("key").asText())) return a.path("value");
    }
    return null;
  }
}
