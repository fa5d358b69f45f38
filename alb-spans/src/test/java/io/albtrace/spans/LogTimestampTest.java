package io.albtrace.spans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.albtrace.testsupport.Seeded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogTimestampTest {
  static long parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return LogTimestamp.parse(b, 0, b.length);
  }

  @Test
  void albsMicroseconds() {
    assertEquals(1530570168364000000L, parse("2018-07-02T22:22:48.364000Z"));
    assertEquals(1530570180186641000L, parse("2018-07-02T22:23:00.186641Z"));
    assertEquals(0, parse("1970-01-01T00:00:00Z"));
    assertEquals(951782400_000000001L, parse("2000-02-29T00:00:00.000000001Z"));
  }

  /** The JDK's own ISO reader is the oracle, from 1970 to 2261 and with 0 to 9 decimals. */
  @Test
  void agreesWithTheJdk() {
    long max = Instant.parse("2261-12-31T23:59:59.999999999Z").getEpochSecond();
    Seeded.forAll(5000, g -> {
      Instant t = Instant.ofEpochSecond(g.longs(0, max), g.longs(0, 999_999_999));
      int decimals = g.ints(0, 9);
      t = t.truncatedTo(ChronoUnit.SECONDS).plusNanos(t.getNano() / pow10(9 - decimals) * pow10(9 - decimals));
      String text = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.atZone(java.time.ZoneOffset.UTC)).substring(0, 19);
      if (decimals > 0) {
        text += "." + String.format("%09d", t.getNano()).substring(0, decimals);
      }
      text += "Z";
      assertEquals(t.getEpochSecond() * 1_000_000_000L + t.getNano(), parse(text), text);
    });
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) p *= 10;
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "2018-07-02T22:22:48.364000", "2018-07-02 22:22:48.364000Z", "2018-07-02T22:22:48.364000+01:00",
    "2018-13-02T22:22:48Z", "2018-02-29T22:22:48Z", "2018-07-32T22:22:48Z", "2018-07-02T24:00:00Z",
    "2018-07-02T22:60:00Z", "2018-07-02T22:22:60Z", "1969-12-31T23:59:59Z", "2262-04-11T23:47:17Z",
    "2018-07-02T22:22:48.Z", "2018-07-02T22:22:48.1234567890Z", "2018-07-02T22:22:48,364Z",
    "２０18-07-02T22:22:48Z", "2018-07-02T22:22:4a.364Z", "+2018-07-02T22:22:48Z", "2018-7-02T22:22:48.364Z"
  })
  void notATimestamp(String s) {
    assertEquals(LogTimestamp.INVALID, parse(s), s);
  }
}
