package io.albtrace.tracers;

import io.albtrace.Continuation;
import java.util.function.Function;

/**
 * {@link Continuation#fromConfig} with one default that depends on the tracer in this JVM: under
 * dd-java-agent, {@code albtrace.w3c} defaults to {@code false}.
 *
 * <p>Why: dd-java-agent extracts both {@code datadog} and {@code tracecontext} styles. The Datadog
 * headers alone ({@code x-datadog-trace-id} + {@code x-datadog-tags: _dd.p.tid=…}) continue the
 * 128-bit trace with {@code parent_id=0} and leave sampling to the agent; a synthesized {@code
 * traceparent} would force sampling through its flags and give the server span a parent that no
 * span has. OpenTelemetry users (no dd-java-agent) keep {@code traceparent}. An explicit {@code
 * albtrace.w3c} always wins.
 */
public final class ContinuationSettings {
  private ContinuationSettings() {}

  /**
   * Reads {@code albtrace.trust-policy}, {@code albtrace.continue}, {@code albtrace.datadog},
   * {@code albtrace.w3c}, {@code albtrace.sample-deferred} from {@code lookup} ({@code null} = not
   * set).
   *
   * @throws IllegalArgumentException on a value that is not one of the allowed ones
   */
  public static Continuation fromConfig(Function<String, String> lookup) {
    if (lookup.apply("albtrace.w3c") != null || !Tracers.datadogPresent()) {
      return Continuation.fromConfig(lookup);
    }
    return Continuation.fromConfig(name -> name.equals("albtrace.w3c") ? "false" : lookup.apply(name));
  }

  /** {@link #fromConfig} over system properties, then environment variables. */
  public static Continuation fromSystem() {
    return fromConfig(Continuation::systemSetting);
  }
}
