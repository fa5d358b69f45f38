package io.albtrace.examples.spring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SERVER spans the OpenTelemetry agent's {@code logging-otlp} exporter printed: one OTLP JSON
 * {@code ResourceSpans} object per output line, read once each, by trace id.
 */
final class OtlpSpans {
  private final List<String> lines;
  private final Map<String, JsonNode> byTrace = new HashMap<>();
  private int read;

  OtlpSpans(List<String> lines) {
    this.lines = lines;
  }

  /** The server span of {@code traceId}, waiting up to 60 s for the exporter; else an AssertionError. */
  JsonNode await(String traceId) throws Exception {
    for (int i = 0; i < 600; i++) {
      readNew();
      JsonNode span = byTrace.get(traceId);
      if (span != null) return span;
      Thread.sleep(100);
    }
    throw new AssertionError("no server span of " + traceId + " exported:\n" + String.join("\n", lines));
  }

  /** How many of {@code traceIds} have their server span, waiting (bounded) for all of them. */
  Map<String, JsonNode> awaitAll(Iterable<String> traceIds, int count) throws Exception {
    Map<String, JsonNode> found = new HashMap<>();
    for (int i = 0; i < 1200; i++) {
      readNew();
      found.clear();
      for (String id : traceIds) {
        JsonNode span = byTrace.get(id);
        if (span != null) found.put(id, span);
      }
      if (found.size() == count) break;
      Thread.sleep(100);
    }
    return found;
  }

  private void readNew() throws Exception {
    for (; read < lines.size(); read++) {
      String line = lines.get(read);
      int brace = line.indexOf("{\"resource\"");
      if (brace < 0) continue;
      for (JsonNode ss : Demo.JSON.readTree(line.substring(brace)).path("scopeSpans")) {
        for (JsonNode span : ss.path("spans")) {
          if (span.path("kind").asInt() == 2) byTrace.put(span.path("traceId").asText(), span);
        }
      }
    }
  }

  static JsonNode attribute(JsonNode span, String key) {
    for (JsonNode a : span.path("attributes")) {
      if (key.equals(a.path("key").asText())) return a.path("value");
    }
    return Demo.JSON.missingNode();
  }
}
