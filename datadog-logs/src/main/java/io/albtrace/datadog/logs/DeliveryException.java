package io.albtrace.datadog.logs;

/**
 * Entries the intake did not take: retries ran out (408, 429, 5xx, connection errors) or it
 * refused them for good (400, 401, 403, a single entry still 413). Says how many, and why.
 */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long undelivered;
  private final transient ForwardStats stats;

  DeliveryException(String reason, long undelivered) {
    this(reason, undelivered, null);
  }

  DeliveryException(String reason, long undelivered, ForwardStats stats) {
    super(reason);
    this.undelivered = undelivered;
    this.stats = stats;
  }

  /** Entries of the failed requests: sent and refused, or never acknowledged. */
  public long undelivered() {
    return undelivered;
  }

  /** What the forwarder had done when it stopped; {@code null} when not thrown by the forwarder. */
  public ForwardStats stats() {
    return stats;
  }
}
