package io.albtrace.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.testsupport.FakeDatadogAgent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar albtrace-demo.jar netty --port 0} under the real agents: the same JSON echo as
 * the servlet demo, and the agent's server span continues the ALB trace.
 */
class NettyDemoIT {
  static final String ALB = "Root=1-67891233-abcdef012345678912345678";
  static final String ROOT = "1-67891233-abcdef012345678912345678";
  static final String ROOT_HEX = "67891233abcdef012345678912345678";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The netty demo as a child process. */
  static final class NettyDemoProcess implements AutoCloseable {
    final List<String> output = new CopyOnWriteArrayList<>();
    final Process process;
    int port;

    NettyDemoProcess(List<String> jvmArgs) throws Exception {
      List<String> cmd = new ArrayList<>();
      cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx160m");
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.addAll(jvmArgs);
      cmd.addAll(List.of("-jar", DemoProcess.path("albtrace.demo.jar").toString(), "netty", "--port", "0"));
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l; (l = in.readLine()) != null; ) output.add(l);
        } catch (Exception e) {
          // process ended
        }
      }, "netty-demo-output");
      reader.setDaemon(true);
      reader.start();
      String marker = "albtrace-demo listening on http://127.0.0.1:";
      for (int i = 0; i < 1200 && port == 0 && process.isAlive(); i++) {
        for (String l : output) {
          if (l.startsWith(marker)) port = Integer.parseInt(l.substring(marker.length(), l.length() - 1));
        }
        if (port == 0) Thread.sleep(100);
      }
      if (port == 0) {
        close();
        throw new AssertionError("netty demo did not start:\n" + String.join("\n", output));
      }
    }

    JsonNode get(String amzn) throws Exception {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/demo")).header("X-Amzn-Trace-Id", amzn).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return JSON.readTree(r.body());
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void underDdJavaAgent() throws Exception {
    try (FakeDatadogAgent agent = new FakeDatadogAgent();
        NettyDemoProcess demo = new NettyDemoProcess(DatadogAgentIT.agentArgs(agent))) {
      JsonNode r = demo.get(ALB);
      assertEquals("netty", r.get("server").asText(), r.toString());
      assertEquals(true, r.get("datadog_agent").asBoolean(), r.toString());
      assertEquals(ROOT_HEX, r.get("trace_id").asText(), r.toString());
      assertEquals(ROOT, r.get("aws.alb.trace_id").asText(), r.toString());
      assertEquals(true, r.get("aws.alb.continued").asBoolean(), r.toString());
      assertEquals(true, r.get("tagged").asBoolean(), r.toString());
      assertTrue(r.get("traceparent").isNull(), "no traceparent under dd-java-agent: " + r);
      assertEquals("2541551403134113400", r.get("x-datadog-trace-id").asText(), r.toString());

      FakeDatadogAgent.Span span = agent.awaitSpan(s -> ROOT.equals(s.meta("aws.alb.trace_id")));
      assertEquals("netty.request", span.name(), span.toString());
      assertEquals(new BigInteger("2541551403134113400"), DatadogAgentIT.unsigned(span.traceId()), span.toString());
      assertEquals("67891233abcdef01", span.meta("_dd.p.tid"), span.toString());
      assertEquals(BigInteger.ZERO, DatadogAgentIT.unsigned(span.parentId()), span.toString());
      assertEquals("true", span.meta("aws.alb.continued"), span.toString());
    }
  }

  @Test
  void underOpenTelemetryAgent() throws Exception {
    try (NettyDemoProcess demo = new NettyDemoProcess(OpenTelemetryAgentIT.agentArgs())) {
      JsonNode r = demo.get(ALB);
      assertEquals("netty", r.get("server").asText(), r.toString());
      assertEquals(ROOT_HEX, r.get("trace_id").asText(), r.toString());
      assertEquals(true, r.get("aws.alb.continued").asBoolean(), r.toString());
      assertEquals(ROOT, r.get("mdc").asText(), r.toString());
      JsonNode span = null;
      for (int i = 0; i < 300 && span == null; i++) {
        for (String line : demo.output) {
          int brace = line.indexOf("{\"resource\"");
          if (brace < 0) continue;
          for (JsonNode ss : JSON.readTree(line.substring(brace)).path("scopeSpans")) {
            for (JsonNode s : ss.path("spans")) {
              if (s.path("kind").asInt() == 2 && ROOT_HEX.equals(s.path("traceId").asText())) span = s;
            }
          }
        }
        if (span == null) Thread.sleep(100);
      }
      assertTrue(span != null, "no server span exported:\n" + String.join("\n", demo.output));
      assertEquals("00a80ccd5996a294", span.path("parentSpanId").asText(), span.toString());
      assertEquals(ROOT, OpenTelemetryAgentIT.attribute(span, "aws.alb.trace_id").path("stringValue").asText());
    }
  }
}
