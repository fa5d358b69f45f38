package io.albtrace;

import io.albtrace.AmznTraceHeader.Invalid;
import io.albtrace.AmznTraceHeader.Sampled;

/**
 * Reads {@code X-Amzn-Trace-Id} values into itself, for hot paths that must not allocate whatever
 * the JIT decides: the same docs/spec.md §1 parse as {@link AmznTraceHeader#parse}, with the
 * results as primitives.
 *
 * <pre>
 * AmznTraceHeaderReader reader = new AmznTraceHeaderReader(); // one per thread
 * if (reader.read("Root=1-67891233-abcdef012345678912345678")) {
 *   int start = DatadogHeaders.writeTraceId(reader.rootLow(), buf, 20); // "2541551403134113400"
 * }
 * </pre>
 *
 * <p>Mutable and not thread-safe: keep one per thread (or per connection). Its accessors describe
 * the last {@link #read}; {@link #toHeader()} takes an immutable copy.
 */
public final class AmznTraceHeaderReader {
  private long scan = HeaderScanner.invalidScan(Invalid.NO_ROOT);
  private long rootHigh;
  private long rootLow;
  private long selfHigh;
  private long selfLow;
  private long parent;
  private String rareFieldsSource;

  /** Reads {@code value} ({@code null}: no header); returns whether it is valid. */
  public boolean read(CharSequence value) {
    return value == null ? clear(Invalid.NO_ROOT) : read(value, 0, value.length());
  }

  /**
   * Reads {@code value[begin, end)}; returns whether it is valid. Never throws on content.
   *
   * @throws IndexOutOfBoundsException only when {@code begin}/{@code end} are not within
   *     {@code value}
   */
  public boolean read(CharSequence value, int begin, int end) {
    long scan = HeaderScanner.checkedScan(value, begin, end);
    Invalid invalid = HeaderScanner.invalid(scan);
    if (invalid != null) return clear(invalid);
    this.scan = scan;
    this.rootHigh = HeaderScanner.rootHigh(value, begin, scan);
    this.rootLow = HeaderScanner.rootLow(value, begin, scan);
    this.selfHigh = HeaderScanner.selfHigh(value, begin, scan);
    this.selfLow = HeaderScanner.selfLow(value, begin, scan);
    this.parent = HeaderScanner.parent(value, begin, scan);
    // Kept only for toHeader(): the rare Lineage/extra fields are never read on a hot path.
    this.rareFieldsSource = HeaderScanner.rareFieldsSource(value, begin, end, scan);
    return true;
  }

  private boolean clear(Invalid invalid) {
    scan = HeaderScanner.invalidScan(invalid);
    rootHigh = rootLow = selfHigh = selfLow = parent = 0;
    rareFieldsSource = null;
    return false;
  }

  public boolean isValid() {
    return HeaderScanner.invalid(scan) == null;
  }

  /** Why the last header read is invalid, or {@code null}. */
  public Invalid invalid() {
    return HeaderScanner.invalid(scan);
  }

  /** See {@link AmznTraceHeader#rootHigh()}. */
  public long rootHigh() {
    return rootHigh;
  }

  /** See {@link AmznTraceHeader#rootLow()}. */
  public long rootLow() {
    return rootLow;
  }

  /** See {@link AmznTraceHeader#hasSelfField()}. */
  public boolean hasSelfField() {
    return isValid() && (scan & HeaderScanner.SELF_FIELD_BIT) != 0;
  }

  /** See {@link AmznTraceHeader#hasSelf()}. */
  public boolean hasSelf() {
    return isValid() && HeaderScanner.offset(scan, HeaderScanner.SELF_SHIFT) != HeaderScanner.NONE;
  }

  public long selfHigh() {
    return selfHigh;
  }

  public long selfLow() {
    return selfLow;
  }

  /** The {@code Parent} span id, or {@code 0} when absent or invalid. */
  public long parent() {
    return parent;
  }

  public Sampled sampled() {
    return isValid() ? HeaderScanner.sampled(scan) : Sampled.ABSENT;
  }

  /**
   * See {@link AmznTraceHeader#parentSpanId()}.
   *
   * @throws IllegalStateException when the last header read is invalid
   */
  public long parentSpanId() {
    if (!isValid()) {
      throw new IllegalStateException("invalid " + AmznTraceHeader.NAME + ": " + invalid().reason());
    }
    return AmznTraceHeader.parentSpanId(parent, hasSelf(), selfHigh, selfLow, rootHigh, rootLow);
  }

  /** An immutable copy of the last header read (a shared constant when it is invalid). */
  public AmznTraceHeader toHeader() {
    Invalid invalid = invalid();
    if (invalid != null) return AmznTraceHeader.invalid(invalid);
    return new AmznTraceHeader(null, rootHigh, rootLow, hasSelfField(), hasSelf(), selfHigh, selfLow,
        parent, sampled(), rareFieldsSource);
  }
}
