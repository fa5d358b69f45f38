package io.albtrace.continuation;

import io.albtrace.AmznTraceHeader;

/**
 * Which {@code X-Amzn-Trace-Id} Roots an adapter may continue as the APM trace (docs/spec.md §7). Tags are
 * written under every policy; the policy only decides whether the tracer's trace id becomes the
 * Root's.
 *
 * <p>A client can send any {@code X-Amzn-Trace-Id}. An ALB keeps a client-supplied {@code Root} and
 * then adds {@code Self}; it generates the {@code Root} itself (and adds no {@code Self}) only when
 * the request had none. So "no {@code Self}" means "the ALB made this Root".
 */
public enum TrustPolicy {
  /** Continue any valid Root (default). */
  ALWAYS,
  /** Continue only Roots the ALB generated itself: headers without a {@code Self} field. */
  ALB_GENERATED_ONLY,
  /** Never continue; only tag spans and logs. */
  NEVER;

  /** Whether a valid {@code header} may be continued under this policy. */
  public boolean allows(AmznTraceHeader header) {
    if (!header.isValid()) return false;
    switch (this) {
      case ALWAYS: return true;
      case ALB_GENERATED_ONLY: return !header.hasSelfField();
      default: return false;
    }
  }

  /** Reads {@code always}, {@code alb-generated-only}, {@code never} (any case, {@code -} or {@code _}). */
  public static TrustPolicy parse(String text) {
    String t = text.trim().replace('-', '_');
    for (TrustPolicy p : values()) {
      if (p.name().equalsIgnoreCase(t)) return p;
    }
    throw new IllegalArgumentException(
        "unknown trust policy '" + text + "': use always, alb-generated-only or never");
  }
}
