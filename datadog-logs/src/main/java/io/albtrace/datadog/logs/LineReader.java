package io.albtrace.datadog.logs;

import io.albtrace.internal.ByteScan;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a stream into lines in one fixed buffer, whatever the input: a line ends at LF; a last
 * line without LF counts; a line of {@code maxLine} bytes or more is {@link #cut()} to its first
 * {@code maxLine} bytes and the rest of it, up to its LF, is read and dropped — so a 1 GiB line
 * costs {@code maxLine} bytes of memory, as in {@code albtrace enrich}.
 *
 * <pre>
 * "a\nbb\r\nccc"  →  "a", "bb\r", "ccc"        (a CR stays: the enricher ignores it)
 * </pre>
 *
 * After an {@link IOException} the bytes of the line it cut short are {@link #partial}.
 */
final class LineReader {
  private final byte[] buf;
  private final int maxLine;
  private InputStream in;
  private int pos;
  private int lim;
  private boolean eof;
  private boolean skipping; // inside a cut line: drop up to its LF
  private int start;
  private int end;
  private boolean cut;

  LineReader(int maxLine, int readSize) {
    this.maxLine = maxLine;
    this.buf = new byte[maxLine + readSize];
  }

  /** Starts on a new stream. */
  void reset(InputStream in) {
    this.in = in;
    pos = lim = start = end = 0;
    eof = skipping = cut = false;
  }

  /** Moves to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    while (true) {
      if (skipping) {
        int nl = ByteScan.newline(buf, pos, lim);
        pos = nl < lim ? nl + 1 : lim;
        skipping = nl == lim;
      }
      if (!skipping) {
        int nl = ByteScan.newline(buf, pos, lim);
        if (nl - pos >= maxLine) return take(pos + maxLine, true, nl < lim ? nl + 1 : pos + maxLine, nl == lim);
        if (nl < lim) return take(nl, false, nl + 1, false);
        if (eof) return pos < lim && take(lim, false, lim, false);
      } else if (eof) {
        return false;
      }
      fill();
    }
  }

  private boolean take(int lineEnd, boolean isCut, int next, boolean skipRest) {
    start = pos;
    end = lineEnd;
    cut = isCut;
    pos = next;
    skipping = skipRest;
    return true;
  }

  /** Reads more; moves the unfinished line to the front only when the buffer is full. */
  private void fill() throws IOException {
    if (lim == buf.length) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    int n = in.read(buf, lim, buf.length - lim);
    if (n < 0) eof = true;
    else lim += n;
  }

  byte[] buffer() {
    return buf;
  }

  /** Start of the current line in {@link #buffer()}. */
  int start() {
    return start;
  }

  /** End of the current line (before its LF). */
  int end() {
    return end;
  }

  /** Whether the current line was longer than {@code maxLine} and is its first {@code maxLine} bytes. */
  boolean cut() {
    return cut;
  }

  /** Start of the unfinished line in {@link #buffer()}, after a read failed; it ends at {@link #partialEnd()}. */
  int partial() {
    return skipping ? lim : pos;
  }

  int partialEnd() {
    return lim;
  }
}
