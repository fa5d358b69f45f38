package io.albtrace.tracers;

import io.albtrace.AmznTraceHeader;

/** Compares a tracer's textual trace id with a Root, without allocating. */
final class TraceIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private TraceIds() {}

  /**
   * Whether {@code traceId} is the 128-bit id of {@code header}'s Root. Accepts 32 hex digits
   * (OpenTelemetry, Datadog's 128-bit form; either case) and an unsigned decimal (Datadog's 64-bit
   * form, which matches only a Root whose high 64 bits are zero: a 64-bit trace is not the 128-bit
   * one).
   */
  static boolean sameTrace(CharSequence traceId, AmznTraceHeader header) {
    if (traceId == null || !header.isValid()) return false;
    int n = traceId.length();
    if (n == 32) return hexEquals(traceId, 0, header.rootHigh()) && hexEquals(traceId, 16, header.rootLow());
    return header.rootHigh() == 0 && decimalEquals(traceId, header.rootLow());
  }

  private static boolean hexEquals(CharSequence s, int from, long v) {
    for (int i = 0; i < 16; i++) {
      char c = s.charAt(from + i);
      if (c >= 'A' && c <= 'F') c = (char) (c + ('a' - 'A'));
      if (c != HEX[(int) (v >>> (60 - 4 * i)) & 0xf]) return false;
    }
    return true;
  }

  /** {@code s} is exactly the unsigned decimal of {@code v} (no sign, no leading zeros). */
  private static boolean decimalEquals(CharSequence s, long v) {
    int n = s.length();
    if (n == 0 || n > 20) return false;
    for (int i = n - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
      long q = Long.divideUnsigned(v, 10);
      if (c - '0' != (int) (v - q * 10)) return false;
      v = q;
      if (v == 0 && i > 0) return false;
    }
    return v == 0;
  }
}
