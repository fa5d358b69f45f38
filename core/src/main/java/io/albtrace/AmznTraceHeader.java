package io.albtrace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code X-Amzn-Trace-Id} header that an AWS Application Load Balancer adds to each request and
 * writes into its access log, read exactly as SPEC §1 says.
 *
 * <p>Wire format: fields separated by {@code ;}, each {@code key=value}.
 *
 * <pre>
 * Root=1-67891233-abcdef012345678912345678                       ALB-generated
 * Self=1-67891233-12456789abcdef012345;Root=1-67891233-abcdef012345678912345678;CalledFrom=app
 * Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1   X-Ray SDK
 * </pre>
 *
 * <ul>
 *   <li>Fields are trimmed of SP and HTAB; empty fields and fields without {@code =} are skipped.
 *   <li>Keys are case-sensitive. For {@code Root}, {@code Self}, {@code Parent}, {@code Sampled} and
 *       {@code Lineage} the first occurrence wins; other keys are kept, in order, as
 *       {@link #extraFields()}.
 *   <li>An X-Ray id is {@code 1-} + 8 ASCII hex + {@code -} + 24 ASCII hex. A malformed first
 *       {@code Root} makes the header invalid; a malformed {@code Self}, a {@code Parent} that is
 *       not 16 hex digits or is zero, and a {@code Sampled} other than {@code 1}, {@code 0},
 *       {@code ?} are treated as absent.
 *   <li>Valid means: the first {@code Root} is well formed and its low 64 bits are not zero.
 * </ul>
 *
 * <p>{@link #parse} never throws and never uses regex, {@code split} or {@code substring}: it scans
 * indexes of the given {@link CharSequence}. A valid header costs one object (and a copy of the
 * header text only when it has {@code Lineage} or extra fields, which are read from it on demand);
 * an invalid one costs nothing. Instances are immutable. For paths that must never allocate,
 * {@link Reader} parses into a reusable object.
 */
public final class AmznTraceHeader {
  /** The request header's name. HTTP header names are case-insensitive. */
  public static final String NAME = "X-Amzn-Trace-Id";

  /** Longer header values are rejected whole, before any scanning. */
  public static final int MAX_LENGTH = 8192;

  /** The {@code Sampled} field. */
  public enum Sampled {
    /** {@code Sampled=1} */
    SAMPLED,
    /** {@code Sampled=0} */
    NOT_SAMPLED,
    /** {@code Sampled=?}: the caller asks the receiver to decide. */
    REQUESTED,
    /** No {@code Sampled} field, or one with another value. ALB sends none. */
    ABSENT
  }

  /** Why a header is invalid. {@link #reason()} is the text SPEC §1 names. */
  public enum Invalid {
    TOO_LONG("too long"),
    NO_ROOT("no Root field"),
    MALFORMED_ROOT("malformed Root"),
    LOW_64_BITS_ZERO("low 64 bits are zero");

    private final String reason;

    Invalid(String reason) {
      this.reason = reason;
    }

    /** {@code "malformed Root"} etc., as written by {@code albtrace convert}. */
    public String reason() {
      return reason;
    }

    @Override
    public String toString() {
      return reason;
    }
  }

  /** A field albtrace does not interpret, kept verbatim (value trimmed of SP/HTAB). */
  public static final class Field {
    private final String key;
    private final String value;

    public Field(String key, String value) {
      this.key = key;
      this.value = value;
    }

    public String key() {
      return key;
    }

    public String value() {
      return value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Field && ((Field) o).key.equals(key) && ((Field) o).value.equals(value);
    }

    @Override
    public int hashCode() {
      return key.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
      return key + '=' + value;
    }
  }

  /** Thrown by {@link #parseOrThrow}: the header is invalid for {@link #invalid()}. */
  public static final class InvalidHeaderException extends TraceIdFormatException {
    private static final long serialVersionUID = 1L;
    private final transient Invalid invalid;

    InvalidHeaderException(Invalid invalid) {
      super("invalid " + NAME + ": " + invalid.reason());
      this.invalid = invalid;
    }

    public Invalid invalid() {
      return invalid;
    }
  }

  /**
   * Reads headers into itself, for hot paths that must not allocate whatever the JIT decides: the
   * same SPEC §1 parse as {@link AmznTraceHeader#parse}, with the results as primitives.
   *
   * <pre>
   * AmznTraceHeader.Reader reader = new AmznTraceHeader.Reader(); // one per thread
   * if (reader.read(value)) DatadogHeaders.writeTraceId(reader.rootLow(), buf, 20);
   * </pre>
   *
   * <p>Mutable and not thread-safe: keep one per thread (or per connection). Its accessors describe
   * the last {@link #read}; {@link #toHeader()} takes an immutable copy.
   */
  public static final class Reader {
    private long scan = invalidScan(Invalid.NO_ROOT);
    private long rootHigh;
    private long rootLow;
    private long selfHigh;
    private long selfLow;
    private long parent;
    private String rareFieldsSource;

    /** Reads {@code value} ({@code null}: no header); returns whether it is valid. */
    public boolean read(CharSequence value) {
      return value == null ? clear(Invalid.NO_ROOT) : read(value, 0, value.length());
    }

    /**
     * Reads {@code value[begin, end)}; returns whether it is valid. Never throws on content.
     *
     * @throws IndexOutOfBoundsException only when {@code begin}/{@code end} are not within
     *     {@code value}
     */
    public boolean read(CharSequence value, int begin, int end) {
      long scan = checkedScan(value, begin, end);
      if ((scan >>> INVALID_SHIFT) != 0) return clear(INVALIDS[(int) (scan >>> INVALID_SHIFT) - 1]);
      this.scan = scan;
      this.rootHigh = AmznTraceHeader.rootHigh(value, begin, scan);
      this.rootLow = AmznTraceHeader.rootLow(value, begin, scan);
      this.selfHigh = AmznTraceHeader.selfHigh(value, begin, scan);
      this.selfLow = AmznTraceHeader.selfLow(value, begin, scan);
      this.parent = AmznTraceHeader.parent(value, begin, scan);
      // Kept only for toHeader(): the rare Lineage/extra fields are never read on a hot path.
      this.rareFieldsSource = (scan & RARE_FIELDS_BIT) == 0 ? null : value.subSequence(begin, end).toString();
      return true;
    }

    private boolean clear(Invalid invalid) {
      scan = invalidScan(invalid);
      rootHigh = rootLow = selfHigh = selfLow = parent = 0;
      rareFieldsSource = null;
      return false;
    }

    public boolean isValid() {
      return (scan >>> INVALID_SHIFT) == 0;
    }

    /** Why the last header read is invalid, or {@code null}. */
    public Invalid invalid() {
      int i = (int) (scan >>> INVALID_SHIFT);
      return i == 0 ? null : INVALIDS[i - 1];
    }

    /** See {@link AmznTraceHeader#rootHigh()}. */
    public long rootHigh() {
      return rootHigh;
    }

    /** See {@link AmznTraceHeader#rootLow()}. */
    public long rootLow() {
      return rootLow;
    }

    public boolean hasSelfField() {
      return isValid() && (scan & SELF_FIELD_BIT) != 0;
    }

    public boolean hasSelf() {
      return isValid() && offset(scan, SELF_SHIFT) != NONE;
    }

    public long selfHigh() {
      return selfHigh;
    }

    public long selfLow() {
      return selfLow;
    }

    /** The {@code Parent} span id, or {@code 0} when absent or invalid. */
    public long parent() {
      return parent;
    }

    public Sampled sampled() {
      return isValid() ? AmznTraceHeader.sampled(scan) : Sampled.ABSENT;
    }

    /**
     * See {@link AmznTraceHeader#parentSpanId()}.
     *
     * @throws IllegalStateException when the last header read is invalid
     */
    public long parentSpanId() {
      if (!isValid()) throw new IllegalStateException("invalid " + NAME + ": " + invalid().reason());
      return AmznTraceHeader.parentSpanId(parent, hasSelf(), selfHigh, selfLow, rootHigh, rootLow);
    }

    /** An immutable copy of the last header read (a shared constant when it is invalid). */
    public AmznTraceHeader toHeader() {
      return isValid() ? new AmznTraceHeader(this) : AmznTraceHeader.invalid(invalid());
    }
  }

  private static final Invalid[] INVALIDS = Invalid.values();
  private static final AmznTraceHeader[] INVALID_HEADERS = new AmznTraceHeader[INVALIDS.length];

  static {
    for (Invalid i : INVALIDS) INVALID_HEADERS[i.ordinal()] = new AmznTraceHeader(i);
  }

  private final Invalid invalid;
  private final long rootHigh;
  private final long rootLow;
  private final boolean hasSelfField;
  private final boolean hasSelf;
  private final long selfHigh;
  private final long selfLow;
  private final long parent; // 0 when absent: a zero Parent is invalid anyway
  private final Sampled sampled;
  /** The header text when it has Lineage or extra fields, scanned again only when asked for. */
  private final String rareFieldsSource;

  private AmznTraceHeader(Invalid invalid) {
    this.invalid = invalid;
    this.rootHigh = 0;
    this.rootLow = 0;
    this.hasSelfField = false;
    this.hasSelf = false;
    this.selfHigh = 0;
    this.selfLow = 0;
    this.parent = 0;
    this.sampled = Sampled.ABSENT;
    this.rareFieldsSource = null;
  }

  private AmznTraceHeader(Reader r) {
    this.invalid = null;
    this.rootHigh = r.rootHigh;
    this.rootLow = r.rootLow;
    this.hasSelfField = r.hasSelfField();
    this.hasSelf = r.hasSelf();
    this.selfHigh = r.selfHigh;
    this.selfLow = r.selfLow;
    this.parent = r.parent;
    this.sampled = r.sampled();
    this.rareFieldsSource = r.rareFieldsSource;
  }

  /** A valid header from a {@link #scan} result, decoding the values it located. */
  private AmznTraceHeader(CharSequence s, int begin, int end, long scan) {
    this.invalid = null;
    this.rootHigh = rootHigh(s, begin, scan);
    this.rootLow = rootLow(s, begin, scan);
    this.hasSelfField = (scan & SELF_FIELD_BIT) != 0;
    this.hasSelf = offset(scan, SELF_SHIFT) != NONE;
    this.selfHigh = selfHigh(s, begin, scan);
    this.selfLow = selfLow(s, begin, scan);
    this.parent = parent(s, begin, scan);
    this.sampled = sampled(scan);
    this.rareFieldsSource = rareFieldsSource(s, begin, end, scan);
  }

  /** The invalid header for {@code reason}; a shared constant. */
  public static AmznTraceHeader invalid(Invalid reason) {
    return INVALID_HEADERS[reason.ordinal()];
  }

  /**
   * Parses a header value; never throws. {@code null} (no header) gives {@link Invalid#NO_ROOT}.
   */
  public static AmznTraceHeader parse(CharSequence value) {
    return value == null ? invalid(Invalid.NO_ROOT) : parse(value, 0, value.length());
  }

  /**
   * Parses {@code value[begin, end)}, for a header inside a larger buffer such as a log line.
   *
   * @throws IndexOutOfBoundsException only when {@code begin}/{@code end} are not within
   *     {@code value}
   */
  public static AmznTraceHeader parse(CharSequence value, int begin, int end) {
    // Small on purpose: when it inlines, escape analysis can drop the object for a caller that only
    // reads primitives. Callers that must never allocate use a Reader instead.
    long scan = checkedScan(value, begin, end);
    int invalid = (int) (scan >>> INVALID_SHIFT) & 7;
    if (invalid != 0) return INVALID_HEADERS[invalid - 1];
    return new AmznTraceHeader(value, begin, end, scan);
  }

  /**
   * Like {@link #parse(CharSequence)} but throws when the header is invalid.
   *
   * @throws InvalidHeaderException with the {@link Invalid} reason
   */
  public static AmznTraceHeader parseOrThrow(CharSequence value) {
    AmznTraceHeader h = parse(value);
    if (h.invalid != null) throw new InvalidHeaderException(h.invalid);
    return h;
  }

  /**
   * Writes the header to send on a call that goes back through an ALB, so it joins this trace:
   *
   * <pre>Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1</pre>
   *
   * @param parentSpanId the id of the span making the call
   */
  public static String outbound(TraceId128 root, long parentSpanId, boolean sampled) {
    StringBuilder sb = new StringBuilder(5 + 35 + 8 + 16 + 10).append("Root=");
    TraceId128.appendXrayRoot(root.high(), root.low(), sb).append(";Parent=");
    Hex.append(parentSpanId, 16, sb);
    return sb.append(";Sampled=").append(sampled ? '1' : '0').toString();
  }

  // ---- Accessors ----

  public boolean isValid() {
    return invalid == null;
  }

  /** Why the header is invalid, or {@code null} when it is valid. */
  public Invalid invalid() {
    return invalid;
  }

  /** The {@code Root} id's high 64 bits ({@code 0} when invalid). */
  public long rootHigh() {
    return rootHigh;
  }

  /** The {@code Root} id's low 64 bits: Datadog's 64-bit trace id ({@code 0} when invalid). */
  public long rootLow() {
    return rootLow;
  }

  /**
   * The {@code Root} as a 128-bit id.
   *
   * @throws IllegalStateException when the header is invalid
   */
  public TraceId128 root() {
    checkValid();
    return TraceId128.of(rootHigh, rootLow);
  }

  /**
   * Whether the header has a {@code Self} field at all, well formed or not. An ALB adds
   * {@code Self} exactly when the client supplied the {@code Root} (see {@link TrustPolicy}).
   */
  public boolean hasSelfField() {
    return hasSelfField;
  }

  /** Whether the first {@code Self} field is a well-formed X-Ray id. */
  public boolean hasSelf() {
    return hasSelf;
  }

  /** The {@code Self} id, or {@code null} when absent or malformed. */
  public TraceId128 self() {
    return hasSelf ? TraceId128.of(selfHigh, selfLow) : null;
  }

  /** Whether a valid {@code Parent} (16 hex digits, not zero) was sent. */
  public boolean hasParent() {
    return parent != 0;
  }

  /** The {@code Parent} span id, or {@code 0} when absent or invalid. */
  public long parent() {
    return parent;
  }

  public Sampled sampled() {
    return sampled;
  }

  /** The first {@code Lineage} value verbatim, or {@code null}. Never interpreted. */
  public String lineage() {
    return rareFieldsSource == null ? null : RareFields.of(rareFieldsSource).lineage;
  }

  /** Fields with keys other than the five known ones, in header order. Unmodifiable. */
  public List<Field> extraFields() {
    return rareFieldsSource == null ? Collections.emptyList() : RareFields.of(rareFieldsSource).extras();
  }

  /**
   * SPEC §3: the span id to use as the parent of the span that continues this header. The
   * {@code Parent} field when valid; else {@code mix64} of {@code Self} when valid, else of
   * {@code Root} (see {@link TraceId128#mixedSpanId()}). Never zero.
   *
   * <pre>Root=1-67891233-abcdef012345678912345678 → 00a80ccd5996a294</pre>
   *
   * @throws IllegalStateException when the header is invalid
   */
  public long parentSpanId() {
    checkValid();
    return parentSpanId(parent, hasSelf, selfHigh, selfLow, rootHigh, rootLow);
  }

  static long parentSpanId(
      long parent, boolean hasSelf, long selfHigh, long selfLow, long rootHigh, long rootLow) {
    if (parent != 0) return parent;
    return hasSelf ? TraceId128.mix64(selfHigh, selfLow) : TraceId128.mix64(rootHigh, rootLow);
  }

  /** {@link #parentSpanId()} as 16 lowercase hex digits. */
  public String parentSpanIdHex() {
    return Hex.toHex16(parentSpanId());
  }

  private void checkValid() {
    if (invalid != null) throw new IllegalStateException("invalid " + NAME + ": " + invalid.reason());
  }

  /**
   * The fields albtrace understood, normalised ({@code Root=…;Self=…;Parent=…;Sampled=…;Lineage=…}
   * then the extra fields), or {@code invalid (reason)}.
   */
  @Override
  public String toString() {
    if (invalid != null) return "invalid (" + invalid.reason() + ")";
    StringBuilder sb = new StringBuilder(64).append("Root=");
    TraceId128.appendXrayRoot(rootHigh, rootLow, sb);
    if (hasSelf) TraceId128.appendXrayRoot(selfHigh, selfLow, sb.append(";Self="));
    if (parent != 0) Hex.append(parent, 16, sb.append(";Parent="));
    switch (sampled) {
      case SAMPLED: sb.append(";Sampled=1"); break;
      case NOT_SAMPLED: sb.append(";Sampled=0"); break;
      case REQUESTED: sb.append(";Sampled=?"); break;
      default: break;
    }
    if (rareFieldsSource != null) {
      RareFields rare = RareFields.of(rareFieldsSource);
      if (rare.lineage != null) sb.append(";Lineage=").append(rare.lineage);
      for (Field f : rare.extras()) sb.append(';').append(f);
    }
    return sb.toString();
  }

  // ---- Scanning ----

  // What scan() found, packed in a long so that scanning allocates nothing: offsets of the Root,
  // Self and Parent values relative to begin (14 bits each, NONE when absent or malformed), the
  // Sampled ordinal, two flags, and 1 + the Invalid ordinal (0 when valid). MAX_LENGTH < NONE.
  private static final int NONE = 0x3FFF;
  private static final int ROOT_SHIFT = 0;
  private static final int SELF_SHIFT = 14;
  private static final int PARENT_SHIFT = 28;
  private static final int SAMPLED_SHIFT = 42;
  private static final long SELF_FIELD_BIT = 1L << 44;
  private static final long RARE_FIELDS_BIT = 1L << 45;
  private static final int INVALID_SHIFT = 46;
  private static final Sampled[] SAMPLED_VALUES = Sampled.values();

  /** Lineage and extra fields: rare in real traffic, so collected in a second pass only. */
  private static final class RareFields {
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

  /** Bounds, the length limit (SPEC §1 rule 1), then {@link #scan}. */
  private static long checkedScan(CharSequence value, int begin, int end) {
    if (begin < 0 || end > value.length() || begin > end) {
      throw new IndexOutOfBoundsException("[" + begin + ", " + end + ") of " + value.length());
    }
    return end - begin > MAX_LENGTH ? invalidScan(Invalid.TOO_LONG) : scan(value, begin, end, null);
  }

  private static long rootHigh(CharSequence s, int begin, long scan) {
    return xrayIdHigh(s, begin + offset(scan, ROOT_SHIFT));
  }

  private static long rootLow(CharSequence s, int begin, long scan) {
    return xrayIdLow(s, begin + offset(scan, ROOT_SHIFT));
  }

  private static long selfHigh(CharSequence s, int begin, long scan) {
    int self = offset(scan, SELF_SHIFT);
    return self == NONE ? 0 : xrayIdHigh(s, begin + self);
  }

  private static long selfLow(CharSequence s, int begin, long scan) {
    int self = offset(scan, SELF_SHIFT);
    return self == NONE ? 0 : xrayIdLow(s, begin + self);
  }

  private static long parent(CharSequence s, int begin, long scan) {
    int parent = offset(scan, PARENT_SHIFT);
    return parent == NONE ? 0 : Hex.decode(s, begin + parent, begin + parent + 16);
  }

  private static Sampled sampled(long scan) {
    return SAMPLED_VALUES[(int) (scan >>> SAMPLED_SHIFT) & 3];
  }

  /** The header text, when Lineage or extra fields must be read from it later. */
  private static String rareFieldsSource(CharSequence s, int begin, int end, long scan) {
    return (scan & RARE_FIELDS_BIT) == 0 ? null : s.subSequence(begin, end).toString();
  }

  private static int offset(long scan, int shift) {
    return (int) (scan >>> shift) & NONE;
  }

  private static long withOffset(long scan, int shift, int offset) {
    return (scan & ~((long) NONE << shift)) | ((long) offset << shift);
  }

  private static long invalidScan(Invalid invalid) {
    return (long) (invalid.ordinal() + 1) << INVALID_SHIFT;
  }

  /**
   * The one implementation of the SPEC §1 grammar. Locates the known fields of {@code s[begin,
   * end)} (at most {@link #MAX_LENGTH} chars) and checks them; with {@code rare == null} it only
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
