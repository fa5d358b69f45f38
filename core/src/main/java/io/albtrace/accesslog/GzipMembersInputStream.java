package io.albtrace.accesslog;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses a gzip stream of any number of members (RFC 1952), member after member, until the
 * end of the underlying stream.
 *
 * <p>Why not {@link java.util.zip.GZIPInputStream}: after a member it looks for the next one only
 * when the underlying stream's {@code available()} is positive or enough bytes happen to be left
 * in its buffer, so over a network stream (where {@code available()} is 0) it can stop silently
 * after the first member and lose the rest of the file. Here the end is decided by reading.
 *
 * <p>Every member's CRC-32 and length are checked. A stream that ends inside a member is
 * {@link EOFException} ("truncated"); bad compressed data, a bad header, a CRC mismatch or bytes
 * after the last member other than zero padding are {@link IOException}s with a clear message.
 *
 * <p>ALB access logs arrive in S3 as {@code .log.gz} objects, but enabling logging also writes a
 * plain-text {@code ELBAccessLogTestFile}: {@link #decodeIfGzip} tells them apart by content.
 */
public final class GzipMembersInputStream extends InputStream {
  private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16, RESERVED = 0xE0;

  private final InputStream in;
  private final byte[] buf;
  private int pos;
  private int lim;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private long memberBytes;
  private int members;
  private boolean done;
  private final byte[] one = new byte[1];

  /**
   * @throws IOException when the stream does not start with a gzip header
   */
  public GzipMembersInputStream(InputStream in, int bufferSize) throws IOException {
    this.in = in;
    this.buf = new byte[bufferSize];
    readHeader(readByte(), readByte());
  }

  /**
   * {@code in} decoded: through a {@code GzipMembersInputStream} when it starts with gzip's magic
   * bytes {@code 1f 8b}, else as it is (plain text, or empty). Whatever the name of the file or object.
   */
  public static InputStream decodeIfGzip(InputStream in, int bufferSize) throws IOException {
    PushbackInputStream p = new PushbackInputStream(in, 2);
    byte[] magic = new byte[2];
    int n = 0;
    for (int r; n < 2 && (r = p.read(magic, n, 2 - n)) > 0; ) n += r;
    if (n > 0) p.unread(magic, 0, n);
    return n == 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b ? new GzipMembersInputStream(p, bufferSize) : p;
  }

  /** Members read so far, including the current one. */
  public int members() {
    return members;
  }

  @Override
  public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (!done) {
      if (inflater.needsInput()) {
        if (pos == lim) {
          fill();
          if (lim == 0) throw new EOFException("truncated gzip data (unexpected end of file)");
        }
        inflater.setInput(buf, pos, lim - pos);
        pos = lim;
      }
      int n;
      try {
        n = inflater.inflate(b, off, len);
      } catch (DataFormatException e) {
        throw new IOException("corrupt gzip data (" + e.getMessage() + ")", e);
      }
      if (n > 0) {
        crc.update(b, off, n);
        memberBytes += n;
        return n;
      }
      if (inflater.finished()) {
        pos = lim - inflater.getRemaining();
        readTrailer();
        nextMember();
      } else if (inflater.needsDictionary()) {
        throw new IOException("corrupt gzip data (preset dictionary)");
      }
    }
    return -1;
  }

  private void readTrailer() throws IOException {
    long expectedCrc = readInt();
    long expectedSize = readInt();
    if (expectedCrc != crc.getValue()) throw new IOException("corrupt gzip data (CRC mismatch)");
    if (expectedSize != (memberBytes & 0xFFFFFFFFL)) {
      throw new IOException("corrupt gzip data (length mismatch)");
    }
  }

  /** After a member: the next one's header, zero padding up to the end, or the end. */
  private void nextMember() throws IOException {
    int b1 = peekByte();
    if (b1 < 0) {
      done = true;
      return;
    }
    if (b1 == 0) {
      // Some writers pad to a block size with zeros; gzip(1) accepts that too.
      for (int b; (b = peekByte()) >= 0; pos++) {
        if (b != 0) throw new IOException("corrupt gzip data (garbage after the last member)");
      }
      done = true;
      return;
    }
    readHeader(readByte(), readByte());
    inflater.reset();
    crc.reset();
    memberBytes = 0;
  }

  private void readHeader(int id1, int id2) throws IOException {
    if (id1 != 0x1f || id2 != 0x8b) {
      throw new IOException(
          members == 0 ? "not gzip data" : "corrupt gzip data (garbage after member " + members + ")");
    }
    if (readByte() != 8) throw new IOException("corrupt gzip data (unknown compression method)");
    int flags = readByte();
    if ((flags & RESERVED) != 0) throw new IOException("corrupt gzip data (reserved header flags)");
    for (int i = 0; i < 6; i++) readByte(); // MTIME, XFL, OS
    if ((flags & FEXTRA) != 0) {
      int xlen = readByte() | readByte() << 8;
      for (int i = 0; i < xlen; i++) readByte();
    }
    if ((flags & FNAME) != 0) while (readByte() != 0) {}
    if ((flags & FCOMMENT) != 0) while (readByte() != 0) {}
    if ((flags & FHCRC) != 0) {
      readByte();
      readByte();
    }
    members++;
  }

  private long readInt() throws IOException {
    return (readByte() | readByte() << 8 | readByte() << 16 | (long) readByte() << 24) & 0xFFFFFFFFL;
  }

  private int readByte() throws IOException {
    int b = peekByte();
    if (b < 0) throw new EOFException("truncated gzip data (unexpected end of file)");
    pos++;
    return b;
  }

  private int peekByte() throws IOException {
    if (pos == lim) {
      fill();
      if (lim == 0) return -1;
    }
    return buf[pos] & 0xff;
  }

  /** Refills the (fully consumed) buffer; {@code lim == 0} at the end of the stream. */
  private void fill() throws IOException {
    pos = 0;
    lim = 0;
    int n;
    while ((n = in.read(buf, 0, buf.length)) == 0) {}
    if (n > 0) lim = n;
  }

  @Override
  public void close() throws IOException {
    inflater.end();
    in.close();
  }
}
