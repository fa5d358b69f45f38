package io.albtrace.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.testsupport.AlbSamples;
import io.albtrace.testsupport.DeliveredLogs;
import io.albtrace.testsupport.FakeDatadogLogsIntake;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code DD_API_KEY=… java -jar albtrace.jar enrich --to datadog --dd-url http://127.0.0.1:PORT FILE}, as a process. */
class EnrichToDatadogJarIT {
  @TempDir Path tmp;

  @Test
  void everyLineOfTheFileReachesTheIntake() throws Exception {
    Path jar = Path.of(System.getProperty("albtrace.jar")).toAbsolutePath();
    try (FakeDatadogLogsIntake intake = new FakeDatadogLogsIntake("jar-it-key")) {
      Path err = tmp.resolve("err.txt");
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
          "-jar", jar.toString(), "enrich", "--to", "datadog", "--dd-url", intake.url().toString(),
          AlbSamples.file().toString())
          .redirectError(err.toFile()).redirectOutput(tmp.resolve("out.txt").toFile());
      pb.environment().put("DD_API_KEY", "jar-it-key");
      pb.environment().remove("DD_LOGS_URL");
      pb.environment().remove("DD_TAGS");
      Process p = pb.start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "albtrace finished");
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), stderr);
      assertTrue(stderr.contains(": 2000 sent to " + intake.url() + ", 0 failed (2 requests, 0 retries)"), stderr);
      assertEquals("", Files.readString(tmp.resolve("out.txt")), "nothing on stdout");
      DeliveredLogs.assertLines(DeliveredLogs.of(intake.entries(), e -> true), AlbSamples.lines(), true,
          EnrichToDatadogTest.enrichTraceId(AlbLogEnricher.TraceIdFormat.DECIMAL));
    }
  }
}
