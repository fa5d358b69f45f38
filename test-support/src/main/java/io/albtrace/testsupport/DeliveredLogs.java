package io.albtrace.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks what a {@link FakeDatadogLogsIntake} took against the lines that were sent: every line
 * arrived (exactly once, or at least once after retries), in order, with the {@code dd.trace_id}
 * {@code albtrace enrich} gives it. Entries are matched to lines by {@code message} (RAW form).
 */
public final class DeliveredLogs {
  private DeliveredLogs() {}

  /** The entries of one object, in arrival order. */
  public static List<JsonNode> of(List<FakeDatadogLogsIntake.Entry> entries, Predicate<JsonNode> belongs) {
    List<JsonNode> out = new ArrayList<>();
    for (FakeDatadogLogsIntake.Entry e : entries) if (belongs.test(e.json)) out.add(e.json);
    return out;
  }

  /**
   * Asserts the entries are the lines: in order; exactly once each when {@code exactlyOnce}, else
   * at least once (a retried request may repeat entries, first arrivals still in order); and each
   * {@code dd.trace_id} is {@code traceId.apply(line)} (null: absent).
   */
  public static void assertLines(List<JsonNode> entries, List<String> lines, boolean exactlyOnce,
      Function<String, String> traceId) {
    Map<String, Integer> seen = new HashMap<>();
    Set<String> firstArrivals = new LinkedHashSet<>();
    for (JsonNode e : entries) {
      String m = e.path("message").asText(null);
      if (m == null) throw new AssertionError("entry without message: " + e);
      seen.merge(m, 1, Integer::sum);
      firstArrivals.add(m);
      String expected = traceId.apply(m);
      String got = e.has("dd.trace_id") ? e.get("dd.trace_id").asText() : null;
      if (!Objects.equals(expected, got)) {
        throw new AssertionError("dd.trace_id " + got + ", enrich gives " + expected + " for " + m);
      }
    }
    List<String> order = new ArrayList<>(firstArrivals);
    List<String> distinctLines = new ArrayList<>(new LinkedHashSet<>(lines));
    if (!order.equals(distinctLines)) {
      int i = 0;
      while (i < Math.min(order.size(), distinctLines.size()) && order.get(i).equals(distinctLines.get(i))) i++;
      throw new AssertionError(order.size() + " distinct lines arrived of " + distinctLines.size()
          + "; first difference at " + i + ": got " + (i < order.size() ? order.get(i) : "nothing") + ", expected "
          + (i < distinctLines.size() ? distinctLines.get(i) : "nothing"));
    }
    if (exactlyOnce && entries.size() != lines.size()) {
      throw new AssertionError(entries.size() + " entries for " + lines.size() + " lines: some arrived twice");
    }
  }
}
