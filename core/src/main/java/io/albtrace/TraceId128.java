package io.albtrace;

import io.albtrace.internal.Ascii;
import io.albtrace.internal.Hex;
import io.albtrace.internal.UnsignedDecimal;

/**
 * A 128-bit trace id as two 64-bit halves, and every textual form albtrace maps it to.
 *
 * <p>An X-Ray id {@code 1-TTTTTTTT-UUUUUUUUUUUUUUUUUUUUUUUU} is the number
 * {@code 0xTTTTTTTTUUUUUUUUUUUUUUUUUUUUUUUU}, the same mapping W3C/OpenTelemetry and AWS X-Ray use:
 *
 * <pre>
 * X-Ray Root      1-67891233-abcdef012345678912345678
 * 32 hex (W3C)    67891233abcdef012345678912345678     {@link #toHex()}
 * high 64 bits    67891233abcdef01                     {@link #high()}, {@link #datadogTid()}
 * low 64 bits     2345678912345678                     {@link #low()}
 * dd_trace_id     2541551403134113400                  {@link #datadogTraceId()} (unsigned decimal)
 * epoch           1737036339                           {@link #epochSeconds()}
 * </pre>
 *
 * <p>Datadog treats a 128-bit trace id and its low 64 bits as one trace, so {@link #datadogTraceId()}
 * is what a log's {@code dd.trace_id} must hold. It is the full low 64 bits (as dd-trace-java uses
 * for W3C and Datadog headers), not the 63-bit mask Datadog's Lambda libraries apply to X-Ray ids.
 *
 * <p>Immutable and thread-safe.
 */
public final class TraceId128 {
  private final long high;
  private final long low;

  private TraceId128(long high, long low) {
    this.high = high;
    this.low = low;
  }

  /** The id with these halves; any values, including zero. */
  public static TraceId128 of(long high, long low) {
    return new TraceId128(high, low);
  }

  /** First 16 hex digits: the 8 epoch digits and the first 8 digits of the unique part. */
  public long high() {
    return high;
  }

  /** Last 16 hex digits of the X-Ray id; Datadog's 64-bit trace id. */
  public long low() {
    return low;
  }

  /** The X-Ray epoch field: seconds since 1970 when the id was made ({@code 0 .. 2^32-1}). */
  public long epochSeconds() {
    return high >>> 32;
  }

  /** {@code 1-67891233-abcdef012345678912345678}: the X-Ray id, lowercase. */
  public String toXrayRoot() {
    return appendXrayId(high, low, new StringBuilder(35)).toString();
  }

  /** {@code 67891233abcdef012345678912345678}: 32 lowercase hex digits (W3C trace-id). */
  public String toHex() {
    char[] c = new char[32];
    Hex.write(high, 16, c, 0);
    Hex.write(low, 16, c, 16);
    return new String(c);
  }

  /** {@code 2541551403134113400}: the low 64 bits as an unsigned decimal ({@code dd_trace_id}). */
  public String datadogTraceId() {
    return UnsignedDecimal.toString(low);
  }

  /** {@code 67891233abcdef01}: the high 64 bits as 16 lowercase hex, Datadog's {@code _dd.p.tid}. */
  public String datadogTid() {
    return Hex.toHex16(high);
  }

  /**
   * The span id derived from this id by docs/spec.md §3's {@code mix64}: a stable, non-zero stand-in for the
   * parent span id of a hop that sent none (an ALB never sends {@code Parent}).
   */
  public long mixedSpanId() {
    return mix64(high, low);
  }

  /**
   * docs/spec.md §3: SplitMix64's finaliser over {@code hi * golden + lo}, never 0. Any good mix would do;
   * this one is fixed so that every implementation derives the same parent span id.
   */
  static long mix64(long hi, long lo) {
    long z = hi * 0x9E3779B97F4A7C15L + lo;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return z == 0 ? 1 : z;
  }

