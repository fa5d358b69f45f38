package io.albtrace.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SERVER spans that the OpenTelemetry Java agent's {@code logging-otlp} exporter printed, by
 * trace id. The exporter logs one OTLP JSON {@code ResourceSpans} object per line:
 *
 * <pre>
 * … {"resource":{…},"scopeSpans":[{"scope":{…},"spans":[{"traceId":"6789…","spanId":"…",
 *    "parentSpanId":"00a80ccd5996a294","kind":2,"attributes":[{"key":"aws.alb.continued","value":{"boolValue":true}}]}]}]}
 * </pre>
 *
 * Reads a forked JVM's output lines ({@link ForkedJvm#lines()}) as they come, each once.
 */
public final class LoggingOtlpSpans {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> lines;
  private final Map<String, JsonNode> byTrace = new HashMap<>();
  private int read;

  public LoggingOtlpSpans(List<String> lines) {
    this.lines = lines;
  }

  /** The server span of {@code traceId}, waiting up to 60 s for the exporter; else an AssertionError. */
  public JsonNode await(String traceId) throws IOException, InterruptedException {
    for (int i = 0; i < 600; i++) {
      readNew();
      JsonNode span = byTrace.get(traceId);
      if (span != null) return span;
      Thread.sleep(100);
    }
    throw new AssertionError("no server span of " + traceId + " exported:\n" + String.join("\n", lines));
  }

  /**
   * The server spans of {@code traceIds} exported so far, waiting up to 2 minutes for all of them;
   * the caller compares the count.
   */
  public Map<String, JsonNode> awaitAll(List<String> traceIds) throws IOException, InterruptedException {
    Map<String, JsonNode> found = new HashMap<>();
    for (int i = 0; i < 1200 && found.size() < traceIds.size(); i++) {
      if (i > 0) Thread.sleep(100);
      readNew();
      for (String id : traceIds) {
        JsonNode span = byTrace.get(id);
        if (span != null) found.put(id, span);
      }
    }
    return found;
  }

  /** The value of a span attribute ({@code {"stringValue": …}}, {@code {"boolValue": …}}), or a missing node. */
  public static JsonNode attribute(JsonNode span, String key) {
    for (JsonNode a : span.path("attributes")) {
      if (key.equals(a.path("key").asText())) return a.path("value");
    }
    return MissingNode.getInstance();
  }

  private void readNew() throws IOException {
    for (; read < lines.size(); read++) {
      String line = lines.get(read);
      int brace = line.indexOf("{\"resource\"");
      if (brace < 0) continue;
      for (JsonNode scope : JSON.readTree(line.substring(brace)).path("scopeSpans")) {
        for (JsonNode span : scope.path("spans")) {
          if (span.path("kind").asInt() == 2) byTrace.put(span.path("traceId").asText(), span);
        }
      }
    }
  }
}
