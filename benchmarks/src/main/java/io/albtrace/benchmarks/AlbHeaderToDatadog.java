package io.albtrace.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@link HeaderToDatadog} on what an ALB forwards ({@link Headers#ALB}). OpenTelemetry's X-Ray
 * propagator is absent on purpose: it needs a {@code Parent}, so it returns an invalid context for
 * every one of these headers ({@code ToDatadogTest} shows it).
 */
@State(Scope.Thread)
public class AlbHeaderToDatadog extends HeaderToDatadog {
  public AlbHeaderToDatadog() {
    super(Headers.ALB);
  }

  @Override
  Conversion[] peers() {
    return new Conversion[] {
      ToDatadog::albtraceParse, ToDatadog::albtraceStrings, ToDatadog::xraySdk, ToDatadog::brave,
      ToDatadog::handSplit,
      ToDatadog::handRegex
    };
  }
}
