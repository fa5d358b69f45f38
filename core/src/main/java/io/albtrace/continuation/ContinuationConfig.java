package io.albtrace.continuation;

import io.albtrace.internal.SystemSettings;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The one settings loader of every adapter (docs/configuration.md). Each setting is looked up in a
 * single precedence order: the adapter's own configuration (the {@code lookup}: filter
 * init-parameters, then context parameters, ...), then the Java system property, then the
 * environment variable named after it, then the default.
 */
final class ContinuationConfig {
  static final String TRUST_POLICY = "albtrace.trust-policy";
  static final String CONTINUE = "albtrace.continue";
  static final String DATADOG = "albtrace.datadog";
  static final String DATADOG_PARENT = "albtrace.datadog.parent";
  static final String W3C = "albtrace.w3c";
  static final String SAMPLE_DEFERRED = "albtrace.sample-deferred";

  /** Warnings already logged: a bad setting is reported once, not by every adapter instance. */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private ContinuationConfig() {}

  static final List<String> BOOLEANS = List.of("true", "false");
  static final List<String> TRUST_POLICIES = List.of("always", "alb-generated-only", "never");
  static final List<String> DATADOG_PARENTS = List.of("header", "alb");

  /** The settings, or an {@link InvalidSettingException} naming the bad one and what it allows. */
  static Continuation read(Function<String, String> lookup) {
    Continuation.Builder b = Continuation.builder();
    String v;
    if ((v = setting(lookup, TRUST_POLICY)) != null) b.trustPolicy(trustPolicy(v));
    if ((v = setting(lookup, CONTINUE)) != null) b.enabled(bool(CONTINUE, v));
    if ((v = setting(lookup, DATADOG)) != null) b.datadog(bool(DATADOG, v));
    if ((v = setting(lookup, DATADOG_PARENT)) != null) b.datadogParent(datadogParent(v));
    if ((v = setting(lookup, W3C)) != null) b.w3c(bool(W3C, v));
    if ((v = setting(lookup, SAMPLE_DEFERRED)) != null) b.sampleDeferred(bool(SAMPLE_DEFERRED, v));
    return b.build();
  }

  /** {@link #read}, or continuation off when a setting is invalid: logged once, never thrown. */
  static Continuation readOrOff(Function<String, String> lookup) {
    try {
      return read(lookup);
    } catch (IllegalArgumentException e) { // the safe side of a trust decision: do not continue
      String message = "albtrace: " + e.getMessage() + "; continuation is off, spans and logs are still tagged";
      if (WARNED.add(message)) {
        System.getLogger(Continuation.class.getName()).log(System.Logger.Level.WARNING, message);
      }
      return Continuation.builder().enabled(false).build();
    }
  }

  private static String setting(Function<String, String> lookup, String name) {
    String v = lookup.apply(name);
    return v != null ? v : SystemSettings.get(name);
  }

  private static TrustPolicy trustPolicy(String v) {
    try {
      return TrustPolicy.parse(v);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(TRUST_POLICY, v, TRUST_POLICIES, TRUST_POLICY + ": " + e.getMessage());
    }
  }

  private static DatadogParent datadogParent(String v) {
    try {
      return DatadogParent.parse(v);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(DATADOG_PARENT, v, DATADOG_PARENTS, DATADOG_PARENT + ": " + e.getMessage());
    }
  }

  /** {@code true} or {@code false} in any case, around spaces; else an {@link InvalidSettingException}. */
  static boolean bool(String name, String v) {
    String t = v.trim();
    if (t.equalsIgnoreCase("true")) return true;
    if (t.equalsIgnoreCase("false")) return false;
    throw new InvalidSettingException(name, v, BOOLEANS, name + " must be true or false, not '" + v + "'");
  }
}
