package io.albtrace.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.accesslog.AlbLogEnricher;
import org.junit.jupiter.api.Test;

/** Both sides of the enrichment benchmark do their whole job on every line of the mix. */
class LogEnrichmentTest {
  @Test
  void athenaRegexMatchesEveryLineAndAgreesWithTheEnricher() throws Exception {
    ObjectMapper json = new ObjectMapper();
    AlbLogEnricher enricher = new AlbLogEnricher();
    DatadogIds ids = new DatadogIds();
    int traced = 0;
    for (String line : AlbLogLines.LINES) {
      assertTrue(LogEnrichment.athena(line, ids) > 0, line);
      JsonNode enriched = json.readTree(enricher.enrich(line));
      assertFalse(enriched.has(AlbLogEnricher.ERROR), line);
      if (ids.traceId == null) {
        assertFalse(enriched.has(AlbLogEnricher.DD_TRACE_ID), line);
      } else {
        traced++;
        assertEquals(ids.traceIdString(), enriched.get(AlbLogEnricher.DD_TRACE_ID).asText(), line);
      }
    }
    assertEquals(AlbLogLines.LINES.length - 1, traced);
  }

  @Test
  void benchmarkMethodsCountBytes() {
    LogEnrichment b = new LogEnrichment();
    LogEnrichment.Bytes counter = new LogEnrichment.Bytes();
    long total = 0;
    for (byte[] line : AlbLogLines.utf8()) total += line.length + 1;
    for (int i = 0; i < AlbLogLines.LINES.length; i++) assertTrue(b.albtraceEnrich(counter) > 0);
    assertEquals(total, counter.bytes);
    counter.reset();
    for (int i = 0; i < AlbLogLines.LINES.length; i++) assertTrue(b.athenaRegex(counter) > 0);
    assertEquals(total, counter.bytes);
  }
}
