package io.albtrace.cli;

import static io.albtrace.cli.CliRun.jsonLines;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.testsupport.Seeded;
import io.albtrace.testsupport.TraceHeaders;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.albtrace.testsupport.AlbLogCorpus;

class EnrichCommandPropertiesTest {
  private static final List<AlbLogCorpus.Line> CORPUS = AlbLogCorpus.lines();

  /** Any mix of corpus lines, line ends and a missing final newline: lines out == lines in. */
  @Test
  void lineCountAndOrderPreserved() {
    Seeded.forAll(60, g -> {
      List<Integer> picks = g.list(0, 60, () -> g.ints(0, 1000));
      boolean crlf = g.booleans(), finalNewline = g.booleans(), gzip = g.booleans();
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      for (int i = 0; i < picks.size(); i++) {
        byte[] line = CORPUS.get(picks.get(i) % CORPUS.size()).bytes();
        in.writeBytes(line);
        boolean endsWithCr = line.length > 0 && line[line.length - 1] == '\r';
        if (i < picks.size() - 1 || finalNewline) {
          in.writeBytes(crlf && !endsWithCr ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
        }
      }
      byte[] plain = in.toByteArray();
      // plain input that starts with the gzip magic bytes is (rightly) read as gzip
      g.assume(gzip || plain.length < 2 || plain[0] != 0x1f || plain[1] != (byte) 0x8b);
      byte[] input = gzip ? EnrichCommandTest.gzipBytes(plain) : plain;
      CliRun r = CliRun.run(input, "enrich");
      List<JsonNode> out = jsonLines(r.out);
      // a final empty "line" without newline is no line at all
      boolean lastEmpty = !finalNewline && !picks.isEmpty() && CORPUS.get(picks.get(picks.size() - 1) % CORPUS.size()).bytes().length == 0;
      int expected = picks.size() - (lastEmpty ? 1 : 0);
      assertEquals(expected, out.size(), r.err);
      for (int i = 0; i < expected; i++) {
        EnrichCommandTest.assertMatches(CORPUS.get(picks.get(i) % CORPUS.size()), out.get(i));
      }
      boolean anyMalformed = out.stream().anyMatch(n -> n.has("albtrace.error"));
      assertEquals(anyMalformed ? EnrichCommand.MALFORMED_LINES : 0, r.code);
    });
  }

  /** For the same header, enrich's dd.trace_id is convert's dd_trace_id (and absent when invalid). */
  @Test
  void ddTraceIdEqualsConvert() {
    Seeded.forAll(300, g -> {
      String header = TraceHeaders.any(g);
      String line = AlbLogCorpus.HTTP.replace("Root=1-58337262-36d228ad5d99923122bbe354", header);
      JsonNode enriched = jsonLines(CliRun.run(line, "enrich").out).get(0);
      JsonNode converted = CliRun.JSON.readTree(ConvertCommand.toJson(header, new StringBuilder()).toString());
      if (converted.get("valid").booleanValue()) {
        assertEquals(converted.get("dd_trace_id").textValue(), enriched.get("dd.trace_id").textValue());
        JsonNode hex = jsonLines(CliRun.run(line, "enrich", "--dd-trace-id=hex").out).get(0);
        assertEquals(converted.get("trace_id_128").textValue(), hex.get("dd.trace_id").textValue());
      } else {
        assertFalse(enriched.has("dd.trace_id"), header);
      }
    });
  }
}
