package io.albtrace.benchmarks;

import io.albtrace.AmznTraceHeader;
import io.albtrace.AmznTraceHeaderReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The profile behind benchmark 1: the parse alone ({@link AmznTraceHeader#parse} and {@link
 * AmznTraceHeaderReader}), one header shape per run, reading only the Root's two halves, so that
 * {@code -prof gc} shows which shapes allocate and the time shows which fields cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseByShape {
  @Param({
    "Root", "Self;Root", "Root;custom", "Self;Root;custom",
    "Root;Parent;Sampled", "Self;Root;Parent;Sampled", "Root;Parent;Sampled;custom"
  })
  public String shape;

  private String header;

  @Setup
  public void header() {
    header = header(shape);
  }

  static String header(String shape) {
    switch (shape) {
      case "Root": return Headers.ALB[0];
      case "Self;Root": return Headers.ALB[1];
      case "Root;custom": return Headers.ALB[2];
      case "Self;Root;custom": return Headers.ALB[3];
      case "Root;Parent;Sampled": return Headers.XRAY[0];
      case "Self;Root;Parent;Sampled": return Headers.XRAY[2];
      case "Root;Parent;Sampled;custom": return Headers.XRAY[3];
      default: throw new IllegalArgumentException(shape);
    }
  }

  private final AmznTraceHeaderReader reader = new AmznTraceHeaderReader();

  /** The immutable header object: allocation-free only when escape analysis drops it. */
  @Benchmark
  public long albtraceParse() {
    AmznTraceHeader h = AmznTraceHeader.parse(header);
    return h.rootHigh() ^ h.rootLow();
  }

  /** The reusable reader: allocation-free whatever the JIT inlines. */
  @Benchmark
  public long albtraceReader() {
    reader.read(header);
    return reader.rootHigh() ^ reader.rootLow();
  }
}
