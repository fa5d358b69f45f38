package io.albtrace.benchmarks;

import io.albtrace.AmznTraceHeader;
import io.albtrace.TraceId128;
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
 * Benchmark 3, the reverse mapping (docs/spec.md §5): Datadog's or W3C's ids → the X-Ray Root, for the ids
 * of {@link Headers#ALB}, against the {@code String.format} a team would write by hand.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DatadogToRoot {
  static final long EPOCH = 1737036339L;

  private final String[] traceIds = new String[Headers.ALB.length];
  private final String[] tids = new String[Headers.ALB.length];
  private final String[] hex32 = new String[Headers.ALB.length];
  private int next;

  @Setup
  public void ids() {
    for (int i = 0; i < Headers.ALB.length; i++) {
      TraceId128 root = AmznTraceHeader.parse(Headers.ALB[i]).root();
      traceIds[i] = root.datadogTraceId();
      tids[i] = root.datadogTid();
      hex32[i] = root.toHex();
      if (!handFormat(traceIds[i], tids[i]).equals(root.toXrayRoot())) {
        throw new IllegalStateException("handFormat disagrees for " + root);
      }
    }
  }

  private int nextIndex() {
    return next++ & (Headers.ALB.length - 1);
  }

  /** {@code x-datadog-trace-id} + {@code _dd.p.tid} → Root. */
  @Benchmark
  public String albtraceFromDatadogAndTid() {
    int i = nextIndex();
    return TraceId128.fromDatadog(traceIds[i], tids[i]).toXrayRoot();
  }

  /** {@code x-datadog-trace-id} alone + an epoch → dd-trace-java's X-Ray layout. */
  @Benchmark
  public String albtraceFromDatadogAndEpoch() {
    return TraceId128.fromDatadog(traceIds[nextIndex()], EPOCH).toXrayRoot();
  }

  /** W3C trace-id (32 hex) → Root. */
  @Benchmark
  public String albtraceFromHex32() {
    return TraceId128.fromHex(hex32[nextIndex()]).toXrayRoot();
  }

  /** The by-hand baseline for {@link #albtraceFromDatadogAndTid}. */
  @Benchmark
  public String handFormat() {
    int i = nextIndex();
    return handFormat(traceIds[i], tids[i]);
  }

  static String handFormat(String ddTraceId, String tid) {
    String hex = tid + String.format("%016x", Long.parseUnsignedLong(ddTraceId));
    return "1-" + hex.substring(0, 8) + "-" + hex.substring(8);
  }
}
