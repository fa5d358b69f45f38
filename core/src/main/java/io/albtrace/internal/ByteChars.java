package io.albtrace.internal;

import java.nio.charset.StandardCharsets;

/**
 * A reusable {@link CharSequence} view of a byte range, one char per byte (ISO-8859-1), so that
 * {@link io.albtrace.AmznTraceHeader#parse(CharSequence, int, int)}, the one implementation of the docs/spec.md §1
 * grammar, reads a header straight out of a log line without decoding it to a {@code String}.
 * Bytes {@code >= 0x80} become chars {@code >= 0x80}, which are never hex digits nor delimiters,
 * so the grammar sees exactly what it would see in the UTF-8-decoded text.
 *
 * <p>Mutable and not thread-safe: each user owns one and {@link #wrap}s it around the next range.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class ByteChars implements CharSequence {
  private byte[] bytes = new byte[0];
  private int offset;
  private int length;

  /** Points this view at {@code bytes[offset, offset + length)}; returns {@code this}. */
  public ByteChars wrap(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
    return this;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= length) throw new IndexOutOfBoundsException(index);
    return (char) (bytes[offset + index] & 0xff);
  }

  /** A copy (the view is reused), as a {@code String} of the same chars. */
  @Override
  public CharSequence subSequence(int start, int end) {
    if (start < 0 || end > length || start > end) {
      throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
    }
    return new String(bytes, offset + start, end - start, StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
  }
}
