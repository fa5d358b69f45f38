package io.albtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader.Field;
import io.albtrace.AmznTraceHeader.Invalid;

import io.albtrace.AmznTraceHeader.Sampled;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/spec.md §1 (grammar) and §3 (parent span id), rule by rule. Expected ids were computed outside Java
 * (Python big integers), never with the code under test.
 */
class AmznTraceHeaderTest {
  static final String ROOT = "1-67891233-abcdef012345678912345678";
  static final long ROOT_HIGH = 0x67891233abcdef01L;
  static final long ROOT_LOW = 0x2345678912345678L;
  /** docs/spec.md §3: mix64 of ROOT. */
  static final String ROOT_MIX = "00a80ccd5996a294";

  static final String SDK_ROOT = "1-5759e988-bd862e3fe1be46a994272793";
  /** A well-formed Self, and mix64 of it. */
  static final String SELF = "1-67891234-abcdef0123456789abcdef01";
  static final String SELF_MIX = "6443a3d926ba27a1";

  static AmznTraceHeader valid(String header) {
    AmznTraceHeader h = AmznTraceHeader.parse(header);
    assertTrue(h.isValid(), () -> header + " should be valid, was " + h);
    assertNull(h.invalid());
    return h;
  }

  static void assertInvalid(Invalid expected, String header) {
    AmznTraceHeader h = AmznTraceHeader.parse(header);
    assertFalse(h.isValid(), () -> header + " should be invalid, was " + h);
    assertEquals(expected, h.invalid(), header);
    // An invalid header is one of four shared constants: parsing it allocated nothing.
    assertSame(AmznTraceHeader.invalid(expected), h);
  }

  @Nested
  class AwsDocumentedHeaders {
    @Test
    void albGeneratedRoot() {
      AmznTraceHeader h = valid("Root=1-67891233-abcdef012345678912345678");
      assertEquals(ROOT_HIGH, h.rootHigh());
      assertEquals(ROOT_LOW, h.rootLow());
      assertEquals(ROOT, h.root().toXrayRoot());
      assertFalse(h.hasSelfField());
      assertFalse(h.hasSelf());
      assertNull(h.self());
      assertFalse(h.hasParent());
      assertEquals(0, h.parent());
      assertEquals(Sampled.ABSENT, h.sampled());
      assertNull(h.lineage());
      assertEquals(List.of(), h.extraFields());
      assertEquals(ROOT_MIX, h.parentSpanIdHex());
    }

    /** The ALB docs' Self has 23 digits in its unique part: malformed, ignored, still a Self field. */
    @Test
    void selfThenRoot() {
      AmznTraceHeader h =
          valid("Self=1-67891233-12456789abcdef012345678;Root=1-67891233-abcdef012345678912345678");
      assertEquals(ROOT, h.root().toXrayRoot());
      assertTrue(h.hasSelfField());
      assertFalse(h.hasSelf());
      assertNull(h.self());
      assertEquals(ROOT_MIX, h.parentSpanIdHex(), "a malformed Self is not used for the parent");
      assertEquals(h.parentSpanId(), h.albSpanId());
      assertEquals(List.of(), h.extraFields(), "a known key is never an extra field");
    }

    @Test
    void selfRootCalledFrom() {
      AmznTraceHeader h =
          valid(
              "Self=1-67891233-12456789abcdef012345678;Root=1-67891233-abcdef012345678912345678;"
                  + "CalledFrom=app");
      assertEquals(ROOT, h.root().toXrayRoot());
      assertTrue(h.hasSelfField());
      assertFalse(h.hasSelf());
      assertEquals(List.of(new Field("CalledFrom", "app")), h.extraFields());
      assertEquals(ROOT_MIX, h.parentSpanIdHex());
    }

    /** The same shape with a 20-digit Self (as in samples/headers.txt). */
    @Test
    void shortSelfVariant() {
      AmznTraceHeader h =
          valid(
              "Self=1-67891233-12456789abcdef012345;Root=1-67891233-abcdef012345678912345678;"
                  + "CalledFrom=app");
      assertTrue(h.hasSelfField());
      assertFalse(h.hasSelf());
      assertEquals(List.of(new Field("CalledFrom", "app")), h.extraFields());
    }

