package io.albtrace.spans;

import static io.albtrace.accesslog.AlbLogField.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader;
import io.albtrace.testsupport.Seeded;
import io.albtrace.testsupport.Seeded.Chars;
import io.albtrace.testsupport.Seeded.HexCase;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generated logs: every trace_id shape, times to the microsecond, status codes, addresses. Each
 * span is checked against independent oracles — the String header parser for the ids, the JDK's
 * ISO reader for the times — and hostile lines never throw and never give a span.
 */
class AlbSpanMapperPropertiesTest {
  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(ZoneOffset.UTC);

  private static String xrayId(Seeded.Gen g) {
    return "1-" + g.hex(8, HexCase.MIXED) + "-" + g.hex(24, HexCase.MIXED);
  }

  /** A trace_id value of any shape an ALB may log: generated, client-supplied, X-Ray SDK, broken. */
  private static String traceHeader(Seeded.Gen g) {
    StringBuilder h = new StringBuilder();
    if (g.booleans()) h.append("Self=").append(g.booleans() ? xrayId(g) : "1-" + g.hex(8, HexCase.LOWER) + "-" + g.hex(20, HexCase.LOWER)).append(';');
    h.append(g.pick("Root=", "Root=", "Root=", "root=", "Root =")).append(g.oneOf(() -> xrayId(g), () -> "1-" + g.hex(8, HexCase.LOWER) + "-" + g.hex(23, HexCase.LOWER)));
    if (g.booleans()) h.append(";Parent=").append(g.hex(g.pick(16, 16, 15), HexCase.MIXED));
    if (g.booleans()) h.append(";Sampled=").append(g.pick("0", "1", "?", "x"));
    if (g.booleans()) h.append(";Lineage=").append(g.hex(8, HexCase.LOWER)).append(":1");
    if (g.booleans()) h.append(";CalledFrom=").append(g.string(Chars.ALPHANUMERIC, 0, 8));
    return h.toString();
  }

  @Test
  void everySpanAgreesWithTheOracles() {
    AlbSpanMapper mapper = new AlbSpanMapper();
    Map<AlbSpanMapper.Result, Integer> seen = new EnumMap<>(AlbSpanMapper.Result.class);
    long maxSeconds = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
    Seeded.forAll(3000, g -> {
      String header = traceHeader(g);
      long startMicros = g.longs(0, maxSeconds * 1_000_000L);
      long durationMicros = g.longs(0, 120_000_000L);
      Instant start = Instant.ofEpochSecond(startMicros / 1_000_000, startMicros % 1_000_000 * 1000);
      Instant end = start.plusNanos(durationMicros * 1000);
      int status = g.pick(200, 201, 301, 404, 460, 500, 502, 503, 504);
      boolean targetAnswered = g.booleans();
      String client = g.booleans() ? "10." + g.ints(0, 255) + ".0." + g.ints(0, 255) + ":" + g.ints(1, 65535)
          : "2001:db8::" + g.hex(4, HexCase.LOWER) + ":" + g.ints(1, 65535);
      AlbLine line = AlbLine.aws()
          .traceId(header)
          .set(TIME, MICROS.format(end))
          .set(REQUEST_CREATION_TIME, MICROS.format(start))
          .set(CLIENT_PORT, client)
          .set(ELB_STATUS_CODE, Integer.toString(status))
          .set(TARGET_STATUS_CODE, targetAnswered ? Integer.toString(status) : "-");

      SpanData s = mapper.map(line.toString());
      AmznTraceHeader oracle = AmznTraceHeader.parse(header);
      seen.merge(mapper.result(), 1, Integer::sum);
      if (!oracle.isValid()) {
        assertNull(s);
        assertEquals(AlbSpanMapper.Result.NO_TRACE_ID, mapper.result());
        assertEquals(oracle.invalid().reason(), mapper.error());
        return;
      }
      assertNotNull(s, mapper::error);
      assertEquals(oracle.root().toHex(), s.getTraceId());
      assertEquals(oracle.albSpanId(), Long.parseUnsignedLong(s.getSpanId(), 16));
      assertNotEquals(0L, oracle.albSpanId());
      assertEquals(oracle.hasParent() ? String.format("%016x", oracle.parent()) : "0000000000000000", s.getParentSpanId());
      assertEquals(oracle.sampled() != AmznTraceHeader.Sampled.NOT_SAMPLED, s.getSpanContext().isSampled());
      assertEquals(start.getEpochSecond() * 1_000_000_000L + start.getNano(), s.getStartEpochNanos());
      assertEquals(end.getEpochSecond() * 1_000_000_000L + end.getNano(), s.getEndEpochNanos());
      assertEquals((long) status, AlbSpanMapperTest.attr(s, "http.response.status_code"));
      assertEquals(status >= 500 || !targetAnswered ? StatusCode.ERROR : StatusCode.UNSET, s.getStatus().getStatusCode());
      assertEquals(client.substring(0, client.lastIndexOf(':')), AlbSpanMapperTest.attr(s, "client.address"));
      assertEquals(oracle.root().toXrayRoot(), AlbSpanMapperTest.attr(s, "aws.alb.trace_id"));
      assertEquals(oracle.hasSelf() ? oracle.self().toXrayRoot() : null, AlbSpanMapperTest.attr(s, "aws.alb.self"));
    });
    assertTrue(seen.getOrDefault(AlbSpanMapper.Result.SPAN, 0) > 500, seen::toString);
    assertTrue(seen.getOrDefault(AlbSpanMapper.Result.NO_TRACE_ID, 0) > 100, seen::toString);
  }

