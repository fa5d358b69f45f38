package io.albtrace.spark;

import static org.junit.jupiter.api.Assertions.*;

import io.albtrace.testsupport.Seeded;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The SQL functions in a session configured with {@code spark.sql.extensions}, and no code. */
class AlbTraceExtensionsTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark("spark.sql.extensions", AlbTraceExtensions.class.getName());
  @TempDir Path tmp;

  @Test
  void agreeWithCore() {
    AlbTraceFunctionsTest.assertAgreeWithCore(SPARK.session());
  }

  @Test
  void sameAsTheColumnsOfRead() {
    Seeded.forAll(1, g -> AlbTraceFunctionsTest.assertSameAsColumns(SPARK.session(), g, tmp, 3, 300));
  }

  /** Built in: in every session of the context, in the DataFrame API, described, and checked. */
  @Test
  void builtInFunctions() {
    SparkSession other = SPARK.session().newSession();
    Row r = other.createDataset(List.of("Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8"), Encoders.STRING())
        .toDF("trace_id")
        .selectExpr("albtrace_dd_trace_id(trace_id)", "albtrace_trace_id_128(trace_id)", "albtrace_dd_p_tid(trace_id)",
            "albtrace_parent_span_id(trace_id)", "albtrace_dd_trace_id(NULL)")
        .first();
    assertEquals("2541551403134113400", r.getString(0));
    assertEquals("67891233abcdef012345678912345678", r.getString(1));
    assertEquals("67891233abcdef01", r.getString(2));
    assertEquals("53995c3f42cd8ad8", r.getString(3));
    assertNull(r.get(4));

    String described = other.sql("DESCRIBE FUNCTION EXTENDED albtrace_dd_trace_id").collectAsList().toString();
    assertTrue(described.contains("dd_trace_id of an X-Amzn-Trace-Id value"), described);
    assertTrue(described.contains("2541551403134113400"), described);
    Exception e = assertThrows(Exception.class, () -> other.sql("SELECT albtrace_dd_p_tid('a', 'b')").collect());
    assertTrue(e.getMessage().contains("takes 1 argument"), e.getMessage());
  }
}