    @Test
    void xraySdkRootParentSampled() {
      AmznTraceHeader h =
          valid("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
      assertEquals(SDK_ROOT, h.root().toXrayRoot());
      assertEquals(0x5759e988bd862e3fL, h.rootHigh());
      assertEquals(0xe1be46a994272793L, h.rootLow());
      assertTrue(h.hasParent());
      assertEquals(0x53995c3f42cd8ad8L, h.parent());
      assertEquals(Sampled.SAMPLED, h.sampled());
      assertEquals("53995c3f42cd8ad8", h.parentSpanIdHex(), "a valid Parent is the parent span id");
      assertEquals(0x37b71623766e5592L, h.albSpanId(), "the ALB hop's own span: mix64 of Root, whatever the Parent");
      assertEquals(
          "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
          h.toString());
    }

    @Test
    void lineageIsKeptVerbatimAndNotAnExtraField() {
      AmznTraceHeader h =
          valid(
              "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0;"
                  + "Lineage=a87bd80c:1|68fd508a:5");
      assertEquals("a87bd80c:1|68fd508a:5", h.lineage());
      assertEquals(Sampled.NOT_SAMPLED, h.sampled());
      assertEquals(List.of(), h.extraFields());
    }

    @Test
    void firstLineageWinsAndIsTrimmed() {
      AmznTraceHeader h = valid("Lineage= \tfirst:1 ;Root=" + ROOT + ";Lineage=second:2");
      assertEquals("first:1", h.lineage());
      assertEquals(List.of(), h.extraFields());
    }

    @Test
    void lineageValueIsNeverInterpreted() {
      AmznTraceHeader h = valid("Root=" + ROOT + ";Lineage=x=y=z");
      assertEquals("x=y=z", h.lineage(), "only the first '=' separates key and value");
    }
  }

  @Nested
  class SpecWorkedExample {
    /** docs/spec.md §2 table and §3 example for Root=1-67891233-abcdef012345678912345678. */
    @Test
    void everyDerivedForm() {
      AmznTraceHeader h = valid("Root=" + ROOT);
      TraceId128 id = h.root();
      assertEquals("67891233abcdef012345678912345678", id.toHex());
      assertEquals(0x67891233abcdef01L, id.high());
      assertEquals(0x2345678912345678L, id.low());
      assertEquals("2541551403134113400", id.datadogTraceId());
      assertEquals("67891233abcdef01", id.datadogTid());
      assertEquals(1737036339L, id.epochSeconds());
      assertEquals(0x00a80ccd5996a294L, h.parentSpanId());
      assertEquals("00a80ccd5996a294", h.parentSpanIdHex());
      assertEquals(0x00a80ccd5996a294L, id.mixedSpanId());
    }
  }

  @Nested
  class Whitespace {
    @Test
    void spAndHtabAroundFieldsKeysAndValuesAreTrimmed() {
      AmznTraceHeader h =
          valid(" \t Root \t= \t1-67891233-abcdef012345678912345678\t ; \tSampled = 1 ;  Foo\t=\t bar \t");
      assertEquals(ROOT, h.root().toXrayRoot());
      assertEquals(Sampled.SAMPLED, h.sampled());
      assertEquals(List.of(new Field("Foo", "bar")), h.extraFields());
    }

    @Test
    void whitespaceInsideAValueIsKept() {
      AmznTraceHeader h = valid("Root=" + ROOT + ";Foo=a \t b;Lineage=c d");
      assertEquals(List.of(new Field("Foo", "a \t b")), h.extraFields());
      assertEquals("c d", h.lineage());
    }

    @Test
    void whitespaceInsideTheRootValueMakesItMalformed() {
      assertInvalid(Invalid.MALFORMED_ROOT, "Root=1-67891233 -abcdef012345678912345678");
      assertInvalid(Invalid.MALFORMED_ROOT, "Root=1- 67891233-abcdef012345678912345678");
    }

    /** Only SP and HTAB are trimmed: CR, LF, VT, FF, NBSP, em space, ... stay part of the text. */
    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\u000b", "\f", "\u00a0", "\u2003", "\u3000", "\u0000", "\u001c", "\u0085", "\ufeff"})
    void otherWhitespaceIsNotTrimmed(String ws) {
      // Around the value: the Root value is then 36 chars, so malformed.
      assertInvalid(Invalid.MALFORMED_ROOT, "Root=" + ROOT + ws);
      assertInvalid(Invalid.MALFORMED_ROOT, "Root=" + ws + ROOT);
      // Around the key: the key is no longer "Root".
      assertInvalid(Invalid.NO_ROOT, ws + "Root=" + ROOT);
      assertInvalid(Invalid.NO_ROOT, "Root" + ws + "=" + ROOT);
      // ... and is kept as an extra field, key and value verbatim.
      AmznTraceHeader h = valid("Root=" + ROOT + ";" + ws + "Root=x");
      assertEquals(List.of(new Field(ws + "Root", "x")), h.extraFields());
      // Around a Sampled value: not one of 1, 0, ?.
      assertEquals(Sampled.ABSENT, valid("Root=" + ROOT + ";Sampled=1" + ws).sampled());
    }
  }

  @Nested
  class HexDigits {
    @Test
    void upperCaseHexIsReadAndWrittenLowercase() {
      AmznTraceHeader h =
          valid("Root=1-6789ABCD-ABCDEF012345678912345678;Self=" + SELF.toUpperCase()
              + ";Parent=53995C3F42CD8AD8");
      assertEquals("1-6789abcd-abcdef012345678912345678", h.root().toXrayRoot());
      assertEquals(0x6789abcdabcdef01L, h.rootHigh());
      assertEquals(SELF, h.self().toXrayRoot());
      assertEquals(0x53995c3f42cd8ad8L, h.parent());
      assertEquals(
          "Root=1-6789abcd-abcdef012345678912345678;Self=" + SELF + ";Parent=53995c3f42cd8ad8",
          h.toString());
    }

