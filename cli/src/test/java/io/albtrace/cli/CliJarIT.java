package io.albtrace.cli;

import static io.albtrace.cli.CliRun.jsonLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged {@code cli/target/albtrace.jar} with {@code java -jar}, as a user would. */
class CliJarIT {
  static Path jar;
  static Path samples;

  @TempDir static Path tmp;

  @BeforeAll
  static void findJar() {
    String property = System.getProperty("albtrace.jar");
    assertTrue(property != null, "albtrace.jar system property (set by failsafe)");
    jar = Path.of(property).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), jar + " exists");
    // cli/target/albtrace.jar -> samples/headers.txt at the repository root
    samples = jar.getParent().getParent().getParent().resolve("samples").resolve("headers.txt");
    assertTrue(Files.isRegularFile(samples), samples + " exists");
  }

  /** The outcome of one {@code java -jar albtrace.jar ...}. */
  static final class Run {
    int code;
    String out;
    String err;
  }

  static Run java(Path stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx32m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    if (stdin != null) pb.redirectInput(stdin.toFile());
    else pb.redirectInput(ProcessBuilder.Redirect.from(Files.createFile(tmp.resolve("empty-" + System.nanoTime())).toFile()));
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "albtrace finished");
    Run r = new Run();
    r.code = p.exitValue();
    r.out = CliRun.strictUtf8(Files.readAllBytes(out));
    r.err = Files.readString(err, StandardCharsets.UTF_8);
    return r;
  }

  @Test
  void convertSampleHeadersFromStdin() throws Exception {
    List<String> inputs = Files.readAllLines(samples, StandardCharsets.UTF_8);
    assertTrue(inputs.size() >= 8, "samples/headers.txt has its lines");
    Run r = java(samples, "convert");
    assertEquals(0, r.code, r.err);
    assertEquals("", r.err);
    List<JsonNode> lines = jsonLines(r.out);
    assertEquals(inputs.size(), lines.size(), "one object per input line, in order");
    int known = 0;
    for (int i = 0; i < inputs.size(); i++) {
      Consumer<JsonNode> expected = Samples.EXPECTED.get(inputs.get(i));
      if (expected != null) {
        expected.accept(lines.get(i));
        known++;
      } else {
        // A line added to the samples later: the process must agree with the library in-process.
        assertEquals(
            ConvertCommand.toJson(inputs.get(i), new StringBuilder()).toString(),
            r.out.split("\n")[i]);
      }
    }
    assertTrue(known >= 8, "the original sample lines are all checked exactly: " + known);
  }

  /** Lines end at LF only: CRLF is one line ending, a stray CR stays in its line. */
  @Test
  void convertSplitsStdinAtLfOnly() throws Exception {
    Path input = tmp.resolve("crlf.txt");
    Files.writeString(
        input, Samples.ALB + "\r\nRoot=bad\rRoot=worse\n\r" + Samples.SDK, StandardCharsets.UTF_8);
    Run r = java(input, "convert");
    assertEquals(0, r.code, r.err);
    List<JsonNode> lines = jsonLines(r.out);
    assertEquals(3, lines.size(), r.out);
    Samples.EXPECTED.get(Samples.ALB).accept(lines.get(0));
    assertEquals("Root=bad\rRoot=worse", lines.get(1).get("input").textValue());
    assertEquals("\r" + Samples.SDK, lines.get(2).get("input").textValue());
  }

  @Test
  void convertArguments() throws Exception {
    Run r =
        java(
            null,
            "convert",
            Samples.ALB,
            Samples.AWS_SELF + ";CalledFrom=app",
            Samples.SDK,
            "Root=1-67891233-abcdef012345678912345678;Who=\"J\u00fcrgen\" \\ \u0001 \ud83d\ude00",
            "root=1-67891233-abcdef012345678912345678");
    assertEquals(0, r.code, r.err);
    List<JsonNode> lines = jsonLines(r.out);
    assertEquals(5, lines.size());
    Samples.EXPECTED.get(Samples.ALB).accept(lines.get(0));
    Samples.EXPECTED.get(Samples.AWS_SELF + ";CalledFrom=app").accept(lines.get(1));
    Samples.EXPECTED.get(Samples.SDK).accept(lines.get(2));
    assertEquals(
        "Root=1-67891233-abcdef012345678912345678;Who=\"J\u00fcrgen\" \\ \u0001 \ud83d\ude00",
        lines.get(3).get("input").textValue());
    assertEquals("2541551403134113400", lines.get(3).get("dd_trace_id").textValue());
    CliRun.assertInvalid(lines.get(4), "root=1-67891233-abcdef012345678912345678", "no Root field");
  }

  /** Streaming: far more output than a 32 MB heap could hold, every line in order. */
  @Test
  void convertStreamsLargeInput() throws Exception {
    int n = 300_000;
    Path input = tmp.resolve("many.txt");
    try (OutputStream o = Files.newOutputStream(input)) {
      for (int i = 1; i <= n; i++) {
        o.write(String.format("Root=1-67891233-abcdef01%016x\n", (long) i).getBytes(StandardCharsets.US_ASCII));
      }
    }
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx32m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "convert");
    Path err = tmp.resolve("stream-err.txt");
    Process p = new ProcessBuilder(command).redirectInput(input.toFile()).redirectError(err.toFile()).start();
    long count = 0;
    String first = null;
    String last = null;
    try (InputStream in = p.getInputStream();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        count++;
        if (first == null) first = line;
        last = line;
        if (count % 50_000 == 0) {
          // Spot checks along the way: order is input order.
          assertTrue(line.contains("\"dd_trace_id\":\"" + count + "\""), line);
        }
      }
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), Files.readString(err));
    assertEquals(n, count);
    assertEquals("1", CliRun.JSON.readTree(first).get("dd_trace_id").textValue());
    assertEquals(Integer.toString(n), CliRun.JSON.readTree(last).get("dd_trace_id").textValue());
  }

  /** A reader that goes away ({@code | head -1}) ends the run with exit 1 instead of exit 0. */
  @Test
  void convertStopsWhenStdoutIsClosed() throws Exception {
    Path input = tmp.resolve("closed.txt");
    try (OutputStream o = Files.newOutputStream(input)) {
      byte[] line = (Samples.ALB + "\n").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 300_000; i++) o.write(line);
    }
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx32m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "convert");
    Path err = tmp.resolve("closed-err.txt");
    Process p = new ProcessBuilder(command).redirectInput(input.toFile()).redirectError(err.toFile()).start();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      Samples.EXPECTED.get(Samples.ALB).accept(CliRun.JSON.readTree(r.readLine()));
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue());
    assertTrue(Files.readString(err).contains("I/O error"), Files.readString(err));
  }

  @Test
  void fromDatadogForms() throws Exception {
    Run a = java(null, "from-datadog", "--trace-id", "2541551403134113400", "--tid", "67891233abcdef01");
    assertEquals(0, a.code, a.err);
    assertEquals("1-67891233-abcdef012345678912345678", a.out.strip());
    Run b = java(null, "from-datadog", "--trace-id=2541551403134113400", "--epoch=1737036339");
    assertEquals(0, b.code, b.err);
    assertEquals("1-67891233-000000002345678912345678", b.out.strip());
    Run c = java(null, "from-datadog", "--trace-id-128", "67891233abcdef012345678912345678");
    assertEquals(0, c.code, c.err);
    assertEquals("1-67891233-abcdef012345678912345678", c.out.strip());
  }

  @Test
  void exitCodes() throws Exception {
    Run bad = java(null, "from-datadog", "--trace-id", "18446744073709551616", "--tid", "67891233abcdef01");
    assertEquals(2, bad.code);
    assertEquals("", bad.out);
    assertTrue(bad.err.contains("larger than 2^64-1"), bad.err);

    Run none = java(null);
    assertEquals(2, none.code);
    assertTrue(none.err.contains("usage: albtrace"), none.err);

    Run unknown = java(null, "frobnicate");
    assertEquals(2, unknown.code);
    assertTrue(unknown.err.contains("unknown command 'frobnicate'"), unknown.err);

    Run help = java(null, "--help");
    assertEquals(0, help.code);
    assertTrue(help.out.contains("usage: albtrace"), help.out);
  }

  /**
   * {@code spans} from the packaged jar: the shaded OpenTelemetry exporter finds its JDK HTTP
   * sender (a ServiceLoader entry the shading must keep) and delivers every traced line of the
   * bundled sample log, gzip, to a receiver that decodes the protobuf.
   */
  @Test
  void spansFromTheSampleLogOverOtlp() throws Exception {
    Path log = samples.resolveSibling("alb-access.log.gz");
    try (io.albtrace.testsupport.OtlpReceiver r =
        new io.albtrace.testsupport.OtlpReceiver(n -> io.albtrace.testsupport.OtlpReceiver.Fault.OK)) {
      Run run = java(null, "spans", "--otlp-endpoint", r.baseUrl(), log.toString());
      assertEquals(0, run.code, run.err);
      assertTrue(run.err.startsWith("albtrace spans: 2000 lines (1976 spans, 24 without trace id, 0 malformed); "
          + "1976 delivered, 0 not delivered, in "), run.err);
      assertEquals(1976, r.spans().size());
      assertEquals("my-loadbalancer", r.spans().get(0).resource.getAttributesList().stream()
          .filter(a -> a.getKey().equals("service.name")).findFirst().orElseThrow().getValue().getStringValue());
    }
  }
}
