package io.albtrace.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it, as stored (before any inflating): the progress of a file, or
 * whether an object's body arrived whole. {@link #count()} may be read from another thread.
 */
public final class CountingInputStream extends FilterInputStream {
  private volatile long count;

  public CountingInputStream(InputStream in) {
    super(in);
  }

  /** Bytes read so far. */
  public long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) count++;
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) count += n;
    return n;
  }
}
