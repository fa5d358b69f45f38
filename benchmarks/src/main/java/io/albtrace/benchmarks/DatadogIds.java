package io.albtrace.benchmarks;

/**
 * Where a header → Datadog conversion leaves its result: {@code dd_trace_id} (unsigned decimal of
 * the low 64 bits) and {@code _dd.p.tid} (16 lowercase hex of the high 64 bits), or {@code null}s
 * when it found no id. One instance per benchmark thread: writing into it keeps the JIT from
 * dropping the work, and reusing it adds no allocation.
 */
final class DatadogIds {
  /** Reusable buffers for albtrace's allocation-free path; the peers produce Strings instead. */
  final char[] digits = new char[20];
  final StringBuilder traceIdBuffer = new StringBuilder(20);
  final StringBuilder tidBuffer = new StringBuilder(16);
  final long[] ids = new long[2];
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
}
