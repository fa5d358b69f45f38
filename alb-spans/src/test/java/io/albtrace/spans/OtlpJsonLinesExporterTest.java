package io.albtrace.spans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OTLP JSON lines: one ExportTraceServiceRequest per line, as the Collector's otlpjsonfile receiver reads. */
class OtlpJsonLinesExporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void oneRequestPerLineInOtlpJson() throws Exception {
    AlbSpanMapper mapper = new AlbSpanMapper();
    SpanData a = mapper.map(AlbLine.aws().toString());
    SpanData b = mapper.map(AlbLine.aws().traceId("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8").toString());
    SpanData c = mapper.map(AlbLine.aws().set(io.albtrace.accesslog.AlbLogField.ELB, "app/other-lb/1234").toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OtlpJsonLinesExporter exporter = new OtlpJsonLinesExporter(out);
    assertTrue(exporter.export(List.of(a, b)).isSuccess());
    assertTrue(exporter.export(List.of(c)).isSuccess());
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
    assertEquals(3, lines.length);
    assertEquals("", lines[2], "every request ends with a newline");

    JsonNode first = JSON.readTree(lines[0]);
    JsonNode rs = first.get("resourceSpans");
    assertEquals(1, rs.size(), "two spans of one load balancer under one resource");
    JsonNode spans = rs.get(0).get("scopeSpans").get(0).get("spans");
    assertEquals(2, spans.size());
    assertEquals("io.albtrace.alb-spans", rs.get(0).get("scopeSpans").get(0).get("scope").get("name").asText());
    JsonNode s = spans.get(0);
    assertEquals("5833726236d228ad5d99923122bbe354", s.get("traceId").asText(), "ids in hex, as OTLP/JSON says");
    assertEquals("a3110f1ad6b7e611", s.get("spanId").asText());
    assertEquals(2, s.get("kind").asInt(), "SPAN_KIND_SERVER");
    assertEquals("1530570168364000000", s.get("startTimeUnixNano").asText());
    assertEquals("1530570180186641000", s.get("endTimeUnixNano").asText());
    assertEquals("53995c3f42cd8ad8", spans.get(1).get("parentSpanId").asText());
    assertEquals("my-loadbalancer", attribute(rs.get(0).get("resource"), "service.name").get("stringValue").asText());
    assertEquals("200", attribute(s, "http.response.status_code").get("intValue").asText());

    JsonNode second = JSON.readTree(lines[1]);
    assertEquals("other-lb", attribute(second.get("resourceSpans").get(0).get("resource"), "service.name")
        .get("stringValue").asText());
  }

  static JsonNode attribute(JsonNode holder, String key) {
    for (JsonNode a : holder.get("attributes")) if (a.get("key").asText().equals(key)) return a.get("value");
    throw new AssertionError("no " + key + " in " + holder);
  }

  @Test
  void aWriteErrorFailsThatBatchAndEveryLaterOne() {
    AlbSpanMapper mapper = new AlbSpanMapper();
    SpanData a = mapper.map(AlbLine.aws().toString());
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    OtlpJsonLinesExporter exporter = new OtlpJsonLinesExporter(broken);
    CompletableResultCode r = exporter.export(List.of(a));
    assertFalse(r.isSuccess());
    assertTrue(SpanShipper.reason(r.getFailureThrowable()).contains("No space left on device"),
        SpanShipper.reason(r.getFailureThrowable()));
    assertFalse(exporter.export(List.of(a)).isSuccess());
  }
}
