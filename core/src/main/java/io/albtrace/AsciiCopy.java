package io.albtrace;

import io.albtrace.internal.ByteScan;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A header's text as the bytes {@link HeaderScanner} reads, at the same offsets from 0: each char
 * up to 0xFF as itself (from 0x80 up, never a digit or delimiter), every other char as 0x80.
 *
 * <p>A {@code String} is copied by the JDK's vectorised Latin-1 code: a reused copier's encoder,
 * which stops at the first char above 0xFF, or, for a one-off copy, {@code getBytes}; other texts,
 * and those that need it, char by char. The last copy stays in {@link #bytes()} until the next.
 */
final class AsciiCopy {
  private static final byte[] EMPTY = {};

  private final boolean reused;
  private byte[] bytes = EMPTY;
  // For a reused copier (a reader's): the Latin-1 encoder and the buffers it reads and writes.
  private CharsetEncoder latin1;
  private char[] chars;
  private CharBuffer latin1In;
  private ByteBuffer latin1Out;

  AsciiCopy(boolean reused) {
    this.reused = reused;
  }

  /** The array the last {@link #of} returned. */
  byte[] bytes() {
    return bytes;
  }

  /** {@code value[begin, end)} as bytes at {@code [0, end - begin)} of the array returned. */
  byte[] of(CharSequence value, int begin, int end) {
    int n = end - begin;
    if (!reused && value instanceof String && begin == 0 && end == value.length()) {
      // A one-off copy allocates anyway: the JDK's Latin-1 copy, exact unless it had to replace a
      // char (or a surrogate pair) by '?', rare in a header: then char by char below.
      byte[] b = ((String) value).getBytes(StandardCharsets.ISO_8859_1);
      if (b.length == n && ByteScan.indexOf(b, (byte) '?', 0, n) == n) return bytes = b;
    }
    byte[] b = bytes;
    if (b.length < n) {
      bytes = b = new byte[Math.max(n, Math.min(b.length * 2, AmznTraceHeader.MAX_LENGTH))];
      latin1Out = null;
    }
    if (reused && value instanceof String && latin1((String) value, begin, end)) return b;
    for (int i = 0; i < n; i++) b[i] = (byte) Math.min(value.charAt(begin + i), 0x80);
    return b;
  }

  /** Whether {@code value[begin, end)} is Latin-1 text, now copied into {@link #bytes}. */
  private boolean latin1(String value, int begin, int end) {
    int n = end - begin;
    if (latin1 == null) latin1 = StandardCharsets.ISO_8859_1.newEncoder();
    if (chars == null || chars.length < n) {
      chars = new char[bytes.length];
      latin1In = CharBuffer.wrap(chars);
    }
    if (latin1Out == null) latin1Out = ByteBuffer.wrap(bytes);
    value.getChars(begin, end, chars, 0);
    latin1In.clear().limit(n);
    latin1Out.clear();
    // Not "end of input": the encoder then needs no reset between texts. A lone high surrogate at
    // the end is left unread, so "all read" is checked too.
    return !latin1.encode(latin1In, latin1Out, false).isError() && !latin1In.hasRemaining();
  }
}
