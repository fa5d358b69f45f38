package io.albtrace.cli;

import static io.albtrace.cli.CliRun.assertInvalid;
import static io.albtrace.cli.CliRun.jsonLines;
import static io.albtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.testsupport.Seeded;
import io.albtrace.testsupport.Seeded.Chars;
import io.albtrace.testsupport.Seeded.Gen;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code albtrace convert} (docs/spec.md §6) through {@link Main#run}. */
class ConvertCommandTest {

  @Test
  void workedExampleIsByteExact() {
    CliRun r = run("", "convert", Samples.ALB);
    assertEquals(0, r.code);
    assertEquals("", r.err);
    assertEquals(
        "{\"input\":\"Root=1-67891233-abcdef012345678912345678\",\"valid\":true,"
            + "\"root\":\"1-67891233-abcdef012345678912345678\","
            + "\"trace_id_128\":\"67891233abcdef012345678912345678\","
            + "\"dd_trace_id\":\"2541551403134113400\",\"dd_p_tid\":\"67891233abcdef01\","
            + "\"epoch\":1737036339,\"parent_span_id\":\"00a80ccd5996a294\","
            + "\"traceparent\":\"00-67891233abcdef012345678912345678-00a80ccd5996a294-01\"}\n",
        r.out);
  }

  @Test
  void invalidIsByteExact() {
    CliRun r = run("", "convert", "Root=bad");
    assertEquals(0, r.code);
    assertEquals("{\"input\":\"Root=bad\",\"valid\":false,\"error\":\"malformed Root\"}\n", r.out);
  }

  @Test
  void everyKnownHeaderAsArguments() {
    List<String> inputs = new ArrayList<>(Samples.EXPECTED.keySet());
    List<String> args = new ArrayList<>();
    args.add("convert");
    args.addAll(inputs);
    CliRun r = run("ignored stdin\n", args.toArray(new String[0]));
    assertEquals(0, r.code);
    assertEquals("", r.err);
    List<JsonNode> lines = jsonLines(r.out);
    assertEquals(inputs.size(), lines.size(), "one object per argument, stdin unread");
    for (int i = 0; i < inputs.size(); i++) Samples.EXPECTED.get(inputs.get(i)).accept(lines.get(i));
  }

  @Test
  void everyKnownHeaderFromStdinInOrder() {
    List<String> inputs = new ArrayList<>(Samples.EXPECTED.keySet());
    CliRun r = run(String.join("\n", inputs) + "\n", "convert");
    assertEquals(0, r.code);
    List<JsonNode> lines = jsonLines(r.out);
    assertEquals(inputs.size(), lines.size());
    for (int i = 0; i < inputs.size(); i++) Samples.EXPECTED.get(inputs.get(i)).accept(lines.get(i));
  }

  @Test
  void stdinLineEndings() {
    // CRLF and a missing final newline; an empty line is an (invalid) empty header value.
    CliRun r = run(Samples.ALB + "\r\n\r\nRoot=x", "convert");
    assertEquals(0, r.code);
    List<JsonNode> lines = jsonLines(r.out);
    assertEquals(3, lines.size());
    Samples.EXPECTED.get(Samples.ALB).accept(lines.get(0));
    assertInvalid(lines.get(1), "", "no Root field");
    assertInvalid(lines.get(2), "Root=x", "malformed Root");
  }

  /** A line ends at LF only: stray CRs (once 37 objects from 10 lines) stay inside their line. */
  @Test
  void strayCarriageReturnsDoNotSplitLines() {
    List<String> values =
        List.of(
            Samples.ALB + ";X=a\rb",
            "\r" + Samples.ALB,
            Samples.SDK + "\r\r;Y=\ry",
            "\rx",
            "\r\r\rRoot=x",
            "Root=bad\rRoot=worse",
            "",
            "a\rb\rc\rd\re\rf\rg\rh",
            Samples.AWS_SELF + "\r;CalledFrom=app",
            "\r" + Samples.ALB + "\r;Sampled=1");
    String in = String.join("\n", values) + "\n";
    long readLineCount = new java.io.BufferedReader(new java.io.StringReader(in)).lines().count();
    assertTrue(readLineCount > 20, "the input would split at its CRs: " + readLineCount);

    CliRun r = run(in, "convert");
    assertEquals(0, r.code);
    assertEquals("", r.err);
    List<JsonNode> lines = jsonLines(r.out);
    assertEquals(10, lines.size(), "one object per LF-terminated line");
    for (int i = 0; i < values.size(); i++) {
      assertEquals(values.get(i), lines.get(i).get("input").textValue(), "line " + (i + 1));
    }
    // and each is exactly what the value converts to, CRs and all
    StringBuilder expected = new StringBuilder();
    for (String v : values) ConvertCommand.toJson(v, expected).append('\n');
    assertEquals(expected.toString(), r.out);
  }

  /** CRLF input, with or without a last line ending, converts exactly like LF input. */
  @Test
  void crlfInputIsTheSameAsLfInput() {
    List<String> values = new ArrayList<>(Samples.EXPECTED.keySet());
    values.add(2, "");
    values.add("Root=x");
    String lf = String.join("\n", values);
    String crlf = String.join("\r\n", values);
    CliRun expected = run(lf + "\n", "convert");
    assertEquals(values.size(), jsonLines(expected.out).size());
    assertEquals(expected.out, run(crlf + "\r\n", "convert").out);
    assertEquals(expected.out, run(crlf, "convert").out);
    assertEquals(expected.out, run(lf, "convert").out);
    // Read a byte at a time, so that a CR is last in a read and its LF first in the next.
    assertEquals(expected.out, trickle(crlf + "\r\n"));
    // Only the one CR right before the LF goes: CR CR LF keeps a CR.
    assertEquals(
        ConvertCommand.toJson(Samples.ALB + "\r", new StringBuilder()).append('\n').toString(),
        run(Samples.ALB + "\r\r\n", "convert").out);
  }

  /** {@code convert} with stdin handed over one byte per read. */
  private static String trickle(String stdin) {
    java.io.InputStream oneByteAtATime =
        new java.io.FilterInputStream(
            new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))) {
          @Override
          public int read(byte[] b, int off, int len) throws java.io.IOException {
            return super.read(b, off, Math.min(len, 1));
          }

          @Override
          public int available() {
            return 0; // else the decoder keeps reading to fill its buffer
          }
        };
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"convert"},
            oneByteAtATime,
            new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
            new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(0, code);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A CR that does not end a line is part of the value: echoed as \r and parsed as it is. */
  @Test
  void loneCarriageReturnStaysInInput() {
    String inside = Samples.ALB + ";Self=a\rb";
    String leading = "\r" + Samples.ALB;
    String atEof = Samples.ALB + "\r"; // no LF after it: still a line, CR kept
    CliRun r = run(inside + "\n" + leading + "\r\n" + atEof, "convert");
    assertEquals(0, r.code);
    String[] out = r.out.split("\n");
    assertEquals(3, out.length, r.out);
    assertTrue(out[0].startsWith("{\"input\":\"" + Samples.ALB + ";Self=a\\rb\","), out[0]);
    assertTrue(out[1].startsWith("{\"input\":\"\\r" + Samples.ALB + "\","), out[1]);
    assertTrue(out[2].startsWith("{\"input\":\"" + Samples.ALB + "\\r\","), out[2]);
    List<JsonNode> lines = jsonLines(r.out);
    assertEquals(inside, lines.get(0).get("input").textValue());
    assertEquals(leading, lines.get(1).get("input").textValue());
    assertEquals(atEof, lines.get(2).get("input").textValue());
    // CR is not SP or HTAB: it is not trimmed away, so the header is parsed with it.
    assertEquals(ConvertCommand.toJson(inside, new StringBuilder()).toString(), out[0]);
    assertEquals(ConvertCommand.toJson(leading, new StringBuilder()).toString(), out[1]);
    assertEquals(ConvertCommand.toJson(atEof, new StringBuilder()).toString(), out[2]);
  }

  @Test
  void emptyStdinWritesNothing() {
    CliRun r = run("", "convert");
    assertEquals(0, r.code);
    assertEquals("", r.out);
    assertEquals("", r.err);
  }

  @Test
  void eachErrorReason() {
    CliRun r =
        run(
            "",
            "convert",
            "Root=bad",
            "Self=1-67891234-abcdef0123456789abcdef01",
            "Root=1-67891233-abcdef010000000000000000",
            "Root=1-67891233-abcdef012345678912345678;" + "x".repeat(8200));
    List<JsonNode> lines = jsonLines(r.out);
    assertInvalid(lines.get(0), "Root=bad", "malformed Root");
    assertInvalid(lines.get(1), "Self=1-67891234-abcdef0123456789abcdef01", "no Root field");
    assertInvalid(lines.get(2), "Root=1-67891233-abcdef010000000000000000", "low 64 bits are zero");
    assertEquals("too long", lines.get(3).get("error").textValue());
    assertEquals(41 + 8200, lines.get(3).get("input").textValue().length(), "the input is echoed whole");
  }

  @Test
  void upperCaseAndWhitespaceAreNormalisedButInputIsEchoed() {
    String input = " \tRoot = 1-67891233-ABCDEF012345678912345678 ;Sampled=0\t";
    List<JsonNode> lines = jsonLines(run("", "convert", input).out);
    JsonNode n = lines.get(0);
    assertEquals(input, n.get("input").textValue());
    assertEquals("1-67891233-abcdef012345678912345678", n.get("root").textValue());
    assertEquals(
        "00-67891233abcdef012345678912345678-00a80ccd5996a294-00", n.get("traceparent").textValue());
  }

  /** JSON escaping: every output line parses with Jackson back to exactly the input. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Root=\"1-67891233-abcdef012345678912345678\"",
        "a\"b\\c\\\\\"",
        "\\u0041",
        "tab\there",
        "nul\u0000bell\u0007esc\u001bus\u001fdel\u007f",
        "\b\f\u000b",
        "caf\u00e9 \u65e5\u672c \u0661\u0662 \uff11",
        "emoji \ud83d\ude00 pair",
        "line\u2028sep\u2029para",
        "lone high \ud800 end",
        "lone low \udc00 end",
        "\udc00\ud800 reversed",
        "high at end \udbff",
        "</script>",
      })
  void escapingRoundTripsThroughJackson(String suffix) {
    String input = "Root=1-67891233-abcdef012345678912345678;X=" + suffix;
    CliRun r = run("", "convert", input, suffix);
    assertEquals(0, r.code);
    List<JsonNode> lines = jsonLines(r.out);
    assertEquals(2, lines.size());
    assertEquals(input, lines.get(0).get("input").textValue());
    assertEquals(true, lines.get(0).get("valid").booleanValue());
    assertEquals(suffix, lines.get(1).get("input").textValue());
  }

  @Test
  void controlCharsAreEscapedExactly() {
    CliRun r = run("", "convert", "\"\\\n\r\t\u0001\u007f\u2028\ud800");
    assertTrue(
        r.out.startsWith("{\"input\":\"\\\"\\\\\\n\\r\\t\\u0001\\u007f\\u2028\\ud800\","), r.out);
  }

  @Test
  void nonAsciiIsWrittenAsUtf8() {
    CliRun r = run("", "convert", "\u00e9\ud83d\ude00");
    String expected = "{\"input\":\"\u00e9\ud83d\ude00\",";
    assertTrue(r.out.startsWith(expected), r.out);
    byte[] prefix = expected.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < prefix.length; i++) assertEquals(prefix[i], r.outBytes[i]);
  }

  @Test
  void stdinIsReadAsUtf8() {
    String line = "Root=1-67891233-abcdef012345678912345678;Who=J\u00fcrgen \ud83d\ude00";
    CliRun r = run(line.getBytes(StandardCharsets.UTF_8), "convert");
    assertEquals(line, jsonLines(r.out).get(0).get("input").textValue());
  }

  @Test
  void manyLinesKeepTheirOrder() {
    StringBuilder in = new StringBuilder();
    int n = 20_000;
    for (int i = 1; i <= n; i++) {
      in.append(String.format("Root=1-67891233-abcdef01%016x%n", (long) i));
    }
    CliRun r = run(in.toString(), "convert");
    List<JsonNode> lines = jsonLines(r.out);
    assertEquals(n, lines.size());
    for (int i = 1; i <= n; i++) {
      assertEquals(Long.toString(i), lines.get(i - 1).get("dd_trace_id").textValue());
    }
  }

  /** A full disk or a closed pipe is exit 1 with a message, and stdin is not read to its end. */
  @Test
  void writeErrorIsAnIoErrorAndStopsReading() {
    int n = 100_000;
    StringBuilder in = new StringBuilder();
    for (int i = 1; i <= n; i++) in.append(String.format("Root=1-67891233-abcdef01%016x%n", (long) i));
    byte[] input = in.toString().getBytes(StandardCharsets.US_ASCII);
    java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
    java.io.InputStream counting =
        new java.io.FilterInputStream(new java.io.ByteArrayInputStream(input)) {
          @Override
          public int read(byte[] b, int off, int len) throws java.io.IOException {
            int k = super.read(b, off, len);
            if (k > 0) read.addAndGet(k);
            return k;
          }
        };
    java.io.OutputStream full =
        new java.io.OutputStream() {
          long written;

          @Override
          public void write(int b) throws java.io.IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws java.io.IOException {
            if ((written += len) > 100_000) throw new java.io.IOException("No space left on device");
          }
        };
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"convert"},
            counting,
            new java.io.PrintStream(full, false, StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).startsWith("albtrace convert: I/O error"),
        err.toString(StandardCharsets.UTF_8));
    assertTrue(read.get() < input.length / 2, "read " + read.get() + " of " + input.length + " bytes");
  }

  @Test
  void help() {
    for (String flag : List.of("--help", "-h")) {
      CliRun r = run("", "convert", flag);
      assertEquals(0, r.code);
      assertTrue(r.out.startsWith("usage: albtrace convert [HEADER ...]"), r.out);
      assertEquals("", r.err);
    }
  }

  static String anyText(Gen g) {
    return g.oneOf(
        () -> g.string(Chars.UNICODE, 0, 60),
        () -> g.string(Chars.ALL, 0, 60),
        () -> g.string(Chars.anyOf(Chars.range('\u0000', '\u0040'), Chars.range('\ud7f0', '\ue010')), 0, 60));
  }

  /** Any string at all, surrogates included, survives the JSON writer. */
  @Test
  void anyInputRoundTripsThroughJackson() {
    Seeded.forAll(500, g -> {
      String input = anyText(g);
      CliRun r = run("", "convert", input);
      assertEquals(0, r.code);
      List<JsonNode> lines = jsonLines(r.out);
      assertEquals(1, lines.size());
      assertEquals(input, lines.get(0).get("input").textValue());
    });
  }

  @Test
  void toJsonIsTheSameAsTheCommand() {
    for (Map.Entry<String, ?> e : Samples.EXPECTED.entrySet()) {
      String line = ConvertCommand.toJson(e.getKey(), new StringBuilder()).append('\n').toString();
      assertEquals(line, run("", "convert", e.getKey()).out);
    }
  }
}
