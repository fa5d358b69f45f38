package io.albtrace.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark application that knows nothing of albtrace: it runs one SQL query and prints its rows,
 * one per line. {@link SparkSubmitIT} submits it with albtrace-spark only in {@code --jars}.
 */
public final class SqlQueryApp {
  private SqlQueryApp() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().getOrCreate();
    try {
      for (Row r : spark.sql(args[0]).collectAsList()) System.out.println("ROW " + r.mkString("|"));
    } finally {
      spark.stop();
    }
  }
}
