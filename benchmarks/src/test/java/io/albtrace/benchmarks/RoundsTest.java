package io.albtrace.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Rounds} against JMH's own numbers: rows of an earlier recorded run as JMH wrote them
 * ({@code jmh-run.json}: 8, 2 and 1 forks, with and without parameters, summed metrics such as
 * {@code gc.count}, {@code LogEnrichment}'s bytes), pooled whole and in halves.
 */
class RoundsTest {
  private static JsonNode recorded() throws IOException {
    try (InputStream in = RoundsTest.class.getResourceAsStream("/jmh-run.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void oneRunPooledAloneGivesJmhsOwnStatistics() throws IOException {
    JsonNode recorded = recorded();
    ArrayNode pooled = Rounds.pool(List.of(recorded));
    assertEquals(recorded.size(), pooled.size());
    for (int i = 0; i < recorded.size(); i++) assertSameResult(recorded.get(i), pooled.get(i));
  }

  @Test
  void forksSplitIntoTwoRunsPoolBackToTheWhole() throws IOException {
    JsonNode recorded = recorded();
    ArrayNode first = JsonNodeFactory.instance.arrayNode(), second = JsonNodeFactory.instance.arrayNode();
    int split = 0;
    for (JsonNode r : recorded) {
      int forks = r.get("forks").asInt();
      if (forks < 2) continue;
      first.add(half(r, 0, forks / 2));
      second.add(half(r, forks / 2, forks));
      split++;
    }
    assertEquals(3, split, "multi-fork rows to split");
    ArrayNode pooled = Rounds.pool(List.of(first, second));
    int j = 0;
    for (JsonNode r : recorded) {
      if (r.get("forks").asInt() >= 2) assertSameResult(r, pooled.get(j++));
    }
  }

  @Test
  void runsThatDifferInIterationsAreNotPooled() throws IOException {
    JsonNode r = recorded().get(0);
    ObjectNode other = r.deepCopy();
    other.put("measurementIterations", r.get("measurementIterations").asInt() + 1);
    ArrayNode a = JsonNodeFactory.instance.arrayNode().add(r), b = JsonNodeFactory.instance.arrayNode().add(other);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rounds.pool(List.of(a, b)));
    assertTrue(e.getMessage().contains("measurementIterations"), e.getMessage());
  }

  @Test
  void singleValuesWithoutAnErrorAreAveragedNotSummed() throws IOException {
    ObjectNode a = recorded().get(0).deepCopy(), b = a.deepCopy();
    single(a, 100.0);
    single(b, 300.0);
    JsonNode pooled = Rounds.pool(List.of(JsonNodeFactory.instance.arrayNode().add(a), JsonNodeFactory.instance.arrayNode().add(b)));
    assertEquals(200.0, pooled.get(0).get("primaryMetric").get("score").asDouble());
    // gc.count is summed: the same run pooled twice counts its collections twice
    ObjectNode c = recorded().get(1).deepCopy();
    assertEquals(346.0, c.get("secondaryMetrics").get("gc.count").get("score").asDouble(), "fixture");
    JsonNode twice = Rounds.pool(List.of(JsonNodeFactory.instance.arrayNode().add(c), JsonNodeFactory.instance.arrayNode().add(c)));
    assertEquals(692.0, twice.get(0).get("secondaryMetrics").get("gc.count").get("score").asDouble());
  }

  /** One fork of one iteration worth {@code v}: JMH then writes no error. */
  private static void single(ObjectNode r, double v) {
    ObjectNode m = (ObjectNode) r.get("primaryMetric");
    m.set("rawData", JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.arrayNode().add(v)));
    m.put("score", v);
    m.put("scoreError", "NaN");
    r.put("forks", 1);
  }

  /** {@code r} with only forks {@code [from, to)} of each metric, its statistics left stale. */
  private static ObjectNode half(JsonNode r, int from, int to) {
    ObjectNode h = r.deepCopy();
    h.put("forks", to - from);
    keepForks((ObjectNode) h.get("primaryMetric"), from, to);
    for (Iterator<Map.Entry<String, JsonNode>> it = h.get("secondaryMetrics").fields(); it.hasNext(); ) {
      keepForks((ObjectNode) it.next().getValue(), from, to);
    }
    ((ObjectNode) h.get("primaryMetric")).put("score", -1.0); // stale on purpose: pooling recomputes it
    return h;
  }

  private static void keepForks(ObjectNode metric, int from, int to) {
    ArrayNode raw = JsonNodeFactory.instance.arrayNode();
    for (int f = from; f < to; f++) raw.add(metric.get("rawData").get(f));
    metric.set("rawData", raw);
  }

  private static void assertSameResult(JsonNode want, JsonNode got) {
    String name = want.get("benchmark").asText();
    assertEquals(name, got.get("benchmark").asText());
    assertEquals(want.get("forks").asInt(), got.get("forks").asInt(), name);
    assertSameMetric(name, want.get("primaryMetric"), got.get("primaryMetric"));
    for (Iterator<String> it = want.get("secondaryMetrics").fieldNames(); it.hasNext(); ) {
      String m = it.next();
      assertSameMetric(name + " " + m, want.get("secondaryMetrics").get(m), got.get("secondaryMetrics").get(m));
    }
  }

  private static void assertSameMetric(String what, JsonNode want, JsonNode got) {
    assertClose(what + " score", want.get("score").asDouble(), got.get("score").asDouble());
    assertEquals(want.get("scoreError").isTextual(), got.get("scoreError").isTextual(), what + " error kind");
    if (!want.get("scoreError").isTextual()) {
      assertClose(what + " error", want.get("scoreError").asDouble(), got.get("scoreError").asDouble());
    }
    for (int i = 0; i < 2; i++) {
      assertClose(what + " confidence", want.get("scoreConfidence").get(i).asDouble(), got.get("scoreConfidence").get(i).asDouble());
    }
    for (Iterator<String> it = want.get("scorePercentiles").fieldNames(); it.hasNext(); ) {
      String p = it.next();
      assertClose(what + " p" + p, want.get("scorePercentiles").get(p).asDouble(), got.get("scorePercentiles").get(p).asDouble());
    }
    assertEquals(want.get("rawData"), got.get("rawData"), what + " raw data");
  }

  private static void assertClose(String what, double want, double got) {
    if (Double.isNaN(want)) {
      assertTrue(Double.isNaN(got), what + ": " + got);
      return;
    }
    assertEquals(want, got, Math.abs(want) * 1e-9 + 1e-12, what);
  }
}