    @Test
    void mixedCaseIsTheSameId() {
      assertEquals(
          valid("Root=" + ROOT).root(), valid("Root=1-67891233-AbCdEf012345678912345678").root());
    }

    /** Unicode digits that Character.digit would accept are not hex digits (docs/spec.md §1 rule 6). */
    @ParameterizedTest
    @ValueSource(
        strings = {
          "\u0660", "\u0661", "\u0669", // Arabic-Indic 0, 1, 9
          "\u06f1", // Extended Arabic-Indic 1
          "\u0967", // Devanagari 1
          "\uff10", "\uff11", "\uff19", // full-width 0, 1, 9
          "\uff21", "\uff41", "\uff46", // full-width A, a, f
          "g", "G", "x", "-", "+", " ", "\u0000", "\u00e9", "\ud835\udfcf" // and other non-hex
        })
    void nonAsciiDigitsAreNotHex(String digit) {
      // In the epoch part, in the unique part (high and low halves), as the version.
      assertInvalid(Invalid.MALFORMED_ROOT, "Root=1-" + digit + "7891233-abcdef012345678912345678");
      assertInvalid(Invalid.MALFORMED_ROOT, "Root=1-6789123" + digit + "-abcdef012345678912345678");
      assertInvalid(Invalid.MALFORMED_ROOT, "Root=1-67891233-" + digit + "bcdef012345678912345678");
      assertInvalid(Invalid.MALFORMED_ROOT, "Root=1-67891233-abcdef01234567891234567" + digit);
      if (digit.length() == 1) {
        assertInvalid(Invalid.MALFORMED_ROOT, "Root=" + digit + "-67891233-abcdef012345678912345678");
      }
      // In Self: ignored. In Parent: ignored.
      AmznTraceHeader h =
          valid("Self=1-67891234-abcdef0123456789abcdef0" + digit + ";Root=" + ROOT
              + ";Parent=53995c3f42cd8ad" + digit);
      assertTrue(h.hasSelfField());
      assertFalse(h.hasSelf());
      assertFalse(h.hasParent());
      assertEquals(ROOT_MIX, h.parentSpanIdHex());
    }
  }

  @Nested
  class EveryDigitPosition {
    /** Chars that are not ASCII hex, though several are digits or letters to Character.digit. */
    final char[] notHex = {
      'g', 'G', 'z', ' ', '-', '/', ':', '@', '`', '\u0000', '\u00e9', '\u0660', '\u0669',
      '\u06f5', '\u0967', '\uff10', '\uff19', '\uff21', '\uff41', '\ud800', '\u0130', '\u0131'
    };

    /** Positions of the 32 hex digits in {@code 1-TTTTTTTT-UUUUUUUUUUUUUUUUUUUUUUUU}. */
    int[] hexPositions() {
      int[] p = new int[32];
      for (int i = 0; i < 8; i++) p[i] = 2 + i;
      for (int i = 0; i < 24; i++) p[8 + i] = 11 + i;
      return p;
    }

    @Test
    void aNonHexCharAnywhereInRootIsMalformed() {
      for (int pos : hexPositions()) {
        for (char c : notHex) {
          char[] id = ROOT.toCharArray();
          id[pos] = c;
          assertInvalid(Invalid.MALFORMED_ROOT, "Root=" + new String(id));
        }
      }
    }

    @Test
    void aNonHexCharAnywhereInSelfOrParentIsIgnored() {
      for (int pos : hexPositions()) {
        for (char c : notHex) {
          char[] self = SELF.toCharArray();
          self[pos] = c;
          AmznTraceHeader h = valid("Self=" + new String(self) + ";Root=" + ROOT);
          assertTrue(h.hasSelfField());
          assertFalse(h.hasSelf(), new String(self));
          assertEquals(ROOT_MIX, h.parentSpanIdHex());
        }
      }
      for (int pos = 0; pos < 16; pos++) {
        for (char c : notHex) {
          char[] parent = "53995c3f42cd8ad8".toCharArray();
          parent[pos] = c;
          assertFalse(valid("Root=" + ROOT + ";Parent=" + new String(parent)).hasParent());
        }
      }
    }

    @Test
    void everyHexDigitInEveryPositionIsRead() {
      String digits = "0123456789abcdefABCDEF";
      for (int pos : hexPositions()) {
        for (char c : digits.toCharArray()) {
          char[] id = "1-00000000-000000000000000000000001".toCharArray();
          id[pos] = c;
          if (pos == 34) id[33] = '1'; // keep the low 64 bits non-zero
          String root = new String(id);
          AmznTraceHeader h = valid("Root=" + root);
          assertEquals(root.toLowerCase(java.util.Locale.ROOT), h.root().toXrayRoot());
          assertEquals(new java.math.BigInteger(root.substring(2, 10) + root.substring(11), 16),
              new java.math.BigInteger(h.root().toHex(), 16));
        }
      }
    }
  }

