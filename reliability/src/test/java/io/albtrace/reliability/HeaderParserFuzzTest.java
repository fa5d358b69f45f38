package io.albtrace.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.AmznTraceHeader;
import io.albtrace.AmznTraceHeaderReader;
import io.albtrace.AmznTraceHeaderWriter;
import io.albtrace.DatadogHeaders;
import io.albtrace.InvalidHeaderException;
import io.albtrace.TraceId128;
import io.albtrace.W3CTraceContext;
import io.albtrace.cli.CliAccess;
import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the {@code X-Amzn-Trace-Id} parser ({@link AmznTraceHeader#parse}) and everything written
 * from a parsed header: propagation headers, the outbound X-Ray header, the {@code convert} JSON.
 *
 * <p>Each input's bytes are read twice, as UTF-8 (multi-byte chars, U+FFFD for invalid sequences)
 * and as ISO-8859-1 (every byte a char, NUL and controls included), and each string is checked:
 *
 * <ul>
 *   <li>parse never throws; validity, reason, Root, Self, Parent, Sampled, Lineage and extra fields
 *       equal {@link SpecOracle}'s independent reading of docs/spec.md §1;
 *   <li>for a valid header, {@code dd_trace_id}, {@code _dd.p.tid}, {@code traceparent} and the
 *       parent span id equal the docs/spec.md §2–§4 mapping of the Root that was parsed;
 *   <li>no synthesized header value holds CR, LF or any other control or non-ASCII char;
 *   <li>the {@code convert} line is one valid JSON object whose {@code input} round-trips;
 *   <li>the trust policies continue exactly what docs/spec.md §7 says.
 * </ul>
 *
 * Seeds: {@code src/test/resources/io/albtrace/reliability/HeaderParserFuzzTestInputs/parseHeader/}.
 */
class HeaderParserFuzzTest {
  private static final Continuation ALWAYS = Continuation.defaults();
  private static final Continuation ALB_ONLY =
      Continuation.builder().trustPolicy(TrustPolicy.ALB_GENERATED_ONLY).build();
  private static final Continuation NEVER =
      Continuation.builder().trustPolicy(TrustPolicy.NEVER).build();

  @FuzzTest(maxDuration = "30m")
  void parseHeader(byte[] data) {
    check(new String(data, UTF_8));
    check(new String(data, ISO_8859_1));
  }

  /** One reader for every input: it is reused across reads, so a value left from the last one shows. */
  private static final AmznTraceHeaderReader READER = new AmznTraceHeaderReader();

  static void check(String value) {
    AmznTraceHeader h = AmznTraceHeader.parse(value);
    SpecOracle.Expected e = SpecOracle.expect(value);
    assertMatches(e, h, value);
    assertReaderAgrees(e, h, value);

    // The same value inside a larger buffer, as the log parser hands it over.
    String framed = "x\"" + value + "\"y";
    assertEquals(h.toString(), AmznTraceHeader.parse(framed, 2, framed.length() - 2).toString());

    // Past the 8192-char limit the value is rejected whole, whatever it holds.
    if (!value.isEmpty()) {
      String big = value.repeat(AmznTraceHeader.MAX_LENGTH / value.length() + 1);
      assertSame(AmznTraceHeader.Invalid.TOO_LONG, AmznTraceHeader.parse(big).invalid());
    }

    if (h.isValid()) {
      assertEquals(h.toString(), AmznTraceHeader.parseOrThrow(value).toString());
    } else {
      InvalidHeaderException x =
          assertThrows(InvalidHeaderException.class, () -> AmznTraceHeader.parseOrThrow(value));
      assertSame(h.invalid(), x.invalid());
      assertThrows(IllegalStateException.class, h::root);
      assertThrows(IllegalArgumentException.class, () -> W3CTraceContext.traceparent(h));
    }

    assertTrustPolicies(e, value);
    assertConvertJson(value, e);
  }

  static void assertMatches(SpecOracle.Expected e, AmznTraceHeader h, String value) {
    String ctx = Checks.escape(value);
    if (!e.valid()) {
      assertFalse(h.isValid(), ctx);
      assertEquals(e.invalidReason, h.invalid().reason(), ctx);
      return;
    }
    assertTrue(h.isValid(), () -> ctx + " -> " + h.invalid());
    TraceId128 root = h.root();
    assertEquals(e.root, root.toXrayRoot(), ctx);
    assertEquals(e.traceId128(), root.toHex(), ctx);
    assertEquals(e.ddTraceId(), root.datadogTraceId(), ctx);
    assertEquals(e.ddPTid(), root.datadogTid(), ctx);
    assertEquals(e.epoch(), root.epochSeconds(), ctx);
    assertEquals(e.selfField, h.hasSelfField(), ctx);
    assertEquals(e.self, h.hasSelf() ? h.self().toXrayRoot() : null, ctx);
    assertEquals(e.parentHex, h.hasParent() ? String.format("%016x", h.parent()) : null, ctx);
    assertEquals(e.sampled, sampledChar(h.sampled()), ctx);
    assertEquals(e.lineage, h.lineage(), ctx);
    List<String> expectedExtras = new ArrayList<>();
    for (String[] kv : e.extras) expectedExtras.add(kv[0] + "=" + kv[1]);
    List<String> actualExtras = new ArrayList<>();
    for (AmznTraceHeader.Field f : h.extraFields()) actualExtras.add(f.key() + "=" + f.value());
    assertEquals(expectedExtras, actualExtras, ctx);

    // docs/spec.md §3/§4: what is synthesized from the Root, and that none of it can carry CR/LF.
    assertEquals(e.parentSpanIdHex(), h.parentSpanIdHex(), ctx);
    assertEquals(e.traceparent(), W3CTraceContext.traceparent(h), ctx);
    assertEquals(e.ddTraceId(), DatadogHeaders.traceId(h), ctx);
    byte[] digits = new byte[20];
    int start = DatadogHeaders.writeTraceId(h.rootLow(), digits, 20);
    assertEquals(e.ddTraceId(), new String(digits, start, 20 - start, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals("_dd.p.tid=" + e.ddPTid(), DatadogHeaders.tags(h), ctx);
    List<String[]> written = new ArrayList<>();
    ALWAYS.writeHeaders(h, written, (out, name, v) -> out.add(new String[] {name, v}));
    assertTrue(written.size() >= 3, ctx);
    for (String[] nv : written) {
      Checks.assertSafeHeaderValue("header name " + nv[0], nv[0]);
      Checks.assertSafeHeaderValue(nv[0], nv[1]);
    }
    String outbound = AmznTraceHeaderWriter.write(root, h.parentSpanId(), true);
    Checks.assertSafeHeaderValue("outbound X-Amzn-Trace-Id", outbound);
    assertEquals("Root=" + e.root + ";Parent=" + e.parentSpanIdHex() + ";Sampled=1", outbound);
    Checks.assertSafeHeaderValue("aws.alb.trace_id", root.toXrayRoot());
    if (h.hasSelf()) Checks.assertSafeHeaderValue("aws.alb.self", h.self().toXrayRoot());
  }

  /** The allocation-free {@link AmznTraceHeaderReader} reads exactly what {@link AmznTraceHeader#parse} does. */
  static void assertReaderAgrees(SpecOracle.Expected e, AmznTraceHeader h, String value) {
    AmznTraceHeaderReader r = READER;
    assertEquals(e.valid(), r.read(value), () -> Checks.escape(value));
    assertEquals(h.invalid(), r.invalid());
    assertEquals(h.toString(), r.toHeader().toString());
    if (!e.valid()) return;
    assertEquals(h.rootHigh(), r.rootHigh());
    assertEquals(h.rootLow(), r.rootLow());
    assertEquals(h.hasSelfField(), r.hasSelfField());
    assertEquals(h.hasSelf(), r.hasSelf());
    assertEquals(h.parent(), r.parent());
    assertEquals(h.sampled(), r.sampled());
    assertEquals(h.parentSpanId(), r.parentSpanId());
    String framed = "\"" + value + "\"";
    assertTrue(r.read(framed, 1, framed.length() - 1));
    assertEquals(h.rootLow(), r.rootLow());
  }

  /** docs/spec.md §7: ALWAYS continues any valid Root, ALB_GENERATED_ONLY only Self-less ones, NEVER none. */
  static void assertTrustPolicies(SpecOracle.Expected e, String value) {
    assertEquals(e.valid(), Requests.continues(ALWAYS, value, false));
    assertEquals(e.valid() && !e.selfField, Requests.continues(ALB_ONLY, value, false));
    assertFalse(Requests.continues(NEVER, value, false));
    // An upstream tracer's context always wins.
    assertFalse(Requests.continues(ALWAYS, value, true));
  }

  static void assertConvertJson(String value, SpecOracle.Expected e) {
    JsonNode n = Checks.assertJsonLine(CliAccess.convertJson(value));
    assertEquals(value, n.get("input").textValue());
    assertEquals(e.valid(), n.get("valid").booleanValue());
    if (!e.valid()) {
      assertEquals(e.invalidReason, n.get("error").textValue());
      assertNull(n.get("dd_trace_id"));
      return;
    }
    assertEquals(e.root, n.get("root").textValue());
    assertEquals(e.traceId128(), n.get("trace_id_128").textValue());
    assertEquals(e.ddTraceId(), n.get("dd_trace_id").textValue());
    assertEquals(e.ddPTid(), n.get("dd_p_tid").textValue());
    assertEquals(e.epoch(), n.get("epoch").longValue());
    assertEquals(e.parentSpanIdHex(), n.get("parent_span_id").textValue());
    assertEquals(e.traceparent(), n.get("traceparent").textValue());
  }

  private static char sampledChar(AmznTraceHeader.Sampled s) {
    switch (s) {
      case SAMPLED: return '1';
      case NOT_SAMPLED: return '0';
      case REQUESTED: return '?';
      default: return 0;
    }
  }
}
