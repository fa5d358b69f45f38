package io.albtrace.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real local Spark for a test class, started once before its tests and stopped after them: two
 * cores, no web UI.
 *
 * <pre>{@code @RegisterExtension static final LocalSpark SPARK = new LocalSpark("spark.sql.extensions", "…");}</pre>
 */
final class LocalSpark implements BeforeAllCallback, AfterAllCallback {
  private final String[] conf;
  private SparkSession session;

  /** {@code conf}: key, value pairs. */
  LocalSpark(String... conf) {
    this.conf = conf;
  }

  SparkSession session() {
    return session;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    SparkSession.Builder b = SparkSession.builder()
        .appName("albtrace-spark-test")
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1");
    for (int i = 0; i + 1 < conf.length; i += 2) b.config(conf[i], conf[i + 1]);
    session = b.getOrCreate();
  }

  /** Stops the session, so that the next class gets one of its own configuration. */
  @Override
  public void afterAll(ExtensionContext context) {
    if (session != null) session.stop();
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }
}
