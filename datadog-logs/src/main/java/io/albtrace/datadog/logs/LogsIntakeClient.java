package io.albtrace.datadog.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Sends {@link LogBatch}es to the logs intake v2 API with {@code java.net.http}: the JSON array
 * gzipped, {@code DD-API-KEY} set, one request at a time.
 *
 * <pre>
 * 200, 202                     delivered
 * 408, 429, 5xx, I/O error     retried with {@link RetrySchedule} (Retry-After honoured), up to maxAttempts
 * 413                          the batch is halved and each half sent (a single entry: refused)
 * 400, 401, 403, other         refused: no retry
 * </pre>
 *
 * Entries not delivered in the end are a {@link DeliveryException} with their number. A request
 * that timed out or lost its connection may still have been taken: a retry can then deliver
 * entries twice (at least once, never silently lost).
 */
final class LogsIntakeClient {
  /** Waits between tries; tests record instead of sleeping long. */
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final IntakeSettings settings;
  private final HttpClient http;
  private final RetrySchedule schedule;
  private final Sleeper sleeper;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
  private long requests;
  private long retries;

  LogsIntakeClient(IntakeSettings settings) {
    this(settings, Thread::sleep, new SplittableRandom());
  }

  LogsIntakeClient(IntakeSettings settings, Sleeper sleeper, SplittableRandom random) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.schedule = new RetrySchedule(settings.firstBackoff, settings.maxBackoff, settings.maxRetryAfter, random);
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(settings.connectTimeout);
    // Cleartext only to proxies and tests: plain HTTP/1.1 there, no h2c upgrade attempt.
    if ("http".equals(settings.url().getScheme())) b.version(HttpClient.Version.HTTP_1_1);
    this.http = b.build();
  }

  /** Requests made so far, retries included. */
  long requests() {
    return requests;
  }

  /** Requests that were retries. */
  long retries() {
    return retries;
  }

  /** Delivers every entry of {@code batch}, or throws with the number that was not. */
  void send(LogBatch batch) throws DeliveryException {
    if (batch.size() > 0) send(batch, 0, batch.size());
  }

  private void send(LogBatch batch, int from, int to) throws DeliveryException {
    String reason = null;
    for (int attempt = 1; ; attempt++) {
      String retryAfter = null;
      try {
        HttpResponse<String> r = http.send(request(batch, from, to), HttpResponse.BodyHandlers.ofString());
        int status = r.statusCode();
        if (status == 200 || status == 202) return;
        if (status == 413 && to - from > 1) {
          int mid = (from + to) >>> 1;
          try {
            send(batch, from, mid);
          } catch (DeliveryException e) {
            throw new DeliveryException(e.getMessage(), e.undelivered() + (to - mid));
          }
          send(batch, mid, to);
          return;
        }
        reason = "HTTP " + status + snippet(r.body());
        if (status != 408 && status != 429 && status < 500) {
          throw new DeliveryException("the intake refused " + (to - from) + " entries: " + reason, to - from);
        }
        retryAfter = r.headers().firstValue("Retry-After").orElse(null);
      } catch (IOException e) {
        reason = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeliveryException("interrupted", to - from);
      }
      if (attempt >= settings.maxAttempts) {
        throw new DeliveryException(to - from + " entries not delivered after " + attempt + " attempts, last: " + reason,
            to - from);
      }
      try {
        sleeper.sleep(schedule.delayMillis(attempt, retryAfter));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeliveryException("interrupted while waiting to retry (" + reason + ")", to - from);
      }
      retries++;
    }
  }

  private HttpRequest request(LogBatch batch, int from, int to) throws IOException {
    body.reset();
    try (GZIPOutputStream gz = new GZIPOutputStream(body, 1 << 16)) {
      batch.writePayload(from, to, gz);
    }
    requests++;
    return HttpRequest.newBuilder(settings.url())
        .timeout(settings.requestTimeout)
        .header("Content-Type", "application/json")
        .header("Content-Encoding", "gzip")
        .header("DD-API-KEY", settings.apiKey())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
  }

  /** The start of an error body, for the message: the intake says what was wrong. */
  private static String snippet(String body) {
    if (body == null || body.isBlank()) return "";
    String b = body.strip();
    return ": " + (b.length() > 200 ? b.substring(0, 200) + "…" : b);
  }
}
