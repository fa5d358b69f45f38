package io.albtrace.accesslog;

import io.albtrace.AmznTraceHeaderReader;
import io.albtrace.internal.JsonBuffer;
import io.albtrace.internal.Utf8;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns one ALB access-log line into one JSON object that Datadog links to its APM trace (docs/spec.md §6
 * {@code enrich}): every field under its AWS name, {@code dd.trace_id} from the {@code trace_id}
 * field, and Datadog's standard attributes.
 *
 * <pre>
 * http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80
 * 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:…
 * "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" …
 * →
 * {"type":"http","time":"2018-07-02T22:23:00.186641Z",…,"request_processing_time":0.000,…,
 *  "elb_status_code":200,…,"trace_id":"Root=1-58337262-36d228ad5d99923122bbe354",…,
 *  "dd.trace_id":"6744582656697819988","network.client.ip":"192.168.131.39",
 *  "network.client.port":2817,…,"http.method":"GET","http.url":"http://www.example.com:80/",
 *  "http.status_code":200,"http.useragent":"curl/7.46.0",…,"duration":1000000}
 * </pre>
 *
 * <ul>
 *   <li>Fields whose value is {@code -} are left out. Processing times, status codes, byte counts
 *       and {@code matched_rule_priority} are JSON numbers, everything else strings; {@code \xHH}
 *       escapes in quoted fields are decoded. Fields after the last one {@link AlbLogField} names
 *       go, in order and verbatim, into the array {@value #EXTRA_FIELDS}.
 *   <li>{@value #DD_TRACE_ID} (a string) is present exactly when {@code trace_id} holds a valid
 *       {@code X-Amzn-Trace-Id} (docs/spec.md §1): the decimal low 64 bits of its Root (docs/spec.md §2), or the 32
 *       hex digits of the whole Root with {@link TraceIdFormat#HEX}.
 *   <li>Datadog standard attributes, when the source field has a value: {@code network.client.ip}
 *       / {@code .port} and {@code network.destination.ip} / {@code .port} (split at the last
 *       colon, so IPv6 works), {@code http.method} and {@code http.url} (from {@code request},
 *       unless {@code -}) with {@code http.url_details.scheme}, {@code .host}, {@code .port} and
 *       {@code .path}, {@code http.status_code} ({@code elb_status_code}),
 *       {@code http.useragent}, {@code network.bytes_read} / {@code _written}, and
 *       {@code duration}: the three processing times summed, in nanoseconds, when none is
 *       {@code -1}.
 *   <li>A line that is not an ALB entry ({@link AlbLogEntry} says why) or is not UTF-8 becomes
 *       <code>{"message":"&lt;the line&gt;","albtrace.error":"&lt;reason&gt;"}</code>: no line is
 *       ever lost. Invalid UTF-8 in the message is replaced by U+FFFD, so the output is always
 *       valid JSON in UTF-8.
 * </ul>
 *
 * <p>Byte-oriented: no {@code String} decoding, no regex. A {@code trace_id} is read with an
 * {@link AmznTraceHeaderReader}, which allocates only to keep a header's custom fields. The
 * enricher is immutable and thread-safe; all per-call state lives in the caller's {@link Buffer}
 * (one per thread), so stream engines can call {@link #enrich(String)} or the buffer form per
 * record.
 */
public final class AlbLogEnricher {
  /** Key of the array of fields after the ones {@link AlbLogField} names. */
  public static final String EXTRA_FIELDS = "albtrace.extra_fields";
  /** Key of the trace id Datadog links on. */
  public static final String DD_TRACE_ID = "dd.trace_id";
  /** Key of the raw line when it cannot be parsed. */
  public static final String MESSAGE = "message";
  /** Key of the reason a line cannot be parsed. */
  public static final String ERROR = "albtrace.error";

  /** How {@value #DD_TRACE_ID} is written. */
  public enum TraceIdFormat {
    /** The low 64 bits as an unsigned decimal: what Datadog links logs on (default). */
    DECIMAL,
    /**
     * All 128 bits as 32 lowercase hex digits: the form dd-trace-java's own log injection writes
     * for 128-bit traces (the default since 1.48), so logs from the services and from the ALB match.
     */
    HEX
  }

  /** What {@link #enrich} made of a line. */
  public enum Result {
    /** An ALB entry whose {@code trace_id} is valid: {@value #DD_TRACE_ID} written. */
    TRACED,
    /** An ALB entry without a valid {@code trace_id} (absent, malformed, zero). */
    UNTRACED,
    /** Not an ALB entry: written as {@value #MESSAGE} and {@value #ERROR}. */
    MALFORMED
  }

  private static final int KNOWN = AlbLogField.count();
  private static final JsonBuffer.Key[] KEYS = new JsonBuffer.Key[KNOWN];
  private static final JsonBuffer.Key[] COMMA_KEYS = new JsonBuffer.Key[KNOWN];
  private static final boolean[] TEXT = new boolean[KNOWN];

  static {
    for (int i = 0; i < KNOWN; i++) {
      KEYS[i] = JsonBuffer.key(AlbLogField.at(i).awsName());
      COMMA_KEYS[i] = JsonBuffer.commaKey(AlbLogField.at(i).awsName());
      TEXT[i] = AlbLogField.at(i).kind() == AlbLogField.Kind.TEXT;
    }
  }

  private static final JsonBuffer.Key EXTRA_FIELDS_KEY = JsonBuffer.commaKey(EXTRA_FIELDS);
  private static final JsonBuffer.Key DD_TRACE_ID_KEY = JsonBuffer.commaKey(DD_TRACE_ID);
  private static final JsonBuffer.Key MESSAGE_KEY = JsonBuffer.key(MESSAGE);
  private static final JsonBuffer.Key ERROR_KEY = JsonBuffer.commaKey(ERROR);

  private final TraceIdFormat traceIdFormat;

  /** An enricher writing {@value #DD_TRACE_ID} as a decimal (the default). */
  public AlbLogEnricher() {
    this(TraceIdFormat.DECIMAL);
  }

  public AlbLogEnricher(TraceIdFormat traceIdFormat) {
    if (traceIdFormat == null) throw new NullPointerException("traceIdFormat");
    this.traceIdFormat = traceIdFormat;
  }

  public TraceIdFormat traceIdFormat() {
    return traceIdFormat;
  }

  /**
   * The JSON object for one line (without its line terminator). Allocates its buffers per call;
   * for streams, prefer {@link #enrich(byte[], int, int, Buffer)}.
   */
  public String enrich(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    Buffer out = new Buffer(bytes.length * 2 + 512);
    enrich(bytes, 0, bytes.length, out);
    return out.toString();
  }

  /**
   * Appends the JSON object for {@code line[offset, offset + length)} (one line without its
   * {@code \n}; a trailing {@code \r} is ignored) to {@code out}, with no line terminator.
   */
  public Result enrich(byte[] line, int offset, int length, Buffer out) {
    out.entry.parse(line, offset, length);
    return write(out.entry, out);
  }

  /** The object of the entry just parsed, or its line as malformed. */
  private Result write(AlbLogEntry e, Buffer out) {
    byte[] line = e.line();
    if (e.error() != null) {
      malformed(line, e.lineStart(), e.lineEnd() - e.lineStart(), e.error(), out);
      return Result.MALFORMED;
    }
    int mark = out.json.length();
    Result result = writeEntry(e, out);
    if (result == null) {
      out.json.setLength(mark);
      malformed(line, e.lineStart(), e.lineEnd() - e.lineStart(), "invalid UTF-8", out);
      return Result.MALFORMED;
    }
    return result;
  }

  /**
   * Enriches every complete line of {@code buf[from, to)}, appending one object and a {@code \n}
   * per line to {@code out}: the form for a chunk of a stream. A {@code \r} before a {@code \n}
   * is not part of the line.
   *
   * @param counts when not null, {@code counts[r.ordinal()]} is incremented for each line's
   *     {@link Result} {@code r}
   * @return the index just past the last {@code \n}: where the next chunk's first line starts
   *     ({@code from} when the range holds no complete line)
   */
  public int enrichLines(byte[] buf, int from, int to, Buffer out, long[] counts) {
    int start = from;
    AlbLogEntry e = out.entry;
    while (true) {
      int nl = e.parseLine(buf, start, to);
      if (nl < 0) return start;
      Result r = write(e, out);
      out.newline();
      if (counts != null) counts[r.ordinal()]++;
      start = nl + 1;
    }
  }

  /**
   * Appends <code>{"message":"&lt;line&gt;","albtrace.error":"&lt;reason&gt;"}</code>: for lines
   * the caller cannot hand to {@link #enrich} whole, such as one longer than it buffers. Invalid
   * UTF-8 in the line becomes U+FFFD.
   */
  public void malformed(byte[] line, int offset, int length, String reason, Buffer out) {
    JsonBuffer json = out.json;
    json.put('{').key(MESSAGE_KEY).string(line, offset, offset + length, true);
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    json.key(ERROR_KEY).string(r, 0, r.length, true);
    json.put('}');
  }

  /**
   * Appends the line itself, linked to its trace, for a backend that parses the line on its own
   * (Datadog's ELB log pipeline): <code>{"message":"&lt;line&gt;","dd.trace_id":"…"}</code>.
   * {@value #DD_TRACE_ID} and the {@link Result} are exactly {@link #enrich}'s (no key for an
   * untraced entry), and a line {@link #enrich} finds malformed is written as there.
   *
   * <pre>
   * http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 … "Root=1-58337262-36d228ad5d99923122bbe354" …
   * →
   * {"message":"http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 … \"Root=1-58337262-36d228ad5d99923122bbe354\" …",
   *  "dd.trace_id":"6744582656697819988"}
   * </pre>
   */
  public Result link(byte[] line, int offset, int length, Buffer out) {
    int mark = out.json.length();
    // One parse and one verdict, enrich's own; its object is dropped (the header reader keeps the Root).
    Result result = enrich(line, offset, length, out);
    if (result == Result.MALFORMED) return result;
    JsonBuffer json = out.json;
    json.setLength(mark);
    AlbLogEntry e = out.entry;
    json.put('{').key(MESSAGE_KEY).string(line, e.lineStart(), e.lineEnd(), true);
    if (result == Result.TRACED) writeTraceId(out);
    json.put('}');
    return result;
  }

  /** The entry's object, or null when a field is not UTF-8. */
  private Result writeEntry(AlbLogEntry e, Buffer out) {
    JsonBuffer json = out.json;
    byte[] s = e.line();
    int count = e.fieldCount();
    int known = Math.min(count, KNOWN);
    json.put('{');
    int first = json.length();
    int[] starts = e.starts, ends = e.ends;
    boolean[] plain = e.plain;
    for (int f = 0; f < known; f++) {
      int from = starts[f], to = ends[f];
      if (to - from == 1 && s[from] == '-') continue; // absent
      JsonBuffer.Key key = json.length() == first ? KEYS[f] : COMMA_KEYS[f];
      if (!TEXT[f]) {
        json.field(key, s, from, to, false);
      } else if (plain[f]) {
        json.field(key, s, from, to, true);
      } else if (!string(s, from, to, e.quoted[f], json.key(key), out)) {
        return null;
      }
    }
    if (count > KNOWN) {
      json.key(EXTRA_FIELDS_KEY).put('[');
      for (int f = KNOWN; f < count; f++) {
        if (f > KNOWN) json.put(',');
        if (!string(s, e.start(f), e.end(f), e.isQuoted(f), json, out)) return null;
      }
      json.put(']');
    }

    Result result = Result.UNTRACED;
    if (e.readTraceId(out.header)) {
      result = Result.TRACED;
      writeTraceId(out);
    }
    DatadogAttributes.write(e, out);
    json.put('}');
    return result;
  }

  /** Appends {@code ,"dd.trace_id":"…"} from the Root {@code out.header} holds. */
  private void writeTraceId(Buffer out) {
    AmznTraceHeaderReader h = out.header;
    out.json.key(DD_TRACE_ID_KEY);
    if (traceIdFormat == TraceIdFormat.HEX) out.json.hexString(h.rootHigh(), h.rootLow());
    else out.json.decimalString(h.rootLow());
  }

  /**
   * Appends a field's value as a JSON string, ALB's {@code \xHH} escapes decoded when it was
   * quoted; false when it is not UTF-8. The bytes before the first escape must be UTF-8 on their
   * own, and so must the decoded value.
   */
  static boolean string(byte[] s, int from, int to, boolean quoted, JsonBuffer json, Buffer out) {
    int escape = quoted ? AlbEscapes.first(s, from, to) : to;
    if (escape < to) {
      if (!Utf8.isValid(s, from, escape)) return false;
      to = AlbEscapes.decode(s, from, to, out.decoded(to - from));
      s = out.decoded;
      from = 0;
    }
    // One call site: the JIT inlines this into every caller, so one copy of the escaper is cheaper to compile
    return json.string(s, from, to, false);
  }

  /**
   * The output of {@link #enrich}: a growable buffer of UTF-8 JSON, plus the scratch state one
   * enrichment needs (the entry, the trace header reader). Not thread-safe: one per thread, reused
   * for every line.
   */
  public static final class Buffer {
    final JsonBuffer json;
    final AlbLogEntry entry = new AlbLogEntry();
    final AmznTraceHeaderReader header = new AmznTraceHeaderReader();
    final AlbRequest request = new AlbRequest();
    private byte[] decoded = new byte[256];

    public Buffer() {
      this(1 << 16);
    }

    public Buffer(int initialCapacity) {
      json = new JsonBuffer(initialCapacity);
    }

    /**
     * The entry of the line last enriched or linked with this buffer, its fields readable when the
     * result was not {@link Result#MALFORMED}; it reads the caller's bytes, valid until they change.
     */
    public AlbLogEntry entry() {
      return entry;
    }

    /** The buffer's array; valid bytes are {@code [0, length())}. */
    public byte[] bytes() {
      return json.bytes();
    }

    public int length() {
      return json.length();
    }

    /** Empties the buffer, keeping its capacity. */
    public void clear() {
      json.setLength(0);
    }

    /** Appends {@code \n}, to end an NDJSON line. */
    public void newline() {
      json.put('\n');
    }

    /** Writes the content to {@code out} and clears the buffer. */
    public void writeTo(OutputStream out) throws IOException {
      json.writeTo(out);
    }

    /** The content as text. */
    @Override
    public String toString() {
      return json.toString();
    }

    /** Scratch space for a decoded value of at most {@code length} bytes. */
    byte[] decoded(int length) {
      if (decoded.length < length) decoded = new byte[Math.max(length, decoded.length * 2)];
      return decoded;
    }
  }
}
