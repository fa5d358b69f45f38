package io.albtrace.benchmarks;

import io.albtrace.continuation.Continuation;
import io.albtrace.servlet.AlbTraceFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
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
 * Benchmark 5, servlet: what {@link AlbTraceFilter} adds to one request, against the same request
 * going straight to the chain. The requests ({@link MinimalRequest}, no container) carry the
 * {@link Headers#ALB} mix plus the usual headers behind an ALB, so every one is continued; the
 * chain reads the continuation headers, as a tracer would.
 *
 * <p>No tracer runs (only the OpenTelemetry API, without SDK, is on the classpath): span tagging
 * finds no span, and without SLF4J the MDC step is skipped, so this is albtrace's own cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ServletAdapter {
  private final AlbTraceFilter filter = new AlbTraceFilter(Continuation.defaults());
  private final MinimalRequest[] requests = new MinimalRequest[Headers.ALB.length];
  private int next;

  // What the code after the filter saw.
  String traceId;
  String tags;
  String traceparent;

  final FilterChain chain =
      (request, response) -> {
        HttpServletRequest http = (HttpServletRequest) request;
        traceId = http.getHeader("x-datadog-trace-id");
        tags = http.getHeader("x-datadog-tags");
        traceparent = http.getHeader("traceparent");
      };

  public ServletAdapter() {
    for (int i = 0; i < Headers.ALB.length; i++) {
      requests[i] =
          new MinimalRequest(
              "Host", "shop.example.com",
              "User-Agent", Headers.USER_AGENT,
              "Accept", "application/json",
              "Accept-Encoding", "gzip, deflate, br",
              "X-Forwarded-For", "203.0.113.17",
              "X-Forwarded-Proto", "https",
              "X-Forwarded-Port", "443",
              "X-Amzn-Trace-Id", Headers.ALB[i]);
    }
  }

  private MinimalRequest nextRequest() {
    MinimalRequest r = requests[next++ & (requests.length - 1)];
    r.recycle();
    return r;
  }

  @Benchmark
  public String albtraceFilter() throws IOException, ServletException {
    filter.doFilter(nextRequest(), null, chain);
    return traceId;
  }

  @Benchmark
  public String passThrough() throws IOException, ServletException {
    chain.doFilter(nextRequest(), null);
    return traceId;
  }
}
