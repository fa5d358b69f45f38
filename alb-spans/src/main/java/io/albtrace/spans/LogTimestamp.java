package io.albtrace.spans;

/**
 * An access-log timestamp ({@code time}, {@code request_creation_time}) as nanoseconds since the
 * epoch, read by index from the line's bytes:
 *
 * <pre>
 * 2018-07-02T22:22:48.364000Z  →  1530570168364000000
 * </pre>
 *
 * <p>ALB writes UTC with a {@code Z} and six decimals (microseconds); zero to nine decimals are
 * read, so nothing ALB writes loses precision. Anything else — another offset, a month 13, a
 * second 60, a year before 1970 or after 2261 (where nanoseconds would overflow a {@code long}) —
 * is not a timestamp: {@link #INVALID}.
 */
final class LogTimestamp {
  /** What {@link #parse} returns for text that is not a timestamp. */
  static final long INVALID = Long.MIN_VALUE;

  private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

  private LogTimestamp() {}

  /** {@code s[from, to)} as epoch nanoseconds, or {@link #INVALID}. */
  static long parse(byte[] s, int from, int to) {
    int n = to - from;
    if (n < 20 || n > 30 || s[to - 1] != 'Z') return INVALID;
    if (s[from + 4] != '-' || s[from + 7] != '-' || s[from + 10] != 'T' || s[from + 13] != ':'
        || s[from + 16] != ':') {
      return INVALID;
    }
    int year = digits(s, from, 4), month = digits(s, from + 5, 2), day = digits(s, from + 8, 2);
    int hour = digits(s, from + 11, 2), minute = digits(s, from + 14, 2), second = digits(s, from + 17, 2);
    if (year < 1970 || year > 2261 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
        || (hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
      return INVALID; // digits() gives -1 for a non-digit, caught by the lower bounds
    }
    long nanos = 0;
    int i = from + 19;
    if (i < to - 1) {
      if (s[i] != '.' || to - 1 - (i + 1) < 1 || to - 1 - (i + 1) > 9) return INVALID;
      int scale = 100_000_000;
      for (i++; i < to - 1; i++, scale /= 10) {
        int d = s[i] - '0';
        if (d < 0 || d > 9) return INVALID;
        nanos += (long) d * scale;
      }
    }
    long days = daysSinceEpoch(year, month, day);
    return ((days * 24 + hour) * 60 + minute) * 60_000_000_000L + second * 1_000_000_000L + nanos;
  }

  /** {@code count} ASCII digits as a number, or -1 when one is not a digit. */
  private static int digits(byte[] s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = s[i] - '0';
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    return v;
  }

  private static boolean isLeap(int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  private static int daysIn(int year, int month) {
    if (month == 2) return isLeap(year) ? 29 : 28;
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Days from 1970-01-01 (proleptic Gregorian; year ≥ 1970). */
  private static long daysSinceEpoch(int year, int month, int day) {
    int y = year - 1;
    long leapDays = (y / 4 - y / 100 + y / 400) - (1969 / 4 - 1969 / 100 + 1969 / 400);
    long days = (year - 1970) * 365L + leapDays + DAYS_BEFORE_MONTH[month - 1] + day - 1;
    return month > 2 && isLeap(year) ? days + 1 : days;
  }
}
