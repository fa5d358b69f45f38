package io.albtrace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The eight-digits-at-a-time decimal writer against an odometer, for every 8-digit value. */
class UnsignedDecimalTest {
  @Test
  void ascii8EveryValueBelowTenToTheEight() {
    byte[] odometer = "00000000".getBytes(StandardCharsets.US_ASCII);
    for (int x = 0; x < 100_000_000; x++) {
      long expected = 0;
      for (int i = 7; i >= 0; i--) expected = expected << 8 | odometer[i];
      if (UnsignedDecimal.ascii8(x) != expected) {
        assertEquals(new String(odometer, StandardCharsets.US_ASCII), Long.toHexString(UnsignedDecimal.ascii8(x)), "x=" + x);
      }
      for (int i = 7; i >= 0 && ++odometer[i] > '9'; i--) odometer[i] = '0';
    }
  }

  @Test
  void writesOnlyItsOwnDigits() {
    long[] values = {0, 7, 10, 99_999_999, 100_000_000, 123_456_789_012L, 9_999_999_999_999_999L,
        10_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, -1, -2};
    for (long v : values) {
      String expected = Long.toUnsignedString(v);
      for (int end = expected.length(); end <= 24; end++) {
        byte[] dst = new byte[24];
        java.util.Arrays.fill(dst, (byte) '#');
        int start = UnsignedDecimal.writeBackwards(v, dst, end);
        assertEquals(end - expected.length(), start);
        String all = new String(dst, StandardCharsets.US_ASCII);
        assertEquals("#".repeat(start) + expected + "#".repeat(24 - end), all, "v=" + v + " end=" + end);
      }
    }
  }
}
