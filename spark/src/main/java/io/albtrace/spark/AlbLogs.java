package io.albtrace.spark;

import static org.apache.spark.sql.functions.col;

import io.albtrace.accesslog.AlbLogEnricher;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * ALB access logs in Spark, with the trace ids albtrace derives and the output of
 * {@code albtrace enrich}.
 *
 * <pre>{@code
 * Dataset<Row> logs = AlbLogs.read(spark, "s3://my-logs/AWSLogs/123456789012/elasticloadbalancing/us-east-2/2026/09/29/");
 * logs.where("elb_status_code >= 500").select("time", "request_url", "trace_id", "dd_trace_id").show();
 *
 * AlbLogs.enrich(spark, "s3://my-logs/…/29/").write().option("compression", "gzip").text("s3://out/alb-ndjson/");
 * }</pre>
 *
 * <ul>
 *   <li>Paths are files or directories (read recursively), any Hadoop file system ({@code s3://},
 *       {@code s3a://}, {@code file:}); {@code .gz} files are gzip, any number of members, others
 *       plain. Lines end at {@code \n} only, as in {@code albtrace enrich}; a {@code \r} before it
 *       is not part of the line.
 *   <li>One row out per line in, whatever the line: nothing is dropped or split.
 *   <li>Each line is parsed once, by albtrace-core's byte-oriented parser (no regex), with one
 *       parser per partition.
 * </ul>
 */
public final class AlbLogs {
  private AlbLogs() {}

  /** The lines of {@code paths} as a DataFrame of {@link AlbLogSchema}: one row per line. */
  public static Dataset<Row> read(SparkSession spark, String... paths) {
    return rows(lines(spark, paths));
  }

  /** The lines of {@code lines} (one per row, from any source) as a DataFrame of {@link AlbLogSchema}. */
  public static Dataset<Row> parse(Dataset<String> lines) {
    return rows(bytes(lines));
  }

  /**
   * The NDJSON lines {@code albtrace enrich} writes for the lines of {@code paths}, byte for byte
   * (invalid UTF-8 in the files included), one per line, with {@code dd.trace_id} as a decimal.
   */
  public static Dataset<String> enrich(SparkSession spark, String... paths) {
    return enrich(AlbLogEnricher.TraceIdFormat.DECIMAL, spark, paths);
  }

  /** {@link #enrich(SparkSession, String...)} with {@code dd.trace_id} written in {@code format}. */
  public static Dataset<String> enrich(AlbLogEnricher.TraceIdFormat format, SparkSession spark, String... paths) {
    return json(lines(spark, paths), format, null);
  }

  /** The line {@code albtrace enrich} writes for each line of {@code lines}, {@code dd.trace_id} decimal. */
  public static Dataset<String> enrich(Dataset<String> lines) {
    return enrich(lines, AlbLogEnricher.TraceIdFormat.DECIMAL);
  }

  /** {@link #enrich(Dataset)} with {@code dd.trace_id} written in {@code format}. */
  public static Dataset<String> enrich(Dataset<String> lines, AlbLogEnricher.TraceIdFormat format) {
    return json(bytes(lines), format, null);
  }

  /**
   * The lines of {@code paths}, one binary column: Spark's text source, with the line's bytes as
   * they are in the file (a string column would hold them too, but decoding it to a Java
   * {@code String} would replace invalid UTF-8 before the enricher could see it).
   */
  static Dataset<Row> lines(SparkSession spark, String... paths) {
    if (paths.length == 0) throw new IllegalArgumentException("no paths");
    Dataset<Row> text = spark.read()
        .option("lineSep", "\n") // not Hadoop's default, which also ends lines at a lone \r
        .option("recursiveFileLookup", "true") // ALB writes yyyy/mm/dd/ folders under a prefix
        .text(paths);
    return text.select(col("value").cast("binary"));
  }

  private static Dataset<Row> bytes(Dataset<String> lines) {
    Dataset<Row> df = lines.toDF();
    return df.select(col(df.columns()[0]).cast("binary"));
  }

  /**
   * The rows of {@code lines}. Through an RDD rather than {@code Dataset.mapPartitions}: Spark turns
   * an RDD's rows into its own with a projection it splits into small methods, where a Dataset's
   * whole-stage code would put all 44 columns' conversion in one method too big for the JIT
   * (measured: a quarter less CPU per row, and a fifth of the first batch's).
   */
  private static Dataset<Row> rows(Dataset<Row> lines) {
    return lines.sparkSession().createDataFrame(lines.javaRDD().mapPartitions(new AlbLogRows()), AlbLogSchema.schema());
  }

  /** Enriched lines as strings: the JSON bytes become the string column as they are (no decoding). */
  static Dataset<String> json(Dataset<Row> lines, AlbLogEnricher.TraceIdFormat format, LongAccumulator[] counts) {
    Dataset<byte[]> json = lines.mapPartitions(new EnrichLines(format, counts), Encoders.BINARY());
    return json.toDF().select(col("value").cast("string")).as(Encoders.STRING());
  }
}
