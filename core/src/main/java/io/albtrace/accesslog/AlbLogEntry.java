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
  // What endsAt says when the line goes on, and when the range ends before the line does.
  private static final int MORE = -2;
  private static final int INCOMPLETE = -1;
  // The numeric fields, in order, and whether each may have a fraction: checked on every line.
  private static final int[] NUMBERS;
  private static final boolean[] FRACTION;

  static {
    int[] numbers = new int[KNOWN];
    boolean[] fraction = new boolean[KNOWN];
    int n = 0;
    for (AlbLogField f : AlbLogField.values()) {
      if (f.kind() == AlbLogField.Kind.TEXT) continue;
      fraction[n] = f.kind() == AlbLogField.Kind.SECONDS;
      numbers[n++] = f.ordinal();
    }
    NUMBERS = Arrays.copyOf(numbers, n);
    FRACTION = Arrays.copyOf(fraction, n);
  }

  byte[] line = new byte[0]; // package-private fields: read directly by the enricher's per-line code
  private int lineStart;
  private int lineEnd;
  int count;
  int[] starts = new int[KNOWN + 8];
  int[] ends = new int[KNOWN + 8];
  boolean[] quoted = new boolean[KNOWN + 8];
  // plain: only printable ASCII other than " and \ — already a JSON string body, no escape to decode
  boolean[] plain = new boolean[KNOWN + 8];
  private String error;
  private int newline; // after parseLine: the index of the \n that ends the line
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
    locate(line, offset, end, false);
    return error == null;
  }

  /**
   * {@link #parse} of the line that starts at {@code buf[from]} and ends at the first {@code \n}
   * before {@code to} (a {@code \r} just before it is not part of the line), found in the same
   * pass as the fields rather than by a search of its own: the form for a chunk of lines.
   *
   * @return the index of that {@code \n}, the entry then parsed as {@link #parse} parses the line;
   *     or -1 when {@code buf[from, to)} holds no {@code \n} (the line is not complete: the entry is
   *     then not meant to be read)
   */
  int parseLine(byte[] buf, int from, int to) {
    return locate(buf, from, to, true) ? newline : -1;
  }

  /**
   * The field scan of {@link #parse} and {@link #parseLine}: the line ends at {@code end}, or,
   * when {@code toNewline}, at the {@code \n} (or {@code \r\n}) before it, whose index goes to
   * {@link #newline}. Sets {@link #error()} and {@link #lineEnd()}.
   *
   * @return false only when {@code toNewline} and no {@code \n} comes before {@code end}
   */
  private boolean locate(byte[] line, int offset, int end, boolean toNewline) {
    this.line = line;
    this.lineStart = offset;
    this.lineEnd = end;
    this.count = 0;
    this.error = null;
    int i = offset;
    int stopAt = endsAt(line, i, end, toNewline);
    if (stopAt == INCOMPLETE) return false;
    if (stopAt != MORE) return failAt("empty line", i, end, toNewline);

    while (true) {
      int start, stop;
      boolean isQuoted = line[i] == '"';
      boolean isPlain = true;
      if (isQuoted) {
        start = ++i;
        if (i + 2 < end && line[i] == '-' && line[i + 1] == '"' && line[i + 2] == ' ') {
          i++; // "-" then a space, ALB's "no value", comes about six times a line: no scan for it
        } else {
          while (true) {
            i = ByteScan.quoteOrSpecial(line, i, end);
            if (i == end) { // no closing quote before the range ends
              if (toNewline) return false; // the line goes on past it
              return failAt("unterminated quote in " + name(count), i, end, false);
            }
            int b = line[i] & 0xff;
            if (b == '"') {
              // closing when a space or the line's end follows (at the range's end, the check after
              // the field tells a complete line from a cut one)
              if (i + 1 == end || line[i + 1] == ' ' || endsAt(line, i + 1, end, toNewline) != MORE) break;
            } else if (b < 0x20 || b == 0x7f) {
              // the line ends inside the quotes (toNewline: a \n or \r\n here), or binary data
              int lineEndsAt = endsAt(line, i, end, toNewline);
              String reason = lineEndsAt >= 0 ? "unterminated quote in " + name(count) : controlByte(i);
              return failAt(reason, i, end, toNewline);
            }
            // a backslash, a non-ASCII byte, or a raw quote inside the value (not ALB's own
            // escaping, but tolerated): the value needs a closer look when written as JSON
            isPlain = false;
            i++;
          }
        }
        stop = i++;
      } else {
        start = i;
        while (true) {
          i = ByteScan.fieldEndOrSpecial(line, i, end);
          if (i == end || line[i] == ' ') break;
          int b = line[i] & 0xff;
          if (b < 0x20 || b == 0x7f) {
            if (endsAt(line, i, end, toNewline) != MORE) break;
            return failAt(controlByte(i), i, end, toNewline);
          }
          isPlain = false;
          i++;
        }
        stop = i;
        if (stop == start) return failAt("empty field " + name(count) + " (two spaces)", i, end, toNewline);
      }
      if (count == starts.length) grow();
      starts[count] = start;
      ends[count] = stop;
      quoted[count] = isQuoted;
      plain[count] = isPlain;
      count++;
      if (i == end || line[i] != ' ') { // a field ends at a space or where the line ends
        stopAt = endsAt(line, i, end, toNewline);
        break;
      }
      i++; // the space
      if (i == end || line[i] == '\n' || line[i] == '\r') {
        stopAt = endsAt(line, i, end, toNewline);
        if (stopAt != MORE) break; // tolerate one trailing space
      }
    }
    if (stopAt == INCOMPLETE) return false;
    lineEnd = i;
    if (toNewline) newline = stopAt;
    if (count < REQUIRED) error = "too few fields: " + count + " of at least " + REQUIRED;
    else checkValues();
    return true;
  }

  /**
   * Whether the line ends at {@code line[i]}: {@link #MORE} when it does not; else where it ends:
   * {@code end} itself when not {@code toNewline}, the index of its {@code \n} ({@code \n} or
   * {@code \r\n} at {@code i}) when {@code toNewline}, or {@link #INCOMPLETE} when
   * {@code toNewline} and {@code end} came first.
   */
  private static int endsAt(byte[] line, int i, int end, boolean toNewline) {
    if (i == end) return toNewline ? INCOMPLETE : end;
    if (!toNewline) return MORE;
    byte b = line[i];
    if (b == '\n') return i;
    if (b == '\r') {
      if (i + 1 == end) return INCOMPLETE;
      if (line[i + 1] == '\n') return i + 1;
    }
    return MORE;
  }

  /**
   * Records why the line is malformed; when {@code toNewline}, first finds where it ends, from
   * {@code at}. Returns false when no {@code \n} comes before {@code limit}.
   */
  private boolean failAt(String reason, int at, int limit, boolean toNewline) {
    error = reason;
    if (!toNewline) return true;
    int nl = ByteScan.newline(line, at, limit);
    if (nl == limit) return false;
    newline = nl;
    lineEnd = nl > lineStart && line[nl - 1] == '\r' ? nl - 1 : nl;
    return true;
  }

  private void grow() {
    int n = count * 2;
    starts = Arrays.copyOf(starts, n);
    ends = Arrays.copyOf(ends, n);
    quoted = Arrays.copyOf(quoted, n);
    plain = Arrays.copyOf(plain, n);
  }

  /** Sets {@link #error()} when a numeric field is not a number or {@code time} does not start with a digit. */
  private void checkValues() {
    for (int n = 0; n < NUMBERS.length; n++) {
      int f = NUMBERS[n];
      if (f >= count) break;
      if (!absent(f) && !isJsonNumber(line, starts[f], ends[f], FRACTION[n])) {
        error = "bad " + AlbLogField.at(f).awsName();
        return;
      }
    }
    int t = AlbLogField.TIME.ordinal();
    byte first = line[starts[t]];
    if (first < '0' || first > '9') error = "bad time";
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

  private String controlByte(int at) {
    return String.format("binary data: control byte 0x%02x at column %d", line[at] & 0xff, at - lineStart + 1);
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

  /** True when field {@code i} is {@code -} or {@code "-"}: "no value". */
  public boolean isAbsent(int i) {
    check(i);
    return absent(i);
  }

  /** {@link #isAbsent} for a field the caller knows exists: the enricher's per-line checks. */
  boolean absent(int i) {
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

  // Small enough for every JIT tier to inline into the accessors; the message is built out of line.
  private void check(int i) {
    if ((i | (count - 1 - i)) < 0) throw outOfRange(i);
  }

  private IndexOutOfBoundsException outOfRange(int i) {
    return new IndexOutOfBoundsException("field " + i + " of " + count);
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
    // a plain field holds no backslash, so no escape
    if (!plain[f] && quoted[f] && AlbEscapes.first(header, from, to) < to) {
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
