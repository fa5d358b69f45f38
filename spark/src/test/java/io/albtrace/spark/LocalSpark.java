package io.albtrace.spark;

import org.apache.spark.sql.SparkSession;

/** A real local Spark for a test class: started once per class, two cores, no web UI. */
final class LocalSpark {
  private LocalSpark() {}

  /** A new local[2] session; {@code conf} holds key, value pairs. */
  static SparkSession start(String... conf) {
    SparkSession.Builder b = SparkSession.builder()
        .appName("albtrace-spark-test")
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1");
    for (int i = 0; i + 1 < conf.length; i += 2) b.config(conf[i], conf[i + 1]);
    return b.getOrCreate();
  }

  /** Stops {@code spark}, so that the next class gets a session of its own configuration. */
  static void stop(SparkSession spark) {
    if (spark != null) spark.stop();
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }
}
