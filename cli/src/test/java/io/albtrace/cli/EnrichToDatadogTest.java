package io.albtrace.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.testsupport.AlbSamples;
import io.albtrace.testsupport.DeliveredLogs;
import io.albtrace.testsupport.FakeDatadogLogsIntake;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code albtrace enrich --to datadog}, in-process, against a local logs intake. */
class EnrichToDatadogTest {
  static final String KEY = "cli-test-key-0123456789abcdef";
  @RegisterExtension static final FakeDatadogLogsIntake intake = FakeDatadogLogsIntake.perClass(KEY);
  @TempDir static Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(byte[] stdin, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = EnrichToDatadog.run(args, new ByteArrayInputStream(stdin), o, e, env);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run run(byte[] stdin, String... args) {
    return run(stdin, Map.of("DD_API_KEY", KEY, "DD_LOGS_URL", intake.url().toString()), args);
  }

  static Function<String, String> enrichTraceId(AlbLogEnricher.TraceIdFormat format) {
    AlbLogEnricher enricher = new AlbLogEnricher(format);
    return line -> {
      JsonNode id = json(enricher.enrich(line)).get("dd.trace_id");
      return id == null ? null : id.asText();
    };
  }

  static JsonNode json(String s) {
    try {
      return CliRun.JSON.readTree(s);
    } catch (Exception e) {
      throw new AssertionError(s, e);
    }
  }

  @Test
  void requestedByToAnywhereBeforeDashDash() {
    assertTrue(EnrichToDatadog.requested(new String[] {"a.log", "--to", "datadog"}));
    assertTrue(EnrichToDatadog.requested(new String[] {"--to=datadog"}));
    assertFalse(EnrichToDatadog.requested(new String[] {"--", "--to", "datadog"}), "-- ends the options");
    assertFalse(EnrichToDatadog.requested(new String[] {"-o", "x", "--dd-trace-id", "hex"}));
  }

  @Test
  void aFileIsDeliveredLineByLineInOrder() throws Exception {
    Run r = run(new byte[0], "--to", "datadog", "--no-progress", AlbSamples.file().toString());
    assertEquals(0, r.code, r.err);
    assertEquals("", r.out, "nothing on stdout");
    DeliveredLogs.assertLines(DeliveredLogs.of(intake.entries(), e -> true), AlbSamples.lines(), true,
        enrichTraceId(AlbLogEnricher.TraceIdFormat.DECIMAL));
    long traced = intake.entries().stream().filter(e -> e.json.has("dd.trace_id")).count();
    assertTrue(r.err.startsWith("albtrace enrich: 2000 lines (" + traced + " with trace id, " + (2000 - traced)
        + " without, 0 malformed) in "), r.err);
    assertTrue(r.err.contains(": 2000 sent to " + intake.url() + ", 0 failed (2 requests, 0 retries)"), r.err);
    JsonNode first = intake.entries().get(0).json;
    assertEquals(AlbSamples.LOAD_BALANCER, first.get("service").asText());
    assertFalse(first.has("aws.s3.bucket"), "not from S3");
  }

  @Test
  void stdinWithOptionsAndHostileLines() throws Exception {
    List<String> lines = AlbSamples.lines().subList(0, 20);
    String input = String.join("\n", lines) + "\nnot an ALB line\n\u0000\u0001\n";
    Run r = run(input.getBytes(StandardCharsets.UTF_8),
        Map.of("DD_API_KEY", KEY, "DD_TAGS", "env:test"),
        "--to=datadog", "--dd-url", intake.url().toString(), "--format", "parsed", "--dd-trace-id=hex",
        "--service", "edge", "--tags", "team:web");
    assertEquals(EnrichCommand.MALFORMED_LINES, r.code, r.err);
    List<FakeDatadogLogsIntake.Entry> got = intake.entries();
    assertEquals(22, got.size());
    AlbLogEnricher hex = new AlbLogEnricher(AlbLogEnricher.TraceIdFormat.HEX);
    for (int i = 0; i < 20; i++) {
      JsonNode e = got.get(i).json;
      assertEquals(json(hex.enrich(lines.get(i))).get("dd.trace_id"), e.get("dd.trace_id"));
      assertEquals("edge", e.get("service").asText());
      assertEquals("env:test,team:web,elb:" + AlbSamples.LOAD_BALANCER, e.get("ddtags").asText());
    }
    assertEquals("not an ALB line", got.get(20).json.get("message").asText());
    assertTrue(got.get(21).json.get("albtrace.error").asText().startsWith("binary data"));
    assertTrue(r.err.contains("22 lines (20 with trace id, 0 without, 2 malformed)"), r.err);
  }

  @Test
  void anIntakeThatStaysDownIsExit1WithTheUndeliveredCount() {
    intake.failAll(503);
    Run r = run(String.join("\n", AlbSamples.lines().subList(0, 10)).getBytes(StandardCharsets.UTF_8),
        "--to", "datadog", "--attempts", "2");
    assertEquals(Main.IO_ERROR, r.code, r.err);
    assertTrue(r.err.contains("albtrace enrich: 10 entries not delivered after 2 attempts, last: HTTP 503"),
        r.err);
    assertTrue(r.err.contains(": 0 sent to " + intake.url() + ", 10 failed (2 requests, 1 retries)"), r.err);
  }

  @Test
  void aRefusedKeyIsExit1AtOnce() {
    Run r = run(new byte[] {'x', '\n'}, Map.of("DD_API_KEY", "wrong", "DD_LOGS_URL", intake.url().toString()),
        "--to", "datadog");
    assertEquals(Main.IO_ERROR, r.code, r.err);
    assertTrue(r.err.contains("albtrace enrich: the intake refused 1 entries: HTTP 403"), r.err);
    assertEquals(1, intake.requests().size());
  }

  @Test
  void aTruncatedGzipSendsTheLinesBeforeAndIsExit1() throws Exception {
    byte[] whole = Files.readAllBytes(AlbSamples.file());
    Path cut = tmp.resolve("cut.log.gz");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
    Run r = run(new byte[0], "--to", "datadog", cut.toString());
    assertEquals(Main.IO_ERROR, r.code, r.err);
    assertTrue(r.err.contains(cut + ": truncated gzip data (unexpected end of file) after "), r.err);
    List<FakeDatadogLogsIntake.Entry> got = intake.entries();
    assertTrue(got.size() > 100);
    assertTrue(got.get(got.size() - 1).json.get("albtrace.error").asText().startsWith("truncated gzip data"));
    for (int i = 0; i < got.size() - 1; i++) assertEquals(AlbSamples.lines().get(i), got.get(i).json.get("message").asText());
  }

  @Test
  void usageErrors() {
    assertEquals(Main.USAGE, run(new byte[0], Map.of("DD_LOGS_URL", intake.url().toString()), "--to", "datadog").code,
        "no DD_API_KEY");
    Run r = run(new byte[0], Map.of(), "--to", "datadog");
    assertTrue(r.err.startsWith("albtrace enrich: DD_API_KEY is not set"), r.err);
    assertEquals(Main.USAGE, run(new byte[0], "--to", "splunk").code);
    assertEquals(Main.USAGE, run(new byte[0], "--to", "datadog", "--format", "xml").code);
    assertEquals(Main.USAGE, run(new byte[0], "--to", "datadog", "--dd-trace-id", "octal").code);
    assertEquals(Main.USAGE, run(new byte[0], "--to", "datadog", "--attempts", "0").code);
    assertEquals(Main.USAGE, run(new byte[0], "--to", "datadog", "-o", "x").code, "no output file: nothing is written");
    assertEquals(Main.USAGE, run(new byte[0], "--to", "datadog", "--dd-url", "ftp://x/").code);
    Run help = run(new byte[0], "--to", "datadog", "--help");
    assertEquals(Main.OK, help.code);
    assertTrue(help.out.startsWith("usage: albtrace enrich --to datadog"), help.out);
    assertTrue(intake.requests().isEmpty());
  }
}
