package io.albtrace.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.AmznTraceHeader;
import io.albtrace.testsupport.AgentArgs;
import io.albtrace.testsupport.FakeDatadogAgent;
import io.albtrace.testsupport.ForkedJvm;
import io.albtrace.testsupport.LoggingOtlpSpans;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The starter under the real dd-java-agent and OpenTelemetry Java agent (Maven Central): {@link
 * TestApp} forked on this execution's class path, 20 keep-alive requests with distinct Roots each
 * continuing its own in the agent's server span, and a context the client sent winning. Runs in
 * spring-boot-tests/boot3 on Tomcat and Reactor Netty without a Micrometer tracer; Boot 4 runs
 * under the agents as the demo (examples/spring-boot).
 */
class AgentTest {
  static final int REQUESTS = 20;

  @Test
  void datadogAgent() throws Exception {
    try (FakeDatadogAgent agent = new FakeDatadogAgent();
        ForkedJvm app = fork(AgentArgs.datadog(agentJar("dd-java-agent.jar"), agent, "albtrace-spring-boot-tests"))) {
      try (RawClient client = new RawClient(port(app))) {
        List<String> roots = send(client, (alb, r) -> {
          assertEquals(Roots.datadogTraceId(alb), r.get("container_headers").path("x-datadog-trace-id").asText(), r.toString());
          assertTrue(r.get("headers").path("traceparent").isMissingNode(), "albtrace.w3c is false under dd-java-agent: " + r);
        });
        String other = Roots.next();
        client.get("X-Amzn-Trace-Id: " + other, "x-datadog-trace-id: 4242424242", "x-datadog-parent-id: 77");
        FakeDatadogAgent.Span span = agent.awaitSpan(s -> Roots.xray(other).equals(s.meta("aws.alb.trace_id")));
        assertEquals(4242424242L, span.traceId(), "the client's context wins: " + span);
        assertEquals("false", span.meta("aws.alb.continued"), span.toString());
        assertDatadogContinued(agent, roots);
      }
    }
  }

  @Test
  void openTelemetryAgent() throws Exception {
    try (ForkedJvm app = fork(AgentArgs.openTelemetry(agentJar("opentelemetry-javaagent.jar"), "albtrace-spring-boot-tests"))) {
      LoggingOtlpSpans spans = new LoggingOtlpSpans(app.lines());
      List<String> roots;
      try (RawClient client = new RawClient(port(app))) {
        roots = send(client, (alb, r) -> ContinuationTest.assertContinuedHeaders(alb, r.get("container_headers"), r));
        String other = Roots.next();
        String clientTrace = "0af7651916cd43dd8448eb211c80319c";
        client.get("X-Amzn-Trace-Id: " + other, "traceparent: 00-" + clientTrace + "-b7ad6b7169203331-01");
        JsonNode span = spans.await(clientTrace);
        assertEquals(Roots.xray(other), LoggingOtlpSpans.attribute(span, "aws.alb.trace_id").path("stringValue").asText());
        assertEquals(false, LoggingOtlpSpans.attribute(span, "aws.alb.continued").path("boolValue").asBoolean(true));
      }
      List<String> ids = new ArrayList<>();
      for (String alb : roots) ids.add(Roots.hex(alb));
      Map<String, JsonNode> found = spans.awaitAll(ids);
      assertEquals(REQUESTS, found.size(), "server spans for the Roots sent");
      for (String alb : roots) {
        JsonNode span = found.get(Roots.hex(alb));
        assertEquals(Roots.albHop(alb), span.get("parentSpanId").asText(), span.toString());
        assertEquals(Roots.xray(alb), LoggingOtlpSpans.attribute(span, "aws.alb.trace_id").path("stringValue").asText());
        assertEquals(true, LoggingOtlpSpans.attribute(span, "aws.alb.continued").path("boolValue").asBoolean(), span.toString());
      }
    }
  }

  /** Every Root's server span: trace_id = the low 64 bits, _dd.p.tid (of its chunk) = the high 64, parent 0. */
  private static void assertDatadogContinued(FakeDatadogAgent agent, List<String> roots) throws InterruptedException {
    Map<String, FakeDatadogAgent.Span> spans = agent.awaitByMeta("aws.alb.trace_id", xrays(roots));
    assertEquals(REQUESTS, spans.size(), "server spans for the Roots sent: " + agent.spans());
    for (String alb : roots) {
      FakeDatadogAgent.Span span = spans.get(Roots.xray(alb));
      AmznTraceHeader h = Roots.parse(alb);
      assertEquals(h.rootLow(), span.traceId(), span.toString());
      assertEquals(h.root().datadogTid(), span.chunkTid(), span.toString());
      assertEquals(0L, span.parentId(), span.toString());
      assertEquals("true", span.meta("aws.alb.continued"), span.toString());
    }
  }

  /**
   * {@link #REQUESTS} requests with distinct Roots over {@code client}'s keep-alive connection,
   * each answer checked by {@code check} and for what every agent gives: the agent's span was
   * current when albtrace ran (tagged) and the Root is in the MDC. The Roots sent.
   */
  private static List<String> send(RawClient client, BiConsumer<String, JsonNode> check) throws Exception {
    List<String> roots = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String alb = Roots.next();
      roots.add(alb);
      JsonNode r = client.get("X-Amzn-Trace-Id: " + alb);
      check.accept(alb, r);
      assertEquals(true, r.get("tagged").asBoolean(), r.toString());
      assertEquals(Roots.xray(alb), r.get("mdc").asText(), r.toString());
    }
    return roots;
  }

  private static List<String> xrays(List<String> roots) {
    List<String> xrays = new ArrayList<>();
    for (String alb : roots) xrays.add(Roots.xray(alb));
    return xrays;
  }

  private static ForkedJvm fork(List<String> agentArgs) throws Exception {
    List<String> jvmArgs = new ArrayList<>(agentArgs);
    jvmArgs.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-Dalbtrace.test.server=" + Stack.SERVER, "-Dalbtrace.test.tracer=" + Stack.TRACER,
        "-cp", System.getProperty("java.class.path")));
    return ForkedJvm.start(jvmArgs, List.of(TestApp.class.getName()), l -> l.startsWith("PORT "), Duration.ofMinutes(3));
  }

  private static int port(ForkedJvm app) {
    return Integer.parseInt(app.readyLine().substring(5).trim());
  }

  private static Path agentJar(String name) {
    return Paths.get(System.getProperty("albtrace.agents.dir", "target/agents"), name);
  }
}