  @Nested
  class Keys {
    @Test
    void rootCauseBeforeRootIsAnExtraField() {
      AmznTraceHeader h = valid("RootCause=1-11111111-111111111111111111111111;Root=" + ROOT);
      assertEquals(ROOT, h.root().toXrayRoot());
      assertEquals(
          List.of(new Field("RootCause", "1-11111111-111111111111111111111111")), h.extraFields());
    }

    @Test
    void rootCauseAloneIsNoRoot() {
      assertInvalid(Invalid.NO_ROOT, "RootCause=" + ROOT);
      assertInvalid(Invalid.NO_ROOT, "RootX=" + ROOT);
      assertInvalid(Invalid.NO_ROOT, "XRoot=" + ROOT);
      assertInvalid(Invalid.NO_ROOT, "Roo=" + ROOT);
    }

    @Test
    void keysAreCaseSensitive() {
      assertInvalid(Invalid.NO_ROOT, "root=" + ROOT);
      assertInvalid(Invalid.NO_ROOT, "ROOT=" + ROOT);
      assertInvalid(Invalid.NO_ROOT, "rOOT=" + ROOT);
      AmznTraceHeader h =
          valid("root=1-11111111-111111111111111111111111;Root=" + ROOT
              + ";self=" + SELF + ";parent=53995c3f42cd8ad8;sampled=1;lineage=l;SELF=" + SELF);
      assertEquals(ROOT, h.root().toXrayRoot());
      assertFalse(h.hasSelfField());
      assertFalse(h.hasParent());
      assertEquals(Sampled.ABSENT, h.sampled());
      assertNull(h.lineage());
      assertEquals(
          List.of(
              new Field("root", "1-11111111-111111111111111111111111"),
              new Field("self", SELF),
              new Field("parent", "53995c3f42cd8ad8"),
              new Field("sampled", "1"),
              new Field("lineage", "l"),
              new Field("SELF", SELF)),
          h.extraFields(),
          "other keys are kept in header order");
    }

    @Test
    void fieldsWithoutEqualsAndEmptyFieldsAreSkipped() {
      AmznTraceHeader h = valid(";;Root;; ;\t;Flag;Root=" + ROOT + ";;Self;Sampled;;");
      assertEquals(ROOT, h.root().toXrayRoot());
      assertFalse(h.hasSelfField(), "'Self' without '=' is no field at all");
      assertEquals(Sampled.ABSENT, h.sampled());
      assertEquals(List.of(), h.extraFields());
    }

    @Test
    void onlyTheFirstEqualsSeparates() {
      AmznTraceHeader h = valid("Root=" + ROOT + ";a=b=c;=empty-key;empty-value=");
      assertEquals(
          List.of(new Field("a", "b=c"), new Field("", "empty-key"), new Field("empty-value", "")),
          h.extraFields());
      assertInvalid(Invalid.MALFORMED_ROOT, "Root==" + ROOT);
    }

    @Test
    void extraFieldsAreUnmodifiable() {
      List<Field> extras = valid("Root=" + ROOT + ";a=b").extraFields();
      assertThrows(UnsupportedOperationException.class, () -> extras.add(new Field("c", "d")));
      List<Field> none = valid("Root=" + ROOT).extraFields();
      assertThrows(UnsupportedOperationException.class, () -> none.add(new Field("c", "d")));
    }

    @Test
    void fieldValueObject() {
      Field f = new Field("CalledFrom", "app");
      assertEquals("CalledFrom", f.key());
      assertEquals("app", f.value());
      assertEquals("CalledFrom=app", f.toString());
      assertEquals(new Field("CalledFrom", "app").hashCode(), f.hashCode());
      assertFalse(f.equals(new Field("CalledFrom", "App")));
      assertFalse(f.equals(new Field("calledFrom", "app")));
      assertFalse(f.equals("CalledFrom=app"));
    }
  }

  @Nested
  class DuplicateKeys {
    static final String OTHER = "1-5759e988-bd862e3fe1be46a994272793";

    @Test
    void firstRootWins() {
      assertEquals(ROOT, valid("Root=" + ROOT + ";Root=" + OTHER).root().toXrayRoot());
      assertEquals(OTHER, valid("Root=" + OTHER + ";Root=" + ROOT).root().toXrayRoot());
    }

    @Test
    void firstMalformedRootMakesTheHeaderInvalidEvenIfALaterOneIsFine() {
      assertInvalid(Invalid.MALFORMED_ROOT, "Root=1-67891233-abcdef01234567891234567;Root=" + ROOT);
      assertInvalid(Invalid.MALFORMED_ROOT, "Root=;Root=" + ROOT);
      assertInvalid(
          Invalid.LOW_64_BITS_ZERO, "Root=1-67891233-abcdef010000000000000000;Root=" + ROOT);
    }

