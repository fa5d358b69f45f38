package io.albtrace.accesslog;

import io.albtrace.AmznTraceHeaderReader;
import io.albtrace.internal.ByteScan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One Application Load Balancer access-log entry, located field by field in the bytes of its line
 * without copying or decoding them. Reusable: {@link #parse} overwrites the previous entry, so a
 * stream of lines costs no allocation per line.
 *
 * <p>Wire format: fields separated by one space; some are double-quoted and may then contain
 * spaces; {@code -} means "no value" (also as {@code "-"}). See {@link AlbLogField} for the order.
 *
 * <pre>
 * h2 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.1.252:48160 10.0.0.66:9000 …
 *    "GET https://10.0.2.105:773/ HTTP/2.0" "curl/7.46.0" … "Root=1-58337327-72bd00b0343d75b906739c42" …
 * </pre>
 *
 * <ul>
 *   <li>A quoted field ends at the first {@code "} that is followed by a space or the end of the
 *       line. ALB writes {@code "} inside values as {@code \x22}, {@code \} as {@code \x5C} and
 *       control or non-ASCII bytes as one {@code \xHH} per UTF-8 byte; {@link #text(int)} decodes
 *       those escapes, {@link #start(int)}/{@link #end(int)} give the raw bytes.
 *   <li>The first {@link AlbLogField#REQUIRED} fields (through {@code trace_id}) must be present;
 *       later ones may be missing (older entries); fields beyond the ones {@link AlbLogField}
 *       names are kept as extra fields ({@link #fieldCount()} counts them).
 *   <li>Numeric fields must be JSON-compatible numbers or {@code -}; {@code time} must start with
 *       a digit. A line that is empty, holds control bytes (binary data), has an unterminated
 *       quote, an empty field (two spaces) or too few fields is malformed: {@link #parse} returns
 *       false and {@link #error()} says why.
 *   <li>A trailing {@code \r} (CRLF line ends) is not part of the entry.
 * </ul>
 *
 * <p>Not thread-safe; the line's bytes must not change while the entry is read.
 */
public final class AlbLogEntry {
  private static final int REQUIRED = AlbLogField.REQUIRED;
  private static final int KNOWN = AlbLogField.count();

  byte[] line = new byte[0]; // package-private fields: read directly by AlbLogEnricher's loop
  private int lineStart;
  private int lineEnd;
  int count;
  int[] starts = new int[KNOWN + 8];
  int[] ends = new int[KNOWN + 8];
  boolean[] quoted = new boolean[KNOWN + 8];
  boolean[] plain = new boolean[KNOWN + 8];
  private String error;
  private byte[] decoded = new byte[64]; // a trace_id with escapes, decoded

  /**
   * Locates the fields of {@code line[offset, offset + length)} (one line, without its {@code \n}).
   *
   * @return true when it is an ALB entry; otherwise {@link #error()} says why
   * @throws IndexOutOfBoundsException only when the range is not within {@code line}
   */
  public boolean parse(byte[] line, int offset, int length) {
    int end = offset + length;
    if (offset < 0 || length < 0 || end > line.length) {
      throw new IndexOutOfBoundsException("[" + offset + ", " + end + ") of " + line.length);
    }
    if (end > offset && line[end - 1] == '\r') end--;
    this.line = line;
    this.lineStart = offset;
    this.lineEnd = end;
    this.count = 0;
    this.error = null;
    if (end == offset) return fail("empty line");

    int i = offset;
    while (true) {
      int start, stop;
      boolean isQuoted = line[i] == '"';
      boolean isPlain = true;
      if (isQuoted) {
        start = ++i;
        while (true) {
          i = ByteScan.quoteOrSpecial(line, i, end);
          if (i == end) return fail("unterminated quote in " + name(count));
          int b = line[i] & 0xff;
          if (b == '"') {
            if (i + 1 == end || line[i + 1] == ' ') break;
          } else if (b < 0x20 || b == 0x7f) {
            return control(i);
          }
          // a backslash, a non-ASCII byte, or a raw quote inside the value (not ALB's own
          // escaping, but tolerated): the value needs a closer look when written as JSON
          isPlain = false;
          i++;
        }
        stop = i++;
      } else {
        start = i;
        while (true) {
          i = ByteScan.fieldEndOrSpecial(line, i, end);
          if (i == end || line[i] == ' ') break;
          int b = line[i] & 0xff;
          if (b < 0x20 || b == 0x7f) return control(i);
          isPlain = false;
          i++;
        }
        stop = i;
        if (stop == start) return fail("empty field " + name(count) + " (two spaces)");
      }
      add(start, stop, isQuoted, isPlain);
      if (i == end) break;
      i++; // the space
      if (i == end) break; // tolerate one trailing space
    }
    if (count < REQUIRED) {
      return fail("too few fields: " + count + " of at least " + REQUIRED);
    }
    return checkValues();
  }

  private void add(int start, int stop, boolean isQuoted, boolean isPlain) {
    if (count == starts.length) {
      int n = count * 2;
      starts = Arrays.copyOf(starts, n);
      ends = Arrays.copyOf(ends, n);
      quoted = Arrays.copyOf(quoted, n);
      plain = Arrays.copyOf(plain, n);
    }
    starts[count] = start;
    ends[count] = stop;
    quoted[count] = isQuoted;
    plain[count] = isPlain;
    count++;
  }

  private boolean checkValues() {
    int known = Math.min(count, KNOWN);
    for (int f = 0; f < known; f++) {
      AlbLogField field = AlbLogField.at(f);
      switch (field.kind()) {
        case SECONDS:
        case INTEGER:
          if (!isAbsent(f) && !isJsonNumber(line, starts[f], ends[f], field.kind() == AlbLogField.Kind.SECONDS)) {
            return fail("bad " + field.awsName());
          }
          break;
        default:
          break;
      }
    }
    int t = AlbLogField.TIME.ordinal();
    byte first = line[starts[t]];
    if (first < '0' || first > '9') return fail("bad time");
    return true;
  }

  /** {@code -?(0|[1-9][0-9]*)} then, when {@code fraction}, an optional {@code .[0-9]+}. */
  static boolean isJsonNumber(byte[] s, int from, int to, boolean fraction) {
    int i = from;
    if (i < to && s[i] == '-') i++;
    if (i == to) return false;
    if (s[i] == '0') {
      i++;
    } else {
      int digits = i;
      while (i < to && s[i] >= '0' && s[i] <= '9') i++;
      if (i == digits) return false;
    }
    if (i < to && fraction && s[i] == '.') {
      int digits = ++i;
      while (i < to && s[i] >= '0' && s[i] <= '9') i++;
      if (i == digits) return false;
    }
    return i == to;
  }

  private boolean control(int at) {
    return fail(String.format("binary data: control byte 0x%02x at column %d", line[at] & 0xff, at - lineStart + 1));
  }

  private boolean fail(String reason) {
    error = reason;
    return false;
  }

  private static String name(int index) {
    AlbLogField f = AlbLogField.at(index);
    return f != null ? f.awsName() : "field " + (index + 1);
  }

  // ---- Accessors ----

  /** Why the last {@link #parse} returned false, or {@code null} when it succeeded. */
  public String error() {
    return error;
  }

  /** Fields found: known ones first, then extra trailing fields. */
  public int fieldCount() {
    return count;
  }

  /** True when the entry has {@code field} (an older entry may end before it). */
  public boolean has(AlbLogField field) {
    return field.ordinal() < count;
  }

  /** The line the entry was parsed from. */
  public byte[] line() {
    return line;
  }

  /** Start of the line (inclusive) in {@link #line()}. */
  public int lineStart() {
    return lineStart;
  }

  /** End of the line (exclusive, without a trailing {@code \r}) in {@link #line()}. */
  public int lineEnd() {
    return lineEnd;
  }

  /** Index in {@link #line()} of field {@code i}'s first byte, after an opening quote. */
  public int start(int i) {
    check(i);
    return starts[i];
  }

  /** Index in {@link #line()} just after field {@code i}'s last byte, before a closing quote. */
  public int end(int i) {
    check(i);
    return ends[i];
  }

  /** True when field {@code i} was written in double quotes. */
  public boolean isQuoted(int i) {
    check(i);
    return quoted[i];
  }

  /**
   * True when field {@code i} holds only printable ASCII other than {@code "} and {@code \\}: its
   * bytes are already a JSON string body, with no escape to decode.
   */
  boolean isPlain(int i) {
    return plain[i];
  }

  /** True when field {@code i} is {@code -} or {@code "-"}: "no value". */
  public boolean isAbsent(int i) {
    check(i);
    return ends[i] - starts[i] == 1 && line[starts[i]] == '-';
  }

  /**
   * The value of field {@code i}, {@code \xHH} escapes of a quoted field decoded, as UTF-8 text
   * (malformed UTF-8 becomes U+FFFD). Allocates; the enricher does not use it.
   */
  public String text(int i) {
    check(i);
    return AlbLogValues.text(this, i, starts[i], ends[i]);
  }

  /** The value of {@code field}, or {@code null} when the entry ends before it. */
  public String text(AlbLogField field) {
    return has(field) ? text(field.ordinal()) : null;
  }

  private void check(int i) {
    if (i < 0 || i >= count) throw new IndexOutOfBoundsException("field " + i + " of " + count);
  }

  /**
   * Reads the {@code trace_id} field into {@code reader}, its {@code \xHH} escapes decoded first:
   * docs/spec.md §1 applies to the header as sent, so {@code "\x09Root=…"} is a tab (trimmed), not
   * a key {@code \x09Root}.
   *
   * @return whether it is a valid header; false also when the field is {@code -}
   */
  public boolean readTraceId(AmznTraceHeaderReader reader) {
    int f = AlbLogField.TRACE_ID.ordinal();
    if (isAbsent(f)) return false;
    byte[] header = line;
    int from = starts[f], to = ends[f];
    if (quoted[f] && AlbEscapes.first(header, from, to) < to) {
      if (decoded.length < to - from) decoded = new byte[to - from];
      to = AlbEscapes.decode(header, from, to, decoded);
      header = decoded;
      from = 0;
    }
    return reader.read(header, from, to);
  }

  /** The line as text, for messages. */
  @Override
  public String toString() {
    return new String(line, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
  }
}
