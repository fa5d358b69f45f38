package io.albtrace.spark;

import static org.junit.jupiter.api.Assertions.*;

import io.albtrace.AmznTraceHeader;
import io.albtrace.DatadogHeaders;
import io.albtrace.testsupport.Seeded;
import io.albtrace.testsupport.Seeded.Chars;
import io.albtrace.testsupport.TraceHeaders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The SQL functions registered by {@link AlbTraceFunctions#register}. */
class AlbTraceFunctionsTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();
  @TempDir Path tmp;

  @BeforeAll
  static void register() {
    AlbTraceFunctions.register(SPARK.session());
  }

  @Test
  void onlyWhereRegistered() {
    SparkSession other = SPARK.session().newSession();
    Exception e = assertThrows(Exception.class, () -> other.sql("SELECT albtrace_dd_trace_id('x')").collect());
    assertTrue(e.getMessage().contains("albtrace_dd_trace_id"), e.getMessage());
    AlbTraceFunctions.register(other);
    assertEquals("2541551403134113400",
        other.sql("SELECT albtrace_dd_trace_id('Root=1-67891233-abcdef012345678912345678')").first().getString(0));
  }

  @Test
  void agreeWithCore() {
    assertAgreeWithCore(SPARK.session());
  }

  /** On real lines: each function of trace_id is the column of the same name. */
  @Test
  void sameAsTheColumnsOfRead() {
    Seeded.forAll(1, g -> assertSameAsColumns(SPARK.session(), g, tmp, 4, 400));
  }

  /** Every function over many header shapes (and null, "-", tabs, non-ASCII), via spark.sql. */
  static void assertAgreeWithCore(SparkSession spark) {
    Seeded.forAll(1, g -> {
      List<String> headers = new ArrayList<>(Arrays.asList(null, "-", "", "\tRoot=1-67891233-abcdef012345678912345678\t",
          "Root=1-67891233-abcdef012345678912345678", "Root=1-\u0661\u0662345678-abcdef012345678912345678"));
      for (int i = 0; i < 1500; i++) {
        headers.add(g.random().nextInt(10) == 0 ? g.string(Chars.UNICODE, 0, 60) : TraceHeaders.any(g));
      }
      spark.createDataset(headers, Encoders.STRING()).toDF("trace_id").createOrReplaceTempView("headers");
      List<Row> rows = spark.sql("SELECT trace_id, albtrace_dd_trace_id(trace_id), albtrace_trace_id_128(trace_id), "
          + "albtrace_dd_p_tid(trace_id), albtrace_parent_span_id(trace_id) FROM headers").collectAsList();
      assertEquals(headers.size(), rows.size());
      int valid = 0;
      for (Row r : rows) {
        String header = r.getString(0);
        AmznTraceHeader h = AmznTraceHeader.parse(header);
        if (h.isValid()) {
          valid++;
          assertEquals(DatadogHeaders.traceId(h), r.getString(1), header);
          assertEquals(h.root().toHex(), r.getString(2), header);
          assertEquals(h.root().datadogTid(), r.getString(3), header);
          assertEquals(h.parentSpanIdHex(), r.getString(4), header);
        } else {
          for (int c = 1; c <= 4; c++) assertNull(r.get(c), header);
        }
      }
      assertTrue(valid > 300 && valid < headers.size() - 100, valid + " valid");
    });
  }

  /**
   * Writes {@code count} generated files into a folder of this try's own and compares the functions
   * with {@link AlbLogs#read}'s columns on them. A sample of fewer than 40 lines (the generator may
   * write a single line per file) is discarded: it can hold too few ids to compare.
   */
  static void assertSameAsColumns(SparkSession spark, Seeded.Gen g, Path tmp, int count, int linesPerFile)
      throws java.io.IOException {
    Path dir = tmp.resolve("try-" + g.tryIndex());
    AlbLogFiles files = AlbLogFiles.write(dir, g, count, linesPerFile);
    g.assume(files.allLines().size() >= 40);
    AlbLogs.read(spark, dir.toString()).createOrReplaceTempView("alb_logs");
    Row r = spark.sql("SELECT count(*), count(dd_trace_id), "
        + "count_if(NOT (dd_trace_id <=> albtrace_dd_trace_id(trace_id))), "
        + "count_if(NOT (trace_id_128 <=> albtrace_trace_id_128(trace_id))), "
        + "count_if(NOT (dd_p_tid <=> albtrace_dd_p_tid(trace_id))), "
        + "count_if(NOT (alb_span_id <=> albtrace_parent_span_id(trace_id))) FROM alb_logs").first();
    assertEquals(files.allLines().size(), r.getLong(0));
    assertTrue(r.getLong(1) > r.getLong(0) / 2, r.toString());
    for (int c = 2; c <= 5; c++) assertEquals(0L, r.getLong(c), r.toString());
  }
}
