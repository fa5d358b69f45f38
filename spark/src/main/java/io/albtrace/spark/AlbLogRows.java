package io.albtrace.spark;

import io.albtrace.AmznTraceHeaderReader;
import io.albtrace.accesslog.AlbLogEntry;
import io.albtrace.accesslog.AlbLogField;
import io.albtrace.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.immutable.ArraySeq;

/**
 * Lines (as bytes, one per row) → rows of {@link AlbLogSchema}, exactly one per line: the function
 * of an RDD's {@code mapPartitions}. Each partition reuses one {@link AlbLogEntry} and one
 * {@link AmznTraceHeaderReader}: the fields are located in the line's bytes, decoded once into
 * their columns, and {@code trace_id} is read once for all four ids.
 */
final class AlbLogRows implements FlatMapFunction<Iterator<Row>, Row> {
  private static final long serialVersionUID = 1L;

  private static final AlbLogColumn[] COLUMNS = AlbLogColumn.values();
  private static final TraceIdColumn[] IDS = TraceIdColumn.values();
  private static final int KNOWN = AlbLogField.count();
  private static final int TRACE_ID = AlbLogField.TRACE_ID.ordinal();

  @Override
  public Iterator<Row> call(Iterator<Row> lines) {
    AlbLogEntry entry = new AlbLogEntry();
    AmznTraceHeaderReader header = new AmznTraceHeaderReader();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public Row next() {
        return row((byte[]) lines.next().get(0), entry, header);
      }
    };
  }

  /** The row of one line (without its {@code \n}); {@code null} counts as an empty line. */
  static Row row(byte[] line, AlbLogEntry e, AmznTraceHeaderReader header) {
    Object[] v = new Object[AlbLogSchema.SIZE];
    if (line == null) line = new byte[0];
    if (!e.parse(line, 0, line.length)) {
      v[AlbLogSchema.ERROR_INDEX] = e.error();
      v[AlbLogSchema.LINE_INDEX] = Utf8.decode(line, e.lineStart(), e.lineEnd()); // as enrich's "message"
      return RowFactory.create(v);
    }
    for (AlbLogColumn c : COLUMNS) {
      int f = c.field.ordinal();
      if (!e.has(c.field) || e.isAbsent(f)) continue;
      switch (c.part) {
        case WHOLE:
          v[c.ordinal()] = value(c.type, e, f);
          break;
        case HOST:
          hostPort(e.text(f), v, c.ordinal());
          break;
        case VERB:
          request(e.text(f), v, c.ordinal());
          break;
        default: // written with HOST or VERB
          break;
      }
    }
    if (e.fieldCount() > KNOWN) {
      String[] extra = new String[e.fieldCount() - KNOWN];
      for (int f = KNOWN; f < e.fieldCount(); f++) extra[f - KNOWN] = e.text(f);
      v[AlbLogSchema.EXTRA_FIELDS_INDEX] = ArraySeq.unsafeWrapArray(extra); // a Row's arrays are Scala Seqs
    }
    if (!e.isAbsent(TRACE_ID)) {
      // the decoded value's bytes: the header as the client sent it, read as the enricher reads it
      byte[] traceId = ((String) v[AlbLogColumn.TRACE_ID.ordinal()]).getBytes(StandardCharsets.UTF_8);
      if (header.read(traceId, 0, traceId.length)) {
        for (TraceIdColumn id : IDS) v[AlbLogSchema.IDS_INDEX + id.ordinal()] = id.of(header);
      }
    }
    return RowFactory.create(v);
  }

  private static Object value(AlbLogColumn.Type type, AlbLogEntry e, int f) {
    switch (type) {
      case INT: {
        long n = integer(e.line(), e.start(f), e.end(f));
        return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? (Object) (int) n : null;
      }
      case BIGINT: {
        long n = integer(e.line(), e.start(f), e.end(f));
        return n != Long.MIN_VALUE ? (Object) n : null;
      }
      case DOUBLE:
        // the entry has checked it: -?(0|[1-9][0-9]*)(\.[0-9]+)?
        return Double.parseDouble(new String(e.line(), e.start(f), e.end(f) - e.start(f), StandardCharsets.ISO_8859_1));
      default:
        return e.text(f);
    }
  }

  /**
   * The value of an integer field the entry has checked ({@code -?(0|[1-9][0-9]*)}), or
   * {@link Long#MIN_VALUE} when it has more than 18 digits (out of range for its column).
   */
  static long integer(byte[] s, int from, int to) {
    boolean negative = s[from] == '-';
    int i = negative ? from + 1 : from;
    if (to - i > 18) return Long.MIN_VALUE;
    long n = 0;
    for (; i < to; i++) n = n * 10 + (s[i] - '0');
    return negative ? -n : n;
  }

  /** {@code ip:port} → the host column at {@code at} and the port column after it. */
  static void hostPort(String value, Object[] v, int at) {
    int colon = value.lastIndexOf(':');
    int port = colon > 0 ? port(value, colon + 1) : -1;
    v[at] = port >= 0 ? value.substring(0, colon) : value;
    v[at + 1] = port >= 0 ? (Object) port : null;
  }

  /**
   * The port in {@code value} from {@code from} on: 1 to 5 ASCII digits without a leading zero (the
   * rule of core's {@code AlbLogValues.portColon}, so Spark, {@code enrich} and {@code spans} split
   * alike); else -1.
   */
  private static int port(String value, int from) {
    int n = value.length() - from;
    if (n < 1 || n > 5 || (n > 1 && value.charAt(from) == '0')) return -1;
    int port = 0;
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') return -1;
      port = port * 10 + (c - '0');
    }
    return port;
  }

  /**
   * {@code "METHOD URL PROTOCOL"} → verb, url and proto columns from {@code at}: the URL is what
   * lies between the first and the last space (one space may follow the protocol), so it is never
   * split blindly. With one space only: verb and URL; with none: the verb. {@code -} parts are null.
   */
  static void request(String value, Object[] v, int at) {
    int end = value.endsWith(" ") ? value.length() - 1 : value.length();
    int first = value.indexOf(' ');
    if (first < 0 || first >= end) {
      v[at] = part(value, 0, end);
      return;
    }
    int last = value.lastIndexOf(' ', end - 1);
    v[at] = part(value, 0, first);
    if (last == first) {
      v[at + 1] = part(value, first + 1, end);
    } else {
      v[at + 1] = part(value, first + 1, last);
      v[at + 2] = part(value, last + 1, end);
    }
  }

  private static String part(String value, int from, int to) {
    if (to <= from || (to - from == 1 && value.charAt(from) == '-')) return null;
    return value.substring(from, to);
  }
}
