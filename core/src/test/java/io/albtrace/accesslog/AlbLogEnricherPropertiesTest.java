package io.albtrace.accesslog;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.AmznTraceHeader;
import io.albtrace.testsupport.Seeded;
import io.albtrace.testsupport.Seeded.Chars;
import io.albtrace.testsupport.Seeded.Gen;
import io.albtrace.testsupport.Seeded.HexCase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AlbLogEnricherPropertiesTest {
  private final AlbLogEnricher enricher = new AlbLogEnricher();

  /** Any bytes at all: one valid JSON object, on one line, that keeps the line when malformed. */
  @Test
  void anyBytesGiveOneValidJsonObject() {
    Seeded.forAll(2000, g -> {
      byte[] line = g.bytes(0, 300);
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
    });
  }

  /** Lines built from ALB-like fields, with random quoting, escapes and damage. */
  @Test
  void almostAlbLinesGiveValidJson() {
    Seeded.forAll(1000, g -> {
      String line = almostAlbLines(g);
      JsonNode n = AlbLogEnricherTest.parse(enricher.enrich(line));
      assertTrue(n.has("type") || n.has("albtrace.error"), line);
    });
  }

  /** dd.trace_id is exactly what {@code albtrace convert} derives from the same header. */
  @Test
  void ddTraceIdEqualsConvert() {
    Seeded.forAll(1000, g -> {
      String header = traceHeaders(g);
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
    });
  }

  /** Many lines in one buffer: exactly one object per line, in order. */
  @Test
  void lineCountPreserved() {
    Seeded.forAll(200, g -> {
      List<String> lines = g.list(0, 40, () -> mixedLines(g));
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
    });
  }

  /**
   * {@code enrichLines}, which finds each line's end in the same pass as its fields, writes exactly
   * what {@code enrich} writes for each line cut at its {@code \n}, counts the same, and stops at the
   * same place: for chunks cut anywhere (inside a quote, between {@code \r} and {@code \n}, after a
   * trailing space) and lines damaged around their ends.
   */
  @Test
  void enrichLinesIsEnrichOfEachLine() {
    Seeded.forAll(3000, g -> {
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      in.writeBytes(g.bytes(0, 3)); // before from
      int from = in.size();
      for (String l : g.list(0, 12, () -> lineEndingsAndDamage(g))) in.writeBytes(l.getBytes(StandardCharsets.UTF_8));
      byte[] b = in.toByteArray();
      if (b.length > from && g.ints(0, 3) == 0) { // bytes that are not UTF-8: the malformed-object path
        for (int k = g.ints(1, 3); k > 0; k--) b[g.ints(from, b.length - 1)] = (byte) (int) g.pick(0x80, 0xc3, 0xe2, 0xff);
      }
      int to = g.booleans() ? b.length : g.ints(from, b.length);

      AlbLogEnricher.Buffer expected = new AlbLogEnricher.Buffer(16);
      long[] expectedCounts = new long[3];
      int start = from;
      for (int i = from; i < to; i++) {
        if (b[i] == '\n') {
          expectedCounts[enricher.enrich(b, start, i - start, expected).ordinal()]++;
          expected.newline();
          start = i + 1;
        }
      }
      AlbLogEnricher.Buffer actual = new AlbLogEnricher.Buffer(16);
      long[] counts = new long[3];
      String chunk = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
      assertEquals(start, enricher.enrichLines(b, from, to, actual, counts), chunk);
      assertEquals(expected.toString(), actual.toString(), chunk);
      assertArrayEquals(expectedCounts, counts, chunk);
    });
  }

  /** A line and its terminator, often damaged where the line scan decides where it ends. */
  static String lineEndingsAndDamage(Gen g) {
    String base = g.oneOf(
        () -> g.pick(AwsExampleLines.ALL),
        () -> { // cut anywhere: too few fields, a quote left open
          String l = g.pick(AwsExampleLines.ALL);
          return l.substring(0, g.ints(0, l.length()));
        },
        () -> almostAlbLines(g),
        () -> g.string(Chars.of("ab \"\r\n\t-"), 0, 12),
        () -> "");
    String line = g.oneOf(
        () -> base,
        () -> base + g.pick(" ", "  ", "\"", " \"", "\r", "\r\r", "\t", "\u00e9"),
        () -> {
          int at = g.ints(0, base.length());
          return base.substring(0, at) + g.pick("\r", "\"", " ", "\u0000", "\u007f") + base.substring(at);
        });
    return line + g.pick("\n", "\r\n", "\n", "\r\n", "\r", "");
  }

  static String traceHeaders(Gen g) {
    Supplier<String> root = () -> "Root=1-" + g.hex(8, HexCase.MIXED) + "-" + g.hex(24, HexCase.MIXED);
    Supplier<String> zeroLow = () -> "Root=1-" + g.hex(8, HexCase.MIXED) + "-abcdef01" + "0".repeat(16);
    Supplier<String> self = () -> "Self=1-" + g.hex(8, HexCase.MIXED) + "-" + g.hex(24, HexCase.MIXED) + ";";
    Supplier<String> junk = () -> g.string(Chars.of("Root=1-;abcdef0123 "), 0, 60);
    return g.oneOf(
        root,
        zeroLow,
        () -> self.get() + root.get(),
        () -> root.get() + g.pick(";Sampled=1", ";Parent=53995c3f42cd8ad8", ";CalledFrom=app", ""),
        () -> g.filter(junk, s -> !s.isEmpty() && !s.equals("-") && !s.startsWith(" ") && !s.contains("\" ")));
  }

  static String almostAlbLines(Gen g) {
    Supplier<String> field = () -> g.oneOf(
        () -> g.string(Chars.of("abc019:./-_"), 1, 12),
        () -> "\"" + g.string(Chars.of("ab \\x22C3A9\""), 0, 16) + "\"",
        () -> g.pick("-", "\"-\"", "0.000", "-1", "200", "\"- - -\"", "\"Root=1-58337262-36d228ad5d99923122bbe354\""));
    List<String> fs = g.list(0, 40, field);
    if (fs.size() > 2) {
      fs.set(0, "http");
      fs.set(1, "2018-07-02T22:23:00.186641Z");
    }
    return String.join(" ", fs);
  }

  static String mixedLines(Gen g) {
    return g.oneOf(
        () -> g.pick(AwsExampleLines.ALL),
        () -> g.string(Chars.UNICODE, 0, 80).replace("\n", ""),
        () -> "");
  }

  private static int indexOf(byte[] b, byte v) {
    for (int i = 0; i < b.length; i++) if (b[i] == v) return i;
    return -1;
  }
}
