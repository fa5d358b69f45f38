package io.albtrace.otel;

import io.albtrace.continuation.Continuation;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurablePropagatorProvider;

/**
 * Registers {@link AlbTracePropagator} under the name {@code albtrace} for the SDK autoconfigure
 * module and the OpenTelemetry Java agent:
 *
 * <pre>
 * OTEL_PROPAGATORS=tracecontext,baggage,albtrace
 * java -javaagent:opentelemetry-javaagent.jar -Dotel.javaagent.extensions=albtrace-otel-extension.jar …
 * </pre>
 *
 * <p>Settings come from the same {@link ConfigProperties} as every {@code otel.*} setting (system
 * properties, environment variables, the agent's configuration file):
 *
 * <pre>
 * albtrace.trust-policy    (ALBTRACE_TRUST_POLICY)    always | alb-generated-only | never   [always]
 * albtrace.continue        (ALBTRACE_CONTINUE)        false extracts nothing                [true]
 * albtrace.sample-deferred (ALBTRACE_SAMPLE_DEFERRED) sampled flag when Sampled is absent/? [true]
 * </pre>
 *
 * <p>An invalid value is logged once and the propagator then extracts nothing (continuation off),
 * as in every albtrace adapter: a typo must neither stop the application nor trust client Roots.
 *
 * <p>The agent loads this only from an extension jar; listed on the application classpath it is not
 * seen, and naming {@code albtrace} then stops the agent from starting.
 */
public final class AlbTracePropagatorProvider implements ConfigurablePropagatorProvider {
  @Override
  public TextMapPropagator getPropagator(ConfigProperties config) {
    return AlbTracePropagator.create(Continuation.load(config::getString));
  }

  @Override
  public String getName() {
    return AlbTracePropagator.NAME;
  }
}
