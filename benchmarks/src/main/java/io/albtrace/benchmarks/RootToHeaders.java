package io.albtrace.benchmarks;

import io.albtrace.AmznTraceHeader;
import io.albtrace.DatadogHeaders;
import io.albtrace.W3CTraceContext;
import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.HeaderSetter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 2, the adapters' hot path: an ALB header → the propagation headers an adapter adds
 * (docs/spec.md §4), each operation on the next header of {@link Headers#ALB}, parse included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RootToHeaders {
  private final String[] headers = Headers.ALB.clone();
  private int next;

  private final Continuation continuation = Continuation.defaults();
  // Keeps what the sink received reachable, so the header values cannot be dropped.
  private String lastName;
  private String lastValue;
  private int written;
  private static final HeaderSetter<RootToHeaders> SINK =
      (state, name, value) -> {
        state.lastName = name;
        state.lastValue = value;
        state.written++;
      };

  private String nextHeader() {
    return headers[next++ & (headers.length - 1)];
  }

  /** What a servlet filter or Netty handler does: {@code x-datadog-*} headers and traceparent. */
  @Benchmark
  public int albtraceContinuation() {
    continuation.writeHeaders(AmznTraceHeader.parse(nextHeader()), this, SINK);
    return written;
  }

  @Benchmark
  public String albtraceTraceparent() {
    return W3CTraceContext.traceparent(AmznTraceHeader.parse(nextHeader()));
  }

  /** {@code x-datadog-trace-id} and {@code x-datadog-tags}. */
  @Benchmark
  public String albtraceDatadogHeaders() {
    AmznTraceHeader h = AmznTraceHeader.parse(nextHeader());
    lastValue = DatadogHeaders.traceId(h);
    return DatadogHeaders.tags(h);
  }
}
