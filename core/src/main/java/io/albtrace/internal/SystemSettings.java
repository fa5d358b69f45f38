package io.albtrace.internal;

import java.util.Locale;

/**
 * Where albtrace settings come from after the adapter's own configuration: a Java system property
 * ({@code albtrace.sample-deferred}), else the environment variable named after it
 * ({@code ALBTRACE_SAMPLE_DEFERRED}).
 *
 * <p>Internal: not API, may change in any release.
 */
public final class SystemSettings {
  private SystemSettings() {}

  /** The system property {@code name}, else its environment variable, else {@code null}. */
  public static String get(String name) {
    String v = System.getProperty(name);
    if (v != null) return v;
    return System.getenv(environmentName(name));
  }

  /** {@code albtrace.sample-deferred} → {@code ALBTRACE_SAMPLE_DEFERRED}. */
  public static String environmentName(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
