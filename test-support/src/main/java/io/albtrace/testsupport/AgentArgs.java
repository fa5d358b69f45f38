package io.albtrace.testsupport;

import java.nio.file.Path;
import java.util.List;

/**
 * The JVM arguments that run a server under a real Java agent in a test: the agent, where its
 * spans go, and every feature that would only add start-up time or network calls turned off.
 */
public final class AgentArgs {
  private AgentArgs() {}

  /** dd-java-agent sending its traces to {@code agent} (flushed every 200 ms). */
  public static List<String> datadog(Path agentJar, FakeDatadogAgent agent, String service) {
    return List.of(
        "-javaagent:" + agentJar,
        "-Ddd.trace.agent.url=http://127.0.0.1:" + agent.port(),
        "-Ddd.service=" + service,
        "-Ddd.env=test",
        "-Ddd.jmxfetch.enabled=false",
        "-Ddd.profiling.enabled=false",
        "-Ddd.appsec.enabled=false",
        "-Ddd.instrumentation.telemetry.enabled=false",
        "-Ddd.remote_config.enabled=false",
        "-Ddd.data.streams.enabled=false",
        "-Ddd.crashtracking.enabled=false",
        "-Ddd.trace.startup.logs=false",
        "-Ddd.dogstatsd.start-delay=3600",
        "-Ddd.trace.flush.interval=0.2");
  }

  /**
   * The OpenTelemetry Java agent printing its spans with the {@code logging-otlp} exporter: one
   * OTLP JSON {@code ResourceSpans} object per output line, exported every 100 ms.
   */
  public static List<String> openTelemetry(Path agentJar, String service) {
    return List.of(
        "-javaagent:" + agentJar,
        "-Dotel.service.name=" + service,
        "-Dotel.traces.exporter=logging-otlp",
        "-Dotel.metrics.exporter=none",
        "-Dotel.logs.exporter=none",
        "-Dotel.bsp.schedule.delay=100",
        "-Dotel.javaagent.logging=simple");
  }
}
