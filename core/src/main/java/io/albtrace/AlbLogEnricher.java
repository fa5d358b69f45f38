package io.albtrace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns one ALB access-log line into one JSON object that Datadog links to its APM trace (SPEC §6
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
 *       {@code X-Amzn-Trace-Id} (SPEC §1): the decimal low 64 bits of its Root (SPEC §2), or the 32
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
 * {@link AmznTraceHeader.Reader}, which allocates only to keep a header's custom fields. The
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
  private static final byte[][] KEYS = new byte[KNOWN][];
  private static final byte[][] COMMA_KEYS = new byte[KNOWN][];
  private static final boolean[] TEXT = new boolean[KNOWN];

  static {
    for (int i = 0; i < KNOWN; i++) {
      KEYS[i] = key(AlbLogField.at(i).awsName());
      COMMA_KEYS[i] = commaKey(AlbLogField.at(i).awsName());
      TEXT[i] = AlbLogField.at(i).kind() == AlbLogField.Kind.TEXT;
    }
  }

  private static final byte[] EXTRA_FIELDS_KEY = commaKey(EXTRA_FIELDS);
  private static final byte[] DD_TRACE_ID_KEY = commaKey(DD_TRACE_ID);
  private static final byte[] MESSAGE_KEY = key(MESSAGE);
  private static final byte[] ERROR_KEY = key(ERROR);
  private static final byte[] CLIENT_IP = commaKey("network.client.ip");
  private static final byte[] CLIENT_PORT = commaKey("network.client.port");
  private static final byte[] DESTINATION_IP = commaKey("network.destination.ip");
  private static final byte[] DESTINATION_PORT = commaKey("network.destination.port");
  private static final byte[] HTTP_METHOD = commaKey("http.method");
  private static final byte[] HTTP_URL = commaKey("http.url");
  private static final byte[] URL_SCHEME = commaKey("http.url_details.scheme");
  private static final byte[] URL_HOST = commaKey("http.url_details.host");
  private static final byte[] URL_PORT = commaKey("http.url_details.port");
  private static final byte[] URL_PATH = commaKey("http.url_details.path");
  private static final byte[] HTTP_STATUS_CODE = commaKey("http.status_code");
  private static final byte[] HTTP_USERAGENT = commaKey("http.useragent");
  private static final byte[] BYTES_READ = commaKey("network.bytes_read");
  private static final byte[] BYTES_WRITTEN = commaKey("network.bytes_written");
  private static final byte[] DURATION = commaKey("duration");

  private static final int TRACE_ID = AlbLogField.TRACE_ID.ordinal();
  private static final int CLIENT = AlbLogField.CLIENT_PORT.ordinal();
  private static final int TARGET = AlbLogField.TARGET_PORT.ordinal();
  private static final int REQUEST = AlbLogField.REQUEST.ordinal();
  private static final int USER_AGENT = AlbLogField.USER_AGENT.ordinal();
  private static final int ELB_STATUS = AlbLogField.ELB_STATUS_CODE.ordinal();
  private static final int RECEIVED = AlbLogField.RECEIVED_BYTES.ordinal();
  private static final int SENT = AlbLogField.SENT_BYTES.ordinal();
  private static final int FIRST_TIME = AlbLogField.REQUEST_PROCESSING_TIME.ordinal();

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
    AlbLogEntry e = out.entry;
    if (!e.parse(line, offset, length)) {
      malformedRange(line, e.lineStart(), e.lineEnd(), e.error(), out);
      return Result.MALFORMED;
    }
    int mark = out.length;
    Result result = writeEntry(e, out);
    if (result == null) {
      out.length = mark;
      malformedRange(line, e.lineStart(), e.lineEnd(), "invalid UTF-8", out);
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
    while (true) {
      int nl = ByteScan.newline(buf, start, to);
      if (nl == to) return start;
      Result r = enrich(buf, start, nl - start, out);
      out.put('\n');
      if (counts != null) counts[r.ordinal()]++;
      start = nl + 1;
    }
  }

  /** Index of the first {@code \n} in {@code buf[from, to)}, or {@code to}; eight bytes a step. */
  public static int indexOfNewline(byte[] buf, int from, int to) {
    return ByteScan.newline(buf, from, to);
  }

  /**
   * Appends <code>{"message":"&lt;line&gt;","albtrace.error":"&lt;reason&gt;"}</code>: for lines
   * the caller cannot hand to {@link #enrich} whole, such as one longer than it buffers.
   */
  public void malformed(byte[] line, int offset, int length, String reason, Buffer out) {
    malformedRange(line, offset, offset + length, reason, out);
  }

  private static void malformedRange(byte[] line, int from, int to, String reason, Buffer out) {
    out.put('{').key(MESSAGE_KEY).string(line, from, to, false, true);
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    out.put(',').key(ERROR_KEY).string(r, 0, r.length, false, true);
    out.put('}');
  }

  /** The entry's object, or null when a field is not UTF-8. */
  private Result writeEntry(AlbLogEntry e, Buffer out) {
    byte[] s = e.line();
    int count = e.fieldCount();
    int known = Math.min(count, KNOWN);
    out.put('{');
    int first = out.length;
    int[] starts = e.starts, ends = e.ends;
    boolean[] plain = e.plain;
    for (int f = 0; f < known; f++) {
      int from = starts[f], to = ends[f];
      if (to - from == 1 && s[from] == '-') continue; // absent
      byte[] key = out.length == first ? KEYS[f] : COMMA_KEYS[f];
      if (!TEXT[f]) {
        out.field(key, s, from, to, false);
      } else if (plain[f]) {
        out.field(key, s, from, to, true);
      } else if (!out.key(key).string(s, from, to, e.quoted[f], false)) {
        return null;
      }
    }
    if (count > KNOWN) {
      out.key(EXTRA_FIELDS_KEY).put('[');
      for (int f = KNOWN; f < count; f++) {
        if (f > KNOWN) out.put(',');
        if (!out.string(s, e.start(f), e.end(f), e.isQuoted(f), false)) return null;
      }
      out.put(']');
    }

    Result result = Result.UNTRACED;
    if (!e.isAbsent(TRACE_ID)) {
      int from = e.start(TRACE_ID), len = e.end(TRACE_ID) - from;
      byte[] header = s;
      if (e.isQuoted(TRACE_ID) && hasEscape(s, from, from + len)) {
        // SPEC §1 applies to the header as sent: "\x09Root=…" is a tab (trimmed), not a key "\x09Root"
        len = out.decode(s, from, from + len);
        header = out.decoded;
        from = 0;
      }
      AmznTraceHeader.Reader h = out.header;
      if (h.read(out.chars.wrap(header, from, len), 0, len)) {
        result = Result.TRACED;
        out.key(DD_TRACE_ID_KEY).traceId(h.rootHigh(), h.rootLow(), traceIdFormat);
      }
    }

    hostPort(e, CLIENT, CLIENT_IP, CLIENT_PORT, out);
    hostPort(e, TARGET, DESTINATION_IP, DESTINATION_PORT, out);
    request(e, out);
    if (!e.isAbsent(ELB_STATUS)) out.key(HTTP_STATUS_CODE).raw(s, e.start(ELB_STATUS), e.end(ELB_STATUS));
    if (!e.isAbsent(USER_AGENT)) {
      out.key(HTTP_USERAGENT);
      if (e.isPlain(USER_AGENT)) {
        out.plain(s, e.start(USER_AGENT), e.end(USER_AGENT));
      } else {
        out.string(s, e.start(USER_AGENT), e.end(USER_AGENT), e.isQuoted(USER_AGENT), false);
      }
    }
    if (!e.isAbsent(RECEIVED)) out.key(BYTES_READ).raw(s, e.start(RECEIVED), e.end(RECEIVED));
    if (!e.isAbsent(SENT)) out.key(BYTES_WRITTEN).raw(s, e.start(SENT), e.end(SENT));
    long duration = 0;
    for (int f = FIRST_TIME; f < FIRST_TIME + 3 && duration >= 0; f++) {
      long ns = e.isAbsent(f) ? -1 : nanos(s, e.start(f), e.end(f));
      duration = ns < 0 ? -1 : duration + ns;
    }
    if (duration >= 0) out.key(DURATION).decimal(duration);
    out.put('}');
    return result;
  }

  private static boolean hasEscape(byte[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s[i] == '\\' && AlbLogEntry.escapedByte(s, i, to) >= 0) return true;
    }
    return false;
  }

  /** {@code ip:port} → ip and port keys; the port only when it is a number. */
  private static void hostPort(AlbLogEntry e, int f, byte[] ipKey, byte[] portKey, Buffer out) {
    if (e.isAbsent(f)) return;
    byte[] s = e.line();
    int from = e.start(f), to = e.end(f);
    int colon = to - 1;
    while (colon >= from && s[colon] != ':') colon--;
    if (colon > from && AlbLogEntry.isJsonNumber(s, colon + 1, to, false) && s[colon + 1] != '-') {
      if (e.isPlain(f)) {
        out.key(ipKey).plain(s, from, colon);
      } else {
        out.key(ipKey).string(s, from, colon, false, false);
      }
      out.key(portKey).raw(s, colon + 1, to);
    } else {
      out.key(ipKey).string(s, from, to, false, false);
    }
  }

  /**
   * {@code "METHOD URL PROTOCOL"} (a space may follow the protocol) → http.method and http.url,
   * each unless {@code -}. The URL is what lies between the first and the last space, so it is
   * never split blindly; a request with fewer than two spaces yields neither.
   */
  private static void request(AlbLogEntry e, Buffer out) {
    if (e.isAbsent(REQUEST)) return;
    byte[] s = e.line();
    int from = e.start(REQUEST), to = e.end(REQUEST);
    int last = to;
    if (last > from && s[last - 1] == ' ') last--;
    int firstSpace = from;
    while (firstSpace < last && s[firstSpace] != ' ') firstSpace++;
    int lastSpace = last - 1;
    while (lastSpace > firstSpace && s[lastSpace] != ' ') lastSpace--;
    if (firstSpace >= last || lastSpace <= firstSpace) return;
    boolean plain = e.isPlain(REQUEST);
    if (isValue(s, from, firstSpace)) {
      out.key(HTTP_METHOD);
      text(s, from, firstSpace, plain, out);
    }
    if (isValue(s, firstSpace + 1, lastSpace)) {
      out.key(HTTP_URL);
      text(s, firstSpace + 1, lastSpace, plain, out);
      urlDetails(s, firstSpace + 1, lastSpace, plain, out);
    }
  }

  /**
   * {@code scheme://host:port/path?query} → {@code http.url_details.scheme}, {@code .host},
   * {@code .port} (when digits) and {@code .path} (without the query); a URL without
   * {@code ://} gives only its path, when it starts with {@code /}.
   */
  private static void urlDetails(byte[] s, int from, int to, boolean plain, Buffer out) {
    int pathStart = from;
    int schemeEnd = from;
    while (schemeEnd < to && schemeEnd - from < 16 && isSchemeChar(s[schemeEnd])) schemeEnd++;
    if (schemeEnd > from && schemeEnd + 2 < to && s[schemeEnd] == ':' && s[schemeEnd + 1] == '/'
        && s[schemeEnd + 2] == '/') {
      out.key(URL_SCHEME).plain(s, from, schemeEnd);
      int hostStart = schemeEnd + 3;
      int hostEnd = hostStart;
      while (hostEnd < to && s[hostEnd] != '/' && s[hostEnd] != '?' && s[hostEnd] != '#') hostEnd++;
      int colon = hostEnd - 1;
      while (colon >= hostStart && s[colon] >= '0' && s[colon] <= '9') colon--;
      boolean hasPort = colon >= hostStart && colon < hostEnd - 1 && s[colon] == ':'
          && AlbLogEntry.isJsonNumber(s, colon + 1, hostEnd, false);
      int hostOnly = hasPort ? colon : hostEnd;
      if (hostOnly > hostStart) {
        out.key(URL_HOST);
        text(s, hostStart, hostOnly, plain, out);
      }
      if (hasPort) out.key(URL_PORT).raw(s, colon + 1, hostEnd);
      pathStart = hostEnd;
    } else if (s[from] != '/') {
      return;
    }
    int pathEnd = pathStart;
    while (pathEnd < to && s[pathEnd] != '?' && s[pathEnd] != '#') pathEnd++;
    if (pathEnd > pathStart) {
      out.key(URL_PATH);
      text(s, pathStart, pathEnd, plain, out);
    }
  }

  private static boolean isSchemeChar(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '+'
        || b == '-' || b == '.';
  }

  /** A part of a quoted field: copied when the field is plain, else escaped (and decoded). */
  private static void text(byte[] s, int from, int to, boolean plain, Buffer out) {
    if (plain) {
      out.plain(s, from, to);
    } else {
      out.string(s, from, to, true, false);
    }
  }

  private static boolean isValue(byte[] s, int from, int to) {
    return to > from && !(to - from == 1 && s[from] == '-');
  }

  /** Checked decimal seconds → nanoseconds; -1 for negative values. Digits past 9 decimals are dropped. */
  static long nanos(byte[] s, int from, int to) {
    if (s[from] == '-') return -1;
    long seconds = 0;
    int i = from;
    for (; i < to && s[i] != '.'; i++) {
      if (i - from >= 9) return -1; // over 31 years: not a processing time
      seconds = seconds * 10 + (s[i] - '0');
    }
    long fraction = 0;
    int digits = 0;
    for (i++; i < to && digits < 9; i++, digits++) fraction = fraction * 10 + (s[i] - '0');
    for (; digits < 9; digits++) fraction *= 10;
    return seconds * 1_000_000_000L + fraction;
  }

  private static byte[] key(String name) {
    return ('"' + name + "\":").getBytes(StandardCharsets.UTF_8);
  }

  /** The key after a previous member: {@code ,"name":}. */
  private static byte[] commaKey(String name) {
    return (",\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The output of {@link #enrich}: a growable byte buffer of UTF-8 JSON, plus the scratch state one
   * enrichment needs. Not thread-safe: one per thread, reused for every line.
   */
  public static final class Buffer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    final AlbLogEntry entry = new AlbLogEntry();
    final ByteChars chars = new ByteChars();
    final AmznTraceHeader.Reader header = new AmznTraceHeader.Reader();
    private byte[] bytes;
    int length;
    private byte[] decoded = new byte[256];

    public Buffer() {
      this(1 << 16);
    }

    public Buffer(int initialCapacity) {
      bytes = new byte[Math.max(64, initialCapacity)];
    }

    /** The buffer's array; valid bytes are {@code [0, length())}. */
    public byte[] bytes() {
      return bytes;
    }

    public int length() {
      return length;
    }

    /** Empties the buffer, keeping its capacity. */
    public void clear() {
      length = 0;
    }

    /** Appends {@code \n}, to end an NDJSON line. */
    public void newline() {
      put('\n');
    }

    /** Writes the content to {@code out} and clears the buffer. */
    public void writeTo(OutputStream out) throws IOException {
      out.write(bytes, 0, length);
      length = 0;
    }

    /** The content as text. */
    @Override
    public String toString() {
      return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int extra) {
      if (length + extra > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
      }
    }

    Buffer put(char c) {
      ensure(1);
      bytes[length++] = (byte) c;
      return this;
    }

    Buffer key(byte[] key) {
      ensure(key.length);
      System.arraycopy(key, 0, bytes, length, key.length);
      length += key.length;
      return this;
    }

    /**
     * Appends {@code key} then {@code s[from, to)}, in double quotes when {@code quote}: one
     * field whose bytes the caller knows need no escaping.
     */
    void field(byte[] key, byte[] s, int from, int to, boolean quote) {
      int k = key.length, n = to - from;
      ensure(k + n + 2);
      byte[] b = bytes;
      int l = length;
      System.arraycopy(key, 0, b, l, k);
      l += k;
      if (quote) b[l++] = '"';
      System.arraycopy(s, from, b, l, n);
      l += n;
      if (quote) b[l++] = '"';
      length = l;
    }

    /** Appends {@code "s[from, to)"}: bytes the caller knows need no escaping. */
    Buffer plain(byte[] s, int from, int to) {
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

    Buffer raw(byte[] s, int from, int to) {
      ensure(to - from);
      System.arraycopy(s, from, bytes, length, to - from);
      length += to - from;
      return this;
    }

    Buffer decimal(long v) {
      int start = UnsignedDecimal.writeBackwards(v, decoded, UnsignedDecimal.MAX_LENGTH);
      return raw(decoded, start, UnsignedDecimal.MAX_LENGTH);
    }

    Buffer traceId(long high, long low, TraceIdFormat format) {
      ensure(34);
      bytes[length++] = '"';
      if (format == TraceIdFormat.HEX) {
        Hex.write(high, 16, bytes, length);
        Hex.write(low, 16, bytes, length + 16);
        length += 32;
      } else {
        int start = UnsignedDecimal.writeBackwards(low, decoded, UnsignedDecimal.MAX_LENGTH);
        System.arraycopy(decoded, start, bytes, length, UnsignedDecimal.MAX_LENGTH - start);
        length += UnsignedDecimal.MAX_LENGTH - start;
      }
      bytes[length++] = '"';
      return this;
    }

    /**
     * Appends {@code s[from, to)} as a JSON string. With {@code decodeAlb}, ALB's {@code \xHH}
     * escapes are decoded first. Bytes that are not UTF-8 are replaced by U+FFFD when {@code
     * replace}; otherwise the method returns false (and the caller rewinds).
     */
    boolean string(byte[] s, int from, int to, boolean decodeAlb, boolean replace) {
      ensure((to - from) * 6 + 2); // worst case: every byte a \\u00XX escape
      int open = length;
      byte[] b = bytes;
      int n = length;
      b[n++] = '"';
      int i = from;
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
          if (c == '\\' && decodeAlb && AlbLogEntry.escapedByte(s, i, to) >= 0) {
            length = open;
            int len = decode(s, from, to);
            return string(decoded, 0, len, false, replace);
          }
          n = escapeAscii(c, b, n);
          i++;
          continue;
        }
        int seq = utf8Length(s, i, to);
        if (seq == 0) {
          if (!replace) {
            length = open;
            return false;
          }
          b[n++] = (byte) 0xEF; // U+FFFD
          b[n++] = (byte) 0xBF;
          b[n++] = (byte) 0xBD;
          i++;
        } else if (seq == 3 && c == 0xE2 && s[i + 1] == (byte) 0x80 && (s[i + 2] & 0xfe) == 0xA8) {
          // U+2028 / U+2029: valid JSON, but escaped so the line is also valid JavaScript
          n = unicodeEscape(s[i + 2] == (byte) 0xA8 ? 0x2028 : 0x2029, b, n);
          i += 3;
        } else {
          for (int k = 0; k < seq; k++) b[n++] = s[i++];
        }
      }
      b[n++] = '"';
      length = n;
      return true;
    }

    /** Decodes ALB's {@code \xHH} escapes of {@code s[from, to)} into {@link #decoded}. */
    private int decode(byte[] s, int from, int to) {
      if (decoded.length < to - from) decoded = new byte[Math.max(to - from, decoded.length * 2)];
      int n = 0;
      for (int p = from; p < to; ) {
        int v = s[p] == '\\' ? AlbLogEntry.escapedByte(s, p, to) : -1;
        if (v >= 0) {
          decoded[n++] = (byte) v;
          p += 4;
        } else {
          decoded[n++] = s[p++];
        }
      }
      return n;
    }

    private static int escapeAscii(int c, byte[] b, int n) {
      switch (c) {
        case '"': b[n++] = '\\'; b[n++] = '"'; return n;
        case '\\': b[n++] = '\\'; b[n++] = '\\'; return n;
        case '\n': b[n++] = '\\'; b[n++] = 'n'; return n;
        case '\r': b[n++] = '\\'; b[n++] = 'r'; return n;
        case '\t': b[n++] = '\\'; b[n++] = 't'; return n;
        default: return unicodeEscape(c, b, n);
      }
    }

    private static int unicodeEscape(int c, byte[] b, int n) {
      b[n++] = '\\';
      b[n++] = 'u';
      b[n++] = HEX[c >> 12 & 0xf];
      b[n++] = HEX[c >> 8 & 0xf];
      b[n++] = HEX[c >> 4 & 0xf];
      b[n++] = HEX[c & 0xf];
      return n;
    }

    /**
     * Length of the well-formed UTF-8 sequence at {@code s[i]} (a byte {@code >= 0x80}), or 0:
     * no overlong forms, no surrogates, nothing above U+10FFFF (RFC 3629).
     */
    static int utf8Length(byte[] s, int i, int to) {
      int c = s[i] & 0xff;
      if (c >= 0xC2 && c <= 0xDF) {
        return i + 1 < to && cont(s[i + 1]) ? 2 : 0;
      }
      if (c >= 0xE0 && c <= 0xEF) {
        if (i + 2 >= to) return 0;
        int c1 = s[i + 1] & 0xff;
        boolean ok = c == 0xE0 ? c1 >= 0xA0 && c1 <= 0xBF
            : c == 0xED ? c1 >= 0x80 && c1 <= 0x9F
            : c1 >= 0x80 && c1 <= 0xBF;
        return ok && cont(s[i + 2]) ? 3 : 0;
      }
      if (c >= 0xF0 && c <= 0xF4) {
        if (i + 3 >= to) return 0;
        int c1 = s[i + 1] & 0xff;
        boolean ok = c == 0xF0 ? c1 >= 0x90 && c1 <= 0xBF
            : c == 0xF4 ? c1 >= 0x80 && c1 <= 0x8F
            : c1 >= 0x80 && c1 <= 0xBF;
        return ok && cont(s[i + 2]) && cont(s[i + 3]) ? 4 : 0;
      }
      return 0;
    }

    private static boolean cont(byte b) {
      return (b & 0xC0) == 0x80;
    }
  }
}
