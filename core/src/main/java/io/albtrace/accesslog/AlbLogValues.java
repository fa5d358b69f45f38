package io.albtrace.accesslog;

import java.nio.charset.StandardCharsets;

/**
 * Typed values of a parsed {@link AlbLogEntry}'s fields, read from its bytes in place:
 *
 * <pre>
 * client:port  2001:db8::1:443      portColon → the last ':' (ALB writes IPv6 without brackets)
 * target_processing_time  0.000123  nanos → 123000 (digits past the ninth decimal dropped)
 * sent_bytes  366                    number → 366
 * "GET http://h/ä HTTP/1.1"         text(e, REQUEST, from, to) → a part, \xHH escapes decoded
 * </pre>
 *
 * <p>Numeric fields were checked when the entry was parsed, so these never fail: a value that does
 * not fit comes back as {@code -1}, like an absent one.
 */
public final class AlbLogValues {
  private AlbLogValues() {}

  /**
   * The colon before the port of an {@code ip:port} field ({@code client:port}, {@code target:port}):
   * the <b>last</b> colon, when what follows it is a plain non-negative integer (no sign, no leading
   * zero); else {@code -1}, and the whole value is the address.
   */
  public static int portColon(AlbLogEntry e, int field) {
    if (e.isAbsent(field)) return -1;
    byte[] s = e.line();
    int from = e.start(field), to = e.end(field);
    int colon = to - 1;
    while (colon >= from && s[colon] != ':') colon--;
    return colon > from && AlbLogEntry.isJsonNumber(s, colon + 1, to, false) && s[colon + 1] != '-' ? colon : -1;
  }

  /** A processing time in nanoseconds; {@code -1} when absent, negative ({@code -1}) or over 31 years. */
  public static long nanos(AlbLogEntry e, int field) {
    return e.isAbsent(field) ? -1 : nanos(e.line(), e.start(field), e.end(field));
  }

  /** Checked decimal seconds → nanoseconds; -1 for negative values. Digits past 9 decimals are dropped. */
  static long nanos(byte[] s, int from, int to) {
    if (s[from] == '-') return -1;
    long seconds = 0;
    int i = from;
    for (; i < to && s[i] != '.'; i++) {
      if (i - from >= 9) return -1; // over 31 years: not a processing time
      seconds = seconds * 10 + (s[i] - '0');
    }
    long fraction = 0;
    int digits = 0;
    for (i++; i < to && digits < 9; i++, digits++) fraction = fraction * 10 + (s[i] - '0');
    for (; digits < 9; digits++) fraction *= 10;
    return seconds * 1_000_000_000L + fraction;
  }

  /**
   * A non-negative integer field ({@code elb_status_code}, {@code sent_bytes}, ...), or {@code -1}
   * when absent, negative or beyond {@code Long.MAX_VALUE}.
   */
  public static long number(AlbLogEntry e, int field) {
    if (e.isAbsent(field)) return -1;
    byte[] s = e.line();
    int from = e.start(field), to = e.end(field);
    if (s[from] == '-' || to - from > 18) return -1; // 18 digits always fit: no overflow check per digit
    long v = 0;
    for (int i = from; i < to; i++) v = v * 10 + (s[i] - '0');
    return v;
  }

  /**
   * {@code line[from, to)} of field {@code field} as text: ALB's {@code \xHH} escapes decoded when
   * the field is quoted, then UTF-8 (malformed bytes become U+FFFD).
   */
  public static String text(AlbLogEntry e, int field, int from, int to) {
    byte[] s = e.line();
    if (!e.isQuoted(field) || AlbEscapes.first(s, from, to) == to) {
      return new String(s, from, to - from, StandardCharsets.UTF_8);
    }
    byte[] decoded = new byte[to - from];
    return new String(decoded, 0, AlbEscapes.decode(s, from, to, decoded), StandardCharsets.UTF_8);
  }
}
