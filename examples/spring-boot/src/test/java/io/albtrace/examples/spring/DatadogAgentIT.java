package io.albtrace.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.AmznTraceHeader;
import io.albtrace.testsupport.AgentArgs;
import io.albtrace.testsupport.FakeDatadogAgent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo under the real dd-java-agent, one forked JVM per stack, its spans decoded by {@link
 * FakeDatadogAgent} from the agent's own {@code /v0.4/traces} msgpack. MVC on Tomcat and WebFlux
 * on Reactor Netty continue the ALB trace (docs/spec.md §4: {@code trace_id} = the Root's low 64
 * bits, {@code _dd.p.tid} = its high 64, {@code parent_id} 0), also over 10,000 keep-alive requests
 * with distinct Roots; MVC on Jetty only tags, as documented.
 */
class DatadogAgentIT {
  static final String SELF = "Self=1-67891233-12456789abcdef0123456789";

  static List<String> agentArgs(FakeDatadogAgent agent) {
    return AgentArgs.datadog(Demo.path("albtrace.dd.agent"), agent, "albtrace-spring-demo");
  }

  @Test
  void mvcOnTomcat() throws Exception {
    continuesUnderLoad(Demo.TOMCAT, "tomcat");
  }

  @Test
  void webFluxOnReactorNetty() throws Exception {
    continuesUnderLoad(Demo.NETTY, "netty");
  }

  /** dd-java-agent extracts on Jetty 12 before Jetty runs customizers (docs/servlet.md): tags only. */
  @Test
  void mvcOnJettyOnlyTags() throws Exception {
    try (FakeDatadogAgent agent = new FakeDatadogAgent(); Demo demo = new Demo(agentArgs(agent), Demo.JETTY)) {
      String alb = Roots.next();
      JsonNode r = demo.get("X-Amzn-Trace-Id", alb);
      assertEquals("jetty", r.get("server").asText(), r.toString());
      assertEquals(true, r.get("tagged").asBoolean(), r.toString());
      assertEquals(false, r.get("aws.alb.continued").asBoolean(), r.toString());
      FakeDatadogAgent.Span span = agent.awaitSpan(s -> Roots.xray(alb).equals(s.meta("aws.alb.trace_id")));
      assertEquals("false", span.meta("aws.alb.continued"), span.toString());
      assertNotEquals(Roots.parse(alb).rootLow(), span.traceId(), span.toString());
    }
  }

  private static void continuesUnderLoad(List<String> stack, String server) throws Exception {
    try (FakeDatadogAgent agent = new FakeDatadogAgent(); Demo demo = new Demo(agentArgs(agent), stack)) {
      // one request, every field
      String alb = SELF + ";" + Roots.next();
      demo.getContinued(alb, server, true);
      awaitContinued(agent, List.of(alb));
      FakeDatadogAgent.Span span = agent.awaitSpan(s -> Roots.xray(alb).equals(s.meta("aws.alb.trace_id")));
      assertEquals("1-67891233-12456789abcdef0123456789", span.meta("aws.alb.self"), span.toString());

      // a context the client sent wins
      String other = Roots.next();
      JsonNode r = demo.get("X-Amzn-Trace-Id", other, "x-datadog-trace-id", "4242424242", "x-datadog-parent-id", "77");
      assertEquals(false, r.get("aws.alb.continued").asBoolean(), r.toString());
      span = agent.awaitSpan(s -> Roots.xray(other).equals(s.meta("aws.alb.trace_id")));
      assertEquals(4242424242L, span.traceId(), span.toString());
      assertEquals(77L, span.parentId(), span.toString());
      assertEquals("false", span.meta("aws.alb.continued"), span.toString());

      // bad input passes untouched
      r = demo.get("X-Amzn-Trace-Id", "Root=1-67891233-abcdef01234567891234567");
      assertEquals("malformed Root", r.get("albtrace.error").asText(), r.toString());
      assertTrue(r.get("mdc").isNull(), r.toString());

      // 10,000 keep-alive requests with distinct Roots: every server span continued, heap flat
      KeepAliveLoad.tenThousand(demo, "dd-java-agent, " + server, roots -> awaitContinued(agent, roots));
    }
  }

  /** Waits (bounded) until every Root has its server span (the one with the tags), each continuing it. */
  private static void awaitContinued(FakeDatadogAgent agent, List<String> roots) throws InterruptedException {
    Map<String, String> byTag = new HashMap<>();
    for (String alb : roots) byTag.put(Roots.xray(alb), alb);
    Map<String, FakeDatadogAgent.Span> found = agent.awaitByMeta("aws.alb.trace_id", byTag.keySet());
    assertEquals(byTag.size(), found.size(), "server spans received for the Roots sent");
    for (Map.Entry<String, FakeDatadogAgent.Span> e : found.entrySet()) assertContinued(byTag.get(e.getKey()), e.getValue());
  }

  /** trace_id = the Root's low 64 bits, _dd.p.tid (on the span's trace chunk) = its high 64, parent 0. */
  static void assertContinued(String alb, FakeDatadogAgent.Span span) {
    AmznTraceHeader h = Roots.parse(alb);
    assertEquals(h.rootLow(), span.traceId(), span.toString());
    assertEquals(h.root().datadogTid(), span.chunkTid(), span.toString());
    assertEquals(0L, span.parentId(), span.toString());
    assertEquals("true", span.meta("aws.alb.continued"), span.toString());
  }
}
