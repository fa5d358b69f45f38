package io.albtrace.datadog.logs;

/**
 * What a forwarding run did, in counts: lines read and what core made of them, entries sent and
 * not, requests made. Immutable; {@link #plus} adds runs up.
 *
 * <pre>
 * 2000 lines (1976 with trace id, 24 without, 0 malformed), 2000 sent, 0 failed, 0 truncated, 2 requests (0 retries)
 * </pre>
 *
 * Every line is one entry; an input that cannot be read to its end adds one {@code albtrace.error}
 * entry, counted as a malformed line (it holds the bytes of the line the failure cut short).
 */
public final class ForwardStats {
  public static final ForwardStats ZERO = new ForwardStats(0, 0, 0, 0, 0, 0, 0, 0, null);

  private final long traced;
  private final long untraced;
  private final long malformed;
  private final long sent;
  private final long failed;
  private final long truncated;
  private final long requests;
  private final long retries;
  private final String readError;

  ForwardStats(long traced, long untraced, long malformed, long sent, long failed, long truncated, long requests,
      long retries, String readError) {
    this.traced = traced;
    this.untraced = untraced;
    this.malformed = malformed;
    this.sent = sent;
    this.failed = failed;
    this.truncated = truncated;
    this.requests = requests;
    this.retries = retries;
    this.readError = readError;
  }

  /** Lines read (each one entry). */
  public long lines() {
    return traced + untraced + malformed;
  }

  /** ALB entries with a valid trace id: sent with {@code dd.trace_id}. */
  public long traced() {
    return traced;
  }

  public long untraced() {
    return untraced;
  }

  /** Lines that are not ALB entries (cut, garbage, invalid UTF-8, an unreadable rest): sent with {@code albtrace.error}. */
  public long malformed() {
    return malformed;
  }

  /** Entries the intake acknowledged. */
  public long sent() {
    return sent;
  }

  /** Entries that were not delivered. */
  public long failed() {
    return failed;
  }

  /** Entries cut to fit Datadog's size per entry ({@code albtrace.truncated}). */
  public long truncated() {
    return truncated;
  }

  public long requests() {
    return requests;
  }

  public long retries() {
    return retries;
  }

  /** Why the input could not be read to its end (a truncated gzip, a broken connection), or null. */
  public String readError() {
    return readError;
  }

  /** This run and {@code o}: counts summed, the first read error kept. */
  public ForwardStats plus(ForwardStats o) {
    return new ForwardStats(traced + o.traced, untraced + o.untraced, malformed + o.malformed, sent + o.sent,
        failed + o.failed, truncated + o.truncated, requests + o.requests, retries + o.retries,
        readError != null ? readError : o.readError);
  }

  @Override
  public String toString() {
    return lines() + " lines (" + traced + " with trace id, " + untraced + " without, " + malformed + " malformed), "
        + sent + " sent, " + failed + " failed, " + truncated + " truncated, " + requests + " requests (" + retries
        + " retries)";
  }
}
