package io.albtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/spec.md §2 (the 128-bit id and its forms) and §5 (reverse mapping), with every error case. */
class TraceId128Test {
  static final String TID = "67891233abcdef01";
  static final String DD = "2541551403134113400";
  static final String MAX = "18446744073709551615"; // 2^64 - 1
  static final String TWO_64 = "18446744073709551616"; // 2^64

  @Nested
  class Forms {
    @Test
    void workedExample() {
      TraceId128 id = TraceId128.of(0x67891233abcdef01L, 0x2345678912345678L);
      assertEquals("1-67891233-abcdef012345678912345678", id.toXrayRoot());
      assertEquals("1-67891233-abcdef012345678912345678", id.toString());
      assertEquals("67891233abcdef012345678912345678", id.toHex());
      assertEquals(DD, id.datadogTraceId());
      assertEquals(TID, id.datadogTid());
      assertEquals(1737036339L, id.epochSeconds());
      assertEquals(0x00a80ccd5996a294L, id.mixedSpanId());
    }

    @Test
    void zeroPaddingAndUnsignedForms() {
      TraceId128 small = TraceId128.of(1, 2);
      assertEquals("1-00000000-000000010000000000000002", small.toXrayRoot());
      assertEquals("00000000000000010000000000000002", small.toHex());
      assertEquals("2", small.datadogTraceId());
      assertEquals("0000000000000001", small.datadogTid());
      assertEquals(0, small.epochSeconds());

      TraceId128 max = TraceId128.of(-1L, -1L);
      assertEquals("1-ffffffff-ffffffffffffffffffffffff", max.toXrayRoot());
      assertEquals(MAX, max.datadogTraceId());
      assertEquals("ffffffffffffffff", max.datadogTid());
      assertEquals(4294967295L, max.epochSeconds());

      assertEquals("9223372036854775808", TraceId128.of(0, Long.MIN_VALUE).datadogTraceId());
      assertEquals("9223372036854775807", TraceId128.of(0, Long.MAX_VALUE).datadogTraceId());
      assertEquals("0", TraceId128.of(5, 0).datadogTraceId());
    }

    @Test
    void valueSemantics() {
      TraceId128 a = TraceId128.of(1, 2);
      assertEquals(a, TraceId128.of(1, 2));
      assertEquals(a.hashCode(), TraceId128.of(1, 2).hashCode());
      assertNotEquals(a, TraceId128.of(2, 1));
      assertNotEquals(a, TraceId128.of(1, 3));
      assertNotEquals(a, "1-00000000-000000010000000000000002");
    }
  }

