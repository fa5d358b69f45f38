package io.albtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.internal.UnsignedDecimal;
import io.albtrace.testsupport.Seeded;
import io.albtrace.testsupport.Seeded.Chars;
import io.albtrace.testsupport.Seeded.Gen;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Properties of the mapping over the whole 128-bit space (docs/spec.md §2, §5): every conversion round-trips,
 * and the hand-written decimal and hex writers agree with the JDK. Expected values come from the JDK
 * ({@code String.format}, {@code Long.toUnsignedString}, {@code BigInteger}), never from albtrace.
 */
class MappingPropertiesTest {
  static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  static String xray(long high, long low) {
    return String.format("1-%08x-%08x%016x", high >>> 32, high & 0xFFFFFFFFL, low);
  }

  // ---- Root -> ids -> Root ----

  @Test
  void rootToIdsToRootRoundTrips() {
    Seeded.forAll(1000, g -> {
      long high = g.longs(), low = g.longs();
      g.assume(low != 0);
      String root = xray(high, low);
      AmznTraceHeader h = AmznTraceHeader.parse("Root=" + root);
      assertTrue(h.isValid(), root);
      assertEquals(high, h.rootHigh());
      assertEquals(low, h.rootLow());
      TraceId128 id = h.root();
      assertEquals(root, id.toXrayRoot());
      assertEquals(String.format("%016x%016x", high, low), id.toHex());
      assertEquals(Long.toUnsignedString(low), id.datadogTraceId());
      assertEquals(String.format("%016x", high), id.datadogTid());
      assertEquals(high >>> 32, id.epochSeconds());
      // Back from every form to the same Root.
      assertEquals(root, TraceId128.fromHex(id.toHex()).toXrayRoot());
      assertEquals(root, TraceId128.fromHex(id.toHex().toUpperCase()).toXrayRoot());
      assertEquals(root, TraceId128.fromDatadog(id.datadogTraceId(), id.datadogTid()).toXrayRoot());
      // Upper-case input is the same id.
      assertEquals(id, AmznTraceHeader.parse("Root=" + root.toUpperCase()).root());
    });
  }

  @Test
  void rootWithZeroLowHalfIsAlwaysInvalid() {
    Seeded.forAll(1000, g -> {
      long high = g.longs();
      AmznTraceHeader h = AmznTraceHeader.parse("Root=" + xray(high, 0));
      assertEquals(AmznTraceHeader.Invalid.LOW_64_BITS_ZERO, h.invalid());
      assertThrows(TraceIdFormatException.class, () -> TraceId128.fromHex(String.format("%016x%016x", high, 0L)));
    });
  }

  // ---- Datadog -> Root -> Datadog ----

  @Test
  void datadogDecimalAndTidRoundTrip() {
    Seeded.forAll(1000, g -> {
      long low = g.longs(), high = g.longs();
      g.assume(low != 0);
      String decimal = new BigInteger(Long.toUnsignedString(low)).toString(); // via BigInteger
      String tid = String.format("%016x", high);
      TraceId128 id = TraceId128.fromDatadog(decimal, tid);
      String root = id.toXrayRoot();
      assertEquals(xray(high, low), root);
      AmznTraceHeader h = AmznTraceHeader.parse("Root=" + root);
      assertEquals(decimal, DatadogHeaders.traceId(h));
      assertEquals("_dd.p.tid=" + tid, DatadogHeaders.tags(h));
      assertEquals(decimal, h.root().datadogTraceId());
      assertEquals(tid, h.root().datadogTid());
    });
  }

  @Test
  void datadogDecimalAndEpochGiveDatadogLayout() {
    Seeded.forAll(1000, g -> {
      long low = g.longs(), epoch = g.longs(0, 0xFFFFFFFFL);
      g.assume(low != 0);
      String decimal = Long.toUnsignedString(low);
      String root = TraceId128.fromDatadog(decimal, epoch).toXrayRoot();
      assertEquals("1-" + String.format("%08x", epoch) + "-00000000" + String.format("%016x", low), root);
      TraceId128 back = AmznTraceHeader.parse("Root=" + root).root();
      assertEquals(decimal, back.datadogTraceId());
      assertEquals(epoch, back.epochSeconds());
    });
  }