    @Test
    void laterMalformedRootIsIgnored() {
      AmznTraceHeader h = valid("Root=" + ROOT + ";Root=garbage");
      assertEquals(ROOT, h.root().toXrayRoot());
      assertEquals(List.of(), h.extraFields(), "a later known key is dropped, not an extra field");
    }

    @Test
    void firstSelfWinsEvenWhenMalformed() {
      AmznTraceHeader h = valid("Self=" + SELF + ";Root=" + ROOT + ";Self=" + OTHER);
      assertEquals(SELF, h.self().toXrayRoot());
      AmznTraceHeader bad = valid("Self=bad;Root=" + ROOT + ";Self=" + SELF);
      assertTrue(bad.hasSelfField());
      assertFalse(bad.hasSelf());
      assertEquals(ROOT_MIX, bad.parentSpanIdHex());
    }

    @Test
    void firstParentWinsEvenWhenInvalid() {
      assertEquals(
          0x1111111111111111L,
          valid("Root=" + ROOT + ";Parent=1111111111111111;Parent=2222222222222222").parent());
      assertFalse(valid("Root=" + ROOT + ";Parent=0000000000000000;Parent=2222222222222222").hasParent());
      assertFalse(valid("Root=" + ROOT + ";Parent=zz;Parent=2222222222222222").hasParent());
    }

    @Test
    void firstSampledWinsEvenWhenInvalid() {
      assertEquals(Sampled.NOT_SAMPLED, valid("Root=" + ROOT + ";Sampled=0;Sampled=1").sampled());
      assertEquals(Sampled.ABSENT, valid("Root=" + ROOT + ";Sampled=yes;Sampled=1").sampled());
    }

    @Test
    void duplicateExtraKeysAreAllKept() {
      assertEquals(
          List.of(new Field("a", "1"), new Field("a", "2")),
          valid("a=1;Root=" + ROOT + ";a=2").extraFields());
    }
  }

  @Nested
  class Length {
    /** A valid header padded with an extra field to exactly {@code length} chars. */
    String padded(int length) {
      String head = "Root=" + ROOT + ";Pad=";
      String h = head + "x".repeat(length - head.length());
      assertEquals(length, h.length());
      return h;
    }

    @Test
    void maxLengthIs8192() {
      assertEquals(8192, AmznTraceHeader.MAX_LENGTH);
    }

    @Test
    void exactly8192IsRead() {
      AmznTraceHeader h = valid(padded(8192));
      assertEquals(ROOT, h.root().toXrayRoot());
      assertEquals(8192 - "Root=;Pad=".length() - ROOT.length(), h.extraFields().get(0).value().length());
    }

    @Test
    void rootAtTheVeryEndOf8192IsFound() {
      String tail = "Root=" + ROOT;
      String h = ";".repeat(8192 - tail.length()) + tail;
      assertEquals(8192, h.length());
      assertEquals(ROOT, valid(h).root().toXrayRoot());
      String spaces = " ".repeat(8192 - tail.length() - 1) + ";" + tail;
      assertEquals(ROOT, valid(spaces).root().toXrayRoot());
    }

    @Test
    void over8192IsTooLongWhateverItHolds() {
      assertInvalid(Invalid.TOO_LONG, padded(8193));
      assertInvalid(Invalid.TOO_LONG, padded(100_000));
      assertInvalid(Invalid.TOO_LONG, ";".repeat(8193));
      assertInvalid(Invalid.TOO_LONG, "Root=bad" + " ".repeat(8193));
    }

    @Test
    void lengthIsThatOfTheRangeNotOfTheBuffer() {
      String inner = padded(8192);
      String buffer = "prefix \"" + inner + "\" suffix";
      AmznTraceHeader h = AmznTraceHeader.parse(buffer, 8, 8 + inner.length());
      assertTrue(h.isValid());
      assertInvalid(Invalid.TOO_LONG, buffer.substring(7, 8 + inner.length()));
      assertSame(
          AmznTraceHeader.invalid(Invalid.TOO_LONG),
          AmznTraceHeader.parse(buffer, 7, 8 + inner.length()));
    }
  }

  @Nested
  class RootValidity {
    @Test
    void allZeroRootIsInvalid() {
      assertInvalid(Invalid.LOW_64_BITS_ZERO, "Root=1-00000000-000000000000000000000000");
    }

    @Test
    void lowZeroRootIsInvalid() {
      assertInvalid(Invalid.LOW_64_BITS_ZERO, "Root=1-67891233-abcdef010000000000000000");
      assertInvalid(Invalid.LOW_64_BITS_ZERO, "Root=1-ffffffff-ffffffff0000000000000000");
    }

    @Test
    void highZeroWithNonZeroLowIsValid() {
      AmznTraceHeader h = valid("Root=1-00000000-000000000000000000000001");
      assertEquals(0, h.rootHigh());
      assertEquals(1, h.rootLow());
      assertEquals("1", h.root().datadogTraceId());
      assertEquals("0000000000000000", h.root().datadogTid());
      assertEquals(0, h.root().epochSeconds());
    }