  @Nested
  class FromHex {
    @Test
    void thirtyTwoHexDigits() {
      assertEquals(
          "1-67891233-abcdef012345678912345678",
          TraceId128.fromHex("67891233abcdef012345678912345678").toXrayRoot());
      assertEquals(
          "1-67891233-abcdef012345678912345678",
          TraceId128.fromHex("67891233ABCDEF012345678912345678").toXrayRoot());
      assertEquals(
          TraceId128.of(0, 1), TraceId128.fromHex("00000000000000000000000000000001"));
      assertEquals(
          TraceId128.of(-1, -1), TraceId128.fromHex("ffffffffffffffffffffffffffffffff"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "67891233abcdef01234567891234567", // 31
          "67891233abcdef0123456789123456780", // 33
          "67891233abcdef01234567891234567g",
          "67891233-bcdef012345678912345678",
          " 7891233abcdef012345678912345678",
          "67891233abcdef01234567891234567\u0661", // Arabic-Indic 1
          "\uff16\uff17891233abcdef012345678912345678", // full-width 6 7: 32 chars
          "1-67891233-abcdef012345678912345678",
          "0x67891233abcdef012345678912345678",
        })
    void notThirtyTwoHexDigits(String hex) {
      TraceIdFormatException e =
          assertThrows(TraceIdFormatException.class, () -> TraceId128.fromHex(hex));
      assertTrue(e.getMessage().startsWith("trace id must be 32 hex digits: \""), e.getMessage());
    }

    @Test
    void zeroIdIsAnError() {
      TraceIdFormatException e =
          assertThrows(
              TraceIdFormatException.class,
              () -> TraceId128.fromHex("00000000000000000000000000000000"));
      assertEquals("trace id is zero", e.getMessage());
    }

    @Test
    void zeroLowHalfIsAnError() {
      TraceIdFormatException e =
          assertThrows(
              TraceIdFormatException.class,
              () -> TraceId128.fromHex("67891233abcdef010000000000000000"));
      assertTrue(e.getMessage().contains("low 64 bits"), e.getMessage());
    }

    @Test
    void longHostileInputIsQuotedShortAndWithoutControlChars() {
      String hostile = "\n\u0000" + "x".repeat(1_000_000);
      TraceIdFormatException e =
          assertThrows(TraceIdFormatException.class, () -> TraceId128.fromHex(hostile));
      assertTrue(e.getMessage().length() < 200, "message length " + e.getMessage().length());
      assertTrue(e.getMessage().endsWith("...\""), e.getMessage());
      assertTrue(e.getMessage().contains("\"??xxx"), e.getMessage());
      assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), e.getMessage());
    }
  }

  @Nested
  class FromDatadogWithTid {
    @Test
    void workedExample() {
      TraceId128 id = TraceId128.fromDatadog(DD, TID);
      assertEquals("1-67891233-abcdef012345678912345678", id.toXrayRoot());
      assertEquals(DD, id.datadogTraceId());
      assertEquals(TID, id.datadogTid());
    }

    @Test
    void upperCaseTidIsLowercased() {
      assertEquals(
          "1-67891233-abcdef012345678912345678",
          TraceId128.fromDatadog(DD, "67891233ABCDEF01").toXrayRoot());
    }

    @Test
    void extremes() {
      assertEquals(
          "1-00000000-00000000ffffffffffffffff",
          TraceId128.fromDatadog(MAX, "0000000000000000").toXrayRoot());
      assertEquals(
          "1-00000000-000000000000000000000001",
          TraceId128.fromDatadog("1", "0000000000000000").toXrayRoot());
      assertEquals(
          "1-ffffffff-ffffffff8000000000000000",
          TraceId128.fromDatadog("9223372036854775808", "ffffffffffffffff").toXrayRoot());
      assertEquals(
          TraceId128.of(0, 7), TraceId128.fromDatadog("00000000000000000000000007", "0000000000000000"));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "'' | Datadog trace id is empty",
          "abc | Datadog trace id is not an unsigned decimal number: \"abc\"",
          "-1 | Datadog trace id is not an unsigned decimal number: \"-1\"",
          "+1 | Datadog trace id is not an unsigned decimal number: \"+1\"",
          "1.0 | Datadog trace id is not an unsigned decimal number: \"1.0\"",
          "' 1' | Datadog trace id is not an unsigned decimal number: \" 1\"",
          "'1 ' | Datadog trace id is not an unsigned decimal number: \"1 \"",
          "1e3 | Datadog trace id is not an unsigned decimal number: \"1e3\"",
          "0x1f | Datadog trace id is not an unsigned decimal number: \"0x1f\"",
          "\u0661\u0662 | Datadog trace id is not an unsigned decimal number: \"\u0661\u0662\"",
          "\uff11 | Datadog trace id is not an unsigned decimal number: \"\uff11\"",
          "18446744073709551616 | Datadog trace id is larger than 2^64-1: \"18446744073709551616\"",
          "18446744073709551620 | Datadog trace id is larger than 2^64-1: \"18446744073709551620\"",
          "99999999999999999999 | Datadog trace id is larger than 2^64-1: \"99999999999999999999\"",
          "184467440737095516150 | Datadog trace id is larger than 2^64-1: \"184467440737095516150\"",
          "0 | low 64 bits of the trace id are zero (Datadog cannot carry it)",
        })
    void badDecimal(String decimal, String message) {
      TraceIdFormatException e =
          assertThrows(TraceIdFormatException.class, () -> TraceId128.fromDatadog(decimal, TID));
      assertEquals(message, e.getMessage());
    }

    @Test
    void zeroWithZeroTidIsZero() {
      TraceIdFormatException e =
          assertThrows(
              TraceIdFormatException.class, () -> TraceId128.fromDatadog("0", "0000000000000000"));
      assertEquals("trace id is zero", e.getMessage());
      assertThrows(
          TraceIdFormatException.class, () -> TraceId128.fromDatadog("000", "0000000000000000"));
    }

    @Test
    void twoToThe64MinusOneIsTheLargest() {
      assertEquals(-1L, TraceId128.fromDatadog(MAX, TID).low());
      assertThrows(TraceIdFormatException.class, () -> TraceId128.fromDatadog(TWO_64, TID));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "", "67891233abcdef0", "67891233abcdef012", "67891233abcdefg1", "67891233-bcdef01",
          " 7891233abcdef01", "67891233abcdef0\u0661", "\uff16\uff17891233abcdef01"
        })
    void badTid(String tid) {
      TraceIdFormatException e =
          assertThrows(TraceIdFormatException.class, () -> TraceId128.fromDatadog(DD, tid));
      assertEquals("_dd.p.tid must be 16 hex digits: \"" + tid + "\"", e.getMessage());
    }
  }

  @Nested
  class FromDatadogWithEpoch {
    @Test
    void workedExample() {
      TraceId128 id = TraceId128.fromDatadog(DD, 1737036339L);
      assertEquals("1-67891233-000000002345678912345678", id.toXrayRoot());
      assertEquals(DD, id.datadogTraceId());
      assertEquals(1737036339L, id.epochSeconds());
    }

    @Test
    void roundTripsThroughTheParser() {
      TraceId128 id = TraceId128.fromDatadog(DD, 1737036339L);
      AmznTraceHeader h = AmznTraceHeader.parse("Root=" + id.toXrayRoot());
      assertEquals(DD, h.root().datadogTraceId());
      assertEquals(id, h.root());
    }

    @Test
    void epochRange() {
      assertEquals("1-00000000-000000002345678912345678", TraceId128.fromDatadog(DD, 0).toXrayRoot());
      assertEquals(
          "1-ffffffff-00000000ffffffffffffffff",
          TraceId128.fromDatadog(MAX, 4294967295L).toXrayRoot());
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, 4294967296L, Long.MIN_VALUE, Long.MAX_VALUE, 9999999999L})
    void epochOutOfRange(long epoch) {
      TraceIdFormatException e =
          assertThrows(TraceIdFormatException.class, () -> TraceId128.fromDatadog(DD, epoch));
      assertEquals("epoch must be 0 .. 4294967295 seconds: " + epoch, e.getMessage());
    }

    @Test
    void badDecimals() {
      assertThrows(TraceIdFormatException.class, () -> TraceId128.fromDatadog("0", 1737036339L));
      assertThrows(TraceIdFormatException.class, () -> TraceId128.fromDatadog(TWO_64, 1737036339L));
      assertThrows(TraceIdFormatException.class, () -> TraceId128.fromDatadog("", 1737036339L));
      assertThrows(TraceIdFormatException.class, () -> TraceId128.fromDatadog("12a", 1737036339L));
      assertEquals(-1L, TraceId128.fromDatadog(MAX, 1737036339L).low());
    }
  }
}
