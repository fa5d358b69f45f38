package io.albtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

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
  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300),
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings().withCharRange('\ud800', '\udfff').withChars(";= \t").ofMaxLength(100));
  }

  @Property
  void anyStringNeverThrows(@ForAll("anyText") String s) {
    checkConsistent(AmznTraceHeader.parse(s));
  }

  @Property(tries = 200)
  void anyStringAfterAValidRootNeverThrows(@ForAll("anyText") String s) {
    AmznTraceHeader h = AmznTraceHeader.parse("Root=1-67891233-abcdef012345678912345678;" + s);
    checkConsistent(h);
    assertTrue(h.isValid(), "whatever follows, the first Root wins");
    assertEquals(0x2345678912345678L, h.rootLow());
  }

  @Property(tries = 200)
  void hugeStringsNeverThrow(@ForAll @StringLength(min = 8000, max = 40_000) String s) {
    // Around MAX_LENGTH on both sides, and far beyond it.
    AmznTraceHeader h = AmznTraceHeader.parse(s);
    checkConsistent(h);
    if (s.length() > AmznTraceHeader.MAX_LENGTH) {
      assertEquals(AmznTraceHeader.Invalid.TOO_LONG, h.invalid());
    }
  }

  /** Strings made of the grammar's own pieces reach the parser's deep states far more often. */
  @Provide
  Arbitrary<String> grammarSoup() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(
                "Root", "Self", "Parent", "Sampled", "Lineage", "root", "RootCause", "=", ";", " ",
                "\t", "\r", "\n", "\u00a0", "1-", "-", "1", "0", "?", "67891233",
                "abcdef012345678912345678", "0000000000000000", "53995c3f42cd8ad8", "\u0661",
                "\uff11", "\ud800", "\udc00", "\ud83d\ude00", "\u0000", "\""),
            Arbitraries.strings().withCharRange('0', 'f').ofMaxLength(24),
            Arbitraries.strings().ofMaxLength(4));
    return piece.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Property
  void grammarSoupNeverThrows(@ForAll("grammarSoup") String s) {
    checkConsistent(AmznTraceHeader.parse(s));
  }

  /** A known-good header with hostile pieces spliced in anywhere. */
  @Property
  void splicedHeadersNeverThrow(
      @ForAll("grammarSoup") String junk, @ForAll @IntRange(min = 0, max = 80) int at) {
    String good =
        "Self=1-67891234-abcdef0123456789abcdef01;Root=1-67891233-abcdef012345678912345678;"
            + "Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a:1;CalledFrom=app";
    int i = Math.min(at, good.length());
    checkConsistent(AmznTraceHeader.parse(good.substring(0, i) + junk + good.substring(i)));
  }

  @Property(tries = 300)
  void anySubRangeNeverThrows(
      @ForAll("grammarSoup") String s,
      @ForAll @IntRange(min = 0, max = 400) int a,
      @ForAll @IntRange(min = 0, max = 400) int b) {
    int begin = Math.min(Math.min(a, b), s.length());
    int end = Math.min(Math.max(a, b), s.length());
    AmznTraceHeader h = AmznTraceHeader.parse(s, begin, end);
    checkConsistent(h);
    // The same as parsing the substring on its own.
    AmznTraceHeader alone = AmznTraceHeader.parse(s.substring(begin, end));
    assertEquals(alone.toString(), h.toString());
  }

  @Property(tries = 100)
  void manySemicolons(
      @ForAll @IntRange(min = 0, max = 20_000) int before,
      @ForAll @IntRange(min = 0, max = 20_000) int after) {
    String root = "Root=1-67891233-abcdef012345678912345678";
    String s = ";".repeat(before) + root + ";".repeat(after);
    AmznTraceHeader h = AmznTraceHeader.parse(s);
    checkConsistent(h);
    assertEquals(s.length() <= AmznTraceHeader.MAX_LENGTH, h.isValid(), "length " + s.length());
  }

  @Example
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
