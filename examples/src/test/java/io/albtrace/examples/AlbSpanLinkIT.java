package io.albtrace.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.testsupport.FakeDatadogAgent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ALB hop as the parent of the service span, end to end: a request goes through the demo
 * server under a real agent, the access-log line an ALB would write for it goes through the real
 * {@code albtrace spans}, and the ids link — the service span's parent is the ALB span.
 */
class AlbSpanLinkIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  @TempDir Path tmp;

  /** The ALB span {@code albtrace spans -o} writes for one log line: the OTLP JSON span object. */
  private JsonNode albSpan(String header, Instant received, Instant sent, int port) throws Exception {
    String line = "http " + MICROS.format(sent) + " app/demo-lb/50dc6c495c0c9188 192.168.131.39:2817 127.0.0.1:"
        + port + " 0.000 0.004 0.000 200 200 120 612 \"GET http://127.0.0.1:" + port + "/demo HTTP/1.1\" \"java-http-client\" - - "
        + "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/demo/73e2d6bc24d8a067 \"" + header + "\" \"-\" \"-\" 0 "
        + MICROS.format(received) + " \"forward\" \"-\" \"-\" \"127.0.0.1:" + port + "\" \"200\" \"-\" \"-\" TID_1234abcd5678ef90 \"-\" \"-\" \"-\"";
    Path log = tmp.resolve("alb.log");
    Path out = tmp.resolve("spans.jsonl");
    Files.writeString(log, line + "\n");
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-cp", System.getProperty("albtrace.cli.classpath"), "io.albtrace.cli.Main", "spans", "-o", out.toString(),
        log.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    JsonNode request = JSON.readTree(Files.readString(out));
    return request.get("resourceSpans").get(0).get("scopeSpans").get(0).get("spans").get(0);
  }

  private static long nanos(JsonNode span, String field) {
    return Long.parseLong(span.get(field).asText());
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano() / 1000 * 1000;
  }

  /** OpenTelemetry agent: the service span's parentSpanId is the ALB span's spanId, for a Root and for Self;Root. */
  @Test
  void underTheOpenTelemetryAgent() throws Exception {
    try (DemoProcess demo = new DemoProcess(OpenTelemetryAgentIT.agentArgs())) {
      for (String header : List.of("Root=1-6a1b2c3d-0123456789abcdef01234567",
          "Self=1-6a1b2c3e-89abcdef0123456789abcdef;Root=1-6a1b2c3d-fedcba9876543210fedcba98")) {
        Instant received = Instant.now();
        JsonNode r = JSON.readTree(demo.get(header));
        String traceId = r.get("trace_id").asText();
        JsonNode service = OpenTelemetryAgentIT.awaitServerSpan(demo, traceId);
        // ALB logs `time` once the response has gone out; the service span may end just after the
        // client has its response, so the line is written after the span was exported, as a later log
        Instant sent = Instant.now();
        JsonNode alb = albSpan(header, received, sent, demo.port());

        assertEquals(traceId, alb.get("traceId").asText(), "one trace: " + alb);
        assertEquals(alb.get("spanId").asText(), service.get("parentSpanId").asText(),
            "the service span's parent is the ALB span: " + service + "\n" + alb);
        assertEquals(2, alb.get("kind").asInt());
        long startGap = nanos(service, "startTimeUnixNano") - nanos(alb, "startTimeUnixNano");
        long endGap = nanos(alb, "endTimeUnixNano") - nanos(service, "endTimeUnixNano");
        assertTrue(startGap >= 0 && endGap >= 0, "the ALB hop encloses the service span: " + startGap + " ns before, "
            + endGap + " ns after");
        assertEquals(nanos(received), nanos(alb, "startTimeUnixNano"));
      }
    }
  }

  /**
   * dd-java-agent with {@code albtrace.datadog.parent=alb}: the server span continues the Root's
   * trace with {@code parent_id} = the ALB span's id (it is 0 by default, DatadogAgentIT).
   */
  @Test
  void underDdJavaAgentWithDatadogParentAlb() throws Exception {
    try (FakeDatadogAgent agent = new FakeDatadogAgent()) {
      List<String> args = new ArrayList<>(DatadogAgentIT.agentArgs(agent));
      args.add("-Dalbtrace.datadog.parent=alb");
      try (DemoProcess demo = new DemoProcess(args)) {
        String header = "Root=1-6a1b2c3d-00112233445566778899aabb";
        Instant received = Instant.now();
        JsonNode r = JSON.readTree(demo.get(header));
        Instant sent = Instant.now().plusMillis(1);
        assertEquals(true, r.get("aws.alb.continued").asBoolean(), r.toString());
        FakeDatadogAgent.Span span = agent.awaitSpan(s -> "1-6a1b2c3d-00112233445566778899aabb".equals(s.meta("aws.alb.trace_id")));
        JsonNode alb = albSpan(header, received, sent, demo.port());

        assertEquals(new BigInteger(alb.get("spanId").asText(), 16), DatadogAgentIT.unsigned(span.parentId()),
            "parent_id = the ALB span's id: " + span + "\n" + alb);
        assertEquals(new BigInteger(alb.get("traceId").asText().substring(16), 16), DatadogAgentIT.unsigned(span.traceId()));
        assertEquals(alb.get("traceId").asText().substring(0, 16), span.meta("_dd.p.tid"));
      }
    }
  }
}
