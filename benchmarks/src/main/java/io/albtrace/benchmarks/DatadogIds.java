package io.albtrace.benchmarks;

/**
 * Where a header → Datadog conversion leaves its result: {@code dd_trace_id} (unsigned decimal of
 * the low 64 bits) and {@code _dd.p.tid} (16 lowercase hex of the high 64 bits), or {@code null}s
 * when it found no id. One instance per benchmark thread: writing into it keeps the JIT from
 * dropping the work, and reusing it adds no allocation.
 */
final class DatadogIds {
  /** Reusable buffers for albtrace's allocation-free path; the peers produce Strings instead. */
  final byte[] digits = new byte[20];
  final byte[] tidDigits = new byte[16];
  final AsciiView traceIdView = new AsciiView();
  final AsciiView tidView = new AsciiView();
  final io.albtrace.AmznTraceHeaderReader reader = new io.albtrace.AmznTraceHeaderReader();

  CharSequence traceId;
  CharSequence tid;

  /** Records that no id was found. */
  boolean none() {
    traceId = null;
    tid = null;
    return false;
  }

  boolean found(CharSequence traceId, CharSequence tid) {
    this.traceId = traceId;
    this.tid = tid;
    return true;
  }

  String traceIdString() {
    return traceId == null ? null : traceId.toString();
  }

  String tidString() {
    return tid == null ? null : tid.toString();
  }

  /** ASCII bytes seen as text, so the reused buffers compare with the peers' Strings. */
  static final class AsciiView implements CharSequence {
    private byte[] bytes = new byte[0];
    private int from;
    private int to;

    AsciiView set(byte[] bytes, int from, int to) {
      this.bytes = bytes;
      this.from = from;
      this.to = to;
      return this;
    }

    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int index) {
      return (char) bytes[from + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return toString().substring(start, end);
    }

    @Override
    public String toString() {
      return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.US_ASCII);
    }
  }
}
