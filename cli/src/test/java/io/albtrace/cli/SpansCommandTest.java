package io.albtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.AmznTraceHeader;
import io.albtrace.accesslog.AlbLogEntry;
import io.albtrace.accesslog.AlbLogField;
import io.albtrace.testsupport.OtlpReceiver.Fault;
import io.albtrace.testsupport.OtlpReceiver;
import io.albtrace.testsupport.SampleLogGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code albtrace spans}: inputs read as {@code enrich} reads them, one span per traced line, sent
 * over OTLP/HTTP to a receiver on 127.0.0.1 (faults included) or written as OTLP JSON lines.
 */
class SpansCommandTest {
  @TempDir static Path tmp;
  static Path log; // 2000 generated lines in two gzip members
  /**
   * trace id/span id → how many lines give it (docs/spec.md §3 rules 2–3), from core's String
   * parser. AWS's examples repeat a Root, so some ids come more than once.
   */
  static final Map<String, Integer> EXPECTED = new HashMap<>();
  static int lines;
  static int spans;

  @BeforeAll
  static void generate() throws Exception {
    log = tmp.resolve("app.log.gz");
    SampleLogGenerator.write(log, 2000, 2, 7);
    AlbLogEntry e = new AlbLogEntry();
    byte[] all;
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(log))) {
      all = in.readAllBytes();
    }
    for (String line : new String(all, StandardCharsets.UTF_8).split("\n")) {
      lines++;
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      assertTrue(e.parse(b, 0, b.length), line);
      String traceId = e.text(AlbLogField.TRACE_ID);
      AmznTraceHeader h = AmznTraceHeader.parse(traceId);
      if (h.isValid()) {
        EXPECTED.merge(h.root().toHex() + "/" + String.format("%016x", h.albSpanId()), 1, Integer::sum);
        spans++;
      }
    }
  }

  static String hex(com.google.protobuf.ByteString b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b.toByteArray()) sb.append(String.format("%02x", x));
    return sb.toString();
  }

  /** Every traced line's span exactly once, each with the ids the line's trace_id gives. */
  static void assertAllOnce(OtlpReceiver r) {
    Map<String, Integer> got = new HashMap<>();
    for (OtlpReceiver.Received s : r.spans()) got.merge(hex(s.span.getTraceId()) + "/" + hex(s.span.getSpanId()), 1, Integer::sum);
    assertEquals(EXPECTED, got, r.log().toString());
  }

  @Test
  void exportsEveryTracedLineOverOtlpHttp() throws Exception {
    try (OtlpReceiver r = new OtlpReceiver(n -> Fault.OK)) {
      CliRun run = CliRun.run("", "spans", "--otlp-endpoint", r.baseUrl(), "--otlp-header", "dd-api-key=secret", log.toString());
      assertEquals(0, run.code, run.err);
      assertAllOnce(r);
      assertTrue(run.err.endsWith("albtrace spans: " + lines + " lines (" + spans + " spans, " + (lines - spans)
          + " without trace id, 0 malformed); " + spans + " delivered, 0 not delivered, in "
          + run.err.substring(run.err.lastIndexOf(" in ") + 4)), run.err);
      assertTrue(r.mostConcurrent() <= 4, "bounded: " + r.mostConcurrent());
      assertEquals(List.of("secret"), r.headers().get(0).get("Dd-api-key"));
      assertEquals(List.of("gzip"), r.headers().get(0).get("Content-encoding"));
      assertTrue(r.requests() >= (spans + 511) / 512, "batches of at most 512: " + r.requests());
    }
  }

  /** 429 then 503, then accepted: the exporter's retries deliver every span once. */
  @Test
  void retriesThroughTooManyRequestsAndUnavailable() throws Exception {
    try (OtlpReceiver r = new OtlpReceiver(n -> n == 0 ? Fault.status(429) : n == 1 ? Fault.status(503) : Fault.OK)) {
      CliRun run = CliRun.run("", "spans", "--otlp-endpoint", r.endpoint(), log.toString());
      assertEquals(0, run.code, run.err + r.log());
      assertAllOnce(r);
    }
  }

  /** A receiver that never recovers: every span counted, exit 4, the reason printed. */
  @Test
  void notDeliveredIsCountedAndTheExitCodeSaysSo() throws Exception {
    try (OtlpReceiver r = new OtlpReceiver(n -> Fault.status(503))) {
      CliRun run = CliRun.run("", "spans", "--otlp-endpoint", r.baseUrl(), "--timeout", "1", log.toString());
      assertEquals(SpansCommand.NOT_DELIVERED, run.code, run.err);
      assertTrue(run.err.contains("albtrace spans: " + spans + " spans not delivered (HTTP 503)\n"), run.err);
      assertTrue(run.err.contains("; 0 delivered, " + spans + " not delivered, in "), run.err);
      assertTrue(r.spans().isEmpty());
    }
  }

  @Test
  void connectionRefused() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun run = CliRun.run(AlbLines.AWS + "\n", "spans", "--otlp-endpoint", "http://127.0.0.1:" + port, "--timeout", "1");
    assertEquals(SpansCommand.NOT_DELIVERED, run.code, run.err);
    assertTrue(run.err.startsWith("albtrace spans: 1 spans not delivered (java."), run.err); // Connect… or ClosedChannelException
    assertTrue(run.err.contains("; 0 delivered, 1 not delivered, in "), run.err);
  }

  /** stdin to OTLP JSON lines on stdout; a malformed line and one without trace id give no span. */
  @Test
  void jsonLinesFromStdin() {
    String in = AlbLines.AWS + "\n" + "not an access log line\n"
        + AlbLines.AWS.replace("\"Root=1-58337262-36d228ad5d99923122bbe354\"", "-") + "\r\n"
        + AlbLines.AWS.replace("Root=1-58337262-36d228ad5d99923122bbe354", "Self=1-67891234-0123456789abcdef01234567;Root=1-67891233-abcdef012345678912345678");
    CliRun run = CliRun.run(in, "spans", "-o", "-");
    assertEquals(EnrichCommand.MALFORMED_LINES, run.code, run.err);
    List<JsonNode> out = CliRun.jsonLines(run.out);
    assertEquals(1, out.size(), "two spans, one batch, one line");
    List<String> ids = new ArrayList<>();
    for (JsonNode s : out.get(0).get("resourceSpans").get(0).get("scopeSpans").get(0).get("spans")) {
      ids.add(s.get("traceId").asText() + "/" + s.get("spanId").asText());
    }
    assertEquals(List.of("5833726236d228ad5d99923122bbe354/a3110f1ad6b7e611",
        "67891233abcdef012345678912345678/138f8fc4bf3ea3ba"), ids);
    assertTrue(run.err.endsWith("albtrace spans: 4 lines (2 spans, 1 without trace id, 1 malformed); "
        + "2 delivered, 0 not delivered, in " + run.err.substring(run.err.lastIndexOf(" in ") + 4)), run.err);
  }

  @Test
  void jsonLinesToAFile() throws Exception {
    Path out = tmp.resolve("spans.jsonl");
    CliRun run = CliRun.run("", "spans", "--output=" + out, log.toString());
    assertEquals(0, run.code, run.err);
    Map<String, Integer> got = new HashMap<>();
    for (JsonNode request : CliRun.jsonLines(Files.readString(out))) {
      for (JsonNode rs : request.get("resourceSpans")) {
        for (JsonNode ss : rs.get("scopeSpans")) {
          for (JsonNode s : ss.get("spans")) got.merge(s.get("traceId").asText() + "/" + s.get("spanId").asText(), 1, Integer::sum);
        }
      }
    }
    assertEquals(EXPECTED, got);
  }

  @Test
  void usageAndInputErrors() {
    assertEquals(0, CliRun.run("", "spans", "--help").code);
    assertTrue(CliRun.run("", "spans", "-h").out.startsWith("usage: albtrace spans"));
    assertTrue(CliRun.run("", "--help").out.contains("spans [--otlp-endpoint URL | -o FILE]"));
    String[][] usage = {
      {"--bogus"}, {"--timeout", "0"}, {"--timeout=abc"}, {"--otlp-header", "novalue"}, {"--otlp-endpoint", "ftp://x"},
      {"--otlp-endpoint"}, {"-o", ""}, {"-o", "-", "--otlp-endpoint", "http://localhost:4318"},
    };
    for (String[] args : usage) {
      String[] full = new String[args.length + 1];
      full[0] = "spans";
      System.arraycopy(args, 0, full, 1, args.length);
      CliRun r = CliRun.run("", full);
      assertEquals(Main.USAGE, r.code, String.join(" ", args) + ": " + r.err);
      assertTrue(r.err.startsWith("albtrace spans: "), r.err);
    }
    CliRun missing = CliRun.run("", "spans", "-o", "-", tmp.resolve("nope.log").toString());
    assertEquals(Main.IO_ERROR, missing.code);
    assertTrue(missing.err.startsWith("albtrace spans: cannot read "), missing.err);
    CliRun dir = CliRun.run(AlbLines.AWS, "spans", "-o", tmp.toString());
    assertEquals(Main.IO_ERROR, dir.code, dir.err);
    assertTrue(dir.err.startsWith("albtrace spans: cannot write "), dir.err);
  }

  /** A truncated gzip: the spans of every complete line before the damage are still sent; exit 1. */
  @Test
  void truncatedGzip() throws Exception {
    byte[] gz = Files.readAllBytes(log);
    Path cut = tmp.resolve("cut.log.gz");
    Files.write(cut, java.util.Arrays.copyOf(gz, gz.length / 2));
    try (OtlpReceiver r = new OtlpReceiver(n -> Fault.OK)) {
      CliRun run = CliRun.run("", "spans", "--otlp-endpoint", r.baseUrl(), cut.toString());
      assertEquals(Main.IO_ERROR, run.code, run.err);
      assertTrue(run.err.contains("albtrace spans: " + cut + ": truncated gzip data"), run.err);
      assertTrue(run.err.contains(" 0 not delivered"), run.err);
      assertTrue(r.spans().size() > 0 && r.spans().size() < spans, r.spans().size() + " spans");
    }
  }

  /** AWS's HTTP example line. */
  static final class AlbLines {
    static final String AWS = SampleLogGenerator.AWS_EXAMPLES.get(0);
  }
}
