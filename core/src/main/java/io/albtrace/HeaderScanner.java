package io.albtrace;

import io.albtrace.AmznTraceHeader.Field;
import io.albtrace.AmznTraceHeader.Invalid;
import io.albtrace.AmznTraceHeader.Sampled;
import io.albtrace.internal.ByteScan;
import io.albtrace.internal.Hex;
import io.albtrace.internal.LittleEndian;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The one implementation of the {@code X-Amzn-Trace-Id} grammar (docs/spec.md §1), shared by
 * {@link AmznTraceHeader#parse} and {@link AmznTraceHeaderReader}, and its result.
 *
 * <p>It reads ASCII bytes: text is first copied by {@link AsciiCopy}, every char above {@code 0xFF}
 * becoming {@code 0x80}, which is neither a hex digit, a delimiter nor a key letter, so the grammar
 * sees exactly what it would see in the text. On those bytes it finds each {@code ;}
 * eight bytes at a time, matches keys as one 4- or 8-byte word, and checks and decodes eight hex
 * digits at a time ({@link Hex#decode8(byte[], int)}). Each value is decoded once, straight into
 * the fields below; the rare {@code Lineage} and extra fields are only flagged, and collected in a
 * second pass when asked for ({@link #rareFields}).
 *
 * <p>Mutable and not thread-safe: one per {@link AmznTraceHeaderReader}, or one per parse.
 */
final class HeaderScanner {
  private static final VarHandle INTS = LittleEndian.INTS;
  private static final VarHandle LONGS = LittleEndian.LONGS;
  private static final int ROOT = word("Root");
  private static final int SELF = word("Self");
  private static final int PARE = word("Pare"); // + "nt"
  private static final long SAMPLED = word("Samp") | (long) word("led") << 32; // 7 bytes
  private static final long LINEAGE = word("Line") | (long) word("age") << 32;
  private static final long SEVEN_BYTES = 0x00FFFFFFFFFFFFFFL;
  private static final long FIVE_BYTES = 0xFFFFFFFFFFL;
  private static final long ROOT_EQ = word("Root") | (long) word("=") << 32;
  private static final long SELF_EQ = word("Self") | (long) word("=") << 32;
  private static final long PARENT_EQ = word("Pare") | (long) word("nt=") << 32;
  private static final long SAMPLED_EQ = word("Samp") | (long) word("led=") << 32;

  // The last scan's result. invalid == null: valid, and the fields below hold its values.
  Invalid invalid = Invalid.NO_ROOT;
  long rootHigh;
  long rootLow;
  boolean hasSelfField;
  boolean hasSelf;
  private long selfHigh; // decoded when first asked for, from selfSource[selfAt]: see self()
  private long selfLow;
  private byte[] selfSource;
  private int selfAt;
  long parent; // 0 when absent or invalid: a zero Parent is invalid anyway
  Sampled sampled = Sampled.ABSENT;
  boolean hasRareFields;

  private final AsciiCopy copy;

  HeaderScanner(boolean reused) {
    this.copy = new AsciiCopy(reused);
  }

  /** Reads {@code value[begin, end)}; whether it is valid. */
  boolean scan(CharSequence value, int begin, int end) {
    checkRange(begin, end, value.length());
    int n = end - begin;
    if (n > AmznTraceHeader.MAX_LENGTH) return invalid(Invalid.TOO_LONG);
    return scan(copy.of(value, begin, end), 0, n, null, null);
  }

  /**
   * Reads the bytes {@code value[from, to)}; whether they are a valid header. Bytes from
   * {@code 0x80} up are never digits, delimiters or key letters, as in ISO-8859-1 or UTF-8 text.
   */
  boolean scan(byte[] value, int from, int to) {
    checkRange(from, to, value.length);
    if (to - from > AmznTraceHeader.MAX_LENGTH) return invalid(Invalid.TOO_LONG);
    return scan(value, from, to, null, null);
  }

  private static void checkRange(int begin, int end, int length) {
    if (begin < 0 || end > length || begin > end) {
      throw new IndexOutOfBoundsException("[" + begin + ", " + end + ") of " + length);
    }
  }

  private boolean invalid(Invalid reason) {
    invalid = reason;
    rootHigh = rootLow = selfHigh = selfLow = parent = 0;
    selfSource = null;
    hasSelfField = hasSelf = hasRareFields = false;
    sampled = Sampled.ABSENT;
    return false;
  }

  /**
   * Collects the {@code Lineage} (into {@code lineage[0]}) and the extra fields of a valid header
   * {@code text}, scanning it again: the rare path, which allocates.
   */
  static List<Field> rareFields(String text, String[] lineage) {
    HeaderScanner scanner = new HeaderScanner(false);
    List<Field> extras = new ArrayList<>(2);
    scanner.scan(scanner.copy.of(text, 0, text.length()), 0, text.length(), text, extras);
    lineage[0] = scanner.lineage;
    return extras;
  }

  // Known keys seen so far in this scan: only the first occurrence of each counts.
  private static final int SEEN_ROOT = 1, SEEN_SELF = 2, SEEN_PARENT = 4, SEEN_SAMPLED = 8, SEEN_LINEAGE = 16;
  private int seen;
  private String text; // with extras != null: the header as text, to collect the rare fields from
  private List<Field> extras;
  private String lineage;

  /**
   * The grammar: each field of {@code b[from, to)}, up to each {@code ;}, in order. With
   * {@code extras == null} it only flags {@code Lineage} and extra fields; otherwise it collects
   * them from {@code text}, whose chars stand at the same offsets as the bytes.
   */
  private boolean scan(byte[] b, int from, int to, String text, List<Field> extras) {
    this.text = text;
    this.extras = extras;
    seen = 0;
    hasSelfField = hasSelf = hasRareFields = false;
    selfHigh = selfLow = parent = 0;
    selfSource = null;
    sampled = Sampled.ABSENT;
    for (int i = from; ; ) {
      int end = i + XRAY_TRIPLE <= to && (seen & (SEEN_ROOT | SEEN_PARENT | SEEN_SAMPLED)) == 0
          ? xrayTriple(b, i, to) : -1;
      boolean other = end < 0 && i < to && isOtherKey(b[i]);
      if (end < 0 && !other && i + 8 <= to) end = exactField(b, i, to);
      if (end < 0) {
        end = ByteScan.indexOf(b, (byte) ';', i, to);
        if (other && extras == null) {
          // a key albtrace does not interpret, such as an ALB's CalledFrom: only flagged
          if (ByteScan.indexOf(b, (byte) '=', i, end) < end) hasRareFields = true;
        } else if (!field(b, i, end)) {
          return false;
        }
      }
      if (end == to) break;
      i = end + 1;
    }
    if ((seen & SEEN_ROOT) == 0) return invalid(Invalid.NO_ROOT);
    invalid = null;
    return true;
  }

  /**
   * One field, {@code b[start, end)}: trimmed of SP/HTAB, split at its first {@code =}, key and
   * value trimmed again; skipped when empty or without {@code =}. False when it is a malformed
   * first {@code Root}, which makes the header invalid.
   */
  private boolean field(byte[] b, int start, int end) {
    while (start < end && isSpace(b[start])) start++;
    while (end > start && isSpace(b[end - 1])) end--;
    int eq = start;
    while (eq < end && b[eq] != '=') eq++;
    if (eq == end) return true;
    int keyEnd = eq;
    while (keyEnd > start && isSpace(b[keyEnd - 1])) keyEnd--;
    int value = eq + 1;
    while (value < end && isSpace(b[value])) value++;
    // keyEnd <= eq < end: a key of n bytes has n + 1 bytes from its start, enough for each load
    switch (keyEnd - start) {
      case 4:
        int key = (int) INTS.get(b, start);
        if (key == ROOT) return first(SEEN_ROOT) ? root(b, value, end) : true;
        if (key == SELF) {
          if (first(SEEN_SELF)) {
            hasSelfField = true;
            if (isXrayId(b, value, end)) self(b, value);
          }
          return true;
        }
        break;
      case 6:
        if ((int) INTS.get(b, start) == PARE && b[start + 4] == 'n' && b[start + 5] == 't') {
          if (first(SEEN_PARENT)) parent(b, value, end);
          return true;
        }
        break;
      case 7:
        long key7 = (long) LONGS.get(b, start) & SEVEN_BYTES;
        if (key7 == SAMPLED) {
          if (first(SEEN_SAMPLED) && end - value == 1) sampled = sampled(b[value]);
          return true;
        }
        if (key7 == LINEAGE) {
          if (first(SEEN_LINEAGE)) {
            hasRareFields = true;
            if (extras != null) lineage = text.substring(value, end);
          }
          return true;
        }
        break;
      default:
        break;
    }
    hasRareFields = true; // a key albtrace does not interpret
    if (extras != null) extras.add(new Field(text.substring(start, keyEnd), text.substring(value, end)));
    return true;
  }

  /** Whether {@code key} is seen for the first time in this scan; marks it seen. */
  private boolean first(int key) {
    if ((seen & key) != 0) return false;
    seen |= key;
    return true;
  }

  /**
   * The fast path, for the fields exactly as ALBs and X-Ray SDKs write them, with nothing to trim:
   * {@code Root=<id>}, {@code Self=<id>}, {@code Parent=<16 hex>}, {@code Sampled=<char>}, each
   * followed by {@code ;} or the end. A well-formed id or hex value holds no {@code ;} and no space,
   * so the field is exactly those bytes and the general path ({@link #field}) would read the same.
   * Returns the field's end, or -1 to leave it to the general path: other keys, spaces, malformed
   * values, a zero low half. Needs 8 bytes from {@code start}.
   */
  private int exactField(byte[] b, int start, int to) {
    long word = (long) LONGS.get(b, start);
    int end;
    if ((word & FIVE_BYTES) == ROOT_EQ) {
      end = start + 40;
      if (!endsAt(b, end, to) || !xrayId(b, start + 5, end) || idLow == 0) return -1;
      if (first(SEEN_ROOT)) {
        rootHigh = idHigh;
        rootLow = idLow;
      }
    } else if ((word & FIVE_BYTES) == SELF_EQ) {
      end = start + 40;
      if (!endsAt(b, end, to) || !isXrayId(b, start + 5, end)) return -1;
      if (first(SEEN_SELF)) self(b, start + 5);
    } else if ((word & SEVEN_BYTES) == PARENT_EQ) {
      end = start + 23;
      if (!endsAt(b, end, to)) return -1;
      long high = Hex.decode8(b, start + 7), low = Hex.decode8(b, start + 15);
      if ((high | low) < 0) return -1;
      if (first(SEEN_PARENT)) parent = high << 32 | low;
    } else if (word == SAMPLED_EQ) {
      end = start + 9;
      if (!endsAt(b, end, to) || b[start + 8] == ';') return -1;
      if (first(SEEN_SAMPLED)) sampled = sampled(b[start + 8]);
    } else {
      return -1;
    }
    return end;
  }

  private static final int XRAY_TRIPLE = 74; // Root=<35>;Parent=<16>;Sampled=<1>

  /**
   * The fast path for what X-Ray SDKs and OpenTelemetry send, the three fields in one step, before
   * any of them was seen: {@code Root=1-TTTTTTTT-UUUUUUUUUUUUUUUUUUUUUUUU;Parent=<16 hex>;Sampled=<c>}
   * then {@code ;} or the end. It reads exactly what three {@link #exactField} calls would, without
   * a dispatch per field. Returns the end of {@code Sampled}, or -1 to leave the fields to
   * {@link #exactField}. Needs {@value #XRAY_TRIPLE} bytes.
   */
  private int xrayTriple(byte[] b, int start, int to) {
    int end = start + XRAY_TRIPLE;
    if (((long) LONGS.get(b, start) & FIVE_BYTES) != ROOT_EQ || b[start + 40] != ';'
        || ((long) LONGS.get(b, start + 41) & SEVEN_BYTES) != PARENT_EQ || b[start + 64] != ';'
        || (long) LONGS.get(b, start + 65) != SAMPLED_EQ || b[start + 73] == ';' || !endsAt(b, end, to)) {
      return -1;
    }
    long parentHigh = Hex.decode8(b, start + 48), parentLow = Hex.decode8(b, start + 56);
    // a zero low half is invalid: the general path says why
    if ((parentHigh | parentLow) < 0 || !xrayId(b, start + 5, start + 40) || idLow == 0) return -1;
    rootHigh = idHigh;
    rootLow = idLow;
    parent = parentHigh << 32 | parentLow;
    sampled = sampled(b[start + 73]);
    seen |= SEEN_ROOT | SEEN_PARENT | SEEN_SAMPLED;
    return end;
  }

  /** Whether a field of known length ends at {@code end}: at a {@code ;}, or at the end. */
  private static boolean endsAt(byte[] b, int end, int to) {
    return end == to || (end < to && b[end] == ';');
  }

  /** The first {@code Root}: decodes it, or makes the header invalid. */
  private boolean root(byte[] b, int from, int to) {
    if (!xrayId(b, from, to)) return invalid(Invalid.MALFORMED_ROOT);
    if (idLow == 0) return invalid(Invalid.LOW_64_BITS_ZERO);
    rootHigh = idHigh;
    rootLow = idLow;
    return true;
  }

  /**
   * The first {@code Self} field, a well-formed id at {@code b[at]}. Only checked now: it is decoded
   * when asked for ({@link #selfHigh()}), from this scanner's own copy of a text, or at once when
   * the bytes are the caller's.
   */
  private void self(byte[] b, int at) {
    hasSelfField = hasSelf = true;
    if (b == copy.bytes()) {
      selfSource = b;
      selfAt = at;
    } else {
      xrayId(b, at, at + 35);
      selfHigh = idHigh;
      selfLow = idLow;
    }
  }

  long selfHigh() {
    decodeSelf();
    return selfHigh;
  }

  long selfLow() {
    decodeSelf();
    return selfLow;
  }

  private void decodeSelf() {
    if (selfSource == null) return;
    xrayId(selfSource, selfAt, selfAt + 35);
    selfHigh = idHigh;
    selfLow = idLow;
    selfSource = null;
  }

  /** {@link #xrayId}'s check alone, without decoding. */
  private static boolean isXrayId(byte[] b, int from, int to) {
    return to - from == 35 && b[from] == '1' && b[from + 1] == '-' && b[from + 10] == '-'
        && (Hex.notHex8(Hex.load8(b, from + 2)) | Hex.notHex8(Hex.load8(b, from + 11))
            | Hex.notHex8(Hex.load8(b, from + 19)) | Hex.notHex8(Hex.load8(b, from + 27))) == 0;
  }

  private long idHigh; // the id xrayId decoded last
  private long idLow;

  /**
   * Whether {@code b[from, to)} is {@code 1-TTTTTTTT-UUUUUUUUUUUUUUUUUUUUUUUU}, ASCII hex of either
   * case; decodes it into {@link #idHigh} and {@link #idLow}.
   */
  private boolean xrayId(byte[] b, int from, int to) {
    if (to - from != 35 || b[from] != '1' || b[from + 1] != '-' || b[from + 10] != '-') return false;
    long epoch = Hex.load8(b, from + 2), unique1 = Hex.load8(b, from + 11);
    long unique2 = Hex.load8(b, from + 19), unique3 = Hex.load8(b, from + 27);
    if ((Hex.notHex8(epoch) | Hex.notHex8(unique1) | Hex.notHex8(unique2) | Hex.notHex8(unique3)) != 0) {
      return false;
    }
    idHigh = Hex.value8(epoch) << 32 | Hex.value8(unique1);
    idLow = Hex.value8(unique2) << 32 | Hex.value8(unique3);
    return true;
  }

  /** The first {@code Parent}: 16 hex digits, not zero, else ignored. */
  private void parent(byte[] b, int from, int to) {
    if (to - from != 16) return;
    long high = Hex.decode8(b, from), low = Hex.decode8(b, from + 8);
    if ((high | low) >= 0) parent = high << 32 | low;
  }

  private static Sampled sampled(byte c) {
    switch (c) {
      case '1': return Sampled.SAMPLED;
      case '0': return Sampled.NOT_SAMPLED;
      case '?': return Sampled.REQUESTED;
      default: return Sampled.ABSENT;
    }
  }

  /**
   * Whether a field starting with {@code c} has a key albtrace does not interpret: {@code c} is not
   * SP/HTAB, so the field's key (empty when {@code c} is {@code =}) starts there, and no known key
   * starts with {@code c}. Such a field only tells that the header has rare fields, when it has an
   * {@code =}.
   */
  private static boolean isOtherKey(byte c) {
    return c != 'R' && c != 'S' && c != 'P' && c != 'L' && !isSpace(c);
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t';
  }

  private static int word(String fourAscii) {
    int w = 0;
    for (int i = 3; i >= 0; i--) w = w << 8 | (i < fourAscii.length() ? fourAscii.charAt(i) & 0xff : 0);
    return w;
  }
}
