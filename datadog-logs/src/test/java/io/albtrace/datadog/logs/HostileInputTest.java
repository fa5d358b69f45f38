package io.albtrace.datadog.logs;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.accesslog.GzipMembersInputStream;
import io.albtrace.testsupport.AlbSamples;
import io.albtrace.testsupport.FakeDatadogLogsIntake;
import io.albtrace.testsupport.GzipBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Input no ALB wrote: valid lines still go out linked, the rest as {@code albtrace.error} entries,
 * every entry within Datadog's limits, in a 128 MiB heap (the module's test JVM) whatever the input.
 */
class HostileInputTest {
  static final List<String> LINES = AlbSamples.lines();
  static final Function<String, String> TRACE_ID = Intakes.enrichTraceId(AlbLogEnricher.TraceIdFormat.DECIMAL);
  @RegisterExtension static final FakeDatadogLogsIntake intake = FakeDatadogLogsIntake.perClass(Intakes.API_KEY);

  @Test
  void garbageAndInvalidUtf8GoOutAsErrorsBetweenTheValidLines() throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    byte[][] hostile = {
      "ELBAccessLogTestFile".getBytes(StandardCharsets.US_ASCII),
      {0, 1, 2, (byte) 0x8b, 0x1f, 0x7f},
      LINES.get(3).replace("\"GET ", "\"G\u00ffT ").getBytes(StandardCharsets.ISO_8859_1), // ÿ alone: not UTF-8
      new byte[0],
      "\"unterminated quote".getBytes(StandardCharsets.US_ASCII),
    };
    for (int i = 0; i < 10; i++) {
      in.writeBytes(LINES.get(i).getBytes(StandardCharsets.UTF_8));
      in.write('\n');
      in.writeBytes(hostile[i % hostile.length]);
      in.write('\n');
    }
    ForwardStats s = Intakes.forwarder(intake).forward(new ByteArrayInputStream(in.toByteArray()), Origin.file("-"));
    assertEquals(20, s.lines());
    assertEquals(10, s.malformed());
    assertEquals(20, s.sent());
    List<FakeDatadogLogsIntake.Entry> got = intake.entries();
    assertEquals(20, got.size());
    for (int i = 0; i < 10; i++) {
      JsonNode valid = got.get(2 * i).json, bad = got.get(2 * i + 1).json;
      assertEquals(LINES.get(i), valid.get("message").asText());
      assertEquals(TRACE_ID.apply(LINES.get(i)), valid.path("dd.trace_id").asText(null));
      assertFalse(valid.has("albtrace.error"));
      assertTrue(bad.has("albtrace.error"), bad.toString());
      assertFalse(bad.has("dd.trace_id"));
      assertEquals(new String(hostile[i % hostile.length], StandardCharsets.UTF_8), bad.get("message").asText());
    }
    assertEquals("invalid UTF-8", got.get(5).json.get("albtrace.error").asText());
  }

  @Test
  void aTruncatedGzipSendsEveryLineBeforeThenOneErrorWithTheCutLine() throws Exception {
    byte[] whole = AlbSamples.gzip(LINES, 2);
    byte[] cut = Arrays.copyOf(whole, whole.length * 3 / 4);
    InputStream in = GzipMembersInputStream.decodeIfGzip(new GzipBytes.Trickle(cut, 1000), 1 << 16);
    ForwardStats s = Intakes.forwarder(intake).forward(in, Origin.s3("b", "k.log.gz"));
    assertNotNull(s.readError());
    assertTrue(s.readError().startsWith("truncated gzip data (unexpected end of file) after "), s.readError());
    List<FakeDatadogLogsIntake.Entry> got = intake.entries();
    assertEquals(s.lines(), got.size());
    assertEquals(s.lines(), s.sent());
    int complete = got.size() - 1;
    assertTrue(complete > 1000 && complete < LINES.size(), complete + " lines before the damage");
    for (int i = 0; i < complete; i++) assertEquals(LINES.get(i), got.get(i).json.get("message").asText());
    JsonNode last = got.get(complete).json;
    assertEquals(s.readError(), last.get("albtrace.error").asText());
    assertTrue(LINES.get(complete).startsWith(last.get("message").asText()), "the line the damage cut: " + last);
    assertTrue(s.readError().endsWith("after " + complete + " lines"), s.readError());
  }

  @Test
  void aOneGibLineIsCutToFitAndTheLinesAroundItStillGoOut() throws Exception {
    long gib = 1L << 30;
    InputStream in = new SequenceInputStream(Collections.enumeration(List.of(
        new ByteArrayInputStream((LINES.get(0) + "\n").getBytes(StandardCharsets.UTF_8)),
        new Repeating("\"A\\x22\u00e9 ".repeat(4096).getBytes(StandardCharsets.UTF_8), gib),
        new ByteArrayInputStream(("\n" + LINES.get(1) + "\n").getBytes(StandardCharsets.UTF_8)))));
    ForwardStats s = Intakes.forwarder(intake).forward(in, Origin.s3("b", "k"));
    assertEquals(3, s.lines());
    assertEquals(1, s.malformed());
    assertEquals(1, s.truncated());
    List<FakeDatadogLogsIntake.Entry> got = intake.entries();
    assertEquals(3, got.size());
    assertEquals(LINES.get(0), got.get(0).json.get("message").asText());
    assertEquals(LINES.get(1), got.get(2).json.get("message").asText());
    JsonNode cut = got.get(1).json;
    assertEquals("line longer than 1048576 bytes, cut", cut.get("albtrace.error").asText());
    assertTrue(cut.get("albtrace.truncated").asBoolean());
    assertTrue(cut.get("message").asText().startsWith("\"A\\x22\u00e9 \"A\\x22\u00e9 "));
    assertTrue(got.get(1).bytes <= IntakeSettings.MAX_ENTRY_BYTES && got.get(1).bytes > IntakeSettings.MAX_ENTRY_BYTES - 16,
        got.get(1).bytes + " bytes");
    assertEquals(List.of(), intake.oversizedEntries());
  }

  /** {@code total} bytes of {@code pattern} over and over, made as read: nothing held but the pattern. */
  static final class Repeating extends InputStream {
    private final byte[] pattern;
    private long left;
    private long at;

    Repeating(byte[] pattern, long total) {
      this.pattern = pattern;
      this.left = total;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) return -1;
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; ) {
        int from = (int) (at % pattern.length), k = Math.min(n - i, pattern.length - from);
        System.arraycopy(pattern, from, b, off + i, k);
        i += k;
        at += k;
      }
      left -= n;
      return n;
    }
  }
}