  /** Random bytes, and real lines with bytes flipped, cut or duplicated: no exception, no span from a non-entry. */
  @Test
  void hostileLinesNeverThrow() {
    AlbSpanMapper mapper = new AlbSpanMapper();
    byte[] good = AlbLine.aws().toString().getBytes(StandardCharsets.UTF_8);
    Seeded.forAll(5000, g -> {
      byte[] line;
      switch (g.ints(0, 3)) {
        case 0:
          line = g.bytes(0, 600);
          break;
        case 1:
          line = good.clone();
          for (int i = g.ints(1, 8); i > 0; i--) line[g.ints(0, line.length - 1)] = (byte) g.ints(0, 255);
          break;
        case 2:
          line = java.util.Arrays.copyOf(good, g.ints(0, good.length));
          break;
        default:
          line = (AlbLine.aws() + " " + AlbLine.aws()).getBytes(StandardCharsets.UTF_8);
          break;
      }
      SpanData s = mapper.map(line, 0, line.length);
      if (s == null) {
        assertNotNull(mapper.error());
        assertNotEquals(AlbSpanMapper.Result.SPAN, mapper.result());
      } else {
        assertEquals(AlbSpanMapper.Result.SPAN, mapper.result());
        assertTrue(s.getEndEpochNanos() >= s.getStartEpochNanos());
        s.getAttributes().forEach((k, v) -> assertNotNull(v));
      }
    });
  }

  @Test
  void hostileValuesInAnOtherwiseGoodLine() {
    AlbSpanMapper mapper = new AlbSpanMapper();
    String[][] cases = {
      {"received_bytes 999999999999999999999999", "RECEIVED_BYTES", "999999999999999999999999"},
      {"target_processing_time huge", "TARGET_PROCESSING_TIME", "99999999999999999999.5"},
      {"client port 99999999", "CLIENT_PORT", "10.0.0.1:99999999"},
      {"url port 123456", "REQUEST", "\"GET http://h:123456/ HTTP/1.1\""},
      {"8 KB user agent", "USER_AGENT", "\"" + "A".repeat(8192) + "\""},
      {"invalid UTF-8 escape", "USER_AGENT", "\"\\xC3\\x28\""},
    };
    for (String[] c : cases) {
      SpanData s = mapper.map(AlbLine.aws().set(valueOf(c[1]), c[2]).toString());
      assertNotNull(s, c[0] + ": " + mapper.error());
    }
    assertNull(AlbSpanMapperTest.attr(mapper.map(AlbLine.aws().set(RECEIVED_BYTES, "999999999999999999999999").toString()),
        "http.request.size"), "a size beyond a long is left out, not wrapped");
    assertNull(AlbSpanMapperTest.attr(mapper.map(AlbLine.aws().set(CLIENT_PORT, "10.0.0.1:99999999").toString()),
        "client.port"), "not a port");
  }
}
