package io.albtrace.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.ApplyFunctionExpression;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Function1;
import scala.Tuple3;
import scala.collection.immutable.Seq;
import scala.runtime.BoxedUnit;

/**
 * A Spark session extension that adds the SQL functions of {@link TraceIdColumn} to every session,
 * with nothing but configuration:
 *
 * <pre>
 * spark-submit --jars albtrace-spark.jar --conf spark.sql.extensions=io.albtrace.spark.AlbTraceExtensions …
 * SELECT albtrace_dd_trace_id(trace_id) FROM alb_logs
 * </pre>
 *
 * <p>The functions are built in like Spark's own (not temporary), take one {@code trace_id}
 * argument (cast to a string) and return a string, null for null or an invalid header. They read
 * the value's UTF-8 bytes as Spark holds them, with no conversion to a Java {@code String}.
 */
public final class AlbTraceExtensions implements Function1<SparkSessionExtensions, BoxedUnit> {
  private static final String EXAMPLE = "Root=1-67891233-abcdef012345678912345678";

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    for (TraceIdColumn id : TraceIdColumn.values()) {
      IdFunction function = new IdFunction(id);
      ExpressionInfo info = new ExpressionInfo(AlbTraceExtensions.class.getName(), null, id.functionName(),
          "_FUNC_(trace_id) - the " + id.columnName() + " of an X-Amzn-Trace-Id value, or NULL when it is not valid.",
          "\n    Arguments:\n      * trace_id - an X-Amzn-Trace-Id value, such as the trace_id field of ALB access logs\n  ",
          "\n    Examples:\n      > SELECT _FUNC_('" + EXAMPLE + "');\n       " + id.of(EXAMPLE) + "\n  ",
          "", "", "", "", "java_udf");
      Function1<Seq<Expression>, Expression> builder = children -> {
        if (children.size() != 1) {
          throw new IllegalArgumentException(id.functionName() + " takes 1 argument (trace_id), not " + children.size());
        }
        return new ApplyFunctionExpression(function, children);
      };
      extensions.injectFunction(new Tuple3<>(FunctionIdentifier.apply(id.functionName()), info, builder));
    }
    return BoxedUnit.UNIT;
  }

  /** One id as a Spark function: string in, string out. */
  static final class IdFunction implements ScalarFunction<UTF8String> {
    private static final long serialVersionUID = 1L;
    private final TraceIdColumn id;

    IdFunction(TraceIdColumn id) {
      this.id = id;
    }

    @Override
    public DataType[] inputTypes() {
      return new DataType[] {DataTypes.StringType};
    }

    @Override
    public DataType resultType() {
      return DataTypes.StringType;
    }

    @Override
    public String name() {
      return id.functionName();
    }

    @Override
    public UTF8String produceResult(InternalRow input) {
      if (input.isNullAt(0)) return null;
      String result = id.of(input.getUTF8String(0).getBytes());
      return result == null ? null : UTF8String.fromString(result);
    }
  }
}
