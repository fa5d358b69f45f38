package io.albtrace.cli;

import static io.albtrace.cli.CliRun.jsonLines;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.albtrace.testsupport.SampleLogGenerator;
import io.albtrace.testsupport.AlbLogCorpus;

/** {@code java -jar albtrace.jar enrich …} as separate processes: stdin, files, gzip, exit codes. */
class EnrichJarIT {
  static Path jar;
  static Path sample;

  @TempDir static Path tmp;

  @BeforeAll
  static void findJar() {
    jar = Path.of(System.getProperty("albtrace.jar")).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), jar + " exists");
    sample = jar.getParent().getParent().getParent().resolve("samples").resolve("alb-access.log.gz");
    assertTrue(Files.isRegularFile(sample), sample + " exists");
  }

  record Run(int code, String out, String err) {}

  static Run enrich(Path stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of("-Xmx64m", "-XX:TieredStopAtLevel=1"));
    command.addAll(List.of("-jar", jar.toString(), "enrich"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".ndjson");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.redirectInput(stdin != null ? stdin.toFile() : Files.createTempFile(tmp, "empty", ".txt").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "albtrace finished");
    return new Run(p.exitValue(), CliRun.strictUtf8(Files.readAllBytes(out)), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void bundledSampleIsAllLinked() throws Exception {
    Run r = enrich(null, sample.toString());
    assertEquals(0, r.code, r.err);
    List<JsonNode> out = jsonLines(r.out);
    assertEquals(2000, out.size());
    long traced = out.stream().filter(n -> n.has("dd.trace_id")).count();
    assertTrue(r.err.startsWith("albtrace enrich: 2000 lines (" + traced + " with trace id, " + (2000 - traced)
        + " without, 0 malformed) in "), r.err);
    assertEquals("6744582656697819988", out.get(0).get("dd.trace_id").asText(), "AWS's first example");
    for (int i = 0; i < SampleLogGenerator.AWS_EXAMPLES.size(); i++) {
      String example = SampleLogGenerator.AWS_EXAMPLES.get(i);
      assertEquals(example.substring(0, example.indexOf(' ')), out.get(i).get("type").asText());
    }
  }

  @Test
  void corpusOnStdinGzippedAndPlain() throws Exception {
    List<AlbLogCorpus.Line> corpus = AlbLogCorpus.lines();
    Path plain = tmp.resolve("corpus.log");
    Files.write(plain, AlbLogCorpus.file(corpus));
    Path gz = tmp.resolve("corpus-log"); // gzip without the name saying so
    Files.write(gz, EnrichCommandTest.gzipBytes(AlbLogCorpus.file(corpus)));
    for (Path stdin : new Path[] {plain, gz}) {
      Run r = enrich(stdin);
      assertEquals(EnrichCommand.MALFORMED_LINES, r.code, r.err);
      List<JsonNode> out = jsonLines(r.out);
      assertEquals(corpus.size(), out.size());
      for (int i = 0; i < corpus.size(); i++) EnrichCommandTest.assertMatches(corpus.get(i), out.get(i));
    }
  }

  @Test
  void manyFilesToAnOutputFile() throws Exception {
    Path o = tmp.resolve("all.ndjson");
    Run r = enrich(null, "-o", o.toString(), sample.toString(), sample.toString(), "--dd-trace-id=hex");
    assertEquals(0, r.code, r.err);
    assertEquals("", r.out);
    List<JsonNode> out = jsonLines(Files.readString(o));
    assertEquals(4000, out.size());
    assertEquals("5833726236d228ad5d99923122bbe354", out.get(2000).get("dd.trace_id").asText());
    assertTrue(r.err.startsWith("albtrace enrich: 4000 lines"), r.err);
  }

  @Test
  void truncatedGzipExitsOneNamingTheFileAndLinesReached() throws Exception {
    byte[] whole = Files.readAllBytes(sample);
    Path cut = tmp.resolve("cut.log.gz");
    Files.write(cut, Arrays.copyOf(whole, whole.length * 3 / 4));
    Run r = enrich(null, cut.toString());
    assertEquals(Main.IO_ERROR, r.code);
    int written = jsonLines(r.out).size();
    assertTrue(written > 1000 && written < 2000, "lines before the cut were written: " + written);
    assertTrue(r.err.startsWith("albtrace enrich: " + cut + ": truncated gzip data (unexpected end of file) after "
        + written + " lines of it; every line before was written\n"), r.err);

    byte[] corrupt = whole.clone();
    for (int i = 5000; i < 5100; i++) corrupt[i] ^= 0x5a;
    Path bad = tmp.resolve("bad.log.gz");
    Files.write(bad, corrupt);
    Run c = enrich(null, bad.toString());
    assertEquals(Main.IO_ERROR, c.code);
    assertTrue(c.err.startsWith("albtrace enrich: " + bad + ": corrupt gzip data"), c.err);
  }

  @Test
  void exitCodes() throws Exception {
    assertEquals(Main.USAGE, enrich(null, "--nope").code);
    assertEquals(Main.IO_ERROR, enrich(null, tmp.resolve("missing.gz").toString()).code);
    Path good = tmp.resolve("good.log");
    Files.writeString(good, AlbLogCorpus.HTTP + "\n");
    assertEquals(0, enrich(good).code);
    Path mixed = tmp.resolve("mixed.log");
    Files.writeString(mixed, AlbLogCorpus.HTTP + "\nnot an access log line\n");
    Run r = enrich(mixed);
    assertEquals(EnrichCommand.MALFORMED_LINES, r.code);
    assertEquals(2, jsonLines(r.out).size());
  }
}