  static StringBuilder appendXrayId(long high, long low, StringBuilder sb) {
    sb.append('1').append('-');
    Hex.append(high >>> 32, 8, sb).append('-');
    Hex.append(high, 8, sb);
    return Hex.append(low, 16, sb);
  }

  // ---- Reverse mapping (docs/spec.md §5) ----

  /**
   * Reads 32 hex digits (a W3C trace-id, or Datadog's 128-bit id as 32 hex), either case.
   *
   * <pre>67891233abcdef012345678912345678 → 1-67891233-abcdef012345678912345678</pre>
   *
   * @throws TraceIdFormatException when it is not exactly 32 ASCII hex digits, or the id or its low
   *     64 bits are zero (neither W3C nor Datadog can carry such an id)
   */
  public static TraceId128 fromHex(CharSequence hex32) {
    int n = hex32.length();
    if (n != 32 || !Hex.isHex(hex32, 0, 32)) {
      throw new TraceIdFormatException(
          "trace id must be 32 hex digits: " + Ascii.quote(hex32, 0, n));
    }
    return nonZeroLow(Hex.decode(hex32, 0, 16), Hex.decode(hex32, 16, 32));
  }

  /**
   * Reads Datadog's 128-bit id as its two parts: {@code x-datadog-trace-id} (unsigned decimal,
   * {@code 1 .. 2^64-1}) and the {@code _dd.p.tid} tag (16 hex digits).
   *
   * <pre>2541551403134113400 + _dd.p.tid=67891233abcdef01 → 1-67891233-abcdef012345678912345678</pre>
   *
   * @throws TraceIdFormatException on a non-decimal, zero or out-of-range trace id or a tid that is
   *     not 16 hex digits
   */
  public static TraceId128 fromDatadog(CharSequence decimalTraceId, CharSequence tid) {
    long low = UnsignedDecimal.parse(decimalTraceId, 0, decimalTraceId.length(), "Datadog trace id");
    int n = tid.length();
    if (n != 16 || !Hex.isHex(tid, 0, 16)) {
      throw new TraceIdFormatException(
          "_dd.p.tid must be 16 hex digits: " + Ascii.quote(tid, 0, n));
    }
    return nonZeroLow(Hex.decode(tid, 0, 16), low);
  }

  /**
   * Builds an X-Ray id for a 64-bit Datadog trace id, with {@code epochSeconds} as its epoch: the
   * layout dd-trace-java's X-Ray injector writes ({@code 1-<epoch>-00000000<low>}), so the Root
   * round-trips through Datadog.
   *
   * <pre>2541551403134113400 at epoch 1737036339 → 1-67891233-000000002345678912345678</pre>
   *
   * @throws TraceIdFormatException on a non-decimal, zero or out-of-range trace id, or an epoch
   *     outside {@code 0 .. 2^32-1}
   */
  public static TraceId128 fromDatadog(CharSequence decimalTraceId, long epochSeconds) {
    long low = UnsignedDecimal.parse(decimalTraceId, 0, decimalTraceId.length(), "Datadog trace id");
    if (epochSeconds < 0 || epochSeconds > 0xFFFFFFFFL) {
      throw new TraceIdFormatException("epoch must be 0 .. 4294967295 seconds: " + epochSeconds);
    }
    return nonZeroLow(epochSeconds << 32, low);
  }

  private static TraceId128 nonZeroLow(long high, long low) {
    if (low == 0) {
      throw new TraceIdFormatException(
          high == 0 ? "trace id is zero" : "low 64 bits of the trace id are zero (Datadog cannot carry it)");
    }
    return new TraceId128(high, low);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraceId128 && ((TraceId128) o).high == high && ((TraceId128) o).low == low;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(high) * 31 + Long.hashCode(low);
  }

  /** The X-Ray id form. */
  @Override
  public String toString() {
    return toXrayRoot();
  }
}
