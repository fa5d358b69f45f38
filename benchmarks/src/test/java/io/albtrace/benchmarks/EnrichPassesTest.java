package io.albtrace.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.testsupport.SampleLogGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pass of {@link EnrichPasses} enriches every line once, whatever falls on a job's edge. */
class EnrichPassesTest {
  @TempDir Path dir;

  @Test
  void aPassEnrichesEveryLineOnceAcrossJobs() throws Exception {
    // Enough lines for several jobs, a line longer than a job, and no \n after the last line.
    List<String> lines = new java.util.ArrayList<>(new SampleLogGenerator(7).lines(2500));
    lines.add(1200, "x".repeat(EnrichPasses.JOB_BYTES + 100));
    Path gz = dir.resolve("log.gz");
    Path plain = dir.resolve("log");
    Files.writeString(plain, String.join("\n", lines), StandardCharsets.UTF_8);
    SampleLogGenerator.write(gz, 2500, 3, 7);

    for (Path file : List.of(plain, gz)) {
      byte[] log = EnrichPasses.read(file);
      AlbLogEnricher enricher = new AlbLogEnricher();
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      long count = 0;
      for (int from = 0; from < log.length; count++) {
        int nl = from;
        while (log[nl] != '\n') nl++;
        expected.writeBytes(enricher.enrich(new String(log, from, nl - from, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8));
        expected.write('\n');
        from = nl + 1;
      }
      assertEquals(file == plain ? 2501 : 2500, count, file.toString());

      AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer(1 << 10);
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      long[] pass = EnrichPasses.pass(enricher, log, out, written);
      assertArrayEquals(new long[] {count, expected.size()}, pass, file.toString());
      assertArrayEquals(expected.toByteArray(), written.toByteArray(), file.toString());
      assertArrayEquals(pass, EnrichPasses.pass(enricher, log, out, null), "a second pass does the same");
    }
  }
}
