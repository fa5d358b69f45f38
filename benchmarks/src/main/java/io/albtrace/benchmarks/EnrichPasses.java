package io.albtrace.benchmarks;

import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.accesslog.GzipMembersInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The per-line code of {@code albtrace enrich} on one thread, pass after pass over a log held in
 * memory, cut into jobs of whole lines of at most {@value #JOB_BYTES} bytes as the CLI's pipeline
 * cuts its chunks: what {@code benchmarks/enrich-instructions.sh} counts the instructions of under
 * valgrind. Prints each pass's wall time, then the lines and output bytes of one pass.
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -cp benchmarks/target/benchmarks.jar io.albtrace.benchmarks.EnrichPasses FILE PASSES
 * </pre>
 */
public final class EnrichPasses {
  /** The CLI's job size. */
  static final int JOB_BYTES = 1 << 18;

  private EnrichPasses() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: EnrichPasses FILE PASSES   (FILE: an ALB log, plain or gzip)");
      System.exit(2);
    }
    byte[] log = read(Path.of(args[0]));
    int passes = Integer.parseInt(args[1]);
    AlbLogEnricher enricher = new AlbLogEnricher();
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer(3 * JOB_BYTES + (1 << 16));
    long[] counts = null;
    StringBuilder times = new StringBuilder();
    for (int p = 0; p < passes; p++) {
      long start = System.nanoTime();
      counts = pass(enricher, log, out, null);
      times.append(p == 0 ? "" : " ").append((System.nanoTime() - start) / 1_000_000);
    }
    System.out.println("pass times (ms): " + times);
    if (counts != null) System.out.println(counts[0] + " lines a pass, " + counts[1] + " bytes out");
  }

  /** The decoded bytes of {@code file}, with a {@code \n} added when its last line has none. */
  static byte[] read(Path file) throws IOException {
    byte[] log;
    try (InputStream in = GzipMembersInputStream.decodeIfGzip(Files.newInputStream(file), 1 << 16)) {
      log = in.readAllBytes();
    }
    if (log.length > 0 && log[log.length - 1] != '\n') {
      log = Arrays.copyOf(log, log.length + 1);
      log[log.length - 1] = '\n';
    }
    return log;
  }

  /**
   * Enriches every line of {@code log} (which ends with {@code \n}) into {@code out}, one job at a
   * time, emptying it after each into {@code sink} when not null: returns the lines and the bytes
   * written.
   */
  static long[] pass(AlbLogEnricher enricher, byte[] log, AlbLogEnricher.Buffer out, OutputStream sink)
      throws IOException {
    long[] results = new long[AlbLogEnricher.Result.values().length];
    long bytes = 0;
    for (int from = 0; from < log.length; ) {
      // Cut after the last \n within JOB_BYTES; a longer line is a job of its own.
      int to = Math.min(log.length, from + JOB_BYTES);
      while (to > from && log[to - 1] != '\n') to--;
      if (to == from) {
        to = from + JOB_BYTES;
        while (log[to - 1] != '\n') to++;
      }
      int end = enricher.enrichLines(log, from, to, out, results);
      if (end != to) throw new IllegalStateException("lines left at " + end + " of " + to);
      bytes += out.length();
      if (sink != null) out.writeTo(sink);
      else out.clear();
      from = to;
    }
    return new long[] {results[0] + results[1] + results[2], bytes};
  }
}
