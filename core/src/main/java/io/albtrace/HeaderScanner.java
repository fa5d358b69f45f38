package io.albtrace;

import io.albtrace.AmznTraceHeader.Field;
import io.albtrace.AmznTraceHeader.Invalid;
import io.albtrace.AmznTraceHeader.Sampled;
import io.albtrace.internal.Hex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one implementation of the {@code X-Amzn-Trace-Id} grammar (docs/spec.md §1), shared by
 * {@link AmznTraceHeader#parse} and {@link AmznTraceHeaderReader}. It walks indexes of a
 * {@link CharSequence}: no regex, {@code split} or {@code substring}, and no allocation unless
 * asked to collect the rare {@code Lineage} and extra fields.
 *
 * <p>{@link #scan} packs what it found into one {@code long}, so that locating the fields allocates
 * nothing; the accessors below decode the values it located.
 */
final class HeaderScanner {
  private HeaderScanner() {}

  // What scan() found, packed in a long so that scanning allocates nothing: offsets of the Root,
  // Self and Parent values relative to begin (14 bits each, NONE when absent or malformed), the
  // Sampled ordinal, two flags, and 1 + the Invalid ordinal (0 when valid). MAX_LENGTH < NONE.
  static final int NONE = 0x3FFF;
  static final int ROOT_SHIFT = 0;
  static final int SELF_SHIFT = 14;
  static final int PARENT_SHIFT = 28;
  static final int SAMPLED_SHIFT = 42;
  static final long SELF_FIELD_BIT = 1L << 44;
  static final long RARE_FIELDS_BIT = 1L << 45;
  static final int INVALID_SHIFT = 46;
  private static final Sampled[] SAMPLED_VALUES = Sampled.values();
  private static final Invalid[] INVALIDS = Invalid.values();

  /** Lineage and extra fields: rare in real traffic, so collected in a second pass only. */
  static final class RareFields {
    String lineage;
    List<Field> extras;

    static RareFields of(String header) {
      RareFields rare = new RareFields();
      scan(header, 0, header.length(), rare);
      return rare;
    }

    List<Field> extras() {
      return extras == null ? Collections.emptyList() : Collections.unmodifiableList(extras);
    }
  }

  /** Bounds, the length limit (docs/spec.md §1 rule 1), then {@link #scan}. */
  static long checkedScan(CharSequence value, int begin, int end) {
    if (begin < 0 || end > value.length() || begin > end) {
      throw new IndexOutOfBoundsException("[" + begin + ", " + end + ") of " + value.length());
    }
    return end - begin > AmznTraceHeader.MAX_LENGTH ? invalidScan(Invalid.TOO_LONG) : scan(value, begin, end, null);
  }

  static long rootHigh(CharSequence s, int begin, long scan) {
    return xrayIdHigh(s, begin + offset(scan, ROOT_SHIFT));
  }

  static long rootLow(CharSequence s, int begin, long scan) {
    return xrayIdLow(s, begin + offset(scan, ROOT_SHIFT));
  }

  static long selfHigh(CharSequence s, int begin, long scan) {
    int self = offset(scan, SELF_SHIFT);
    return self == NONE ? 0 : xrayIdHigh(s, begin + self);
  }

  static long selfLow(CharSequence s, int begin, long scan) {
    int self = offset(scan, SELF_SHIFT);
    return self == NONE ? 0 : xrayIdLow(s, begin + self);
  }

  static long parent(CharSequence s, int begin, long scan) {
    int parent = offset(scan, PARENT_SHIFT);
    return parent == NONE ? 0 : Hex.decode(s, begin + parent, begin + parent + 16);
  }

  static Sampled sampled(long scan) {
    return SAMPLED_VALUES[(int) (scan >>> SAMPLED_SHIFT) & 3];
  }

  /** The header text, when Lineage or extra fields must be read from it later. */
  static String rareFieldsSource(CharSequence s, int begin, int end, long scan) {
    return (scan & RARE_FIELDS_BIT) == 0 ? null : s.subSequence(begin, end).toString();
  }

  static int offset(long scan, int shift) {
    return (int) (scan >>> shift) & NONE;
  }

  private static long withOffset(long scan, int shift, int offset) {
    return (scan & ~((long) NONE << shift)) | ((long) offset << shift);
  }

  /** Why {@code scan} is of an invalid header, or {@code null} when it is valid. */
  static Invalid invalid(long scan) {
    int i = (int) (scan >>> INVALID_SHIFT) & 7;
    return i == 0 ? null : INVALIDS[i - 1];
  }

  static long invalidScan(Invalid invalid) {
    return (long) (invalid.ordinal() + 1) << INVALID_SHIFT;
  }

  /**
   * The one implementation of the docs/spec.md §1 grammar. Locates the known fields of {@code s[begin,
   * end)} (at most {@link AmznTraceHeader#MAX_LENGTH} chars) and checks them; with {@code rare == null} it only
   * flags Lineage and extra fields, otherwise it collects them into {@code rare}.
   */
  private static long scan(CharSequence s, int begin, int end, RareFields rare) {
    boolean seenRoot = false, seenSelf = false, seenParent = false, seenSampled = false;
    boolean seenLineage = false;
    long scan = ((long) NONE << SELF_SHIFT) | ((long) NONE << PARENT_SHIFT)
        | ((long) Sampled.ABSENT.ordinal() << SAMPLED_SHIFT);

    for (int i = begin; i <= end; ) {
      int fieldStart = i;
      int fieldEnd = indexOf(s, ';', i, end);
      i = fieldEnd + 1;
      while (fieldStart < fieldEnd && isSpace(s.charAt(fieldStart))) fieldStart++;
      while (fieldEnd > fieldStart && isSpace(s.charAt(fieldEnd - 1))) fieldEnd--;
      int eq = indexOf(s, '=', fieldStart, fieldEnd);
      if (eq == fieldEnd) continue; // empty, or no '='
      int keyEnd = eq;
      while (keyEnd > fieldStart && isSpace(s.charAt(keyEnd - 1))) keyEnd--;
      int valueStart = eq + 1;
      while (valueStart < fieldEnd && isSpace(s.charAt(valueStart))) valueStart++;

      if (!seenRoot && is(s, fieldStart, keyEnd, "Root")) {
        seenRoot = true;
        if (!isXrayIdShape(s, valueStart, fieldEnd)) return invalidScan(Invalid.MALFORMED_ROOT);
        long epoch = Hex.decode8(s, valueStart + 2), unique1 = Hex.decode8(s, valueStart + 11);
        long unique2 = Hex.decode8(s, valueStart + 19), unique3 = Hex.decode8(s, valueStart + 27);
        if ((epoch | unique1 | unique2 | unique3) < 0) return invalidScan(Invalid.MALFORMED_ROOT);
        if ((unique2 | unique3) == 0) return invalidScan(Invalid.LOW_64_BITS_ZERO);
        scan = withOffset(scan, ROOT_SHIFT, valueStart - begin);
      } else if (!seenSelf && is(s, fieldStart, keyEnd, "Self")) {
        seenSelf = true;
        scan |= SELF_FIELD_BIT;
        if (isXrayId(s, valueStart, fieldEnd)) scan = withOffset(scan, SELF_SHIFT, valueStart - begin);
      } else if (!seenParent && is(s, fieldStart, keyEnd, "Parent")) {
        seenParent = true;
        if (fieldEnd - valueStart == 16
            && Hex.isHex(s, valueStart, fieldEnd)
            && Hex.decode(s, valueStart, fieldEnd) != 0) {
          scan = withOffset(scan, PARENT_SHIFT, valueStart - begin);
        }
      } else if (!seenSampled && is(s, fieldStart, keyEnd, "Sampled")) {
        seenSampled = true;
        if (fieldEnd - valueStart == 1) {
          Sampled sampled = sampled(s.charAt(valueStart));
          scan = (scan & ~(3L << SAMPLED_SHIFT)) | ((long) sampled.ordinal() << SAMPLED_SHIFT);
        }
      } else if (!seenLineage && is(s, fieldStart, keyEnd, "Lineage")) {
        seenLineage = true;
        scan |= RARE_FIELDS_BIT;
        if (rare != null) rare.lineage = s.subSequence(valueStart, fieldEnd).toString();
      } else if (!isKnownKey(s, fieldStart, keyEnd)) {
        scan |= RARE_FIELDS_BIT;
        if (rare != null) {
          if (rare.extras == null) rare.extras = new ArrayList<>(2);
          rare.extras.add(
              new Field(
                  s.subSequence(fieldStart, keyEnd).toString(),
                  s.subSequence(valueStart, fieldEnd).toString()));
        }
      }
    }
    return seenRoot ? scan : invalidScan(Invalid.NO_ROOT);
  }

  private static Sampled sampled(char c) {
    switch (c) {
      case '1': return Sampled.SAMPLED;
      case '0': return Sampled.NOT_SAMPLED;
      case '?': return Sampled.REQUESTED;
      default: return Sampled.ABSENT;
    }
  }

  /** Length, version and dashes of an X-Ray id: {@code 1-........-........................}. */
  private static boolean isXrayIdShape(CharSequence s, int from, int to) {
    return to - from == 35 && s.charAt(from) == '1' && s.charAt(from + 1) == '-' && s.charAt(from + 10) == '-';
  }

  /** {@code 1-TTTTTTTT-UUUUUUUUUUUUUUUUUUUUUUUU} exactly, ASCII hex of either case. */
  private static boolean isXrayId(CharSequence s, int from, int to) {
    return isXrayIdShape(s, from, to)
        && Hex.decode8(s, from + 2) >= 0
        && Hex.decode8(s, from + 11) >= 0
        && Hex.decode8(s, from + 19) >= 0
        && Hex.decode8(s, from + 27) >= 0;
  }

  /** High 64 bits of a checked X-Ray id: the 8 epoch digits and the first 8 unique digits. */
  private static long xrayIdHigh(CharSequence s, int from) {
    return (Hex.decode(s, from + 2, from + 10) << 32) | Hex.decode(s, from + 11, from + 19);
  }

  /** Low 64 bits of a checked X-Ray id: its last 16 digits. */
  private static long xrayIdLow(CharSequence s, int from) {
    return Hex.decode(s, from + 19, from + 35);
  }

  private static boolean isKnownKey(CharSequence s, int from, int to) {
    return is(s, from, to, "Root")
        || is(s, from, to, "Self")
        || is(s, from, to, "Parent")
        || is(s, from, to, "Sampled")
        || is(s, from, to, "Lineage");
  }

  private static boolean is(CharSequence s, int from, int to, String key) {
    int n = key.length();
    if (to - from != n) return false;
    for (int i = 0; i < n; i++) {
      if (s.charAt(from + i) != key.charAt(i)) return false;
    }
    return true;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  /** Index of {@code c} in {@code [from, to)}, or {@code to}. */
  private static int indexOf(CharSequence s, char c, int from, int to) {
    if (to == s.length() && s instanceof String) {
      // String.indexOf is a vectorised intrinsic; only used where it cannot run past {@code to}.
      int i = ((String) s).indexOf(c, from);
      return i < 0 ? to : i;
    }
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) return i;
    }
    return to;
  }
}
