package io.albtrace.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.accesslog.AlbLogEnricher;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Hand-made hostile ALB access-log lines through {@link AlbLogEnricher}. Every line also goes
 * through {@link LogEnrichFuzzTest#checkLine}'s properties: one valid strict-UTF-8 JSON object on
 * one line, {@code MALFORMED} exactly with {@code albtrace.error}, {@code dd.trace_id} exactly for
 * a valid {@code trace_id} and equal to the spec mapping of its Root.
 */
class AdversarialLogTest {
  static final String LINE =
      LogEnrichFuzzTest.BEFORE_TRACE_ID + "Root=1-58337262-36d228ad5d99923122bbe354" + LogEnrichFuzzTest.AFTER_TRACE_ID;

  private final AlbLogEnricher.Buffer buf = new AlbLogEnricher.Buffer(256);

  private JsonNode check(byte[] line) {
    return LogEnrichFuzzTest.checkLine(line, 0, line.length, buf);
  }

  @Test
  void theBaseLineIsTraced() {
    JsonNode n = check(LINE.getBytes(UTF_8));
    assertEquals("6744582656697819988", n.path("dd.trace_id").textValue());
  }

  @Test
  void oneMegabyteLines() {
    String ua = "A".repeat(1 << 20);
    JsonNode n = check(LINE.replace("curl/7.46.0", ua).getBytes(UTF_8));
    assertEquals(ua, n.path("user_agent").textValue());
    assertEquals("6744582656697819988", n.path("dd.trace_id").textValue());

    // 1 MB of escaped bytes: every \xHH decoded, the JSON still one valid line.
    String escaped = "\\x0d\\x0a\\x22\\x5c\\xe2\\x80\\xa8".repeat((1 << 20) / 28);
    n = check(LINE.replace("curl/7.46.0", escaped).getBytes(UTF_8));
    assertTrue(n.path("user_agent").textValue().startsWith("\r\n\"\\\u2028"));

    // A 1 MB line that is no ALB entry is kept whole as the message.
    byte[] junk = "x".repeat(1 << 20).getBytes(UTF_8);
    n = check(junk);
    assertEquals(1 << 20, n.path(AlbLogEnricher.MESSAGE).textValue().length());
    // A 1 MB trace_id: the header is too long, the line is still enriched, untraced.
    n = check(LINE.replace("Root=1-58337262", ";".repeat(1 << 20) + "Root=1-58337262").getBytes(UTF_8));
    assertFalse(n.has("dd.trace_id"));
    assertFalse(n.has(AlbLogEnricher.ERROR));
  }

  @Test
  void nulAndControlBytesAtEveryPosition() {
    byte[] base = LINE.getBytes(UTF_8);
    for (byte c : new byte[] {0, 1, 9, 0x0b, 0x0c, '\r', 0x1b, 0x7f}) {
      for (int i = 0; i <= base.length; i += 7) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(base, 0, i);
        b.write(c);
        b.write(base, i, base.length - i);
        check(b.toByteArray());
      }
    }
  }

  @Test
  void invalidUtf8RawAndEscaped() {
    byte[][] bad = {
      {(byte) 0xff}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82},
    };
    for (byte[] b : bad) {
      byte[] base = LINE.getBytes(UTF_8);
      for (int i = 0; i <= base.length; i += 11) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(base, 0, i);
        out.writeBytes(b);
        out.write(base, i, base.length - i);
        check(out.toByteArray());
      }
      // In the trace_id field, ALB-escaped: the line is kept, as a malformed one.
      LogEnrichFuzzTest.checkTraceIdField(b, buf);
      LogEnrichFuzzTest.checkTraceIdField(("Root=1-58337262-36d228ad5d99923122bbe354;X=" + new String(b, ISO_8859_1))
          .getBytes(ISO_8859_1), buf);
    }
  }

  @Test
  void hostileTraceIdFields() {
    String[] headers = {
      "Root=1-58337262-36d228ad5d99923122bbe354\r\nX-Injected: 1",
      "Root=1-58337262-36d228ad5d99923122bbe354;Q=\"\\\u2028",
      "Root=1-\uff15\uff18337262-36d228ad5d99923122bbe354",
      "Root=1-\u0665\u0668337262-36d228ad5d99923122bbe354",
      ";".repeat(8192 - 40) + "Root=1-58337262-36d228ad5d99923122bbe354",
      ";".repeat(8193) + "Root=1-58337262-36d228ad5d99923122bbe354",
      "Root=1-58337262-36d228ad5d99923122bbe354;Root=1-11111111-111111111111111111111111",
      "Root=x;Root=1-58337262-36d228ad5d99923122bbe354",
      "Self=1-58337262-36d228ad5d99923122bbe354;Root=1-58337262-36d228ad0000000000000000",
      "Root=1-58337262-36d228ad5d99923122bbe354\u0000",
      " \tRoot = 1-58337262-36d228ad5d99923122bbe354 \t",
      "-",
      "",
    };
    for (String h : headers) LogEnrichFuzzTest.checkTraceIdField(h.getBytes(UTF_8), buf);
  }

  @Test
  void thousandsOfExtraFieldsAndSpaces() {
    JsonNode n = check((LINE + " x".repeat(20_000)).getBytes(UTF_8));
    assertEquals(20_000, n.path(AlbLogEnricher.EXTRA_FIELDS).size());
    check((LINE + " \"\"".repeat(20_000)).getBytes(UTF_8));
    check(" ".repeat(100_000).getBytes(UTF_8));
    check("\"".repeat(100_001).getBytes(UTF_8));
    check((LINE.replace(" ", "  ")).getBytes(UTF_8));
  }
}