    @Test
    void maximumValues() {
      AmznTraceHeader h = valid("Root=1-ffffffff-ffffffffffffffffffffffff");
      assertEquals(-1L, h.rootHigh());
      assertEquals(-1L, h.rootLow());
      assertEquals("18446744073709551615", h.root().datadogTraceId());
      assertEquals(4294967295L, h.root().epochSeconds());
    }

    @Test
    void datadogInjectedLayout() {
      AmznTraceHeader h = valid("Root=1-67891233-000000002345678912345678");
      assertEquals("2541551403134113400", h.root().datadogTraceId());
      assertEquals("6789123300000000", h.root().datadogTid());
      assertEquals(1737036339L, h.root().epochSeconds());
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "Root=",
          "Root=1",
          "Root=1-67891233",
          "Root=1-67891233-",
          "Root=2-67891233-abcdef012345678912345678", // version must be 1
          "Root=0-67891233-abcdef012345678912345678",
          "Root=1_67891233-abcdef012345678912345678",
          "Root=1-67891233_abcdef012345678912345678",
          "Root=1-6789123-3abcdef012345678912345678", // dash in the wrong place
          "Root=1-67891233-abcdef01234567891234567", // 23 digits
          "Root=1-67891233-abcdef0123456789123456789", // 25 digits
          "Root=1-067891233-abcdef012345678912345678",
          "Root=11-67891233-abcdef012345678912345678",
          "Root=1-67891233-abcdef01-2345678912345678",
          "Root=67891233abcdef012345678912345678", // 32 hex, no X-Ray layout
          "Root=1-67891233-abcdef012345678912345678x",
          "Root=1-67891233-abcdef01234567891234567g",
          "Root=\"1-67891233-abcdef012345678912345678\"",
          "Root=1-67891233-0000000000000000000000000", // samples/headers.txt: 25 digits
        })
    void malformedRoots(String header) {
      assertInvalid(Invalid.MALFORMED_ROOT, header);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "", " ", "\t", ";", ";;;;", "Root", "Root;", "x", "Self=" + SELF,
          "Parent=53995c3f42cd8ad8;Sampled=1", "Lineage=a:1", "CalledFrom=app",
          "1-67891233-abcdef012345678912345678",
          "root=1-67891233-abcdef012345678912345678", // samples/headers.txt
        })
    void noRoot(String header) {
      assertInvalid(Invalid.NO_ROOT, header);
    }

    @Test
    void nullIsNoRoot() {
      assertSame(AmznTraceHeader.invalid(Invalid.NO_ROOT), AmznTraceHeader.parse(null));
    }

    @Test
    void invalidReasonsAreSpecTexts() {
      assertEquals("too long", Invalid.TOO_LONG.reason());
      assertEquals("no Root field", Invalid.NO_ROOT.reason());
      assertEquals("malformed Root", Invalid.MALFORMED_ROOT.reason());
      assertEquals("low 64 bits are zero", Invalid.LOW_64_BITS_ZERO.reason());
      assertEquals("malformed Root", Invalid.MALFORMED_ROOT.toString());
      assertEquals(4, Invalid.values().length);
    }

    @Test
    void invalidHeaderAccessors() {
      AmznTraceHeader h = AmznTraceHeader.parse("Root=bad;Parent=53995c3f42cd8ad8;Sampled=1");
      assertEquals(Invalid.MALFORMED_ROOT, h.invalid());
      assertEquals(0, h.rootHigh());
      assertEquals(0, h.rootLow());
      assertFalse(h.hasParent());
      assertEquals(Sampled.ABSENT, h.sampled());
      assertEquals(List.of(), h.extraFields());
      assertEquals("invalid (malformed Root)", h.toString());
      IllegalStateException e = assertThrows(IllegalStateException.class, h::root);
      assertTrue(e.getMessage().contains("malformed Root"), e.getMessage());
      assertThrows(IllegalStateException.class, h::parentSpanId);
      assertThrows(IllegalStateException.class, h::parentSpanIdHex);
    }

