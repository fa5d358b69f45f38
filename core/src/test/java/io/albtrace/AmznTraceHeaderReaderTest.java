package io.albtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.testsupport.Seeded;
import io.albtrace.testsupport.Seeded.Chars;
import io.albtrace.testsupport.Seeded.Gen;
import org.junit.jupiter.api.Test;

/** {@link AmznTraceHeaderReader} is {@link AmznTraceHeader#parse} without the object. */
class AmznTraceHeaderReaderTest {
  private static final String[] PIECES = {
    "Root", "Self", "Parent", "Sampled", "Lineage", "root", "RootX", "CalledFrom", " ", "\t", ";", "=",
    "1-67891233-abcdef012345678912345678", "1-67891233-ABCDEF012345678912345678",
    "1-00000000-000000000000000000000000", "1-67891233-abcdef010000000000000000",
    "1-67891233-12456789abcdef012345", "53995c3f42cd8ad8", "0000000000000000", "1", "0", "?", "x",
    "a87bd80c:1|68fd508a:5", "\u0661", "\uff11"
  };

  static String headers(Gen g) {
    return g.oneOf(
        () -> String.join("", g.list(0, 14, () -> g.pick(PIECES))),
        () -> g.string(Chars.UNICODE, 0, 120));
  }

  /** One Reader reused across all tries, as a hot path would: no state leaks between reads. */
  private final AmznTraceHeaderReader reader = new AmznTraceHeaderReader();

  @Test
  void readerAgreesWithParse() {
    Seeded.forAll(3000, g -> {
      String s = headers(g);
      AmznTraceHeader h = AmznTraceHeader.parse(s);
      assertEquals(h.isValid(), reader.read(s));
      assertEquals(h.isValid(), reader.isValid());
      assertEquals(h.invalid(), reader.invalid());
      assertEquals(h.rootHigh(), reader.rootHigh());
      assertEquals(h.rootLow(), reader.rootLow());
      assertEquals(h.hasSelfField(), reader.hasSelfField());
      assertEquals(h.hasSelf(), reader.hasSelf());
      assertEquals(h.parent(), reader.parent());
      assertEquals(h.sampled(), reader.sampled());
      AmznTraceHeader copy = reader.toHeader();
      assertEquals(h.toString(), copy.toString());
      assertEquals(h.lineage(), copy.lineage());
      assertEquals(h.extraFields(), copy.extraFields());
      if (h.isValid()) {
        assertEquals(h.parentSpanId(), reader.parentSpanId());
        assertEquals(h.albSpanId(), reader.albSpanId());
        if (h.hasSelf()) {
          assertEquals(h.self().high(), reader.selfHigh());
          assertEquals(h.self().low(), reader.selfLow());
        }
      } else {
        assertSame(h, copy);
      }
    });
  }

  @Test
  void subRangeOfALargerBuffer() {
    String line = "x \"Self=1-67891233-12456789abcdef0123456789;Root=1-67891233-abcdef012345678912345678\" y";
    assertTrue(reader.read(line, 3, line.length() - 3));
    assertEquals(0x67891233abcdef01L, reader.rootHigh());
    assertEquals(0x2345678912345678L, reader.rootLow());
    assertTrue(reader.hasSelf());
    assertEquals(0x6789123312456789L, reader.selfHigh());
  }

  @Test
  void aFailedReadForgetsThePreviousHeader() {
    assertTrue(reader.read("Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1"));
    assertFalse(reader.read("Root=1-67891233-abcdef01234567891234567g;Parent=53995c3f42cd8ad8"));
    assertEquals(AmznTraceHeader.Invalid.MALFORMED_ROOT, reader.invalid());
    assertEquals(0, reader.rootLow());
    assertEquals(0, reader.parent());
    assertEquals(AmznTraceHeader.Sampled.ABSENT, reader.sampled());
    assertThrows(IllegalStateException.class, reader::parentSpanId);
    assertThrows(IllegalStateException.class, reader::albSpanId);
    assertFalse(reader.read(null));
    assertEquals(AmznTraceHeader.Invalid.NO_ROOT, reader.invalid());
  }

  @Test
  void badIndexesAreTheCallersBug() {
    assertThrows(IndexOutOfBoundsException.class, () -> reader.read("Root=", 2, 9));
  }
}
