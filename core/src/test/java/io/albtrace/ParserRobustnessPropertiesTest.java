package io.albtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import io.albtrace.testsupport.Seeded;
import io.albtrace.testsupport.Seeded.Chars;
import io.albtrace.testsupport.Seeded.Gen;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link AmznTraceHeader#parse} never throws, whatever it is given, and what it returns is consistent.
 */
class ParserRobustnessPropertiesTest {

  /** Checks the invariants every parse result has, and that nothing downstream throws either. */
  static void checkConsistent(AmznTraceHeader h) {
    assertEquals(h.isValid(), h.invalid() == null);
    String text = h.toString();
    if (!h.isValid()) {
      assertSame(AmznTraceHeader.invalid(h.invalid()), h, "invalid headers are shared constants");
      return;
    }
    assertNotEquals(0L, h.rootLow(), "a valid Root has non-zero low 64 bits");
    assertNotEquals(0L, h.parentSpanId());
    assertEquals(h.hasParent(), h.parent() != 0);
    if (!h.hasSelfField()) assertNull(h.self());
    TraceId128 root = h.root();
    assertEquals(35, root.toXrayRoot().length());
    assertTrue(text.startsWith("Root=" + root.toXrayRoot()), text);
    assertEquals(55, W3CTraceContext.traceparent(h).length());
    assertEquals(Long.toUnsignedString(h.rootLow()), DatadogHeaders.traceId(h));
    DatadogHeaders.tags(h);
    DatadogHeaders.parentId(h);
    DatadogHeaders.samplingPriority(h);
    Continuation.defaults().writeHeaders(h, null, (carrier, name, value) -> {});
    for (TrustPolicy p : TrustPolicy.values()) p.allows(h);
  }

  /** Any chars at all: every Unicode block, unpaired surrogates, noncharacters, private use. */
  static String anyText(Gen g) {
    return g.oneOf(
        () -> g.string(Chars.UNICODE, 0, 300),
        () -> g.string(Chars.ALL, 0, 300),
        () -> g.string(Chars.anyOf(Chars.range('\ud800', '\udfff'), Chars.of(";= \t")), 0, 100));
  }

  @Test
  void anyStringNeverThrows() {
    Seeded.forAll(1000, g -> checkConsistent(AmznTraceHeader.parse(anyText(g))));
  }

  @Test
  void anyStringAfterAValidRootNeverThrows() {
    Seeded.forAll(200, g -> {
      String s = anyText(g);
      AmznTraceHeader h = AmznTraceHeader.parse("Root=1-67891233-abcdef012345678912345678;" + s);
      checkConsistent(h);
      assertTrue(h.isValid(), "whatever follows, the first Root wins");
      assertEquals(0x2345678912345678L, h.rootLow());
    });
  }

  @Test
  void hugeStringsNeverThrow() {
    Seeded.forAll(200, g -> {
      // Around MAX_LENGTH on both sides (one try in two), and far beyond it.
      int length = g.random().nextBoolean() ? g.ints(8000, 8400) : g.ints(8000, 40_000);
      String s = g.string(Chars.UNICODE, length);
      AmznTraceHeader h = AmznTraceHeader.parse(s);
      checkConsistent(h);
      if (s.length() > AmznTraceHeader.MAX_LENGTH) {
        assertEquals(AmznTraceHeader.Invalid.TOO_LONG, h.invalid());
      }
    });
  }

  /** Strings made of the grammar's own pieces reach the parser's deep states far more often. */
  static String grammarSoup(Gen g) {
    List<String> pieces =
        g.list(0, 40, () -> g.oneOf(
            () -> g.pick(
                "Root", "Self", "Parent", "Sampled", "Lineage", "root", "RootCause", "=", ";", " ",
                "\t", "\r", "\n", "\u00a0", "1-", "-", "1", "0", "?", "67891233",
                "abcdef012345678912345678", "0000000000000000", "53995c3f42cd8ad8", "\u0661",
                "\uff11", "\ud800", "\udc00", "\ud83d\ude00", "\u0000", "\""),
            () -> g.string(Chars.range('0', 'f'), 0, 24),
            () -> g.string(Chars.UNICODE, 0, 4)));
    return String.join("", pieces);
  }

  @Test
  void grammarSoupNeverThrows() {
    Seeded.forAll(1000, g -> checkConsistent(AmznTraceHeader.parse(grammarSoup(g))));
  }

  /** A known-good header with hostile pieces spliced in anywhere. */
  @Test
  void splicedHeadersNeverThrow() {
    Seeded.forAll(1000, g -> {
      String junk = grammarSoup(g);
      int at = g.ints(0, 80);
      String good =
          "Self=1-67891234-abcdef0123456789abcdef01;Root=1-67891233-abcdef012345678912345678;"
              + "Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a:1;CalledFrom=app";
      int i = Math.min(at, good.length());
      checkConsistent(AmznTraceHeader.parse(good.substring(0, i) + junk + good.substring(i)));
    });
  }

  @Test
  void anySubRangeNeverThrows() {
    Seeded.forAll(300, g -> {
      String s = grammarSoup(g);
      int a = g.ints(0, 400), b = g.ints(0, 400);
      int begin = Math.min(Math.min(a, b), s.length());
      int end = Math.min(Math.max(a, b), s.length());
      AmznTraceHeader h = AmznTraceHeader.parse(s, begin, end);
      checkConsistent(h);
      // The same as parsing the substring on its own.
      AmznTraceHeader alone = AmznTraceHeader.parse(s.substring(begin, end));
      assertEquals(alone.toString(), h.toString());
    });
  }

  @Test
  void manySemicolons() {
    Seeded.forAll(100, g -> {
      int before = g.ints(0, 20_000), after = g.ints(0, 20_000);
      String root = "Root=1-67891233-abcdef012345678912345678";
      String s = ";".repeat(before) + root + ";".repeat(after);
      AmznTraceHeader h = AmznTraceHeader.parse(s);
      checkConsistent(h);
      assertEquals(s.length() <= AmznTraceHeader.MAX_LENGTH, h.isValid(), "length " + s.length());
    });
  }

  @Test
  void pathologicalShapes() {
    for (String s :
        List.of(
            "", ";", "=", "==", ";=;", "Root", "Root=", "Root=;", "=Root", ";Root=;Root=",
            "Self=", "Parent=", "Sampled=", "Lineage=", "Root=1-", "Root=1-67891233-",
            "\ud800", "\udc00\ud800", "Root=\ud800", "\u0000".repeat(8192), "=".repeat(8192),
            " ".repeat(8192), "\t".repeat(8193), "Root=".repeat(1638))) {
      checkConsistent(AmznTraceHeader.parse(s));
    }
  }
}
