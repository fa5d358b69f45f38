package io.albtrace.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.AmznTraceHeader;
import io.albtrace.AmznTraceHeader.Invalid;
import io.albtrace.cli.CliAccess;
import io.albtrace.testsupport.Seeded;
import io.albtrace.testsupport.Seeded.Gen;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hand-made hostile {@code X-Amzn-Trace-Id} values. Every value also goes through all of {@link
 * HeaderParserFuzzTest#check}'s properties (the spec oracle, synthesized headers free of CR/LF, valid
 * {@code convert} JSON, trust policies).
 */
class AdversarialHeaderTest {
  static final String ROOT = "1-67891233-abcdef012345678912345678";
  static final String VALID = "Root=" + ROOT;

  @Test
  void headersAtAndPastTheLimit() {
    String atLimit = VALID + ";P=" + "x".repeat(AmznTraceHeader.MAX_LENGTH - VALID.length() - 3);
    assertEquals(8192, atLimit.length());
    assertTrue(AmznTraceHeader.parse(atLimit).isValid());
    HeaderParserFuzzTest.check(atLimit);

    String overLimit = atLimit + "x";
    assertSame(Invalid.TOO_LONG, AmznTraceHeader.parse(overLimit).invalid());
    HeaderParserFuzzTest.check(overLimit);
  }

  @Test
  void oneMegabyteHeaderIsRejectedWithoutBeingRead() {
    // A CharSequence that fails on any read proves the value is rejected unscanned.
    CharSequence huge = new UnreadableCharSequence(1 << 20);
    assertSame(Invalid.TOO_LONG, AmznTraceHeader.parse(huge).invalid());
    assertSame(Invalid.TOO_LONG, AmznTraceHeader.parse(new UnreadableCharSequence(8193)).invalid());
    String real = VALID + ";" + "k=v;".repeat(1 << 18);
    assertSame(Invalid.TOO_LONG, AmznTraceHeader.parse(real).invalid());
  }

  @Test
  void nulAndEveryControlCharAtEveryPosition() {
    for (char c = 0; c < 0x20; c++) {
      for (int i = 0; i <= VALID.length(); i++) {
        HeaderParserFuzzTest.check(VALID.substring(0, i) + c + VALID.substring(i));
      }
    }
    for (char c : new char[] {0x7f, 0x85, 0xa0, 0x2028, 0xfeff}) {
      for (int i = 0; i <= VALID.length(); i++) {
        HeaderParserFuzzTest.check(VALID.substring(0, i) + c + VALID.substring(i));
      }
    }
    // Only SP and HTAB are trimmed: a Root padded with other whitespace is malformed.
    assertSame(Invalid.MALFORMED_ROOT, AmznTraceHeader.parse("Root=\u000b" + ROOT).invalid());
    assertSame(Invalid.MALFORMED_ROOT, AmznTraceHeader.parse("Root=" + ROOT + "\u00a0").invalid());
    assertTrue(AmznTraceHeader.parse(" \t Root \t=\t " + ROOT + " \t").isValid());
  }

  /** Non-ASCII chars that {@code Character.digit} or {@code isLetterOrDigit} would accept. */
  static final String[] LOOKALIKES = {
    "\u0660", "\u0661", "\u0669", // Arabic-Indic digits
    "\u06f1", "\u0967", "\u0e51", // Extended Arabic-Indic, Devanagari, Thai
    "\uff10", "\uff19", "\uff21", "\uff26", "\uff41", "\uff46", // full-width 0 9 A F a f
    "\u00b9", "\u2460", "\u2170", // superscript one, circled one, small roman one
    "\ud835\udfce", // MATHEMATICAL BOLD DIGIT ZERO (a surrogate pair)
    "\u0430", "\u0435", // Cyrillic a, e
  };

