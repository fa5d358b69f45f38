package io.albtrace.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schema of {@link AlbLogs#read}: one row per input line.
 *
 * <pre>
 * type, time, elb, client_ip, client_port, …, trace_id, …, conn_trace_id   AWS's Athena table for ALB logs
 * transformed_host, transformed_uri, request_transform_status             2025 fields (strings)
 * albtrace_extra_fields   array&lt;string&gt;  fields AWS appended after those, in order; null when none
 * dd_trace_id, trace_id_128, dd_p_tid, alb_span_id                        the ids of trace_id ({@link TraceIdColumn})
 * albtrace_error          string   why the line is not an ALB entry; null when it is
 * line                    string   the line itself, only when it is not an entry
 * </pre>
 *
 * <p>An entry's columns are null where the entry says {@code -} or ends before the field (older
 * entries have fewer fields); a line that is not an entry has only {@code albtrace_error} and
 * {@code line}.
 */
public final class AlbLogSchema {
  /** Fields after the ones albtrace names, as an array of strings. */
  public static final String EXTRA_FIELDS = "albtrace_extra_fields";
  /** Why a line is not an ALB entry. */
  public static final String ERROR = "albtrace_error";
  /** The raw line, for lines that are not entries. */
  public static final String LINE = "line";

  static final int FIELD_COLUMNS = AlbLogColumn.values().length;
  static final int EXTRA_FIELDS_INDEX = FIELD_COLUMNS;
  static final int IDS_INDEX = EXTRA_FIELDS_INDEX + 1;
  static final int ERROR_INDEX = IDS_INDEX + TraceIdColumn.values().length;
  static final int LINE_INDEX = ERROR_INDEX + 1;
  static final int SIZE = LINE_INDEX + 1;

  private static final StructType SCHEMA = build();

  private AlbLogSchema() {}

  /** The schema, in column order. */
  public static StructType schema() {
    return SCHEMA;
  }

  private static StructType build() {
    List<StructField> f = new ArrayList<>(SIZE);
    for (AlbLogColumn c : AlbLogColumn.values()) {
      f.add(DataTypes.createStructField(c.columnName, c.type.sparkType, true));
    }
    f.add(DataTypes.createStructField(EXTRA_FIELDS, DataTypes.createArrayType(DataTypes.StringType, false), true));
    for (TraceIdColumn c : TraceIdColumn.values()) {
      f.add(DataTypes.createStructField(c.columnName(), DataTypes.StringType, true));
    }
    f.add(DataTypes.createStructField(ERROR, DataTypes.StringType, true));
    f.add(DataTypes.createStructField(LINE, DataTypes.StringType, true));
    return DataTypes.createStructType(f);
  }
}
