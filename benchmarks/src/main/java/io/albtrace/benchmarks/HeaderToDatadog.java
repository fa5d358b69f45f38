package io.albtrace.benchmarks;

import io.albtrace.AmznTraceHeaderReader;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1: one {@code X-Amzn-Trace-Id} value → {@code dd_trace_id} + {@code _dd.p.tid}, by
 * albtrace and by each peer ({@link ToDatadog}). Each operation converts the next header of a fixed
 * mix of four ({@link Headers}); the subclasses choose the mix.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class HeaderToDatadog {
  private final String[] headers;
  private int next;
  final DatadogIds out = new DatadogIds();

  HeaderToDatadog(String[] headers) {
    if (Integer.bitCount(headers.length) != 1) throw new IllegalArgumentException("mix size");
    this.headers = headers.clone();
  }

  final String nextHeader() {
    return headers[next++ & (headers.length - 1)];
  }

  /**
   * Fails the run before measuring if a peer's conversion disagrees with albtrace on this mix, and
   * warms the X-Ray SDK, whose first call initialises a global recorder (~0.4 s).
   */
  @Setup
  public void checkConversions() {
    for (String h : headers) {
      if (!ToDatadog.albtrace(h, out)) throw new IllegalStateException("albtrace rejects " + h);
      String traceId = out.traceIdString();
      String tid = out.tidString();
      for (Conversion c : peers()) {
        if (!c.convert(h, out)
            || !traceId.equals(out.traceIdString())
            || !tid.equals(out.tidString())) {
          throw new IllegalStateException(
              c + " gives " + out.traceIdString() + "/" + out.tidString() + " for " + h
                  + ", albtrace " + traceId + "/" + tid);
        }
      }
    }
  }

  /** The peers that accept this mix. */
  abstract Conversion[] peers();

  @FunctionalInterface
  interface Conversion {
    boolean convert(String header, DatadogIds out);
  }

  @Benchmark
  public boolean albtrace() {
    return ToDatadog.albtrace(nextHeader(), out);
  }

  /** The parse alone, into the reused reader: what is left of {@link #albtrace} without writing ids. */
  @Benchmark
  public long albtraceReadOnly() {
    AmznTraceHeaderReader reader = out.reader;
    return reader.read(nextHeader()) ? reader.rootLow() : 0;
  }

  /** Floor: one pass over the header's chars, touching each once and doing nothing else. */
  @Benchmark
  public int floorCharPass() {
    String h = nextHeader();
    int sum = 0;
    for (int i = 0, n = h.length(); i < n; i++) sum += h.charAt(i);
    return sum;
  }

  /** Floor: the JDK's vectorised search for the Root key, which reads but does not check it. */
  @Benchmark
  public int floorIndexOfRoot() {
    return nextHeader().indexOf("Root=");
  }

  @Benchmark
  public boolean albtraceParse() {
    return ToDatadog.albtraceParse(nextHeader(), out);
  }

  @Benchmark
  public boolean albtraceStrings() {
    return ToDatadog.albtraceStrings(nextHeader(), out);
  }

  @Benchmark
  public boolean xraySdk() {
    return ToDatadog.xraySdk(nextHeader(), out);
  }

  @Benchmark
  public boolean brave() {
    return ToDatadog.brave(nextHeader(), out);
  }

  @Benchmark
  public boolean handSplit() {
    return ToDatadog.handSplit(nextHeader(), out);
  }

  @Benchmark
  public boolean handRegex() {
    return ToDatadog.handRegex(nextHeader(), out);
  }
}
