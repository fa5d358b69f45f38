package io.albtrace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads (and so decompresses) its source on a second thread, a few fixed chunks ahead, so that
 * gzip inflation and enrichment run in parallel. Memory is bounded by {@code chunks * chunkSize}.
 *
 * <p>Data comes out in order; an {@link IOException} of the source is thrown only after every
 * byte read before it has been delivered, so the caller can still write all complete lines.
 * {@link #available()} is the data already read ahead: 0 means the next {@code read} may block,
 * which the caller uses as its cue to flush output.
 */
final class ReadAheadInputStream extends InputStream {
  private static final class Chunk {
    final byte[] data;
    int length;
    boolean end;
    IOException error;

    Chunk(int size) {
      data = new byte[size];
    }
  }

  private final BlockingQueue<Chunk> free;
  private final BlockingQueue<Chunk> full;
  private final Thread thread;
  private final InputStream source;
  private Chunk current;
  private int pos;
  private volatile boolean closed;
  private final byte[] one = new byte[1];

  ReadAheadInputStream(InputStream source, int chunkSize, int chunks, String name) {
    this.source = source;
    this.free = new ArrayBlockingQueue<>(chunks);
    this.full = new ArrayBlockingQueue<>(chunks);
    for (int i = 0; i < chunks; i++) free.add(new Chunk(chunkSize));
    this.thread = new Thread(this::readAhead, "albtrace-read " + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void readAhead() {
    try {
      while (!closed) {
        Chunk c = free.take();
        c.length = 0;
        try {
          int n = source.read(c.data, 0, c.data.length);
          if (n < 0) {
            c.end = true;
          } else {
            c.length = n;
          }
        } catch (IOException e) {
          c.error = e;
        } catch (RuntimeException e) {
          c.error = new IOException(e.toString(), e);
        }
        full.put(c);
        if (c.end || c.error != null) return;
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  @Override
  public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (current == null || pos == current.length) {
      if (current != null) {
        if (current.error != null) throw current.error;
        if (current.end) return -1;
        free.add(current);
      }
      try {
        current = full.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading");
      }
      pos = 0;
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current.data, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    int inCurrent = current == null ? 0 : current.length - pos;
    return inCurrent > 0 ? inCurrent : full.isEmpty() ? 0 : 1;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    thread.interrupt();
    full.clear();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    source.close();
  }
}
