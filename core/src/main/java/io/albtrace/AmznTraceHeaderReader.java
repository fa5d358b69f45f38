package io.albtrace;

import io.albtrace.AmznTraceHeader.Invalid;
import io.albtrace.AmznTraceHeader.Sampled;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code X-Amzn-Trace-Id} values into itself, for hot paths that must not allocate whatever
 * the JIT decides: the same docs/spec.md §1 parse as {@link AmznTraceHeader#parse}, with the
 * results as primitives.
 *
 * <pre>
 * AmznTraceHeaderReader reader = new AmznTraceHeaderReader(); // one per thread
 * byte[] buf = new byte[20];
 * if (reader.read("Root=1-67891233-abcdef012345678912345678")) {
 *   int start = DatadogHeaders.writeTraceId(reader.rootLow(), buf, 20); // "2541551403134113400"
 * }
 * </pre>
 *
 * <p>It reads text ({@link #read(CharSequence)}) or, with no decoding at all, the bytes of a
 * header inside a larger buffer such as a log line ({@link #read(byte[], int, int)}). Mutable and
 * not thread-safe: keep one per thread (or per connection). Its accessors describe the last read;
 * {@link #toHeader()} takes an immutable copy.
 */
public final class AmznTraceHeaderReader {
  private final HeaderScanner scan = new HeaderScanner(true);
  private Object source; // the text or bytes last read, when it has rare fields: for toHeader()
  private int sourceFrom;
  private int sourceTo;

  /** Reads {@code value} ({@code null}: no header); returns whether it is valid. */
  public boolean read(CharSequence value) {
    if (value == null) return read("", 0, 0);
    return read(value, 0, value.length());
  }

  /**
   * Reads {@code value[begin, end)}; returns whether it is valid. Never throws on content.
   *
   * @throws IndexOutOfBoundsException only when {@code begin}/{@code end} are not within
   *     {@code value}
   */
  public boolean read(CharSequence value, int begin, int end) {
    return keep(scan.scan(value, begin, end), value, begin, end);
  }

  /**
   * Reads the header in the bytes {@code value[from, to)}, text in ASCII, ISO-8859-1 or UTF-8
   * (bytes from {@code 0x80} up are never digits or delimiters); returns whether it is valid.
   * Never throws on content.
   *
   * @throws IndexOutOfBoundsException only when {@code from}/{@code to} are not within {@code value}
   */
  public boolean read(byte[] value, int from, int to) {
    return keep(scan.scan(value, from, to), value, from, to);
  }

  /** Remembers where a valid header with rare fields came from; returns {@code valid}. */
  private boolean keep(boolean valid, Object value, int from, int to) {
    source = valid && scan.hasRareFields ? value : null;
    sourceFrom = from;
    sourceTo = to;
    return valid;
  }

  public boolean isValid() {
    return scan.invalid == null;
  }

  /** Why the last header read is invalid, or {@code null}. */
  public Invalid invalid() {
    return scan.invalid;
  }

  /** See {@link AmznTraceHeader#rootHigh()}. */
  public long rootHigh() {
    return scan.rootHigh;
  }

  /** See {@link AmznTraceHeader#rootLow()}. */
  public long rootLow() {
    return scan.rootLow;
  }

  /** See {@link AmznTraceHeader#hasSelfField()}. */
  public boolean hasSelfField() {
    return scan.hasSelfField;
  }

  /** See {@link AmznTraceHeader#hasSelf()}. */
  public boolean hasSelf() {
    return scan.hasSelf;
  }

  public long selfHigh() {
    return scan.selfHigh();
  }

  public long selfLow() {
    return scan.selfLow();
  }

  /** The {@code Parent} span id, or {@code 0} when absent or invalid. */
  public long parent() {
    return scan.parent;
  }

  public Sampled sampled() {
    return scan.sampled;
  }

  /**
   * See {@link AmznTraceHeader#parentSpanId()}.
   *
   * @throws IllegalStateException when the last header read is invalid
   */
  public long parentSpanId() {
    checkValid();
    return AmznTraceHeader.parentSpanId(scan.parent, scan.hasSelf, scan.selfHigh(), scan.selfLow(),
        scan.rootHigh, scan.rootLow);
  }

  /**
   * See {@link AmznTraceHeader#albSpanId()}.
   *
   * @throws IllegalStateException when the last header read is invalid
   */
  public long albSpanId() {
    checkValid();
    return AmznTraceHeader.albSpanId(scan.hasSelf, scan.selfHigh(), scan.selfLow(), scan.rootHigh, scan.rootLow);
  }

  private void checkValid() {
    if (!isValid()) {
      throw new IllegalStateException("invalid " + AmznTraceHeader.NAME + ": " + invalid().reason());
    }
  }

  /**
   * An immutable copy of the last header read (a shared constant when it is invalid). Reading
   * allocates nothing, so a header with {@code Lineage} or extra fields keeps a reference to the
   * text or bytes it was read from until the next read: call this before that buffer changes.
   */
  public AmznTraceHeader toHeader() {
    if (!isValid()) return AmznTraceHeader.invalid(scan.invalid);
    String rare = source instanceof byte[]
        ? new String((byte[]) source, sourceFrom, sourceTo - sourceFrom, StandardCharsets.ISO_8859_1)
        : source != null ? ((CharSequence) source).subSequence(sourceFrom, sourceTo).toString() : null;
    return new AmznTraceHeader(scan, rare);
  }
}
