package io.albtrace.spark;

import static org.junit.jupiter.api.Assertions.*;

import io.albtrace.testsupport.Seeded;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The job's output against the real {@code albtrace enrich} on the same files. */
class EnrichJobTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();
  @TempDir Path tmp;

  @Test
  void outputIsTheClisLineForLine() {
    Seeded.forAll(1, g -> {
      Path logs = tmp.resolve("logs");
      AlbLogFiles files = AlbLogFiles.write(logs, g, 10, 700);
      CliEnrich.Output cli = CliEnrich.run(tmp, files.paths());
      assertEquals(files.allLines().size(), cli.lines().size());

      Path out = tmp.resolve("out");
      ByteArrayOutputStream summary = new ByteArrayOutputStream();
      int code = EnrichJob.run(new String[] {logs.toString(), out.toString()}, new PrintStream(summary, true, StandardCharsets.UTF_8), System.err);
      assertEquals(0, code);
      assertEquals(multiset(cli.lines()), multiset(readParts(out)));
      // the same counts as the CLI's summary: "albtrace enrich: N lines (T with trace id, U without, M malformed) in …"
      String counts = cli.summary().substring(0, cli.summary().indexOf(')') + 1);
      assertEquals(counts + " → " + out, summary.toString(StandardCharsets.UTF_8).trim());
    });
  }

  @Test
  void hexTraceIdsAsTheClisOption() {
    Seeded.forAll(1, g -> {
      Path logs = tmp.resolve("logs");
      AlbLogFiles files = AlbLogFiles.write(logs, g, 3, 200);
      List<String> cli = CliEnrich.run(tmp, files.paths(), "--dd-trace-id=hex").lines();
      Path out = tmp.resolve("out");
      PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      assertEquals(0, EnrichJob.run(new String[] {"--dd-trace-id=hex", logs.toString(), out.toString()}, quiet, System.err));
      assertEquals(multiset(cli), multiset(readParts(out)));
      assertTrue(cli.stream().anyMatch(l -> l.matches(".*\"dd\\.trace_id\":\"[0-9a-f]{32}\".*")));
    });
  }

  /** Strings from any source (here: lines that are UTF-8): each becomes the CLI's line, in order. */
  @Test
  void enrichDatasetOfStrings() {
    Seeded.forAll(1, g -> {
      AlbLogFiles files = AlbLogFiles.write(tmp.resolve("logs"), g, 2, 300);
      List<String> lines = new ArrayList<>();
      for (byte[] l : files.allLines()) {
        String s = new String(l, StandardCharsets.UTF_8);
        if (java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), l)) lines.add(s);
      }
      Path plain = tmp.resolve("utf8.log");
      Files.write(plain, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      List<String> cli = CliEnrich.run(tmp, List.of(plain)).lines();
      assertEquals(cli, AlbLogs.enrich(SPARK.session().createDataset(lines, Encoders.STRING())).collectAsList());
    });
  }

  @Test
  void usageErrors() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, EnrichJob.run(new String[] {tmp.toString()}, System.out, e));
    assertEquals(2, EnrichJob.run(new String[] {"--dd-trace-id=octal", tmp.toString(), tmp.resolve("o").toString()}, System.out, e));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: EnrichJob"), err.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(tmp.resolve("o")));
  }

  static Map<String, Integer> multiset(List<String> lines) {
    Map<String, Integer> m = new HashMap<>();
    for (String l : lines) m.merge(l, 1, Integer::sum);
    return m;
  }

  /** The lines of every gzip part file in {@code dir}. */
  static List<String> readParts(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> parts = Files.list(dir)) {
      for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        assertTrue(p.getFileName().toString().endsWith(".txt.gz"), p.toString());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          if (!text.isEmpty()) lines.addAll(List.of(text.substring(0, text.length() - 1).split("\n", -1)));
        }
      }
    }
    return lines;
  }
}
