package io.albtrace.testsupport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Gzip test data: one member per call, members joined, and a stream that reads like a network one. */
public final class GzipBytes {
  private GzipBytes() {}

  /** {@code text} as UTF-8 in one gzip member. */
  public static byte[] gzip(String text) throws IOException {
    return gzip(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code data} in one gzip member. */
  public static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** The parts one after the other: several gzip members make one multi-member file. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }

  /** Like a network stream: {@code available()} is always 0 and reads return at most a few bytes. */
  public static final class Trickle extends FilterInputStream {
    private final int max;

    public Trickle(byte[] data, int max) {
      super(new ByteArrayInputStream(data));
      this.max = max;
    }

    @Override
    public int available() {
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, Math.min(len, max));
    }
  }
}