  @Test
  void unicodeDigitsAndFullWidthCharsInEveryHexPosition() {
    int[] hexPositions = hexPositions(ROOT);
    assertEquals(32, hexPositions.length);
    for (String l : LOOKALIKES) {
      for (int p : hexPositions) {
        String root = ROOT.substring(0, p) + l + ROOT.substring(p + 1);
        assertSame(Invalid.MALFORMED_ROOT, AmznTraceHeader.parse("Root=" + root).invalid(), root);
        HeaderParserFuzzTest.check("Root=" + root);
        // In Self and Parent the field is ignored instead.
        AmznTraceHeader withSelf = AmznTraceHeader.parse(VALID + ";Self=" + root);
        assertTrue(withSelf.isValid());
        assertFalse(withSelf.hasSelf());
        assertTrue(withSelf.hasSelfField());
        HeaderParserFuzzTest.check(VALID + ";Self=" + root);
      }
      for (int p = 0; p < 16; p++) {
        String parent = "53995c3f42cd8ad8".substring(0, p) + l + "53995c3f42cd8ad8".substring(p + 1);
        AmznTraceHeader h = AmznTraceHeader.parse(VALID + ";Parent=" + parent);
        assertFalse(h.hasParent(), parent);
        HeaderParserFuzzTest.check(VALID + ";Parent=" + parent);
      }
      HeaderParserFuzzTest.check(VALID + ";Sampled=" + l);
      assertSame(AmznTraceHeader.Sampled.ABSENT, AmznTraceHeader.parse(VALID + ";Sampled=" + l).sampled());
    }
    // Full-width "Root" is another key, not Root.
    assertSame(Invalid.NO_ROOT, AmznTraceHeader.parse("\uff32oot=" + ROOT).invalid());
  }

  /**
   * The X-Ray SDK's {@code Root;Parent;Sampled}, which core reads in one step when it is exact:
   * every char of it replaced, dropped or doubled, alone, behind {@code Self}, and followed by more
   * fields, reads as the spec says (the one-step path must fall back on anything it does not take).
   */
  @Test
  void everyEditOfTheXrayTripleReadsAsTheSpecSays() {
    String triple = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    String[] replacements = {";", " ", "\t", "=", "-", "0", "9", "a", "f", "A", "F", "g", "G", "1", "?", "\u0131", "\u0661", "\u00e9"};
    // Around it: nothing, Self, an extra field, a later Root; and keys seen before or after it, so
    // that only the first occurrence of each counts whichever path reads it.
    String[] around = {
      "%s", "Self=1-67891234-12456789abcdef0123456789;%s", "%s;CalledFrom=app",
      "%s;Root=1-5759e988-00000000000000000000000a", "Root=1-5759e988-00000000000000000000000a;%s",
      "Sampled=0;%s", "Parent=1111111111111111;%s", "%s;Sampled=0;Parent=1111111111111111"
    };
    int checked = 0;
    for (int p = 0; p <= triple.length(); p++) {
      List<String> edits = new ArrayList<>();
      if (p < triple.length()) {
        for (String r : replacements) edits.add(triple.substring(0, p) + r + triple.substring(p + 1));
        edits.add(triple.substring(0, p) + triple.substring(p + 1));
        edits.add(triple.substring(0, p + 1) + triple.substring(p));
      } else {
        edits.add(triple + ";");
        edits.add(triple + " ");
      }
      for (String edit : edits) {
        for (String a : around) {
          HeaderParserFuzzTest.check(String.format(a, edit));
          checked++;
        }
      }
    }
    // A zero low half and a zero Parent go the general way and say why.
    assertSame(Invalid.LOW_64_BITS_ZERO,
        AmznTraceHeader.parse("Root=1-5759e988-bd862e3f0000000000000000;Parent=53995c3f42cd8ad8;Sampled=1").invalid());
    assertFalse(AmznTraceHeader.parse(triple.replace("53995c3f42cd8ad8", "0000000000000000")).hasParent());
    assertEquals(around.length * (triple.length() * (replacements.length + 2) + 2), checked);
  }

