package io.albtrace.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Pools the forks of several JMH runs ({@code -rf json}) into one result per benchmark, as if one
 * run had made them all: the recorded run is made of rounds, each running every benchmark once
 * ({@code -f1}), so that a slow stretch of the machine falls on albtrace and on the peers alike,
 * where one run of {@code -f8} would run all of one benchmark's forks before the next benchmark's.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.albtrace.benchmarks.Rounds OUT.json ROUND1.json ROUND2.json ...
 * </pre>
 *
 * <p>Each metric's {@code rawData} (one array per fork) is concatenated; its score, error,
 * confidence interval and percentiles are then computed from all the iterations with JMH's own
 * statistics ({@link ListStatistics}, 99.9 % error), as JMH does for the forks of one run. A metric
 * JMH sums rather than averages ({@code gc.count}, {@code gc.time}: an error of {@code NaN} over
 * two or more values) gets the sum. Benchmarks keep the order in which they first appear; one present in some inputs only
 * is pooled over those.
 */
public final class Rounds {
  private static final double[] PERCENTILES = {0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0};

  private Rounds() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: Rounds OUT.json ROUND.json...");
      System.exit(2);
    }
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> runs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) runs.add(json.readTree(Path.of(args[i]).toFile()));
    json.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[0]).toFile(), pool(runs));
  }

  /** The results of {@code runs} (each a JMH JSON array), one per benchmark and parameter set. */
  static ArrayNode pool(List<JsonNode> runs) {
    Map<String, List<JsonNode>> byBenchmark = new LinkedHashMap<>();
    for (JsonNode run : runs) {
      for (JsonNode r : run) byBenchmark.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (List<JsonNode> results : byBenchmark.values()) out.add(pooled(results));
    return out;
  }

  private static String key(JsonNode r) {
    JsonNode params = r.get("params");
    return r.get("benchmark").asText() + " " + r.get("mode").asText() + (params == null ? "" : " " + params);
  }

  private static ObjectNode pooled(List<JsonNode> results) {
    ObjectNode first = (ObjectNode) results.get(0);
    for (JsonNode r : results) {
      for (String field : new String[] {"measurementIterations", "measurementTime", "warmupIterations", "warmupTime", "threads"}) {
        if (!r.path(field).equals(first.path(field))) {
          throw new IllegalArgumentException(key(first) + ": runs differ in " + field + ", not pooled");
        }
      }
    }
    ObjectNode out = first.deepCopy();
    int forks = 0;
    for (JsonNode r : results) forks += r.get("forks").asInt();
    out.put("forks", forks);
    out.set("primaryMetric", metric(results, r -> r.get("primaryMetric")));
    ObjectNode secondary = JsonNodeFactory.instance.objectNode();
    for (Iterator<String> names = first.path("secondaryMetrics").fieldNames(); names.hasNext(); ) {
      String name = names.next();
      List<JsonNode> having = new ArrayList<>();
      for (JsonNode r : results) if (r.path("secondaryMetrics").has(name)) having.add(r);
      secondary.set(name, metric(having, r -> r.get("secondaryMetrics").get(name)));
    }
    out.set("secondaryMetrics", secondary);
    return out;
  }

  private static ObjectNode metric(List<JsonNode> results, Function<JsonNode, JsonNode> metric) {
    ObjectNode out = metric.apply(results.get(0)).deepCopy();
    ArrayNode raw = JsonNodeFactory.instance.arrayNode();
    ListStatistics stats = new ListStatistics();
    // JMH gives an averaged metric of two or more values an error, a summed one NaN; one value
    // alone has NaN either way, and its sum is its mean.
    boolean sums = false, averages = false;
    for (JsonNode r : results) {
      JsonNode m = metric.apply(r);
      long before = stats.getN();
      for (JsonNode fork : m.get("rawData")) {
        raw.add(fork.deepCopy());
        for (JsonNode v : fork) stats.addValue(v.asDouble());
      }
      boolean noError = m.get("scoreError").isTextual() && m.get("scoreError").asText().equals("NaN");
      sums |= noError && stats.getN() - before > 1;
      averages |= !noError;
    }
    boolean summed = sums && !averages;
    ArrayNode confidence = JsonNodeFactory.instance.arrayNode();
    if (summed) {
      out.put("score", stats.getSum());
      out.put("scoreError", "NaN");
      confidence.add(stats.getSum()).add(stats.getSum());
    } else {
      double[] interval = stats.getConfidenceIntervalAt(0.999);
      out.put("score", stats.getMean());
      out.put("scoreError", stats.getMeanErrorAt(0.999));
      confidence.add(interval[0]).add(interval[1]);
    }
    out.set("scoreConfidence", confidence);
    ObjectNode percentiles = JsonNodeFactory.instance.objectNode();
    for (double p : PERCENTILES) percentiles.put(String.valueOf(p), stats.getPercentile(p));
    out.set("scorePercentiles", percentiles);
    out.set("rawData", raw);
    return out;
  }
}
