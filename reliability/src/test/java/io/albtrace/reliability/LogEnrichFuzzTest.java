package io.albtrace.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.cli.CliAccess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;

/**
 * Fuzzes the ALB access-log parser and enricher ({@link AlbLogEnricher}), three ways per input:
 *
 * <ol>
 *   <li>the bytes as log lines (split at {@code \n}), each enriched on its own;
 *   <li>the bytes as the {@code trace_id} field of a real ALB entry, escaped as ALB writes quoted
 *       fields ({@code \xHH} for {@code "}, {@code \}, controls and non-ASCII), so every hostile
 *       header reaches the Root mapping;
 *   <li>the whole input as a file for {@code albtrace enrich} (gzip when it starts with the magic).
 * </ol>
 *
 * For every line: no exception; exactly one JSON object, valid strict UTF-8, on one line; a line
 * is {@code MALFORMED} exactly when it carries {@code albtrace.error} (and then its {@code message});
 * {@code dd.trace_id} is present exactly when the {@code trace_id} field is a valid header, and then
 * equals {@link SpecOracle}'s docs/spec.md §2 mapping of that Root (decimal, and 32 hex in HEX mode).
 * Then the whole input goes through {@code albtrace enrich}: lines out == lines in.
 *
 * Seeds: {@code src/test/resources/io/albtrace/reliability/LogEnrichFuzzTestInputs/enrichLog/}.
 */
class LogEnrichFuzzTest {
  static final AlbLogEnricher DECIMAL = new AlbLogEnricher();
  static final AlbLogEnricher HEX = new AlbLogEnricher(AlbLogEnricher.TraceIdFormat.HEX);

  static final String BEFORE_TRACE_ID =
      "http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817"
          + " 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 \"GET http://www.example.com:80/ HTTP/1.1\""
          + " \"curl/7.46.0\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"";
  static final String AFTER_TRACE_ID =
      "\" \"-\" \"-\" 0 2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\""
          + " TID_1234abcd5678ef90 \"-\" \"-\" \"-\"";

  @FuzzTest(maxDuration = "30m")
  void enrichLog(byte[] data) {
    AlbLogEnricher.Buffer buf = new AlbLogEnricher.Buffer(256);
    int start = 0;
    for (int i = 0; i <= data.length; i++) {
      if (i == data.length || data[i] == '\n') {
        checkLine(data, start, i - start, buf);
        start = i + 1;
      }
    }
    checkTraceIdField(data, buf);
    checkCli(data);
  }

  /**
   * The whole input through {@code albtrace enrich} (in-process, the real command): plain input
   * gives exactly one valid JSON line per input line and exit 3 exactly when one was malformed;
   * input that starts with the gzip magic (so is read as gzip, often truncated or corrupt) ends in
   * 0, 1 or 3 with every line written valid JSON.
   */
  static void checkCli(byte[] data) {
    AdversarialEnrichCliTest.LineSink out = new AdversarialEnrichCliTest.LineSink(true);
    StringBuilder err = new StringBuilder();
    int code = CliAccess.run(new ByteArrayInputStream(data), out, err, "enrich");
    boolean gzip = data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    if (gzip) {
      assertTrue(code == 0 || code == 1 || code == 3, () -> "exit " + code + ": " + err);
      return;
    }
    assertTrue(code == 0 || code == 3, () -> "exit " + code + ": " + err);
    assertEquals(AdversarialEnrichCliTest.countLines(data), out.lines, "lines out == lines in");
    assertEquals(code == 3, out.malformedLines > 0, () -> "exit " + code + ": " + err);
  }

  /** One line through both enrichers; returns the decimal one's JSON. */
  static JsonNode checkLine(byte[] line, int offset, int length, AlbLogEnricher.Buffer buf) {
    buf.clear();
    AlbLogEnricher.Result r = DECIMAL.enrich(line, offset, length, buf);
    JsonNode n = Checks.assertJsonLine(strictUtf8(buf));
    assertResult(r, n, false);
    buf.clear();
    AlbLogEnricher.Result rh = HEX.enrich(line, offset, length, buf);
    assertSame(r, rh);
    assertResult(rh, Checks.assertJsonLine(strictUtf8(buf)), true);
    return n;
  }

  static void assertResult(AlbLogEnricher.Result r, JsonNode n, boolean hex) {
    if (r == AlbLogEnricher.Result.MALFORMED) {
      assertTrue(n.path(AlbLogEnricher.ERROR).isTextual(), n::toString);
      assertTrue(n.path(AlbLogEnricher.MESSAGE).isTextual(), n::toString);
      assertNull(n.get(AlbLogEnricher.DD_TRACE_ID));
      return;
    }
    assertNull(n.get(AlbLogEnricher.ERROR), n::toString);
    JsonNode traceId = n.get("trace_id");
    SpecOracle.Expected e = traceId == null ? null : SpecOracle.expect(traceId.textValue());
    boolean valid = e != null && e.valid();
    assertEquals(valid ? AlbLogEnricher.Result.TRACED : AlbLogEnricher.Result.UNTRACED, r, n::toString);
    JsonNode dd = n.get(AlbLogEnricher.DD_TRACE_ID);
    if (!valid) {
      assertNull(dd, n::toString);
      return;
    }
    assertNotNull(dd, n::toString);
    assertTrue(dd.isTextual(), "dd.trace_id must be a string");
    assertEquals(hex ? e.traceId128() : e.ddTraceId(), dd.textValue());
  }

  /** {@code data} as the quoted {@code trace_id} of a real entry, escaped the way ALB escapes. */
  static void checkTraceIdField(byte[] data, AlbLogEnricher.Buffer buf) {
    ByteArrayOutputStream line = new ByteArrayOutputStream(BEFORE_TRACE_ID.length() + data.length * 4 + 200);
    line.writeBytes(BEFORE_TRACE_ID.getBytes(UTF_8));
    for (byte b : data) {
      int c = b & 0xff;
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f) {
        line.writeBytes(String.format("\\x%02x", c).getBytes(UTF_8));
      } else {
        line.write(c);
      }
    }
    line.writeBytes(AFTER_TRACE_ID.getBytes(UTF_8));
    byte[] bytes = line.toByteArray();
    JsonNode n = checkLine(bytes, 0, bytes.length, buf);
    String header = strictUtf8OrNull(data);
    if (header == null) {
      // A field that is not UTF-8 once unescaped: kept whole as a malformed line, never guessed at.
      assertTrue(n.has(AlbLogEnricher.ERROR), n::toString);
      return;
    }
    assertFalse(n.has(AlbLogEnricher.ERROR), n::toString);
    if (header.equals("-")) {
      assertNull(n.get("trace_id"));
    } else {
      assertEquals(header, n.path("trace_id").textValue());
    }
    assertEquals("GET", n.path("http.method").textValue());
    assertEquals(200, n.path("elb_status_code").intValue());
  }

  private static String strictUtf8(AlbLogEnricher.Buffer buf) {
    String s = strictUtf8OrNull(java.util.Arrays.copyOf(buf.bytes(), buf.length()));
    if (s == null) throw new AssertionError("enricher output is not valid UTF-8: " + buf);
    return s;
  }

  static String strictUtf8OrNull(byte[] b) {
    try {
      return UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
