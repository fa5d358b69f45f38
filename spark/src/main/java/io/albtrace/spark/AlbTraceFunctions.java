package io.albtrace.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * The SQL functions of {@link TraceIdColumn}, for one session:
 *
 * <pre>{@code
 * AlbTraceFunctions.register(spark);
 * spark.sql("SELECT time, albtrace_dd_trace_id(trace_id) AS dd_trace_id FROM alb_logs");
 * // albtrace_dd_trace_id, albtrace_trace_id_128, albtrace_dd_p_tid, albtrace_parent_span_id: string → string
 * }</pre>
 *
 * <p>Each takes a {@code trace_id} value (an {@code X-Amzn-Trace-Id}) and gives null for null or an
 * invalid header. To have them in every session without code (spark-submit, Glue, PySpark,
 * Databricks), use {@link AlbTraceExtensions} instead.
 */
public final class AlbTraceFunctions {
  private AlbTraceFunctions() {}

  /** Registers the four functions as temporary functions of {@code spark}. */
  public static void register(SparkSession spark) {
    for (TraceIdColumn id : TraceIdColumn.values()) {
      spark.udf().register(id.functionName(), (UDF1<String, String>) id::of, DataTypes.StringType);
    }
  }
}
