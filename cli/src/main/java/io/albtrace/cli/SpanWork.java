package io.albtrace.cli;

import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.internal.ByteScan;
import io.albtrace.spans.AlbSpanMapper;
import io.albtrace.spans.SpanShipper;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * {@link EnrichPipeline}'s work for {@code albtrace spans}: each line to a span, each span to the
 * shipper. Run on one worker thread, so the mapper needs no locking; the shipper's waiting for a
 * free batch slot holds the reader back. The pipeline's three counters count by
 * {@link AlbSpanMapper.Result}: spans, entries without trace id, malformed lines.
 */
final class SpanWork implements EnrichPipeline.Work {
  private final AlbSpanMapper mapper = new AlbSpanMapper();
  private final SpanShipper shipper;

  SpanWork(SpanShipper shipper) {
    this.shipper = shipper;
  }

  @Override
  public int enrichLines(byte[] buf, int from, int to, AlbLogEnricher.Buffer out, long[] counts) {
    for (int start = from; ; ) {
      int nl = ByteScan.newline(buf, start, to);
      if (nl == to) return start;
      SpanData span = mapper.map(buf, start, nl - start);
      counts[mapper.result().ordinal()]++;
      if (span != null) {
        try {
          shipper.add(span);
        } catch (InterruptedException e) { // the pipeline is closing
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      start = nl + 1;
    }
  }

  @Override
  public void malformed(byte[] line, int offset, int length, String reason, AlbLogEnricher.Buffer out) {
    // a line cut at MAX_LINE: no span; the CUT job is counted as malformed
  }
}
