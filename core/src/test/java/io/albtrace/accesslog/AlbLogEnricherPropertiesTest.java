package io.albtrace.accesslog;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.AmznTraceHeader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.*;
import net.jqwik.api.constraints.Size;

class AlbLogEnricherPropertiesTest {
  private final AlbLogEnricher enricher = new AlbLogEnricher();

  /** Any bytes at all: one valid JSON object, on one line, that keeps the line when malformed. */
  @Property(tries = 2000)
  void anyBytesGiveOneValidJsonObject(@ForAll @Size(max = 300) byte[] line) {
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer(32);
    int nl = indexOf(line, (byte) '\n');
    int len = nl < 0 ? line.length : nl; // a line never holds its terminator
    AlbLogEnricher.Result r = enricher.enrich(line, 0, len, out);
    String json = out.toString();
    assertFalse(json.contains("\n"));
    JsonNode n = AlbLogEnricherTest.parse(json);
    assertTrue(n.isObject());
    if (r == AlbLogEnricher.Result.MALFORMED) {
      assertTrue(n.has("message") && n.has("albtrace.error"));
    }
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(utf8, java.util.Arrays.copyOf(out.bytes(), out.length()), "output is UTF-8");
  }

  /** Lines built from ALB-like fields, with random quoting, escapes and damage. */
  @Property(tries = 1000)
  void almostAlbLinesGiveValidJson(@ForAll("almostAlbLines") String line) {
    JsonNode n = AlbLogEnricherTest.parse(enricher.enrich(line));
    assertTrue(n.has("type") || n.has("albtrace.error"), line);
  }

  /** dd.trace_id is exactly what {@code albtrace convert} derives from the same header. */
  @Property(tries = 1000)
  void ddTraceIdEqualsConvert(@ForAll("traceHeaders") String header) {
    String line = AwsExampleLines.HTTP.replace("Root=1-58337262-36d228ad5d99923122bbe354", header);
    JsonNode n = AlbLogEnricherTest.parse(enricher.enrich(line));
    AmznTraceHeader h = AmznTraceHeader.parse(header);
    if (h.isValid()) {
      assertEquals(h.root().datadogTraceId(), n.get("dd.trace_id").asText(), header);
      JsonNode hex = AlbLogEnricherTest.parse(
          new AlbLogEnricher(AlbLogEnricher.TraceIdFormat.HEX).enrich(line));
      assertEquals(h.root().toHex(), hex.get("dd.trace_id").asText());
    } else {
      assertFalse(n.has("dd.trace_id"), header);
    }
    assertEquals(header, n.get("trace_id").asText());
  }

  /** Many lines in one buffer: exactly one object per line, in order. */
  @Property(tries = 200)
  void lineCountPreserved(@ForAll @Size(max = 40) List<@From("mixedLines") String> lines) {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (String l : lines) in.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] b = in.toByteArray();
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer(64);
    int start = 0, count = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        enricher.enrich(b, start, i - start, out);
        out.newline();
        start = i + 1;
        count++;
      }
    }
    String[] objects = out.toString().split("\n", -1);
    assertEquals(lines.size(), count);
    assertEquals(lines.size() + 1, objects.length); // last element: after the final newline
    for (int i = 0; i < lines.size(); i++) {
      JsonNode n = AlbLogEnricherTest.parse(objects[i]);
      if (n.has("message")) assertEquals(lines.get(i).replace("\r", ""), n.get("message").asText().replace("\r", ""));
    }
  }

  @Provide
  Arbitrary<String> traceHeaders() {
    net.jqwik.api.arbitraries.StringArbitrary hex = Arbitraries.strings().withChars("0123456789abcdefABCDEF");
    Arbitrary<String> root = Combinators.combine(hex.ofLength(8), hex.ofLength(24))
        .as((t, u) -> "Root=1-" + t + "-" + u);
    Arbitrary<String> zeroLow = hex.ofLength(8).map(t -> "Root=1-" + t + "-abcdef01" + "0".repeat(16));
    Arbitrary<String> self = Combinators.combine(hex.ofLength(8), hex.ofLength(24))
        .as((t, u) -> "Self=1-" + t + "-" + u + ";");
    Arbitrary<String> junk = Arbitraries.strings().withChars("Root=1-;abcdef0123 ").ofMaxLength(60);
    return Arbitraries.oneOf(
        root,
        zeroLow,
        Combinators.combine(self, root).as((s, r) -> s + r),
        Combinators.combine(root, Arbitraries.of(";Sampled=1", ";Parent=53995c3f42cd8ad8", ";CalledFrom=app", ""))
            .as((r, x) -> r + x),
        junk.filter(s -> !s.isEmpty() && !s.equals("-") && !s.startsWith(" ") && !s.contains("\" ")));
  }

  @Provide
  Arbitrary<String> almostAlbLines() {
    Arbitrary<String> field = Arbitraries.oneOf(
        Arbitraries.strings().withChars("abc019:./-_").ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withChars("ab \\x22C3A9\"").ofMaxLength(16).map(s -> "\"" + s + "\""),
        Arbitraries.of("-", "\"-\"", "0.000", "-1", "200", "\"- - -\"", "\"Root=1-58337262-36d228ad5d99923122bbe354\""));
    return field.list().ofMinSize(0).ofMaxSize(40).map(fs -> {
      if (fs.size() > 2) {
        fs.set(0, "http");
        fs.set(1, "2018-07-02T22:23:00.186641Z");
      }
      return String.join(" ", fs);
    });
  }

  @Provide
  Arbitrary<String> mixedLines() {
    return Arbitraries.oneOf(
        Arbitraries.of(AwsExampleLines.ALL),
        Arbitraries.strings().ofMaxLength(80).map(s -> s.replace("\n", "")),
        Arbitraries.just(""));
  }

  private static int indexOf(byte[] b, byte v) {
    for (int i = 0; i < b.length; i++) if (b[i] == v) return i;
    return -1;
  }
}
