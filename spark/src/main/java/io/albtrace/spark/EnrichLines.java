package io.albtrace.spark;

import io.albtrace.accesslog.AlbLogEnricher;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Lines (as bytes, one per row) → the UTF-8 JSON object {@code albtrace enrich} writes for each,
 * without its {@code \n}: the same {@link AlbLogEnricher}, one {@link AlbLogEnricher.Buffer} per
 * partition.
 */
final class EnrichLines implements MapPartitionsFunction<Row, byte[]> {
  private static final long serialVersionUID = 1L;

  private final AlbLogEnricher.TraceIdFormat format;
  /** Lines by {@link AlbLogEnricher.Result}, when not null: for a job's summary. */
  private final LongAccumulator[] counts;

  EnrichLines(AlbLogEnricher.TraceIdFormat format, LongAccumulator[] counts) {
    this.format = format;
    this.counts = counts;
  }

  @Override
  public Iterator<byte[]> call(Iterator<Row> lines) {
    AlbLogEnricher enricher = new AlbLogEnricher(format);
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer(1 << 12);
    long[] partition = new long[AlbLogEnricher.Result.values().length];
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more = lines.hasNext();
        if (!more && counts != null) {
          for (int i = 0; i < partition.length; i++) counts[i].add(partition[i]);
          Arrays.fill(partition, 0);
        }
        return more;
      }

      @Override
      public byte[] next() {
        byte[] line = (byte[]) lines.next().get(0);
        if (line == null) line = new byte[0];
        out.clear();
        partition[enricher.enrich(line, 0, line.length, out).ordinal()]++;
        return Arrays.copyOf(out.bytes(), out.length());
      }
    };
  }
}
