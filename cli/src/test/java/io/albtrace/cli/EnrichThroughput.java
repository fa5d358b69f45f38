package io.albtrace.cli;

import com.sun.management.ThreadMXBean;
import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.accesslog.GzipMembersInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A quick single-thread throughput check of {@link AlbLogEnricher#enrichLines} on a log file held
 * in memory (gzip or plain), measured in thread CPU time so that other load on a shared machine
 * does not count. The JMH benchmark in {@code benchmarks} is the reference; this is for the README
 * numbers and for a fast look while changing the enricher.
 *
 * <pre>
 * java -cp core/target/classes:cli/target/classes:cli/target/test-classes \
 *     io.albtrace.cli.EnrichThroughput FILE [iterations]
 * </pre>
 */
public final class EnrichThroughput {
  private EnrichThroughput() {}

  public static void main(String[] args) throws Exception {
    byte[] data;
    try (InputStream raw = Files.newInputStream(Path.of(args[0]))) {
      byte[] head = raw.readNBytes(2);
      InputStream in = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), raw);
      if (head.length == 2 && head[0] == (byte) 0x1f && head[1] == (byte) 0x8b) {
        in = new GzipMembersInputStream(in, 1 << 16);
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      data = all.toByteArray();
    }
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    AlbLogEnricher enricher = new AlbLogEnricher();
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer(1 << 21);
    long[] counts = new long[3];
    ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    double best = 0;
    for (int i = 0; i < iterations; i++) {
      long cpu = mx.getCurrentThreadCpuTime();
      long allocated = mx.getCurrentThreadAllocatedBytes();
      long lines = 0, outBytes = 0;
      for (int start = 0; start < data.length; ) {
        int end = Math.min(data.length, start + (1 << 20));
        int next = enricher.enrichLines(data, start, end, out, counts);
        if (next == start) next = end; // a line longer than the chunk: not in this data
        start = next;
        outBytes += out.length();
        out.clear();
      }
      for (long c : counts) lines += c;
      java.util.Arrays.fill(counts, 0);
      double seconds = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
      long alloc = mx.getCurrentThreadAllocatedBytes() - allocated;
      double mbs = data.length / 1e6 / seconds;
      best = Math.max(best, mbs);
      System.out.printf(Locale.ROOT, "%6.1f MB/s  %5.2f M lines/s  %6.2f B allocated/line  output %.2fx input%n",
          mbs, lines / 1e6 / seconds, (double) alloc / lines, (double) outBytes / data.length);
    }
    System.out.printf(Locale.ROOT, "best %.1f MB/s on %.1f MB, %d iterations%n", best, data.length / 1e6, iterations);
  }
}
