package io.albtrace.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ChartTest {
  private static String result(String benchmark, int forks, int measurementIterations, double score) {
    return "{\"benchmark\":\"io.albtrace.benchmarks." + benchmark + "\",\"mode\":\"avgt\",\"threads\":1,"
        + "\"forks\":" + forks + ",\"jdkVersion\":\"17.0.15\",\"vmName\":\"OpenJDK 64-Bit Server VM\","
        + "\"warmupIterations\":3,\"warmupTime\":\"1 s\",\"measurementIterations\":" + measurementIterations
        + ",\"measurementTime\":\"1 s\",\"primaryMetric\":{\"score\":" + score
        + ",\"scoreError\":1.0,\"scoreUnit\":\"ns/op\"}}";
  }

  /** A recorded run joins JMH runs of different settings: the chart names each, not the last one's. */
  @Test
  void namesTheSettingsOfEveryRunItJoins() throws Exception {
    JsonNode results = new ObjectMapper().readTree("["
        + result("AlbHeaderToDatadog.albtrace", 8, 10, 150) + ","
        + result("AlbHeaderToDatadog.xraySdk", 8, 10, 420) + ","
        + result("AlbHeaderToDatadog.handSplit", 2, 10, 650) + ","
        + result("ParseByShape.albtraceReader", 1, 4, 60) + "]");
    String svg = Chart.svg(results, "a caption");
    assertTrue(svg.contains("JDK 17.0.15 (OpenJDK 64-Bit Server VM), 1 thread(s); forks × (warmup + measurement): "
        + "8 × (3×1 s + 10×1 s), 2 × (3×1 s + 10×1 s), 1 × (3×1 s + 4×1 s)"), svg);
  }
}
