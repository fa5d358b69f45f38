package io.albtrace.spans;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands spans to a {@link SpanExporter} in batches and counts every span as delivered or failed:
 * none is dropped unseen. Unlike the SDK's {@code BatchSpanProcessor}, which drops spans when its
 * queue is full, {@link #add} waits when {@code maxInFlight} batches are being exported, so a slow
 * or failing receiver slows the reader instead of losing spans, and memory stays bounded: at most
 * {@code (maxInFlight + 1) * batchSize} spans are held.
 *
 * <pre>
 * SpanShipper shipper = new SpanShipper(exporter, 512, 4);
 * for (line : log) { SpanData s = mapper.map(line); if (s != null) shipper.add(s); }
 * shipper.finish(60, TimeUnit.SECONDS);   // then shipper.delivered(), failed(), failure()
 * </pre>
 *
 * <p>Retrying is the exporter's job: the OTLP exporters retry 429, 502, 503, 504 and I/O errors
 * with exponential backoff (their {@code RetryPolicy}); a batch they give up on is failed here.
 * {@link #add} and {@link #finish} are for one thread; the counts may be read from any.
 */
public final class SpanShipper {
  private final SpanExporter exporter;
  private final int batchSize;
  private final int maxInFlight;
  private final Semaphore inFlight;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> failure = new AtomicReference<>();
  /** Spans in batches not yet answered; taken whole by a {@link #finish} that timed out. */
  private final AtomicLong inFlightSpans = new AtomicLong();
  private List<SpanData> batch;

  /**
   * @param batchSize spans per export call
   * @param maxInFlight export calls not yet answered, at most
   */
  public SpanShipper(SpanExporter exporter, int batchSize, int maxInFlight) {
    if (exporter == null) throw new NullPointerException("exporter");
    if (batchSize < 1 || maxInFlight < 1) throw new IllegalArgumentException("batchSize and maxInFlight must be positive");
    this.exporter = exporter;
    this.batchSize = batchSize;
    this.maxInFlight = maxInFlight;
    this.inFlight = new Semaphore(maxInFlight);
    this.batch = new ArrayList<>(batchSize);
  }

  /** Adds a span; exports the batch when full, first waiting while {@code maxInFlight} are out. */
  public void add(SpanData span) throws InterruptedException {
    batch.add(span);
    if (batch.size() == batchSize) send();
  }

  /**
   * Exports the last, partial batch and waits until every batch is answered. Batches still
   * unanswered after {@code timeout} are counted as failed.
   *
   * @return whether every span was delivered
   */
  public boolean finish(long timeout, TimeUnit unit) throws InterruptedException {
    if (!batch.isEmpty()) send();
    if (inFlight.tryAcquire(maxInFlight, timeout, unit)) {
      inFlight.release(maxInFlight);
    } else {
      fail(inFlightSpans.getAndSet(0), "no answer within " + unit.toSeconds(timeout) + " s");
    }
    exporter.flush().join(timeout, unit);
    return failed.get() == 0;
  }

  private void send() throws InterruptedException {
    List<SpanData> spans = batch;
    batch = new ArrayList<>(batchSize);
    inFlight.acquire();
    int n = spans.size();
    inFlightSpans.addAndGet(n);
    CompletableResultCode result;
    try {
      result = exporter.export(spans);
    } catch (RuntimeException e) { // an exporter bug must not lose the count
      result = CompletableResultCode.ofExceptionalFailure(e);
    }
    CompletableResultCode r = result;
    r.whenComplete(() -> {
      if (inFlightSpans.addAndGet(-n) < 0) return; // counted as failed by finish's timeout already
      if (r.isSuccess()) {
        delivered.addAndGet(n);
      } else {
        fail(n, reason(r.getFailureThrowable()));
      }
      inFlight.release();
    });
  }

  private void fail(long spans, String reason) {
    failed.addAndGet(spans);
    failure.compareAndSet(null, reason);
  }

  /**
   * What the exporter said, on one line: {@code HTTP 503} for an answer it gave up on, else the
   * I/O error ({@code java.net.ConnectException}, {@code HttpTimeoutException: request timed out}).
   */
  static String reason(Throwable t) {
    if (t instanceof FailedExportException.HttpExportException) {
      FailedExportException.HttpExportException h = (FailedExportException.HttpExportException) t;
      if (h.failedWithResponse()) return "HTTP " + h.getResponse().getStatusCode();
    }
    // the exporter's and the JDK's wrappers around the I/O error
    while (t != null && t.getCause() != null && t.getCause() != t
        && (t instanceof FailedExportException || t instanceof java.util.concurrent.CompletionException
            || t instanceof java.io.UncheckedIOException || t.getMessage() == null)) {
      t = t.getCause();
    }
    return t == null ? "export failed" : t.toString().replace('\n', ' ');
  }

  /** Spans the exporter accepted. */
  public long delivered() {
    return delivered.get();
  }

  /** Spans the exporter gave up on, or that got no answer in time. */
  public long failed() {
    return failed.get();
  }

  /** Why the first failed batch failed, or {@code null}. */
  public String failure() {
    return failure.get();
  }
}