  @Test
  void decimalsAbove2To64MinusOneAreRejected() {
    Seeded.forAll(1000, g -> {
      long extra = g.longs(0, Long.MAX_VALUE);
      String tooBig = TWO_64.add(BigInteger.valueOf(extra)).toString();
      TraceIdFormatException e =
          assertThrows(TraceIdFormatException.class, () -> TraceId128.fromDatadog(tooBig, "0000000000000001"));
      assertTrue(e.getMessage().startsWith("Datadog trace id is larger than 2^64-1"), e.getMessage());
      assertThrows(TraceIdFormatException.class, () -> TraceId128.fromDatadog(tooBig, 0L));
    });
  }

  // ---- The writers agree with the JDK ----

  @Test
  void decimalWriterAgreesWithTheJdk() {
    Seeded.forAll(1000, g -> decimalWriterAgreesWithTheJdk(g.longs(), g.longs(0, 8)));
  }

  static void decimalWriterAgreesWithTheJdk(long v, long pad) {
    String expected = Long.toUnsignedString(v);
    assertEquals(expected, TraceId128.of(0, v).datadogTraceId());
    assertEquals(expected, UnsignedDecimal.toString(v));
    byte[] buf = new byte[20 + (int) pad + 3];
    java.util.Arrays.fill(buf, (byte) '#');
    int end = 20 + (int) pad;
    int start = DatadogHeaders.writeTraceId(v, buf, end);
    assertEquals(expected, new String(buf, start, end - start, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(expected.length(), UnsignedDecimal.length(v));
    for (int i = 0; i < start; i++) assertEquals('#', buf[i], "wrote before its start");
    for (int i = end; i < buf.length; i++) assertEquals('#', buf[i], "wrote past its end");
  }

  @Test
  void decimalWriterEdgeCases() {
    long[] edges = {
      0, 1, 9, 10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, -1, -2, -10, 999_999_999_999_999_999L,
      1_000_000_000_000_000_000L, 0x8000000000000009L, 0x800000000000000aL, 0x7fffffffffffffffL - 5,
    };
    for (long v : edges) decimalWriterAgreesWithTheJdk(v, 0);
    long p = 1;
    for (int i = 0; i < 19; i++, p *= 10) {
      decimalWriterAgreesWithTheJdk(p, 0);
      decimalWriterAgreesWithTheJdk(p - 1, 0);
      decimalWriterAgreesWithTheJdk(-p, 0);
    }
  }

  @Test
  void hexWriterAgreesWithTheJdk() {
    Seeded.forAll(1000, g -> {
      long high = g.longs(), low = g.longs(), span = g.longs();
      TraceId128 id = TraceId128.of(high, low);
      assertEquals(String.format("%016x", high), id.datadogTid());
      assertEquals(String.format("%016x%016x", high, low), id.toHex());
      assertEquals(xray(high, low), id.toXrayRoot());
      assertEquals(
          String.format("00-%016x%016x-%016x-01", high, low, span),
          W3CTraceContext.traceparent(high, low, span, true));
      assertEquals(
          String.format("Root=%s;Parent=%016x;Sampled=0", xray(high, low), span),
          AmznTraceHeaderWriter.write(id, span, false));
      byte[] tid = new byte[18];
      DatadogHeaders.writeTid(high, tid, 1);
      assertEquals(String.format("\0%016x\0", high), new String(tid, java.nio.charset.StandardCharsets.US_ASCII));
    });
  }

  @Test
  void decimalReaderAgreesWithTheJdk() {
    Seeded.forAll(1000, g -> {
      long low = g.longs();
      g.assume(low != 0);
      String decimal = Long.toUnsignedString(low);
      assertEquals(low, TraceId128.fromDatadog(decimal, "0000000000000000").low());
      assertEquals(low, TraceId128.fromDatadog("000" + decimal, 0L).low(), "leading zeros");
    });
  }

  // ---- Field order does not matter ----

  /** A valid Root, then each other known field or not (valid or not), then 0 to 4 unknown fields. */
  static List<String> knownFields(Gen g) {
    Supplier<String> hex16 = () -> String.format("%016x", g.longs());
    String root = "Root=" + xray(g.longs(), g.filter(g::longs, l -> l != 0));
    Supplier<String> self =
        () -> g.oneOf(
            () -> "Self=" + xray(g.longs(), g.longs()),
            () -> "Self=" + g.string(Chars.ALPHANUMERIC, 0, 40));
    Supplier<String> parent =
        () -> "Parent=" + g.oneOf(hex16, () -> g.string(Chars.of("0123456789abcdefgABCDEF"), 0, 18));
    Supplier<String> sampled = () -> "Sampled=" + g.pick("1", "0", "?", "", "x", "10");
    Supplier<String> lineage = () -> "Lineage=" + g.string(Chars.of("0123456789abcdefxyz:|"), 0, 20);
    List<String> fields = new ArrayList<>();
    fields.add(root);
    for (Supplier<String> optional : List.of(self, parent, sampled, lineage)) {
      String f = g.maybe(optional);
      if (f != null) fields.add(f);
    }
    Supplier<String> key =
        () -> g.filter(
            () -> g.string(Chars.ALPHA, 1, 8),
            k -> !List.of("Root", "Self", "Parent", "Sampled", "Lineage").contains(k));
    for (String k : g.set(0, 4, key)) fields.add(k + "=v" + k.length());
    return fields;
  }

  @Test
  void fieldOrderDoesNotMatter() {
    Seeded.forAll(1000, g -> {
      List<String> fields = knownFields(g);
      long seed = g.longs();
      boolean spaces = g.booleans();
      String sep = spaces ? " ;\t" : ";";
      AmznTraceHeader a = AmznTraceHeader.parse(String.join(sep, fields));
      List<String> shuffled = new ArrayList<>(fields);
      Collections.shuffle(shuffled, new Random(seed));
      AmznTraceHeader b = AmznTraceHeader.parse(String.join(sep, shuffled));
      assertTrue(a.isValid());
      assertTrue(b.isValid());
      assertEquals(a.root(), b.root());
      assertEquals(a.hasSelfField(), b.hasSelfField());
      assertEquals(a.self(), b.self());
      assertEquals(a.parent(), b.parent());
      assertEquals(a.sampled(), b.sampled());
      assertEquals(a.lineage(), b.lineage());
      assertEquals(a.parentSpanId(), b.parentSpanId());
      assertEquals(W3CTraceContext.traceparent(a), W3CTraceContext.traceparent(b));
      // Extra fields keep header order; as a set they are the same.
      assertEquals(new HashSet<>(a.extraFields()), new HashSet<>(b.extraFields()));
      assertEquals(a.extraFields().size(), b.extraFields().size());
    });
  }

  // ---- Normalisation is stable ----

  @Test
  void toStringOfAValidHeaderParsesToTheSameHeader() {
    Seeded.forAll(1000, g -> {
      List<String> fields = knownFields(g);
      AmznTraceHeader a = AmznTraceHeader.parse(String.join(";", fields));
      AmznTraceHeader b = AmznTraceHeader.parse(a.toString());
      assertEquals(a.toString(), b.toString());
      assertEquals(a.root(), b.root());
      assertEquals(a.parentSpanId(), b.parentSpanId());
      assertEquals(a.extraFields(), b.extraFields());
      assertFalse(a.toString().contains(" "));
    });
  }
}
