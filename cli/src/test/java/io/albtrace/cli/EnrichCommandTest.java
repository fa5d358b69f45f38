package io.albtrace.cli;

import static io.albtrace.cli.CliRun.jsonLines;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.AmznTraceHeader;
import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.testsupport.AlbLogCorpus;
import io.albtrace.testsupport.GzipBytes;
import io.albtrace.testsupport.SampleLogGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichCommandTest {
  @TempDir Path tmp;

  /** Checks one output object against its input line. */
  static void assertMatches(AlbLogCorpus.Line in, JsonNode out) {
    switch (in.kind()) {
      case MALFORMED:
        assertEquals(List.of("message", "albtrace.error"), CliRun.fieldNames(out), in.what());
        assertFalse(out.get("albtrace.error").asText().isEmpty());
        break;
      case TRACED: {
        assertFalse(out.has("albtrace.error"), () -> in.what() + ": " + out);
        String header = out.get("trace_id").asText();
        assertEquals(AmznTraceHeader.parse(header).root().datadogTraceId(), out.get("dd.trace_id").asText(), in.what());
        assertEquals(in.text().substring(0, in.text().indexOf(' ')), out.get("type").asText());
        break;
      }
      default:
        assertFalse(out.has("albtrace.error"), in.what());
        assertFalse(out.has("dd.trace_id"), in.what());
        assertEquals(in.text().substring(0, in.text().indexOf(' ')), out.get("type").asText());
    }
  }

  static long count(List<AlbLogCorpus.Line> lines, AlbLogCorpus.Kind kind) {
    return lines.stream().filter(l -> l.kind() == kind).count();
  }

  @Test
  void corpusFromStdinEveryLineInOrder() {
    List<AlbLogCorpus.Line> corpus = AlbLogCorpus.lines();
    CliRun r = CliRun.run(AlbLogCorpus.file(corpus), "enrich");
    assertEquals(EnrichCommand.MALFORMED_LINES, r.code, r.err);
    List<JsonNode> out = jsonLines(r.out);
    assertEquals(corpus.size(), out.size(), "lines out == lines in");
    for (int i = 0; i < corpus.size(); i++) assertMatches(corpus.get(i), out.get(i));
    assertTrue(r.err.startsWith(String.format("albtrace enrich: %d lines (%d with trace id, %d without, %d malformed) in ",
        corpus.size(), count(corpus, AlbLogCorpus.Kind.TRACED), count(corpus, AlbLogCorpus.Kind.UNTRACED),
        count(corpus, AlbLogCorpus.Kind.MALFORMED))), r.err);
    assertTrue(r.err.trim().endsWith("MB/s"), r.err);
  }

  @Test
  void allGoodLinesExitZero() {
    CliRun r = CliRun.run(String.join("\n", SampleLogGenerator.AWS_EXAMPLES), "enrich");
    assertEquals(0, r.code, r.err);
    assertEquals(SampleLogGenerator.AWS_EXAMPLES.size(), jsonLines(r.out).size(), "last line without \\n counts");
  }

  @Test
  void emptyInput() {
    CliRun r = CliRun.run("", "enrich", "-");
    assertEquals(0, r.code);
    assertEquals("", r.out);
    assertTrue(r.err.startsWith("albtrace enrich: 0 lines"), r.err);
  }

  @Test
  void hexTraceIds() {
    for (String[] args : new String[][] {{"enrich", "--dd-trace-id=hex"}, {"enrich", "--dd-trace-id", "hex"}}) {
      CliRun r = CliRun.run(AlbLogCorpus.HTTP, args);
      assertEquals(0, r.code, r.err);
      assertEquals("5833726236d228ad5d99923122bbe354", jsonLines(r.out).get(0).get("dd.trace_id").asText());
    }
    assertEquals("6744582656697819988",
        jsonLines(CliRun.run(AlbLogCorpus.HTTP, "enrich", "--dd-trace-id=decimal").out).get(0).get("dd.trace_id").asText());
  }

  @Test
  void usageErrorsExitTwo() {
    for (String[] args : new String[][] {
        {"enrich", "--dd-trace-id=octal"}, {"enrich", "--frobnicate"}, {"enrich", "-o"}, {"enrich", "--output="}}) {
      CliRun r = CliRun.run(AlbLogCorpus.HTTP, args);
      assertEquals(Main.USAGE, r.code, Arrays.toString(args));
      assertEquals("", r.out);
      assertTrue(r.err.startsWith("albtrace enrich: "), r.err);
      assertTrue(r.err.contains("usage: albtrace enrich"), r.err);
    }
    CliRun help = CliRun.run("", "enrich", "--help");
    assertEquals(0, help.code);
    assertTrue(help.out.startsWith("usage: albtrace enrich"));
    assertTrue(CliRun.run("", "--help").out.contains("enrich [-o FILE]"));
  }

  @Test
  void manyFilesGzipAndPlainAndStdinInOrder() throws Exception {
    List<AlbLogCorpus.Line> corpus = AlbLogCorpus.lines();
    byte[] all = AlbLogCorpus.file(corpus);
    Path gz = tmp.resolve("a.log.gz"); // two gzip members
    int half = corpus.size() / 2;
    Files.write(gz, GzipBytes.concat(
        gzipBytes(AlbLogCorpus.file(corpus.subList(0, half))),
        gzipBytes(AlbLogCorpus.file(corpus.subList(half, corpus.size())))));
    Path plain = tmp.resolve("b.gz"); // named .gz but plain: content decides
    Files.write(plain, all);
    CliRun r = CliRun.run(all, "enrich", gz.toString(), "-", plain.toString());
    assertEquals(EnrichCommand.MALFORMED_LINES, r.code, r.err);
    List<JsonNode> out = jsonLines(r.out);
    assertEquals(3 * corpus.size(), out.size());
    for (int i = 0; i < out.size(); i++) assertMatches(corpus.get(i % corpus.size()), out.get(i));
  }

  static byte[] gzipBytes(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void outputFile() throws Exception {
    Path in = tmp.resolve("in.log");
    Files.writeString(in, AlbLogCorpus.HTTP + "\n");
    Path o = tmp.resolve("out.ndjson");
    CliRun r = CliRun.run("", "enrich", "-o", o.toString(), in.toString());
    assertEquals(0, r.code, r.err);
    assertEquals("", r.out);
    assertEquals(1, jsonLines(Files.readString(o)).size());
    CliRun dash = CliRun.run("", "enrich", "-o", "-", in.toString());
    assertEquals(0, dash.code, dash.err);
    assertEquals(1, jsonLines(dash.out).size(), "-o - is stdout");
    CliRun same = CliRun.run("", "enrich", "--output=" + in, in.toString());
    assertEquals(Main.USAGE, same.code);
    assertTrue(same.err.contains("is also an input"), same.err);
  }

  @Test
  void missingFileIsAnIoErrorBeforeAnyOutput() throws Exception {
    Path in = tmp.resolve("in.log");
    Files.writeString(in, AlbLogCorpus.HTTP + "\n");
    CliRun r = CliRun.run("", "enrich", in.toString(), tmp.resolve("nope.log.gz").toString());
    assertEquals(Main.IO_ERROR, r.code);
    assertEquals("", r.out);
    assertTrue(r.err.contains("cannot read " + tmp.resolve("nope.log.gz") + ": no such file"), r.err);
    CliRun dir = CliRun.run("", "enrich", tmp.toString());
    assertEquals(Main.IO_ERROR, dir.code);
    assertTrue(dir.err.contains("is a directory"), dir.err);
  }

  @Test
  void truncatedGzipStopsWithEverythingBeforeItWritten() throws Exception {
    StringBuilder text = new StringBuilder();
    SampleLogGenerator g = new SampleLogGenerator(11);
    for (String line : g.lines(3000)) text.append(line).append('\n');
    byte[] gz = gzipBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    Path good = tmp.resolve("good.log");
    Files.writeString(good, AlbLogCorpus.HTTP + "\n" + AlbLogCorpus.HTTP + "\n");
    Path cut = tmp.resolve("cut.log.gz");
    Files.write(cut, Arrays.copyOf(gz, gz.length * 2 / 3));
    Path never = tmp.resolve("never.log");
    Files.writeString(never, AlbLogCorpus.HTTP + "\n");
    CliRun r = CliRun.run("", "enrich", good.toString(), cut.toString(), never.toString());
    assertEquals(Main.IO_ERROR, r.code);
    List<JsonNode> out = jsonLines(r.out);
    int fromCut = out.size() - 2;
    assertTrue(fromCut > 100 && fromCut < 3000, "complete lines of the cut file were written: " + fromCut);
    String[] lines = text.toString().split("\n");
    for (int i = 0; i < fromCut; i++) {
      assertEquals(lines[i].split(" ")[1], out.get(2 + i).get("time").asText(), "in order");
    }
    assertTrue(r.err.contains("albtrace enrich: " + cut + ": truncated gzip data (unexpected end of file) after "
        + fromCut + " lines of it"), r.err);
    assertTrue(r.err.contains("albtrace enrich: " + (2 + fromCut) + " lines"), r.err);
  }

  @Test
  void multiMemberGzipOnStdinThatNeverSaysAvailable() throws Exception {
    List<AlbLogCorpus.Line> corpus = AlbLogCorpus.lines();
    byte[] member = gzipBytes(AlbLogCorpus.file(corpus));
    byte[] file = GzipBytes.concat(member, member, member);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"enrich"}, new GzipBytes.Trickle(file, 5),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(EnrichCommand.MALFORMED_LINES, code);
    assertEquals(3 * corpus.size(), jsonLines(out.toString(StandardCharsets.UTF_8)).size());
  }

  @Test
  void overlongLineIsOneMalformedLineAndMemoryStaysBounded() {
    byte[] longLine = new byte[EnrichCommand.MAX_LINE * 2 + 17];
    Arrays.fill(longLine, (byte) 'a');
    byte[] input = GzipBytes.concat(
        (AlbLogCorpus.HTTP + "\n").getBytes(StandardCharsets.UTF_8), longLine,
        ("\n" + AlbLogCorpus.HTTP + "\n").getBytes(StandardCharsets.UTF_8));
    CliRun r = CliRun.run(input, "enrich");
    assertEquals(EnrichCommand.MALFORMED_LINES, r.code);
    List<JsonNode> out = jsonLines(r.out);
    assertEquals(3, out.size());
    assertEquals("http", out.get(0).get("type").asText());
    assertEquals("line longer than 1048576 bytes, cut", out.get(1).get("albtrace.error").asText());
    assertEquals(EnrichCommand.MAX_LINE, out.get(1).get("message").asText().length());
    assertEquals("http", out.get(2).get("type").asText());
  }

  @Test
  void progressBarDrawsAndClears() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
    ProgressBar bar = new ProgressBar(ps, 200_000_000L);
    bar.update(1, 1); // too early: nothing yet
    assertEquals("", err.toString(StandardCharsets.UTF_8));
    Thread.sleep(300);
    bar.update(50_000_000L, 80_000);
    String drawn = err.toString(StandardCharsets.UTF_8);
    assertTrue(drawn.startsWith("\r 25% [######-------------------]   50.0 / 200.0 MB"), drawn);
    assertTrue(drawn.contains("M lines/s") && drawn.contains("ETA "), drawn);
    bar.clear();
    assertTrue(err.toString(StandardCharsets.UTF_8).endsWith("\r"));
  }

  @Test
  void preloadLineIsOneTracedEntryThroughTheWorkersEntryPoint() {
    EnrichCommand.Preload p = new EnrichCommand.Preload();
    p.run();
    long[] expected = new long[AlbLogEnricher.Result.values().length];
    expected[AlbLogEnricher.Result.TRACED.ordinal()] = 1;
    assertArrayEquals(expected, p.counts, "a line that is not a traced entry would leave paths cold");
  }

  @Test
  void preloadStartsAtMostOncePerJvm() throws InterruptedException {
    EnrichCommand.Preload first = EnrichCommand.Preload.once(); // null when an earlier test started it
    if (first != null) first.join();
    assertNull(EnrichCommand.Preload.once());
  }
}
