package io.albtrace.spark;

import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.accesslog.AlbLogEnricher.Result;
import io.albtrace.accesslog.AlbLogEnricher.TraceIdFormat;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * {@code albtrace enrich} as a Spark job: ALB access logs in, gzip NDJSON part files out, each line
 * byte for byte what {@code albtrace enrich} writes for it.
 *
 * <pre>
 * spark-submit --class io.albtrace.spark.EnrichJob albtrace-spark.jar s3://logs/AWSLogs/…/2026/09/29/ s3://out/alb/2026-09-29/
 * EnrichJob --master local[2] [--dd-trace-id=decimal|hex] IN... OUT
 * albtrace enrich: 1200000 lines (1188000 with trace id, 11990 without, 10 malformed) → s3://out/alb/2026-09-29/
 * </pre>
 *
 * <p>Inputs are files or directories (read recursively) as {@link AlbLogs#read} takes them; OUT is
 * a directory that must not exist, written as {@code part-*.txt.gz} by Spark's text writer. The
 * summary's counts come from accumulators: a task that Spark runs again counts again.
 * {@code --master} is for runs without {@code spark-submit}; the job stops the session it started.
 */
public final class EnrichJob {
  static final String USAGE = "usage: EnrichJob [--master URL] [--dd-trace-id=decimal|hex] IN... OUT\n"
      + "  Writes the albtrace enrich NDJSON of the ALB access logs IN (files or directories; .gz or plain)\n"
      + "  to the new directory OUT as gzip part files. --master: e.g. local[2] when not run by spark-submit.\n";

  private EnrichJob() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) System.exit(code);
  }

  /** Runs the job; returns 0, or 2 on a usage error. Failures of the job itself are thrown. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String master = null;
    TraceIdFormat format = TraceIdFormat.DECIMAL;
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--master") && i + 1 < args.length) {
        master = args[++i];
      } else if (a.equals("--dd-trace-id=decimal")) {
        format = TraceIdFormat.DECIMAL;
      } else if (a.equals("--dd-trace-id=hex")) {
        format = TraceIdFormat.HEX;
      } else if (a.equals("-h") || a.equals("--help")) {
        out.print(USAGE);
        return 0;
      } else if (a.startsWith("-")) {
        err.print("EnrichJob: unknown option '" + a + "'\n" + USAGE);
        return 2;
      } else {
        paths.add(a);
      }
    }
    if (paths.size() < 2) {
      err.print("EnrichJob: needs at least one IN and the OUT directory\n" + USAGE);
      return 2;
    }
    boolean running = SparkSession.getDefaultSession().isDefined(); // e.g. a notebook's: not ours to stop
    SparkSession.Builder builder = SparkSession.builder().appName("albtrace enrich");
    if (master != null) builder.master(master);
    SparkSession spark = builder.getOrCreate();
    try {
      String output = paths.remove(paths.size() - 1);
      long[] counts = enrich(spark, format, paths, output);
      out.println("albtrace enrich: " + (counts[0] + counts[1] + counts[2]) + " lines ("
          + counts[Result.TRACED.ordinal()] + " with trace id, " + counts[Result.UNTRACED.ordinal()] + " without, "
          + counts[Result.MALFORMED.ordinal()] + " malformed) → " + output);
    } finally {
      if (!running) spark.stop();
    }
    return 0;
  }

  /**
   * Writes the enriched lines of {@code inputs} to the new directory {@code output} as gzip text
   * part files; returns the lines by {@link AlbLogEnricher.Result}.
   */
  static long[] enrich(SparkSession spark, TraceIdFormat format, List<String> inputs, String output) {
    LongAccumulator[] counts = new LongAccumulator[Result.values().length];
    for (Result r : Result.values()) counts[r.ordinal()] = spark.sparkContext().longAccumulator("albtrace " + r);
    AlbLogs.json(AlbLogs.lines(spark, inputs.toArray(new String[0])), format, counts)
        .write()
        .option("compression", "gzip")
        .text(output);
    long[] n = new long[counts.length];
    for (int i = 0; i < n.length; i++) n[i] = counts[i].value();
    return n;
  }
}
