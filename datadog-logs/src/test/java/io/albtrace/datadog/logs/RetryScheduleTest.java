package io.albtrace.datadog.logs;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private final RetrySchedule schedule =
      new RetrySchedule(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60), new SplittableRandom(7));

  @Test
  void exponentialWithEqualJitterUpToTheMax() {
    long[] steps = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    for (int n = 1; n <= steps.length; n++) {
      long min = Long.MAX_VALUE, max = 0;
      for (int i = 0; i < 2000; i++) {
        long d = schedule.delayMillis(n, null);
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
      long step = steps[n - 1];
      assertTrue(min >= step / 2 && max <= step, "retry " + n + ": " + min + ".." + max);
      assertTrue(max - min > step / 4, "jittered: retry " + n + " " + min + ".." + max);
    }
    assertTrue(schedule.delayMillis(1000, null) <= 30000, "no overflow on a high retry number");
  }

  @Test
  void retryAfterIsAFloorUpToItsCap() {
    for (int i = 0; i < 100; i++) {
      assertTrue(schedule.delayMillis(1, "7") >= 7000);
      assertTrue(schedule.delayMillis(1, " 2 ") >= 2000);
      assertEquals(60000, schedule.delayMillis(1, "3600"), "capped");
      assertEquals(60000, schedule.delayMillis(1, "99999999999999"), "capped, no overflow");
      assertTrue(schedule.delayMillis(1, "soon") <= 500, "unreadable: ignored");
    }
    String in20s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20));
    long d = schedule.delayMillis(1, in20s);
    assertTrue(d > 15000 && d <= 20000, "HTTP-date: " + d);
    String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(20));
    assertTrue(schedule.delayMillis(1, past) <= 500);
  }
}
