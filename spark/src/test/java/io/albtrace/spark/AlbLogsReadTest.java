package io.albtrace.spark;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.AmznTraceHeader;
import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.testsupport.Seeded;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AlbLogsReadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The columns compared row by row with what albtrace enrich and core make of the same line. */
  private static final String[] COMPARED = {
    "type", "time", "client_ip", "client_port", "target_ip", "target_port", "elb_status_code", "request_verb",
    "request_url", "user_agent", "trace_id", "conn_trace_id", "albtrace_extra_fields", "dd_trace_id", "trace_id_128",
    "dd_p_tid", "alb_span_id", "albtrace_error", "line"
  };

  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();
  @TempDir Path tmp;

  /**
   * Many files, gzip members, every era, garbage: one row per line, and each row holds what
   * {@code albtrace enrich} (a separate process) and core's header parser make of its line.
   */
  @Test
  void everyLineIsOneRowWithCoresIds() {
    Seeded.forAll(1, g -> {
      AlbLogFiles files = AlbLogFiles.write(tmp.resolve("logs"), g, 14, 900);
      List<byte[]> lines = files.allLines();
      List<String> json = CliEnrich.run(tmp, files.paths()).lines();
      assertEquals(lines.size(), json.size(), "the CLI's lines out == lines in");

      List<Row> rows = AlbLogs.read(SPARK.session(), tmp.resolve("logs").toString()).collectAsList();
      assertEquals(lines.size(), rows.size(), "rows out == lines in");

      Map<List<Object>, Integer> expected = new HashMap<>();
      for (int i = 0; i < lines.size(); i++) expected.merge(expected(lines.get(i), readTree(json.get(i))), 1, Integer::sum);
      Map<List<Object>, Integer> actual = new HashMap<>();
      for (Row r : rows) actual.merge(projection(r), 1, Integer::sum);
      if (!expected.equals(actual)) {
        List<String> diff = new ArrayList<>();
        expected.forEach((k, n) -> { if (!n.equals(actual.get(k))) diff.add("expected " + n + "x " + k); });
        actual.forEach((k, n) -> { if (!n.equals(expected.get(k))) diff.add("got " + n + "x " + k); });
        fail(diff.size() + " differences, first: " + String.join("\n", diff.subList(0, Math.min(6, diff.size()))));
      }
      long traced = rows.stream().filter(r -> r.getAs("dd_trace_id") != null).count();
      long malformed = rows.stream().filter(r -> r.getAs("albtrace_error") != null).count();
      assertTrue(traced > lines.size() / 2 && malformed > 20, traced + " traced, " + malformed + " malformed");
    });
  }

  private static List<Object> projection(Row r) {
    List<Object> p = new ArrayList<>();
    for (String c : COMPARED) {
      Object v = r.getAs(c);
      p.add(v instanceof scala.collection.Seq<?> s ? new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(s)) : v);
    }
    return p;
  }

  /** The compared columns for {@code line}, from the CLI's object for it and core's header parser. */
  private static List<Object> expected(byte[] line, JsonNode j) {
    Map<String, Object> v = new HashMap<>();
    String error = text(j, "albtrace.error");
    if ("invalid UTF-8".equals(error)) {
      // JSON must be UTF-8, so the enricher writes such an entry as malformed. The row keeps its
      // fields, each decoded with invalid bytes as U+FFFD: what the enricher makes of the line so decoded.
      j = readTree(new AlbLogEnricher().enrich(new String(line, StandardCharsets.UTF_8)));
      error = text(j, "albtrace.error");
      assertNull(error, j.toString());
    }
    if (error != null) {
      v.put("albtrace_error", error);
      v.put("line", text(j, "message"));
    } else {
      for (String k : new String[] {"type", "time", "user_agent", "trace_id", "conn_trace_id"}) v.put(k, text(j, k));
      v.put("client_ip", text(j, "network.client.ip"));
      v.put("client_port", integer(j, "network.client.port"));
      v.put("target_ip", text(j, "network.destination.ip"));
      v.put("target_port", integer(j, "network.destination.port"));
      v.put("elb_status_code", integer(j, "elb_status_code"));
      v.put("request_verb", text(j, "http.method"));
      v.put("request_url", text(j, "http.url"));
      v.put("dd_trace_id", text(j, "dd.trace_id"));
      if (j.has("albtrace.extra_fields")) {
        List<String> extra = new ArrayList<>();
        j.get("albtrace.extra_fields").forEach(n -> extra.add(n.asText()));
        v.put("albtrace_extra_fields", extra);
      }
      ids(v);
    }
    List<Object> p = new ArrayList<>();
    for (String c : COMPARED) p.add(v.get(c));
    return p;
  }

  /** trace_id_128, dd_p_tid and alb_span_id by core's immutable header, and its dd_trace_id agreeing with the CLI's. */
  private static void ids(Map<String, Object> v) {
    String traceId = (String) v.get("trace_id");
    AmznTraceHeader h = AmznTraceHeader.parse(traceId);
    if (traceId == null || !h.isValid()) {
      assertNull(v.get("dd_trace_id"), traceId);
      return;
    }
    assertEquals(h.root().datadogTraceId(), v.get("dd_trace_id"), traceId);
    v.put("trace_id_128", h.root().toHex());
    v.put("dd_p_tid", h.root().datadogTid());
    v.put("alb_span_id", h.parentSpanIdHex());
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String text(JsonNode j, String key) {
    return j.has(key) ? j.get(key).asText() : null;
  }

  private static Integer integer(JsonNode j, String key) {
    return j.has(key) ? j.get(key).asInt() : null;
  }
}
