package io.albtrace.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of UTF-8 JSON bytes, written without {@code String}s: keys are pre-encoded
 * ({@code "name":} or {@code ,"name":}), values are copied, escaped ({@link #string}) or written as
 * numbers straight into the array. Not thread-safe: one per thread, reused line after line.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class JsonBuffer {
  private static final VarHandle LONGS = LittleEndian.LONGS;
  /** The longest key or value {@link #field} and {@link #key} store as words: four of them. */
  private static final int WORDS = 4 * Long.BYTES;
  /**
   * Bytes kept free past what {@link #field} and {@link #key} append: they store whole words, up to
   * {@link #WORDS} bytes from where a key or a value starts, and the next append overwrites what
   * lies past its end.
   */
  private static final int SLACK = WORDS;

  private byte[] bytes;
  private int length;
  private final byte[] digits = new byte[UnsignedDecimal.MAX_LENGTH];

  public JsonBuffer(int initialCapacity) {
    bytes = new byte[Math.max(64, initialCapacity)];
  }

  /** {@code "name":}, to pass to {@link #key} and {@link #field}. */
  public static Key key(String name) {
    return new Key(name, false);
  }

  /** {@code ,"name":}: the key of a member after the first. */
  public static Key commaKey(String name) {
    return new Key(name, true);
  }

  /**
   * A member's key, pre-encoded: {@code "name":} or {@code ,"name":} in UTF-8. A key of up to 32
   * bytes (every key albtrace writes) is also held as four little-endian words, zero-padded, so
   * appending it is four stores rather than a call to {@code System.arraycopy}: C1, the compiler
   * the CLI runs under, calls a stub for every copy, which costs more than the copy of a key.
   */
  public static final class Key {
    final byte[] bytes;
    final int length;
    final long w0, w1, w2, w3;

    // Built by hand, not by string concatenation: keys are made in class initializers, where each
    // invokedynamic concatenation costs a short-lived command a bootstrap.
    private Key(String name, boolean comma) {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      int at = comma ? 1 : 0;
      byte[] k = new byte[at + n.length + 3];
      if (comma) k[0] = ',';
      k[at] = '"';
      System.arraycopy(n, 0, k, at + 1, n.length);
      k[at + 1 + n.length] = '"';
      k[at + 2 + n.length] = ':';
      bytes = k;
      length = k.length; // a field of its own: one load on the hot path, not two
      byte[] padded = Arrays.copyOf(k, WORDS); // cut to 32 bytes when longer: then never used
      w0 = (long) LONGS.get(padded, 0);
      w1 = (long) LONGS.get(padded, 8);
      w2 = (long) LONGS.get(padded, 16);
      w3 = (long) LONGS.get(padded, 24);
    }

    /** The bytes it appends. */
    public int length() {
      return length;
    }

    /** The key as JSON text, such as {@code ,"name":}. */
    @Override
    public String toString() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The array; valid bytes are {@code [0, length())}. */
  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return length;
  }

  /** Rewinds to {@code length} (at most the current length), to drop what was written since. */
  public void setLength(int length) {
    if (length < 0 || length > this.length) throw new IndexOutOfBoundsException(length);
    this.length = length;
  }

  /** Writes the content to {@code out} and empties the buffer. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
    length = 0;
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  // Small enough for every JIT tier to inline; growing is out of line.
  private void ensure(int extra) {
    if (length + extra > bytes.length) grow(extra);
  }

  private void grow(int extra) {
    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
  }

  /** Appends one ASCII char. */
  public JsonBuffer put(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Appends a pre-encoded key ({@link #key(String)}, {@link #commaKey}). */
  public JsonBuffer key(Key key) {
    ensure(key.length + SLACK);
    byte[] b = bytes;
    int l = length;
    if (key.length <= WORDS) {
      LONGS.set(b, l, key.w0);
      LONGS.set(b, l + 8, key.w1);
      LONGS.set(b, l + 16, key.w2);
      LONGS.set(b, l + 24, key.w3);
    } else {
      System.arraycopy(key.bytes, 0, b, l, key.length);
    }
    length = l + key.length;
    return this;
  }

  /** Appends {@code s[from, to)} as is: a number, or bytes already in JSON form. */
  public JsonBuffer raw(byte[] s, int from, int to) {
    int n = to - from;
    ensure(n);
    System.arraycopy(s, from, bytes, length, n);
    length += n;
    return this;
  }

  /** Appends {@code "s[from, to)"}: bytes the caller knows need no escaping. */
  public JsonBuffer plain(byte[] s, int from, int to) {
    int n = to - from;
    ensure(n + 2);
    byte[] b = bytes;
    int l = length;
    b[l] = '"';
    System.arraycopy(s, from, b, l + 1, n);
    b[l + n + 1] = '"';
    length = l + n + 2;
    return this;
  }

  /**
   * Appends {@code key} then {@code s[from, to)}, in double quotes when {@code quote}: one member
   * whose value the caller knows needs no escaping, in a single bounds check. A value of up to 32
   * bytes (most of an access log's) is copied a word at a time when {@code s} has 32 bytes from
   * {@code from}: the words past {@code to} land in the slack, and the next append overwrites them.
   */
  public void field(Key key, byte[] s, int from, int to, boolean quote) {
    int k = key.length, n = to - from;
    ensure(k + n + 2 + SLACK);
    byte[] b = bytes;
    int l = length;
    // key()'s stores, repeated: C1 would call a method holding them, not inline it
    if (k <= WORDS) {
      LONGS.set(b, l, key.w0);
      LONGS.set(b, l + 8, key.w1);
      LONGS.set(b, l + 16, key.w2);
      LONGS.set(b, l + 24, key.w3);
    } else {
      System.arraycopy(key.bytes, 0, b, l, k);
    }
    l += k;
    b[l] = '"'; // kept only when quoted: otherwise the value's first byte overwrites it
    if (quote) l++;
    if ((n | from) >= 0 && n <= WORDS && from <= s.length - WORDS) {
      LONGS.set(b, l, (long) LONGS.get(s, from));
      if (n > 8) {
        LONGS.set(b, l + 8, (long) LONGS.get(s, from + 8));
        if (n > 16) {
          LONGS.set(b, l + 16, (long) LONGS.get(s, from + 16));
          if (n > 24) LONGS.set(b, l + 24, (long) LONGS.get(s, from + 24));
        }
      }
    } else {
      System.arraycopy(s, from, b, l, n);
    }
    l += n;
    b[l] = '"';
    if (quote) l++;
    length = l;
  }

  /** Appends {@code v} read as unsigned, in decimal. */
  public JsonBuffer decimal(long v) {
    int start = UnsignedDecimal.writeBackwards(v, digits, digits.length);
    return raw(digits, start, digits.length);
  }

  /** Appends {@code "<v as unsigned decimal>"}. */
  public JsonBuffer decimalString(long v) {
    return put('"').decimal(v).put('"');
  }

  /** Appends {@code "<high><low>"}: 32 lowercase hex digits. */
  public JsonBuffer hexString(long high, long low) {
    ensure(34);
    bytes[length] = '"';
    Hex.write(high, 16, bytes, length + 1);
    Hex.write(low, 16, bytes, length + 17);
    bytes[length + 33] = '"';
    length += 34;
    return this;
  }

  /**
   * Appends {@code s[from, to)}, UTF-8, as a JSON string, escaped as {@link Json} says. Bytes that
   * are not well-formed UTF-8 are replaced by U+FFFD when {@code replace}; otherwise nothing is
   * appended and the method returns false.
   */
  public boolean string(byte[] s, int from, int to, boolean replace) {
    int special = ByteScan.jsonSpecial(s, from, to);
    if (special == to) {
      plain(s, from, to);
      return true;
    }
    return escaped(s, from, special, to, replace);
  }

  /**
   * {@link #string} once a byte needing care was found at {@code special}: out of line, so the JIT
   * inlines only the common plain copy into each of the enricher's many call sites.
   */
  private boolean escaped(byte[] s, int from, int special, int to, boolean replace) {
    ensure((to - from) * 6 + 2); // worst case: every byte a \\u00XX escape
    byte[] b = bytes;
    int n = length;
    b[n++] = '"';
    System.arraycopy(s, from, b, n, special - from);
    n += special - from;
    int i = special;
    while (i < to) {
      int run = i;
      i = ByteScan.jsonSpecial(s, i, to);
      if (i > run) {
        System.arraycopy(s, run, b, n, i - run);
        n += i - run;
      }
      if (i == to) break;
      int c = s[i] & 0xff;
      if (c < 0x80) {
        n = escape(c, b, n);
        i++;
        continue;
      }
      int seq = Utf8.sequenceLength(s, i, to);
      if (seq == 0) {
        if (!replace) return false;
        b[n++] = (byte) 0xEF; // U+FFFD
        b[n++] = (byte) 0xBF;
        b[n++] = (byte) 0xBD;
        i++;
      } else if (seq == 3 && c == 0xE2 && s[i + 1] == (byte) 0x80 && (s[i + 2] & 0xfe) == 0xA8) {
        n = escape(s[i + 2] == (byte) 0xA8 ? 0x2028 : 0x2029, b, n);
        i += 3;
      } else {
        for (int k = 0; k < seq; k++) b[n++] = s[i++];
      }
    }
    b[n++] = '"';
    length = n;
    return true;
  }

  private static int escape(int c, byte[] b, int n) {
    b[n++] = '\\';
    char shortEscape = Json.shortEscape(c);
    if (shortEscape != 0) {
      b[n++] = (byte) shortEscape;
      return n;
    }
    b[n++] = 'u';
    Hex.write(c, 4, b, n);
    return n + 4;
  }
}
