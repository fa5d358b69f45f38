package io.albtrace.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.testsupport.AgentArgs;
import io.albtrace.testsupport.FakeDatadogAgent;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo under the real dd-java-agent (Maven Central), its spans captured by {@link
 * FakeDatadogAgent} from the agent's own msgpack. With the Tomcat connector hook the server span
 * continues the ALB trace; without it the filter can only tag.
 */
class DatadogAgentIT {
  static final String ALB = "Root=1-67891233-abcdef012345678912345678";
  static final String ROOT = "1-67891233-abcdef012345678912345678";
  static final BigInteger DD_TRACE_ID = new BigInteger("2541551403134113400");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A uint64 id as the agent sent it (the Span accessors hold it in a long's bits). */
  static BigInteger unsigned(long id) {
    return new BigInteger(Long.toUnsignedString(id));
  }

  static List<String> agentArgs(FakeDatadogAgent agent) {
    return AgentArgs.datadog(DemoProcess.path("albtrace.dd.agent"), agent, "albtrace-demo");
  }

  @Test
  void connectorHookContinuesTheAlbTrace() throws Exception {
    try (FakeDatadogAgent agent = new FakeDatadogAgent();
        DemoProcess demo = new DemoProcess(agentArgs(agent))) {
      JsonNode r = JSON.readTree(demo.get(ALB));
      assertEquals(true, r.get("datadog_agent").asBoolean(), r.toString());
      assertEquals("67891233abcdef012345678912345678", r.get("trace_id").asText(), r.toString());
      assertEquals(true, r.get("aws.alb.continued").asBoolean(), r.toString());
      assertEquals(true, r.get("tagged").asBoolean(), r.toString());

      FakeDatadogAgent.Span span = agent.awaitSpan(s -> s.meta("aws.alb.trace_id") != null);
      assertEquals(DD_TRACE_ID, unsigned(span.traceId()), span.toString());
      assertEquals("67891233abcdef01", span.meta("_dd.p.tid"), span.toString());
      assertEquals(BigInteger.ZERO, unsigned(span.parentId()), span.toString());
      assertEquals(ROOT, span.meta("aws.alb.trace_id"));
      assertEquals("true", span.meta("aws.alb.continued"));
      assertEquals("servlet.request", span.name(), span.toString());
    }
  }

  @Test
  void withoutTheHookTheFilterOnlyTags() throws Exception {
    try (FakeDatadogAgent agent = new FakeDatadogAgent();
        DemoProcess demo = new DemoProcess(agentArgs(agent), "--no-connector-hook")) {
      JsonNode r = JSON.readTree(demo.get("Self=1-67891233-12456789abcdef0123456789;" + ALB));
      assertEquals(false, r.get("aws.alb.continued").asBoolean(), r.toString());

      FakeDatadogAgent.Span span = agent.awaitSpan(s -> s.meta("aws.alb.trace_id") != null);
      assertTrue(!DD_TRACE_ID.equals(unsigned(span.traceId())), span.toString());
      assertEquals(ROOT, span.meta("aws.alb.trace_id"));
      assertEquals("1-67891233-12456789abcdef0123456789", span.meta("aws.alb.self"));
      assertEquals("false", span.meta("aws.alb.continued"));
    }
  }

  /**
   * The documented limit: on Jetty 12 dd-java-agent extracts in {@code HttpChannelState.onRequest},
   * before Jetty runs customizers, so the Jetty customizer cannot continue; the filter still tags.
   */
  @Test
  void jettyOnlyTagsUnderDatadog() throws Exception {
    try (FakeDatadogAgent agent = new FakeDatadogAgent();
        DemoProcess demo = new DemoProcess(agentArgs(agent), "--server", "jetty")) {
      JsonNode r = JSON.readTree(demo.get(ALB));
      assertEquals(false, r.get("aws.alb.continued").asBoolean(), r.toString());
      FakeDatadogAgent.Span span = agent.awaitSpan(s -> s.meta("aws.alb.trace_id") != null);
      assertEquals("false", span.meta("aws.alb.continued"), span.toString());
      assertEquals(ROOT, span.meta("aws.alb.trace_id"));
      assertTrue(!DD_TRACE_ID.equals(unsigned(span.traceId())), span.toString());
    }
  }

  /**
   * Why {@code traceparent} is off by default under dd-java-agent: with both header styles the agent
   * still continues the 128-bit trace, but takes the parent from {@code traceparent} (docs/spec.md §3's
   * derived id, a span nobody reports) instead of leaving the server span a root.
   */
  @Test
  void withW3cForcedOnTheAgentTakesTheTraceparentParent() throws Exception {
    try (FakeDatadogAgent agent = new FakeDatadogAgent()) {
      List<String> args = new java.util.ArrayList<>(agentArgs(agent));
      args.add("-Dalbtrace.w3c=true");
      try (DemoProcess demo = new DemoProcess(args)) {
        JsonNode r = JSON.readTree(demo.get(ALB));
        assertEquals(true, r.get("aws.alb.continued").asBoolean(), r.toString());
        FakeDatadogAgent.Span span = agent.awaitSpan(s -> s.meta("aws.alb.trace_id") != null);
        assertEquals(DD_TRACE_ID, unsigned(span.traceId()), span.toString());
        assertEquals("67891233abcdef01", span.meta("_dd.p.tid"), span.toString());
        assertEquals(new BigInteger("00a80ccd5996a294", 16), unsigned(span.parentId()), span.toString());
      }
    }
  }
}
