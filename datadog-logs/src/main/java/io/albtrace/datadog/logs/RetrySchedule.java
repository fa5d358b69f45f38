package io.albtrace.datadog.logs;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

/**
 * How long to wait before retry {@code n}: exponential backoff with "equal jitter" — half of
 * {@code min(max, first * 2^(n-1))} plus a random part of the other half, so retries of many
 * senders spread out but never come sooner than half the step — and never less than the server's
 * {@code Retry-After}, itself capped so one answer cannot stall a Lambda until its timeout.
 *
 * <pre>
 * first 500 ms, max 30 s:  retry 1: 250–500 ms, 2: 0.5–1 s, 3: 1–2 s, … 7+: 15–30 s
 * Retry-After: 5                       → at least 5 s
 * Retry-After: Wed, 21 Oct 2026 07:28:00 GMT → until then
 * </pre>
 */
final class RetrySchedule {
  private final long firstMillis;
  private final long maxMillis;
  private final long maxRetryAfterMillis;
  private final SplittableRandom random;

  RetrySchedule(Duration first, Duration max, Duration maxRetryAfter, SplittableRandom random) {
    this.firstMillis = first.toMillis();
    this.maxMillis = max.toMillis();
    this.maxRetryAfterMillis = maxRetryAfter.toMillis();
    this.random = random;
  }

  /** Milliseconds to wait before retry {@code n} (1 for the first retry), given the last answer's {@code Retry-After} (or null). */
  long delayMillis(int n, String retryAfter) {
    long step = firstMillis;
    for (int i = 1; i < n && step < maxMillis; i++) step *= 2;
    step = Math.min(step, maxMillis);
    long half = step / 2;
    long wait = half + (step - half > 0 ? random.nextLong(step - half + 1) : 0);
    return Math.max(wait, Math.min(retryAfterMillis(retryAfter), maxRetryAfterMillis));
  }

  /** A {@code Retry-After} value in milliseconds from now: delta-seconds or an HTTP-date; 0 when absent or unreadable. */
  static long retryAfterMillis(String value) {
    if (value == null || value.isBlank()) return 0;
    String v = value.trim();
    if (isDigits(v)) return v.length() > 9 ? Long.MAX_VALUE / 4 : Long.parseLong(v) * 1000;
    try {
      long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
      return Math.max(0, at - System.currentTimeMillis());
    } catch (DateTimeParseException e) {
      return 0;
    }
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    }
    return true;
  }
}