  @Test
  void invalidUtf8() {
    byte[][] hostile = {
      {(byte) 0xff, (byte) 0xfe}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0x80},
    };
    for (byte[] bad : hostile) {
      for (int p : hexPositions(ROOT)) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("Root=" + ROOT.substring(0, p)).getBytes(UTF_8));
        b.writeBytes(bad);
        b.writeBytes(ROOT.substring(p + 1).getBytes(UTF_8));
        String utf8 = new String(b.toByteArray(), UTF_8);
        assertSame(Invalid.MALFORMED_ROOT, AmznTraceHeader.parse(utf8).invalid());
        HeaderParserFuzzTest.check(utf8);
        HeaderParserFuzzTest.check(new String(b.toByteArray(), ISO_8859_1));
      }
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes((VALID + ";Lineage=").getBytes(UTF_8));
      b.writeBytes(bad);
      HeaderParserFuzzTest.check(new String(b.toByteArray(), UTF_8));
    }
    // Lone surrogates (what a Java caller can hand over) survive into valid JSON.
    HeaderParserFuzzTest.check(VALID + ";X=\ud800;Y=\udc00x;\udbff=");
  }

  @Test
  void thousandsOfSemicolonFields() {
    String semis = ";".repeat(8192 - VALID.length()) + VALID;
    assertEquals(8192, semis.length());
    assertTrue(AmznTraceHeader.parse(semis).isValid());
    HeaderParserFuzzTest.check(semis);
    HeaderParserFuzzTest.check(VALID + ";".repeat(8192 - VALID.length()));

    StringBuilder many = new StringBuilder(VALID);
    while (many.length() + 6 <= 8192) many.append(";k").append(many.length() % 10).append("=v");
    AmznTraceHeader h = AmznTraceHeader.parse(many);
    assertTrue(h.isValid());
    assertTrue(h.extraFields().size() > 1300, "extras: " + h.extraFields().size());
    HeaderParserFuzzTest.check(many.toString());

    String bare = ("x;".repeat(5000) + VALID).substring(0, 8192 - VALID.length() - 1) + ";" + VALID;
    HeaderParserFuzzTest.check(bare);
  }

  @Test
  void repeatedKeysFirstOccurrenceWins() {
    String other = "1-11111111-111111111111111111111111";
    StringBuilder sb = new StringBuilder(VALID);
    for (int i = 0; i < 60; i++) { // ~5.9 KB: under the limit
      sb.append(";Root=").append(other).append(";Parent=1111111111111111;Sampled=0;Self=").append(other);
    }
    assertTrue(sb.length() < 8192);
    AmznTraceHeader h = AmznTraceHeader.parse(sb);
    assertEquals(ROOT, h.root().toXrayRoot());
    assertEquals(0x1111111111111111L, h.parent());
    assertSame(AmznTraceHeader.Sampled.NOT_SAMPLED, h.sampled());
    assertTrue(h.extraFields().isEmpty());
    HeaderParserFuzzTest.check(sb.toString());

    // A malformed first Root poisons the header even if a good one follows (docs/spec.md §1.5).
    assertSame(Invalid.MALFORMED_ROOT, AmznTraceHeader.parse("Root=x;" + VALID).invalid());
    // A malformed first Parent / Self / Sampled is not replaced by a later good one.
    AmznTraceHeader firstBad =
        AmznTraceHeader.parse(VALID + ";Parent=zz;Parent=53995c3f42cd8ad8;Sampled=2;Sampled=1;Self=;Self=" + other);
    assertFalse(firstBad.hasParent());
    assertFalse(firstBad.hasSelf());
    assertSame(AmznTraceHeader.Sampled.ABSENT, firstBad.sampled());
  }

  /**
   * Fields of every kind, in any order, around one valid Root (now and then the X-Ray SDK's whole
   * {@code Root;Parent;Sampled}): exact, padded with SP/HTAB, malformed, without {@code =}, short
   * values whose {@code ;} falls where an exact field would end, Latin-1 and chars above 0xFF whose
   * low byte is {@code ;}, {@code =}, SP, {@code -}, a hex digit or a key letter. The parser's
   * shortcuts (exact fields, the triple, other keys only flagged) may take a field only when it
   * reads as the general path would.
   */
  @Test
  void fieldSoupAroundAValidRootReadsAsTheSpecSays() {
    Seeded.forAll(4000, g -> {
      List<String> fields = new ArrayList<>(g.list(0, 7, () -> soupField(g)));
      fields.add(g.ints(0, fields.size()), "Root=" + g.pick(ROOT, ROOT.toUpperCase(Locale.ROOT),
          ROOT + ";Parent=53995c3f42cd8ad8;Sampled=" + g.pick("1", "0", "?")));
      HeaderParserFuzzTest.check(String.join(";", fields));
    });
  }

  private static String soupField(Gen g) {
    String key = g.pick("Root", "Self", "Parent", "Sampled", "Lineage", "CalledFrom", "root", "Rx", "Sa", "Lx",
        "Px", "", "\u0152oot", "Ro\u013bt", "\u0153elf", "\u00d2x", "\u00a0Root", "\u013dx");
    String value = g.pick(ROOT, ROOT.toUpperCase(Locale.ROOT), "1-67891233-12456789abcdef012345",
        "1-67891233-abcdef010000000000000000", "53995c3f42cd8ad8", "0000000000000000", "1", "0", "?", "",
        "app", "a=b", "By", "x", "\u0661", ROOT.replace('e', '\u0165'), ROOT.replace('-', '\u013b'),
        ROOT.replace('-', '\u012d'), ROOT.substring(1));
    String sp = g.pick("", "", "", " ", "\t", " \t", "\u0120", "\u00a0");
    String eq = g.pick("=", "=", "=", "", "\u013d");
    return g.pick("", sp) + key + g.pick("", sp) + eq + g.pick("", sp) + value + g.pick("", sp);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Root=1-67891233-abcdef012345678912345678\r\nX-Injected: 1",
        "Root=1-67891233-abcdef012345678912345678;Foo=bar\r\nSet-Cookie: a=b",
        "Root=1-67891233-abcdef012345678912345678;Lineage=\r\n\r\n<html>",
        "Root=1-67891233-abcdef012345678912345678;Self=1-67891233-abcdef01234567891234567\n8",
        "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8\r;Sampled=1\n",
        "\r\nRoot=1-67891233-abcdef012345678912345678",
        "Root=1-67891233-abcdef012345678912345678%0d%0aX-Injected:%201",
        "Root=1-67891233-abcdef012345678912345678;\u010d\u010a=\u560d\u560a",
      })
  void headerInjectionAttemptsNeverReachWhatIsWritten(String value) {
    // check() asserts every synthesized header, the outbound X-Ray header and the JSON line.
    HeaderParserFuzzTest.check(value);
    AmznTraceHeader h = AmznTraceHeader.parse(value);
    if (h.isValid()) assertEquals(ROOT, h.root().toXrayRoot());
  }

  @Test
  void convertKeepsOneOutputLinePerInputLineOnHostileStdin() throws IOException {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    List<byte[]> lines = new ArrayList<>();
    lines.add(VALID.getBytes(UTF_8));
    lines.add(("Root=" + "1".repeat(1 << 20)).getBytes(UTF_8)); // a 1 MB line
    lines.add(new byte[] {0, 0, 0});
    lines.add(new byte[] {(byte) 0xff, (byte) 0xc0, 'R', 'o', 'o', 't', '='});
    lines.add(new byte[0]);
    lines.add((VALID + ";X=\"\\\u2028").getBytes(UTF_8));
    lines.add(";".repeat(50_000).getBytes(UTF_8));
    for (byte[] l : lines) {
      in.writeBytes(l);
      in.write('\n');
    }
    CliAccess.Result r = CliAccess.run(in.toByteArray(), "convert");
    assertEquals(0, r.exitCode, r.stderr);
    List<String> out = readLines(new String(r.stdout, StandardCharsets.UTF_8));
    assertEquals(lines.size(), out.size());
    for (int i = 0; i < out.size(); i++) {
      JsonNode n = Checks.assertJsonLine(out.get(i));
      assertEquals(new String(lines.get(i), UTF_8), n.get("input").textValue());
    }
    assertEquals("2541551403134113400", Checks.assertJsonLine(out.get(0)).get("dd_trace_id").textValue());
    assertEquals("too long", Checks.assertJsonLine(out.get(1)).get("error").textValue());
    assertNull(Checks.assertJsonLine(out.get(2)).get("dd_trace_id"));
  }

  static List<String> readLines(String s) throws IOException {
    List<String> out = new ArrayList<>();
    BufferedReader r = new BufferedReader(new StringReader(s));
    for (String l; (l = r.readLine()) != null; ) out.add(l);
    return out;
  }

  /** Indexes of the 32 hex digits in an X-Ray id. */
  static int[] hexPositions(String xrayId) {
    int[] p = new int[32];
    int n = 0;
    for (int i = 2; i < xrayId.length(); i++) if (i != 10) p[n++] = i;
    return p;
  }

  /** Has a length; fails on any read of its content. */
  static final class UnreadableCharSequence implements CharSequence {
    private final int length;

    UnreadableCharSequence(int length) {
      this.length = length;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      throw new AssertionError("read char " + index + " of an over-long header");
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      throw new AssertionError("subSequence of an over-long header");
    }

    @Override
    public String toString() {
      throw new AssertionError("toString of an over-long header");
    }
  }
}
