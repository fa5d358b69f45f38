package io.albtrace.accesslog;

import static io.albtrace.accesslog.AlbLogEnricherTest.parse;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AlbLogEnricher#link}: the line as it is, with enrich's own dd.trace_id and verdict. */
class AlbLogLinkTest {
  private static String link(AlbLogEnricher enricher, byte[] line, AlbLogEnricher.Result[] result) {
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer(16);
    result[0] = enricher.link(line, 0, line.length, out);
    return out.toString();
  }

  private static List<String> lines() {
    List<String> l = new ArrayList<>(AwsExampleLines.ALL);
    l.add(AwsExampleLines.HTTP.replace("\"Root=1-58337262-36d228ad5d99923122bbe354\"", "\"-\""));
    l.add(AwsExampleLines.HTTP.replace("Root=1-58337262", "\\x09Root=1-58337262")); // decoded, then trimmed
    l.add(AwsExampleLines.HTTP.replace("\"curl/7.46.0\"", "\"caf\\xC3\\xA9\"")); // escapes stay in the message
    l.add(AwsExampleLines.HTTP + "\r");
    l.add("ELBAccessLogTestFile");
    l.add("");
    l.add(AwsExampleLines.HTTP.replace(" 200 200 ", " 2x0 200 "));
    return l;
  }

  @Test
  void traceIdAndVerdictAreEnrichsInBothFormats() {
    for (AlbLogEnricher.TraceIdFormat format : AlbLogEnricher.TraceIdFormat.values()) {
      AlbLogEnricher enricher = new AlbLogEnricher(format);
      for (String line : lines()) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        AlbLogEnricher.Result[] r = new AlbLogEnricher.Result[1];
        JsonNode linked = parse(link(enricher, bytes, r));
        AlbLogEnricher.Buffer full = new AlbLogEnricher.Buffer();
        AlbLogEnricher.Result enrichResult = enricher.enrich(bytes, 0, bytes.length, full);
        JsonNode enriched = parse(full.toString());
        assertEquals(enrichResult, r[0], line);
        if (r[0] == AlbLogEnricher.Result.MALFORMED) {
          assertEquals(enriched, linked, "a malformed line is written as enrich writes it");
          continue;
        }
        assertEquals(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, linked.get("message").asText());
        assertEquals(enriched.path("dd.trace_id"), linked.path("dd.trace_id"), line);
        assertEquals(r[0] == AlbLogEnricher.Result.TRACED ? 2 : 1, linked.size(), "message and, when traced, dd.trace_id");
      }
    }
  }

  @Test
  void invalidUtf8IsMalformedWithTheBytesReplaced() {
    byte[] bad = AwsExampleLines.HTTP.replace("curl/7.46.0", "curl/7.46.0\u00ff").getBytes(StandardCharsets.ISO_8859_1);
    AlbLogEnricher.Result[] r = new AlbLogEnricher.Result[1];
    JsonNode n = parse(link(new AlbLogEnricher(), bad, r));
    assertEquals(AlbLogEnricher.Result.MALFORMED, r[0]);
    assertEquals("invalid UTF-8", n.get("albtrace.error").asText());
    assertTrue(n.get("message").asText().contains("curl/7.46.0\ufffd"));
  }

  @Test
  void theBufferKeepsTheEntryOfTheLastLine() {
    AlbLogEnricher enricher = new AlbLogEnricher();
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer();
    byte[] line = ("x " + AwsExampleLines.H2 + " y").getBytes(StandardCharsets.UTF_8);
    enricher.link(line, 2, line.length - 4, out);
    AlbLogEntry e = out.entry();
    int elb = AlbLogField.ELB.ordinal();
    assertSame(line, e.line());
    assertEquals("app/my-loadbalancer/50dc6c495c0c9188", new String(line, e.start(elb), e.end(elb) - e.start(elb), StandardCharsets.UTF_8));
  }
}
