package io.albtrace.benchmarks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.substring;

import io.albtrace.spark.AlbLogs;
import io.albtrace.testsupport.SampleLogGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A timed Spark job, not JMH: ALB access logs → columns and {@code dd_trace_id}, two ways, on the
 * same gzip files in one local[2] run, the best of {@code --rounds} each in rows per CPU second
 * (wall times printed too):
 *
 * <ul>
 *   <li><b>albtrace</b>: {@link AlbLogs#read} (every Athena column and the four ids);
 *   <li><b>regex</b>: Spark's {@code text} source, one {@code regexp_extract} of AWS's Athena regex
 *       ({@link LogEnrichment#ATHENA}) per column, and {@code conv(substr(regexp_extract(trace_id,
 *       'Root=1-[0-9a-f]{8}-([0-9a-f]{24})', 1), 9, 16), 16, 10)} for the id: what a team writes
 *       in Spark without albtrace.
 * </ul>
 *
 * Then both ids only ({@code trace_id} and {@code dd_trace_id}), and the rows where the regex's id
 * is wrong by the contract, on edge lines added to the input (uppercase hex, low 64 bits zero,
 * spaces, a malformed first Root, an 18-field 2016 entry).
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests -P spark-benchmark [-Dspark.benchmark.args="--lines 120000 --rounds 2"]
 * </pre>
 *
 * Spark is {@code provided} here, as the generator of the input is: neither is in benchmarks.jar;
 * the profile runs this class with the build's own Spark.
 */
public final class SparkRead {
  private static final String ROOT = "Root=1-[0-9a-f]{8}-([0-9a-f]{24})";
  private static final String[] EDGE_TRACE_IDS = {
    "Root=1-67891233-ABCDEF012345678912345678",
    "Root=1-67891233-abcdef010000000000000000",
    "Root = 1-67891233-abcdef012345678912345678",
    " Root=1-67891233-abcdef012345678912345678",
    "Root=1-6789123-abcdef012345678912345678;Root=1-67891233-abcdef012345678912345678",
    "XRoot=1-67891233-abcdef012345678912345678",
    "Self=1-67891233-abcdef012345678912345678;Root=1-5759e988-bd862e3fe1be46a994272793",
  };

  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private SparkRead() {}

