package io.albtrace.internal;

import java.lang.reflect.Method;

/**
 * Whether dd-java-agent runs in this JVM, found without a dependency on it: its bootstrap class on
 * the system class path (where {@code -javaagent} puts it), or a real tracer registered in
 * dd-trace-api's {@code GlobalTracer} (whose no-op lives in {@code datadog.trace.api}).
 *
 * <p>Internal: not API, may change in any release.
 */
public final class DatadogAgent {
  /** Set once the agent is seen; a negative answer is checked again (the agent may register late). */
  private static volatile boolean seen;

  private DatadogAgent() {}

  public static boolean running() {
    if (seen) return true;
    boolean found = bootstrapOnSystemClassPath() || tracerRegistered();
    if (found) seen = true;
    return found;
  }

  private static boolean bootstrapOnSystemClassPath() {
    try {
      Class.forName("datadog.trace.bootstrap.AgentBootstrap", false, ClassLoader.getSystemClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      return false;
    }
  }

  private static boolean tracerRegistered() {
    try {
      Class<?> global = Class.forName("datadog.trace.api.GlobalTracer", false, DatadogAgent.class.getClassLoader());
      Method get = global.getMethod("get");
      Object tracer = get.invoke(null);
      return tracer != null && !tracer.getClass().getName().startsWith("datadog.trace.api.");
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return false;
    }
  }
}
