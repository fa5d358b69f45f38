package io.albtrace;

import io.albtrace.internal.Hex;
import java.util.Collections;
import java.util.List;

/**
 * The {@code X-Amzn-Trace-Id} header that an AWS Application Load Balancer adds to each request and
 * writes into its access log, read exactly as docs/spec.md §1 says.
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
 * <p>{@link #parse} never throws on content. A valid header costs one object (and a copy of the
 * header text only when it has {@code Lineage} or extra fields, which are read from it on demand);
 * an invalid one costs nothing. Instances are immutable. For paths that must never allocate,
 * {@link AmznTraceHeaderReader} parses into a reusable object; {@link AmznTraceHeaderWriter} writes
 * the header for outbound calls.
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

  /** Why a header is invalid. {@link #reason()} is the text docs/spec.md §1 names. */
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

  private static final AmznTraceHeader[] INVALID_HEADERS = new AmznTraceHeader[Invalid.values().length];

  static {
    for (Invalid i : Invalid.values()) INVALID_HEADERS[i.ordinal()] = new AmznTraceHeader(i);
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

  /** The valid header {@code scan} holds; {@code rareFieldsSource} when it has rare fields. */
  AmznTraceHeader(HeaderScanner scan, String rareFieldsSource) {
    this.invalid = null;
    this.rootHigh = scan.rootHigh;
    this.rootLow = scan.rootLow;
    this.hasSelfField = scan.hasSelfField;
    this.hasSelf = scan.hasSelf;
    this.selfHigh = scan.selfHigh();
    this.selfLow = scan.selfLow();
    this.parent = scan.parent;
    this.sampled = scan.sampled;
    this.rareFieldsSource = rareFieldsSource;
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
    HeaderScanner scan = new HeaderScanner(false);
    if (!scan.scan(value, begin, end)) return invalid(scan.invalid);
    return new AmznTraceHeader(scan, scan.hasRareFields ? value.subSequence(begin, end).toString() : null);
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
   * {@code Self} exactly when the client supplied the {@code Root} (see the trust policy).
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
    if (rareFieldsSource == null) return null;
    String[] lineage = new String[1];
    HeaderScanner.rareFields(rareFieldsSource, lineage);
    return lineage[0];
  }

  /** Fields with keys other than the five known ones, in header order. Unmodifiable. */
  public List<Field> extraFields() {
    if (rareFieldsSource == null) return Collections.emptyList();
    return Collections.unmodifiableList(HeaderScanner.rareFields(rareFieldsSource, new String[1]));
  }

  /**
   * docs/spec.md §3: the span id to use as the parent of the span that continues this header. The
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

  /** The docs/spec.md §3 rule, for this class and {@link AmznTraceHeaderReader}. */
  static long parentSpanId(
      long parent, boolean hasSelf, long selfHigh, long selfLow, long rootHigh, long rootLow) {
    return parent != 0 ? parent : albSpanId(hasSelf, selfHigh, selfLow, rootHigh, rootLow);
  }

  /**
   * docs/spec.md §3 rules 2–3: the span id of the ALB hop itself — {@code mix64} of {@code Self}
   * when valid, else of {@code Root}; never zero. It is {@link #parentSpanId()} whenever the header
   * has no {@code Parent} (always, for a header an ALB generated), and the id the span built from
   * the access-log entry carries, so that span is the service span's parent.
   *
   * <pre>
   * Root=1-67891233-abcdef012345678912345678                                 → 00a80ccd5996a294
   * Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8         → 37b71623766e5592
   * </pre>
   *
   * @throws IllegalStateException when the header is invalid
   */
  public long albSpanId() {
    checkValid();
    return albSpanId(hasSelf, selfHigh, selfLow, rootHigh, rootLow);
  }

  static long albSpanId(boolean hasSelf, long selfHigh, long selfLow, long rootHigh, long rootLow) {
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
    TraceId128.appendXrayId(rootHigh, rootLow, sb);
    if (hasSelf) TraceId128.appendXrayId(selfHigh, selfLow, sb.append(";Self="));
    if (parent != 0) Hex.append(parent, 16, sb.append(";Parent="));
    switch (sampled) {
      case SAMPLED: sb.append(";Sampled=1"); break;
      case NOT_SAMPLED: sb.append(";Sampled=0"); break;
      case REQUESTED: sb.append(";Sampled=?"); break;
      default: break;
    }
    if (rareFieldsSource != null) {
      String[] lineage = new String[1];
      List<Field> extras = HeaderScanner.rareFields(rareFieldsSource, lineage);
      if (lineage[0] != null) sb.append(";Lineage=").append(lineage[0]);
      for (Field f : extras) sb.append(';').append(f);
    }
    return sb.toString();
  }
}