  public static void main(String[] args) throws IOException {
    int lines = 120_000, files = 8, rounds = 2;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--lines": lines = Integer.parseInt(args[i + 1]); break;
        case "--files": files = Integer.parseInt(args[i + 1]); break;
        case "--rounds": rounds = Integer.parseInt(args[i + 1]); break;
        default: throw new IllegalArgumentException("usage: SparkRead [--lines N] [--files N] [--rounds N]");
      }
    }
    Path dir = Files.createTempDirectory("albtrace-spark-bench");
    long gz = 0;
    for (int f = 0; f < files; f++) {
      Path file = dir.resolve("alb-" + f + ".log.gz");
      SampleLogGenerator.write(file, lines / files, 2, 42 + f);
      gz += Files.size(file);
    }
    List<String> edges = edgeLines();
    Files.write(dir.resolve("edges.log"), (String.join("\n", edges) + "\n").getBytes(StandardCharsets.UTF_8));
    long total = (long) lines / files * files + edges.size();

    SparkSession spark = SparkSession.builder().master("local[2]").appName("albtrace SparkRead")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    String in = dir.toString();
    System.out.printf(Locale.ROOT, "input: %d lines (%d generated in %d gzip files of 2 members, %.1f MB; %d edge lines), "
        + "Spark %s local[2], %d processors, load %s%n", total, total - edges.size(), files, gz / 1e6, edges.size(),
        spark.version(), Runtime.getRuntime().availableProcessors(), load());

    Dataset<Row> albtrace = AlbLogs.read(spark, in);
    Dataset<Row> albtraceIds = AlbLogs.read(spark, in).select("trace_id", "dd_trace_id");
    Dataset<Row> regex = regexColumns(spark.read().text(in));
    Dataset<Row> regexIds = regexIds(spark.read().text(in));
    time("warm-up", albtraceIds, total);
    time("warm-up", regexIds, total);
    double[] best = new double[4];
    String[] names = {"albtrace, all columns + ids", "regex, all columns + id", "albtrace, ids", "regex, id"};
    Dataset<Row>[] jobs = array(albtrace, regex, albtraceIds, regexIds);
    for (int r = 1; r <= rounds; r++) {
      for (int j = 0; j < jobs.length; j++) best[j] = Math.max(best[j], time(names[j] + ", round " + r, jobs[j], total));
    }
    System.out.printf(Locale.ROOT, "best rows/cpu-s: %s %.0f, %s %.0f → %.2f×; %s %.0f, %s %.0f → %.2f× (load %s)%n",
        names[0], best[0], names[1], best[1], best[0] / best[1], names[2], best[2], names[3], best[3], best[2] / best[3], load());
    wrongRows(spark, edges);
    spark.stop();
  }

  /** Every group of the Athena regex as a column (as RegexSerDe makes them), and the id. */
  static Dataset<Row> regexColumns(Dataset<Row> text) {
    int groups = LogEnrichment.ATHENA.matcher("").groupCount();
    List<Column> cols = new ArrayList<>();
    for (int g = 1; g <= groups; g++) cols.add(regexp_extract(col("value"), LogEnrichment.ATHENA.pattern(), g).as("c" + g));
    cols.add(regexDdTraceId(regexp_extract(col("value"), LogEnrichment.ATHENA.pattern(), LogEnrichment.ATHENA_TRACE_ID)));
    return text.select(cols.toArray(new Column[0]));
  }

  static Dataset<Row> regexIds(Dataset<Row> text) {
    Column traceId = regexp_extract(col("value"), LogEnrichment.ATHENA.pattern(), LogEnrichment.ATHENA_TRACE_ID);
    return text.select(traceId.as("trace_id"), regexDdTraceId(traceId));
  }

  private static Column regexDdTraceId(Column traceId) {
    return conv(substring(regexp_extract(traceId, ROOT, 1), 9, 16), 16, 10).as("dd_trace_id");
  }

  /**
   * A full evaluation of {@code job} (Spark's no-op sink): rows per CPU second of this process (all
   * its threads: Spark's tasks, the driver, GC, JIT), which other processes' load moves less than
   * the wall time, also printed.
   */
  private static double time(String name, Dataset<Row> job, long rows) {
    long t = System.nanoTime(), cpu = CPU.getProcessCpuTime();
    job.write().format("noop").mode("overwrite").save();
    double s = (System.nanoTime() - t) / 1e9, c = (CPU.getProcessCpuTime() - cpu) / 1e9;
    System.out.printf(Locale.ROOT, "  %-40s wall %6.2f s %9.0f rows/s   cpu %6.2f s %9.0f rows/cpu-s%n", name, s, rows / s, c, rows / c);
    return rows / c;
  }

  /** Both ways on the edge lines, in order: the rows where the regex's dd_trace_id is not albtrace's. */
  private static void wrongRows(SparkSession spark, List<String> edges) {
    Dataset<String> lines = spark.createDataset(edges, Encoders.STRING());
    List<Row> ours = AlbLogs.parse(lines).select("trace_id", "dd_trace_id", "albtrace_error").collectAsList();
    List<Row> theirs = regexIds(lines.toDF("value")).collectAsList();
    System.out.println("rows where the regex path's dd_trace_id is wrong (trace_id → regex | albtrace):");
    int wrong = 0;
    for (int i = 0; i < edges.size(); i++) {
      String a = ours.get(i).getString(1), b = theirs.get(i).getString(1);
      if (b != null && b.isEmpty()) b = null;
      if (a == null ? b != null : !a.equals(b)) {
        wrong++;
        String traceId = ours.get(i).getString(0) != null ? ours.get(i).getString(0) : "(line: " + ours.get(i).getString(2) + ")";
        System.out.printf(Locale.ROOT, "  %-82s → %-20s | %s%n", "\"" + traceId + "\"", b, a);
      }
    }
    System.out.printf(Locale.ROOT, "%d of %d edge lines wrong on the regex path%n", wrong, edges.size());
  }

  /** An ALB entry with each edge trace id, and a 2016 entry (18 fields) the Athena regex does not match. */
  static List<String> edgeLines() {
    String base = SampleLogGenerator.AWS_EXAMPLES.get(0);
    String root = "Root=1-58337262-36d228ad5d99923122bbe354";
    List<String> l = new ArrayList<>();
    for (String t : EDGE_TRACE_IDS) l.add(base.replace(root, t));
    l.add(base.substring(0, base.indexOf(root) + root.length() + 1));
    return l;
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  @SafeVarargs
  private static <T> T[] array(T... t) {
    return t;
  }
}