    /** No Lineage or extra field collected before the failure escapes: the constant is shared. */
    @Test
    void invalidHeadersWithExtraFieldsAreStillTheSharedConstants() {
      assertInvalid(Invalid.NO_ROOT, "Lineage=a:1;CalledFrom=app;Foo=bar");
      assertInvalid(Invalid.MALFORMED_ROOT, "CalledFrom=app;Lineage=a:1;Root=bad");
      assertInvalid(Invalid.LOW_64_BITS_ZERO, "Foo=bar;Root=1-67891233-abcdef010000000000000000");
    }
  }

  @Nested
  class ParentField {
    @Test
    void validParent() {
      AmznTraceHeader h = valid("Root=" + ROOT + ";Parent=ffffffffffffffff");
      assertTrue(h.hasParent());
      assertEquals(-1L, h.parent());
      assertEquals("ffffffffffffffff", h.parentSpanIdHex());
      assertEquals(1L, valid("Root=" + ROOT + ";Parent=0000000000000001").parent());
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "0000000000000000", // all zero
          "53995c3f42cd8ad", // 15 digits
          "53995c3f42cd8ad80", // 17 digits
          "053995c3f42cd8ad8",
          "", "0", "53995c3f42cd8adg", "0x53995c3f42cd8a", "53995c3f-42cd8ad",
          "\uff15\uff13995c3f42cd8ad8", "53995c3f42cd8ad8 x"
        })
    void invalidParentIsAbsent(String parent) {
      AmznTraceHeader h = valid("Root=" + ROOT + ";Parent=" + parent);
      assertFalse(h.hasParent(), parent);
      assertEquals(0, h.parent());
      assertEquals(ROOT_MIX, h.parentSpanIdHex(), "falls back to mix64 of the Root");
      assertEquals(List.of(), h.extraFields());
      assertEquals("Root=" + ROOT, h.toString());
    }
  }

  @Nested
  class SampledField {
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "Sampled=1 | SAMPLED",
          "Sampled=0 | NOT_SAMPLED",
          "Sampled=? | REQUESTED",
          "Sampled= 1\t | SAMPLED",
          "Sampled= | ABSENT",
          "Sampled=2 | ABSENT",
          "Sampled=11 | ABSENT",
          "Sampled=01 | ABSENT",
          "Sampled=true | ABSENT",
          "Sampled=yes | ABSENT",
          "Sampled=?? | ABSENT",
          "Sampled=\u0661 | ABSENT",
          "Sampled=\uff11 | ABSENT",
          "Sampled=1 0 | ABSENT",
          "sampled=1 | ABSENT",
          "Foo=bar | ABSENT",
        })
    void sampledValues(String field, Sampled expected) {
      assertEquals(expected, valid("Root=" + ROOT + ";" + field).sampled(), field);
    }
  }

  @Nested
  class ParentSpanId {
    @Test
    void derivedFromSelfWhenSelfIsValid() {
      AmznTraceHeader h = valid("Self=" + SELF + ";Root=" + ROOT);
      assertTrue(h.hasSelf());
      assertEquals(SELF, h.self().toXrayRoot());
      assertEquals(SELF_MIX, h.parentSpanIdHex());
      assertEquals(h.self().mixedSpanId(), h.parentSpanId());
    }

    @Test
    void selfIsUsedWhereverItStands() {
      assertEquals(SELF_MIX, valid("Root=" + ROOT + ";Self=" + SELF).parentSpanIdHex());
    }

    @Test
    void parentWinsOverSelf() {
      assertEquals(
          "53995c3f42cd8ad8",
          valid("Self=" + SELF + ";Root=" + ROOT + ";Parent=53995c3f42cd8ad8").parentSpanIdHex());
    }

    @Test
    void rootWhenNeitherParentNorSelf() {
      assertEquals(ROOT_MIX, valid("Root=" + ROOT).parentSpanIdHex());
      assertEquals("37b71623766e5592", valid("Root=" + SDK_ROOT).parentSpanIdHex());
      assertEquals(
          "fb6baf5cfef78ecd", valid("Root=1-58406520-a006649127e371903a2de979").parentSpanIdHex());
    }

    @Test
    void mix64IsNeverZero() {
      // mix64 is a bijection of z = hi * golden + lo; its finaliser maps 0 to 0, so hi = lo = 0
      // is the only zero input, and docs/spec.md §3 turns it into 1.
      assertEquals(1L, TraceId128.mix64(0, 0));
      assertEquals(1L, TraceId128.of(0, 0).mixedSpanId());
    }

    @Test
    void selfWithZeroIsStillASelf() {
      AmznTraceHeader h = valid("Self=1-00000000-000000000000000000000000;Root=" + ROOT);
      assertTrue(h.hasSelf(), "Self is never checked for zero");
      assertEquals("0000000000000001", h.parentSpanIdHex());
    }
  }

  @Nested
  class SubRange {
    @Test
    void parsesOnlyTheRange() {
      String line =
          "http 2025-01-16T14:05:39Z app/lb 1.2.3.4:5 \"Root=1-67891233-abcdef012345678912345678;Sampled=0\""
              + " Root=bad;Root=1-00000000-000000000000000000000000";
      int begin = line.indexOf('"') + 1;
      int end = line.indexOf('"', begin);
      AmznTraceHeader h = AmznTraceHeader.parse(line, begin, end);
      assertTrue(h.isValid());
      assertEquals(ROOT, h.root().toXrayRoot());
      assertEquals(Sampled.NOT_SAMPLED, h.sampled());
      assertEquals(ROOT_MIX, h.parentSpanIdHex());
      assertEquals(List.of(), h.extraFields());
    }

    @Test
    void rangeEndsMidField() {
      String s = "Root=" + ROOT + ";Parent=53995c3f42cd8ad8";
      AmznTraceHeader h = AmznTraceHeader.parse(s, 0, s.length() - 1);
      assertFalse(h.hasParent(), "15 digits within the range");
      assertSame(
          AmznTraceHeader.invalid(Invalid.MALFORMED_ROOT), AmznTraceHeader.parse(s, 0, 39));
      assertSame(AmznTraceHeader.invalid(Invalid.NO_ROOT), AmznTraceHeader.parse(s, 1, 40));
      assertSame(AmznTraceHeader.invalid(Invalid.NO_ROOT), AmznTraceHeader.parse(s, 7, 7));
    }

    @Test
    void rareFieldsAndSelfInARange() {
      String s = "xx;Foo=bar;Self=" + SELF + ";Root=" + ROOT + ";Lineage=l:1;Baz=q;yy";
      int begin = 3;
      int end = s.length() - 3;
      AmznTraceHeader h = AmznTraceHeader.parse(s, begin, end);
      assertEquals(SELF, h.self().toXrayRoot());
      assertEquals("l:1", h.lineage());
      assertEquals(List.of(new Field("Foo", "bar"), new Field("Baz", "q")), h.extraFields());
    }

    @Test
    void anyCharSequence() {
      StringBuilder sb = new StringBuilder("Root=").append(ROOT).append(";Sampled=1");
      AmznTraceHeader h = AmznTraceHeader.parse(sb);
      assertEquals(ROOT, h.root().toXrayRoot());
      assertEquals(Sampled.SAMPLED, h.sampled());
      assertEquals(
          ROOT, AmznTraceHeader.parse(java.nio.CharBuffer.wrap("Root=" + ROOT)).root().toXrayRoot());
    }

    @Test
    void badBoundsThrowIndexOutOfBounds() {
      String s = "Root=" + ROOT;
      assertThrows(IndexOutOfBoundsException.class, () -> AmznTraceHeader.parse(s, -1, 5));
      assertThrows(IndexOutOfBoundsException.class, () -> AmznTraceHeader.parse(s, 0, s.length() + 1));
      assertThrows(IndexOutOfBoundsException.class, () -> AmznTraceHeader.parse(s, 6, 5));
    }
  }

  @Nested
  class ParseOrThrow {
    @Test
    void validHeaderIsReturned() {
      AmznTraceHeader h = AmznTraceHeader.parseOrThrow("Root=" + ROOT + ";Sampled=1");
      assertEquals(ROOT, h.root().toXrayRoot());
      assertEquals(Sampled.SAMPLED, h.sampled());
    }

    @Test
    void eachReasonIsThrown() {
      assertReason(Invalid.MALFORMED_ROOT, "Root=bad");
      assertReason(Invalid.NO_ROOT, "Self=" + SELF);
      assertReason(Invalid.NO_ROOT, null);
      assertReason(Invalid.LOW_64_BITS_ZERO, "Root=1-00000000-000000000000000000000000");
      assertReason(Invalid.TOO_LONG, "Root=" + ROOT + ";" + "x".repeat(8192));
    }

    void assertReason(Invalid expected, String header) {
      InvalidHeaderException e =
          assertThrows(InvalidHeaderException.class, () -> AmznTraceHeader.parseOrThrow(header));
      assertEquals(expected, e.invalid());
      assertEquals("invalid X-Amzn-Trace-Id: " + expected.reason(), e.getMessage());
      assertTrue(e instanceof TraceIdFormatException);
      assertTrue(e instanceof IllegalArgumentException);
    }
  }

  @Nested
  class Normalisation {
    @Test
    void toStringListsUnderstoodFieldsThenExtras() {
      AmznTraceHeader h =
          valid(" Foo=1 ;Sampled=?;Lineage=l:1;Parent=53995C3F42CD8AD8;Self=" + SELF
              + ";Root=1-67891233-ABCDEF012345678912345678;Bar=2");
      assertEquals(
          "Root=" + ROOT + ";Self=" + SELF + ";Parent=53995c3f42cd8ad8;Sampled=?;Lineage=l:1;Foo=1;Bar=2",
          h.toString());
    }

    @Test
    void malformedSelfIsLeftOut() {
      assertEquals(
          "Root=" + ROOT + ";CalledFrom=app",
          valid("Self=1-67891233-12456789abcdef012345678;Root=" + ROOT + ";CalledFrom=app").toString());
    }

    @Test
    void outboundHeader() {
      TraceId128 root = valid("Root=" + ROOT).root();
      assertEquals(
          "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1",
          AmznTraceHeaderWriter.write(root, 0x53995c3f42cd8ad8L, true));
      assertEquals(
          "Root=1-67891233-abcdef012345678912345678;Parent=0000000000000001;Sampled=0",
          AmznTraceHeaderWriter.write(root, 1L, false));
      String out = AmznTraceHeaderWriter.write(TraceId128.of(-1L, -1L), -1L, true);
      assertEquals("Root=1-ffffffff-ffffffffffffffffffffffff;Parent=ffffffffffffffff;Sampled=1", out);
      AmznTraceHeader back = valid(out);
      assertEquals(-1L, back.parent());
      assertEquals(Sampled.SAMPLED, back.sampled());
    }

    @Test
    void headerName() {
      assertEquals("X-Amzn-Trace-Id", AmznTraceHeader.NAME);
    }
  }
}
