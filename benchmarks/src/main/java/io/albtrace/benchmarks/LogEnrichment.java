package io.albtrace.benchmarks;

import io.albtrace.accesslog.AlbLogEnricher;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 4: ALB access-log lines per microsecond, and MB/s as the secondary metric {@code bytes}
 * (bytes per microsecond, counting each line's {@code \n}), over {@link AlbLogLines}.
 *
 * <p>albtrace writes the whole JSON object of each line ({@link AlbLogEnricher}). The peer is what
 * Athena does with AWS's documented regex for ALB logs, applied with {@code java.util.regex}: match
 * the line, take every group as a String (as Hive's RegexSerDe does), and convert the
 * {@code trace_id} group by hand ({@link ToDatadog#handSplit}). It gets its lines as Strings
 * already decoded and writes no JSON, so it does less work than albtrace.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogEnrichment {
  /**
   * AWS's Athena {@code input.regex} for ALB access logs: the fields through
   * {@code classification_reason}, then the optional {@code conn_trace_id} and any newer fields.
   */
  static final Pattern ATHENA =
      Pattern.compile(
          "([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*):([0-9]*) ([^ ]*)[:-]([0-9]*) ([-.0-9]*) ([-.0-9]*) ([-.0-9]*)"
              + " (|[-0-9]*) (-|[-0-9]*) ([-0-9]*) ([-0-9]*) \"([^ ]*) (.*) (- |[^ ]*)\" \"([^\"]*)\""
              + " ([A-Z0-9-_]+) ([A-Za-z0-9.-]*) ([^ ]*) \"([^\"]*)\" \"([^\"]*)\" \"([^\"]*)\""
              + " ([-.0-9]*) ([^ ]*) \"([^\"]*)\" \"([^\"]*)\" \"([^ ]*)\" \"([^\\s]+?)\" \"([^\\s]+)\""
              + " \"([^ ]*)\" \"([^ ]*)\" ?([^ ]*)?( .*)?");

  /** The {@code trace_id} group of {@link #ATHENA}. */
  static final int ATHENA_TRACE_ID = 22;

  /** Bytes enriched, reported by JMH per microsecond: MB/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  private final byte[][] lines = AlbLogLines.utf8();
  private final String[] strings = AlbLogLines.LINES.clone();
  private int next;

  private final AlbLogEnricher enricher = new AlbLogEnricher();
  private final AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer();
  private final DatadogIds ids = new DatadogIds();

  private int nextIndex() {
    return next++ & (AlbLogLines.LINES.length - 1);
  }

  @Benchmark
  public int albtraceEnrich(Bytes counter) {
    byte[] line = lines[nextIndex()];
    out.clear();
    enricher.enrich(line, 0, line.length, out);
    counter.bytes += line.length + 1;
    return out.length();
  }

  @Benchmark
  public int athenaRegex(Bytes counter) {
    int i = nextIndex();
    counter.bytes += lines[i].length + 1;
    return athena(strings[i], ids);
  }

  /** The fields' total length, and the trace id into {@code ids}; -1 when the line does not match. */
  static int athena(String line, DatadogIds ids) {
    Matcher m = ATHENA.matcher(line);
    if (!m.matches()) return -1;
    int n = 0;
    for (int g = 1; g <= m.groupCount(); g++) {
      String field = m.group(g);
      if (field != null) n += field.length();
    }
    String traceId = m.group(ATHENA_TRACE_ID);
    if (!traceId.equals("-")) ToDatadog.handSplit(traceId, ids);
    else ids.none();
    return n;
  }
}
