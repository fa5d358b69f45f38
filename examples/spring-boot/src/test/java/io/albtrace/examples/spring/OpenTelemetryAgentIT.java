package io.albtrace.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.testsupport.AgentArgs;
import io.albtrace.testsupport.LoggingOtlpSpans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo under the real OpenTelemetry Java agent, one forked JVM per stack, its spans read from
 * the agent's {@code logging-otlp} exporter. On every stack the server span's trace id is the
 * Root's 128 bits and its parent the docs/spec.md §3 ALB-hop id; on Tomcat and Reactor Netty also
 * over 10,000 keep-alive requests with distinct Roots.
 */
class OpenTelemetryAgentIT {
  static final String SELF = "Self=1-67891233-12456789abcdef0123456789";

  static List<String> agentArgs() {
    List<String> args = new ArrayList<>(AgentArgs.openTelemetry(Demo.path("albtrace.otel.agent"), "albtrace-spring-demo"));
    // room for the spans of a round of requests (KeepAliveLoad.ROUND): a full export queue drops spans
    args.add("-Dotel.bsp.max.queue.size=65536");
    args.add("-Dotel.bsp.max.export.batch.size=2048");
    return args;
  }

  @Test
  void mvcOnTomcat() throws Exception {
    continuesUnderLoad(Demo.TOMCAT, "tomcat");
  }

  @Test
  void webFluxOnReactorNetty() throws Exception {
    continuesUnderLoad(Demo.NETTY, "netty");
  }

  @Test
  void mvcOnJetty() throws Exception {
    try (Demo demo = new Demo(agentArgs(), Demo.JETTY)) {
      continuesOne(demo, new LoggingOtlpSpans(demo.jvm.lines()), "jetty");
    }
  }

  private static void continuesUnderLoad(List<String> stack, String server) throws Exception {
    try (Demo demo = new Demo(agentArgs(), stack)) {
      LoggingOtlpSpans spans = new LoggingOtlpSpans(demo.jvm.lines());
      continuesOne(demo, spans, server);

      // a context the client sent wins
      String other = Roots.next();
      String clientTrace = "0af7651916cd43dd8448eb211c80319c";
      JsonNode r = demo.get("X-Amzn-Trace-Id", other, "traceparent", "00-" + clientTrace + "-b7ad6b7169203331-01");
      assertEquals(clientTrace, r.get("trace_id").asText(), r.toString());
      JsonNode span = spans.await(clientTrace);
      assertEquals("b7ad6b7169203331", span.get("parentSpanId").asText(), span.toString());
      assertEquals(Roots.xray(other), LoggingOtlpSpans.attribute(span, "aws.alb.trace_id").path("stringValue").asText());
      assertEquals(false, LoggingOtlpSpans.attribute(span, "aws.alb.continued").path("boolValue").asBoolean(true));

      // bad input passes untouched
      r = demo.get("X-Amzn-Trace-Id", "Root=1-67891233-abcdef01234567891234567");
      assertEquals("malformed Root", r.get("albtrace.error").asText(), r.toString());
      assertTrue(r.get("mdc").isNull(), r.toString());

      // 10,000 keep-alive requests with distinct Roots: every server span continued, heap flat
      KeepAliveLoad.tenThousand(demo, "OpenTelemetry agent, " + server, roots -> assertAllContinued(spans, roots));
    }
  }

  private static void continuesOne(Demo demo, LoggingOtlpSpans spans, String server) throws Exception {
    String alb = SELF + ";" + Roots.next();
    demo.getContinued(alb, server, false);
    JsonNode span = spans.await(Roots.hex(alb));
    assertContinued(alb, span);
    assertEquals("1-67891233-12456789abcdef0123456789", LoggingOtlpSpans.attribute(span, "aws.alb.self").path("stringValue").asText());
  }

  private static void assertAllContinued(LoggingOtlpSpans spans, List<String> roots) throws Exception {
    List<String> ids = new ArrayList<>();
    for (String alb : roots) ids.add(Roots.hex(alb));
    Map<String, JsonNode> found = spans.awaitAll(ids);
    assertEquals(ids.size(), found.size(), "server spans exported for the Roots sent");
    for (String alb : roots) assertContinued(alb, found.get(Roots.hex(alb)));
  }

  private static void assertContinued(String alb, JsonNode span) {
    assertEquals(Roots.parse(alb).parentSpanIdHex(), span.get("parentSpanId").asText(), span.toString());
    assertEquals(Roots.xray(alb), LoggingOtlpSpans.attribute(span, "aws.alb.trace_id").path("stringValue").asText(), span.toString());
    assertEquals(true, LoggingOtlpSpans.attribute(span, "aws.alb.continued").path("boolValue").asBoolean(), span.toString());
  }
}
