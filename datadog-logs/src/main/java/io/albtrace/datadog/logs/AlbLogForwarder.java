package io.albtrace.datadog.logs;

import io.albtrace.accesslog.AlbLogEnricher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.function.LongConsumer;

/**
 * Forwards ALB access-log lines to Datadog Logs, each linked to its APM trace by {@code
 * dd.trace_id}: a stream (already decoded: see {@code GzipMembersInputStream.decodeIfGzip}) in,
 * one entry per line out ({@link EntryOptions} says what it holds), in order, in requests that
 * keep Datadog's limits.
 *
 * <pre>
 * AlbLogForwarder f = new AlbLogForwarder(IntakeSettings.builder(IntakeSettings.url(System.getenv()), key).build(),
 *     EntryOptions.defaults().withTags("env:prod"));
 * try (InputStream in = GzipMembersInputStream.decodeIfGzip(s3Object, 1 &lt;&lt; 16)) {
 *   ForwardStats s = f.forward(in, Origin.s3(bucket, key)); // 2000 lines (…), 2000 sent, 0 failed, …
 * }
 * </pre>
 *
 * <ul>
 *   <li>Bounded memory whatever the input: one line buffer of {@value #MAX_LINE} bytes (longer
 *       lines are cut, as by {@code albtrace enrich}), one entry, one batch of at most 5 MB.
 *   <li>No line is dropped: lines that are not ALB entries go out with {@code albtrace.error};
 *       when the input cannot be read to its end, the lines before are sent, then one {@code
 *       albtrace.error} entry with the bytes of the line the failure cut short, and {@link
 *       ForwardStats#readError()} says why.
 *   <li>Entries are sent when a batch is full and at the end of each {@link #forward} call, so a
 *       call's entries are all delivered (or counted as failed) when it returns.
 *   <li>When a request fails for good (see {@code LogsIntakeClient}), reading stops and {@link
 *       DeliveryException} says how many entries were not delivered, with the counts so far.
 * </ul>
 *
 * Not thread-safe: one forwarder per thread; it may serve any number of inputs in turn.
 */
public final class AlbLogForwarder {
  /** Longest line sent whole, as {@code albtrace enrich} keeps it. */
  public static final int MAX_LINE = 1 << 20;

  private final IntakeSettings settings;
  private final LogsIntakeClient client;
  private final EntryWriter writer;
  private final LogBatch batch;
  private final LineReader reader = new LineReader(MAX_LINE, 1 << 16);
  private final String cutReason = "line longer than " + MAX_LINE + " bytes, cut";

  // counts of the current call
  private final long[] results = new long[AlbLogEnricher.Result.values().length];
  private long sent;
  private long failed;
  private long truncated;

  public AlbLogForwarder(IntakeSettings settings, EntryOptions options) {
    this(settings, options, new LogsIntakeClient(settings));
  }

  AlbLogForwarder(IntakeSettings settings, EntryOptions options, LogsIntakeClient client) {
    this.settings = settings;
    this.client = client;
    this.writer = new EntryWriter(options, settings.maxEntryBytes);
    this.batch = new LogBatch(settings.maxEntries, settings.maxPayloadBytes);
  }

  /** The intake the entries go to. */
  public URI url() {
    return settings.url();
  }

  /** Forwards every line of {@code in}; see the class comment. */
  public ForwardStats forward(InputStream in, Origin origin) throws DeliveryException {
    return forward(in, origin, null);
  }

  /**
   * {@link #forward(InputStream, Origin)}, calling {@code progress} with the lines read so far
   * after each request.
   */
  public ForwardStats forward(InputStream in, Origin origin, LongConsumer progress) throws DeliveryException {
    java.util.Arrays.fill(results, 0);
    sent = failed = truncated = 0;
    long requests = client.requests(), retries = client.retries();
    writer.origin(origin);
    reader.reset(in);
    String readError = null;
    try {
      while (true) {
        boolean more;
        try {
          more = reader.next();
        } catch (IOException e) {
          readError = (e.getMessage() != null ? e.getMessage() : e.toString()) + " after " + lines() + " lines";
          writer.error(reader.buffer(), reader.partial(), reader.partialEnd(), readError);
          results[AlbLogEnricher.Result.MALFORMED.ordinal()]++;
          add(progress);
          break;
        }
        if (!more) break;
        if (reader.cut()) {
          writer.error(reader.buffer(), reader.start(), reader.end(), cutReason);
          results[AlbLogEnricher.Result.MALFORMED.ordinal()]++;
        } else {
          results[writer.line(reader.buffer(), reader.start(), reader.end()).ordinal()]++;
        }
        add(progress);
      }
      send(progress);
    } catch (DeliveryException e) {
      // Every line read is sent or failed: the failed request's entries and the one waiting for room.
      failed = lines() - sent;
      throw new DeliveryException(e.getMessage() + "; stopped reading " + origin + " after " + lines() + " lines",
          failed, stats(requests, retries, readError));
    }
    return stats(requests, retries, readError);
  }

  private void add(LongConsumer progress) throws DeliveryException {
    if (writer.truncated()) truncated++;
    if (!batch.fits(writer.length())) send(progress);
    batch.add(writer.bytes(), 0, writer.length());
  }

  private void send(LongConsumer progress) throws DeliveryException {
    int n = batch.size();
    if (n == 0) return;
    try {
      client.send(batch);
      sent += n;
    } catch (DeliveryException e) {
      sent += n - e.undelivered(); // halves of a 413 may have gone through
      throw e;
    } finally {
      batch.clear();
    }
    if (progress != null) progress.accept(lines());
  }

  private long lines() {
    return results[0] + results[1] + results[2];
  }

  private ForwardStats stats(long requestsBefore, long retriesBefore, String readError) {
    return new ForwardStats(results[AlbLogEnricher.Result.TRACED.ordinal()],
        results[AlbLogEnricher.Result.UNTRACED.ordinal()], results[AlbLogEnricher.Result.MALFORMED.ordinal()], sent,
        failed, truncated, client.requests() - requestsBefore, client.retries() - retriesBefore, readError);
  }
}
