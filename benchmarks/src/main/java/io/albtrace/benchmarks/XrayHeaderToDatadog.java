package io.albtrace.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@link HeaderToDatadog} on what an X-Ray SDK or OpenTelemetry service sends ({@link
 * Headers#XRAY}): headers with a {@code Parent}, which OpenTelemetry's X-Ray propagator accepts.
 */
@State(Scope.Thread)
public class XrayHeaderToDatadog extends HeaderToDatadog {
  public XrayHeaderToDatadog() {
    super(Headers.XRAY);
  }

  @Override
  Conversion[] peers() {
    return new Conversion[] {
      ToDatadog::albtraceParse, ToDatadog::albtraceStrings, ToDatadog::otel, ToDatadog::xraySdk,
      ToDatadog::brave,
      ToDatadog::handSplit, ToDatadog::handRegex
    };
  }

  @Benchmark
  public boolean otel() {
    return ToDatadog.otel(nextHeader(), out);
  }
}
