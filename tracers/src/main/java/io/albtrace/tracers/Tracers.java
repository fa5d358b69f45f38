package io.albtrace.tracers;

import io.albtrace.internal.DatadogAgent;

/**
 * Which tracer and logging APIs this class loader can see, detected once and cached. Every class in
 * this package that touches an optional API is loaded only after the matching check here, so any
 * subset of them may be on the classpath (none at all included) without a {@link
 * NoClassDefFoundError}.
 *
 * <pre>
 * opentelemetry-api    io.opentelemetry.api.trace.Span            {@link #openTelemetryApiPresent()}
 * dd-trace-api         datadog.trace.api.CorrelationIdentifier     {@link #datadogApiPresent()}
 * opentracing-api/util io.opentracing.util.GlobalTracer            {@link #openTracingPresent()}
 * slf4j-api            org.slf4j.MDC                              {@link #slf4jPresent()}
 * dd-java-agent        running: see {@link #datadogPresent()}
 * </pre>
 */
public final class Tracers {
  private static final ClassLoader LOADER = Tracers.class.getClassLoader();

  private static final boolean OPENTELEMETRY_API =
      present("io.opentelemetry.api.trace.Span") && present("io.opentelemetry.api.trace.SpanContext");
  private static final boolean DATADOG_API =
      present("datadog.trace.api.CorrelationIdentifier")
          && present("datadog.trace.api.interceptor.MutableSpan");
  private static final boolean OPENTRACING =
      present("io.opentracing.Span") && present("io.opentracing.util.GlobalTracer");
  private static final boolean SLF4J = present("org.slf4j.MDC");

  private Tracers() {}

  /** Whether the OpenTelemetry API is on the classpath (the OpenTelemetry agent bridges it). */
  public static boolean openTelemetryApiPresent() {
    return OPENTELEMETRY_API;
  }

  /**
   * Whether a Datadog tracer is running in this JVM: dd-java-agent, seen either as the {@code
   * -javaagent} jar on the system class path or as the tracer registered in dd-trace-api's {@code
   * GlobalTracer}. dd-java-agent brings dd-trace-api's classes with it, so the application need not
   * ship dd-trace-api for this to be {@code true}.
   */
  public static boolean datadogPresent() {
    return DatadogAgent.running();
  }

  /** Whether dd-trace-api's classes can be loaded (from the application or dd-java-agent). */
  public static boolean datadogApiPresent() {
    return DATADOG_API;
  }

  /** Whether opentracing-api and opentracing-util are on the classpath. */
  public static boolean openTracingPresent() {
    return OPENTRACING;
  }

  /** Whether slf4j-api is on the classpath. */
  public static boolean slf4jPresent() {
    return SLF4J;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, LOADER);
      return true;
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      return false;
    }
  }
}
