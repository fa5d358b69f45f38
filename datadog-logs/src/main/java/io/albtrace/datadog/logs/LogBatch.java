package io.albtrace.datadog.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The entries of one request, kept as the JSON array body will hold them: entry bytes joined by
 * commas, so any run of entries {@code [from, to)} is one slice between {@code [} and {@code ]}.
 *
 * <pre>
 * {"message":"…","ddsource":"elb"},{"message":"…","ddsource":"elb"}   →   [{…},{…}]
 * </pre>
 *
 * It never holds more than {@code maxEntries} entries or a body of more than {@code
 * maxPayloadBytes}: {@link #fits} says whether the next entry may go in. Reused request after request.
 */
final class LogBatch {
  private final int maxEntries;
  private final int maxPayloadBytes;
  private byte[] bytes = new byte[1 << 16];
  private int length;
  private int[] ends = new int[64]; // ends[i]: end of entry i in bytes
  private int count;

  LogBatch(int maxEntries, int maxPayloadBytes) {
    this.maxEntries = maxEntries;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  int size() {
    return count;
  }

  /** Whether an entry of {@code n} bytes can join without breaking a limit. */
  boolean fits(int n) {
    return count < maxEntries && 2 + length + (count > 0 ? 1 : 0) + n <= maxPayloadBytes;
  }

  /** Adds an entry; the caller checked {@link #fits}. */
  void add(byte[] b, int off, int n) {
    if (!fits(n)) throw new IllegalStateException("entry over the batch limits");
    int need = length + n + 1;
    if (need > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(need, Math.min(bytes.length * 2, maxPayloadBytes)));
    if (count > 0) bytes[length++] = ',';
    System.arraycopy(b, off, bytes, length, n);
    length += n;
    if (count == ends.length) ends = Arrays.copyOf(ends, count * 2);
    ends[count++] = length;
  }

  /** Bytes of the JSON array of entries {@code [from, to)}, brackets included. */
  int payloadBytes(int from, int to) {
    return 2 + ends[to - 1] - start(from);
  }

  /** Writes the JSON array of entries {@code [from, to)}. */
  void writePayload(int from, int to, OutputStream out) throws IOException {
    out.write('[');
    int start = start(from);
    out.write(bytes, start, ends[to - 1] - start);
    out.write(']');
  }

  private int start(int i) {
    return i == 0 ? 0 : ends[i - 1] + 1;
  }

  /** Empties the batch, keeping its room (up to 1 MiB: a batch of huge entries gives the rest back). */
  void clear() {
    length = 0;
    count = 0;
    if (bytes.length > 1 << 20) bytes = new byte[1 << 20];
  }
}
