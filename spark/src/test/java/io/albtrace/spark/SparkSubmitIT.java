package io.albtrace.spark;

import static org.junit.jupiter.api.Assertions.*;

import io.albtrace.testsupport.Seeded;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a cluster gets it: Spark's own {@code SparkSubmit} in a JVM whose class path
 * is Spark's jars only, albtrace-spark's jar handed over as the application or in {@code --jars}.
 */
class SparkSubmitIT {
  private static final String JAR = System.getProperty("albtrace.spark.jar");
  private static final String SPARK_CLASSPATH = System.getProperty("spark.classpath");
  @TempDir Path tmp;

  /** {@code spark-submit --class io.albtrace.spark.EnrichJob albtrace-spark.jar IN OUT}: the CLI's output. */
  @Test
  void enrichJobFromTheJarAlone() {
    Seeded.forAll(1, g -> {
      Path logs = tmp.resolve("logs");
      AlbLogFiles files = AlbLogFiles.write(logs, g, 4, 300);
      Path out = tmp.resolve("out");
      String stdout = submit("--class", "io.albtrace.spark.EnrichJob", JAR, logs.toString(), out.toString());
      List<String> cli = CliEnrich.run(tmp, files.paths()).lines();
      assertEquals(EnrichJobTest.multiset(cli), EnrichJobTest.multiset(EnrichJobTest.readParts(out)));
      assertTrue(stdout.contains("albtrace enrich: " + cli.size() + " lines ("), stdout);
    });
  }

  /** The session extension from {@code --jars} and configuration only: SQL of an application that knows nothing of albtrace. */
  @Test
  void sqlFunctionsWithOnlyJarsAndTheExtension() throws IOException {
    String stdout = submit("--jars", JAR, "--conf", "spark.sql.extensions=io.albtrace.spark.AlbTraceExtensions",
        "--class", SqlQueryApp.class.getName(), appJar().toString(),
        "SELECT trace_id, albtrace_dd_trace_id(trace_id), albtrace_trace_id_128(trace_id), albtrace_dd_p_tid(trace_id), "
            + "albtrace_parent_span_id(trace_id) FROM VALUES ('Root=1-67891233-abcdef012345678912345678'), ('-') AS alb_logs(trace_id)");
    assertTrue(stdout.contains("ROW Root=1-67891233-abcdef012345678912345678|2541551403134113400|"
        + "67891233abcdef012345678912345678|67891233abcdef01|00a80ccd5996a294"), stdout);
    assertTrue(stdout.contains("ROW -|null|null|null|null"), stdout);
  }

  /** A jar holding only {@link SqlQueryApp}. */
  private Path appJar() throws IOException {
    Path jar = tmp.resolve("app.jar");
    String entry = SqlQueryApp.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(entry));
      try (var in = SqlQueryApp.class.getClassLoader().getResourceAsStream(entry)) {
        in.transferTo(out);
      }
    }
    return jar;
  }

  /** Runs {@code spark-submit --master local[2] ARGS} and returns its stdout; fails on a non-zero exit. */
  private String submit(String... args) {
    assertNotNull(JAR, "albtrace.spark.jar");
    assertTrue(new File(JAR).isFile(), JAR);
    assertFalse(SPARK_CLASSPATH.contains("albtrace"), "Spark's class path must not hold albtrace");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", SPARK_CLASSPATH, "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1"));
    cmd.addAll(List.of(args));
    try {
      Path out = tmp.resolve("submit.out");
      Path err = tmp.resolve("submit.err");
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertTrue(p.waitFor(3, TimeUnit.MINUTES), "spark-submit still running");
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), () -> stdout + readTail(err));
      return stdout;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String readTail(Path err) {
    try {
      String s = Files.readString(err, StandardCharsets.UTF_8);
      return s.substring(Math.max(0, s.length() - 4000));
    } catch (IOException e) {
      return e.toString();
    }
  }
}
