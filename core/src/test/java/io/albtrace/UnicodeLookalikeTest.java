package io.albtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A char above 0xFF whose low byte is an ASCII digit, letter or delimiter ({@code U+0131} → 0x31
 * '1', {@code U+013B} → ';') must count as what it is: a non-ASCII char, exactly like 'é'. The
 * reader copies Latin-1 text with the JDK's encoder and other text char by char, and reads bytes
 * directly; every path must agree, at every position of a header that uses every field.
 */
class UnicodeLookalikeTest {
  static final String HEADER =
      "Self=1-67891234-12456789abcdef0123456789;Root=1-67891233-abcdef012345678912345678;"
          + "Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1;CalledFrom=app; x = y ";

  static String describe(AmznTraceHeaderReader r) {
    if (!r.isValid()) return "invalid " + r.invalid();
    return r.toHeader() + " self=" + r.hasSelfField() + "/" + r.hasSelf() + " parent=" + r.parent()
        + " sampled=" + r.sampled();
  }

  static String describe(AmznTraceHeader h) {
    if (!h.isValid()) return "invalid " + h.invalid();
    return h + " self=" + h.hasSelfField() + "/" + h.hasSelf() + " parent=" + h.parent()
        + " sampled=" + h.sampled();
  }

  @Test
  void aLookalikeIsAnyOtherNonAsciiChar() {
    AmznTraceHeaderReader reader = new AmznTraceHeaderReader();
    for (int p = 0; p < HEADER.length(); p++) {
      for (char high : new char[] {'\u0100', '\u0600', '\uff00'}) {
        char lookalike = (char) (high | HEADER.charAt(p));
        String tricky = HEADER.substring(0, p) + lookalike + HEADER.substring(p + 1);
        String latin1 = HEADER.substring(0, p) + '\u00e9' + HEADER.substring(p + 1);
        reader.read(latin1);
        String expected = describe(reader).replace('\u00e9', lookalike);
        String at = "U+" + Integer.toHexString(lookalike) + " at " + p;
        reader.read(tricky);
        assertEquals(expected, describe(reader), at);
        reader.read(new StringBuilder(tricky)); // not a String: copied char by char
        assertEquals(expected, describe(reader), at);
        assertEquals(expected, describe(AmznTraceHeader.parse(tricky)), at);
        byte[] utf8 = tricky.getBytes(StandardCharsets.UTF_8);
        reader.read(utf8, 0, utf8.length);
        assertEquals(
            describe(AmznTraceHeader.parse(new String(utf8, StandardCharsets.ISO_8859_1))),
            describe(reader).replace(tricky, new String(utf8, StandardCharsets.ISO_8859_1)), at);
      }
    }
  }

  @Test
  void latin1AndAsciiTextReadAlike() {
    AmznTraceHeaderReader reader = new AmznTraceHeaderReader();
    reader.read(HEADER);
    String ascii = describe(reader);
    reader.read(HEADER + ";Note=caf\u00e9");
    assertEquals(ascii.replace(" self=", ";Note=caf\u00e9 self="), describe(reader));
  }

  @Test
  void charsTheLatin1CopyMustReplace() {
    // A surrogate pair becomes one '?' in a Latin-1 copy: shorter, so read char by char instead.
    String emoji = "Root=1-67891233-abcdef012345678912345678;X=\uD83D\uDE00;Sampled=1";
    AmznTraceHeader h = AmznTraceHeader.parse(emoji);
    assertEquals("Root=1-67891233-abcdef012345678912345678;Sampled=1;X=\uD83D\uDE00", h.toString());
    assertEquals(AmznTraceHeader.Sampled.SAMPLED, h.sampled());
    // A real '?' and a replaced char side by side.
    AmznTraceHeader q = AmznTraceHeader.parse("Root=1-67891233-abcdef012345678912345678;Sampled=?;X=\u0131");
    assertEquals(AmznTraceHeader.Sampled.REQUESTED, q.sampled());
    assertEquals("\u0131", q.extraFields().get(0).value());
    AmznTraceHeader lookalike = AmznTraceHeader.parse("Root=1-67891233-abcdef012345678912345678;Sampled=\u013f");
    assertEquals(AmznTraceHeader.Sampled.ABSENT, lookalike.sampled()); // U+013F is not '?'
  }
}
