package io.albtrace.accesslog;

import io.albtrace.internal.JsonBuffer;

/**
 * Datadog's standard log attributes derived from an access-log entry, so Datadog's log explorer
 * facets work without a pipeline:
 *
 * <pre>
 * client:port  192.168.131.39:2817           → network.client.ip, network.client.port
 * target:port  10.0.0.1:80                   → network.destination.ip, network.destination.port
 * request      "GET http://example.com:80/a?q HTTP/1.1"
 *                                            → http.method, http.url, http.url_details.{scheme,host,port,path}
 * elb_status_code, user_agent                → http.status_code, http.useragent
 * received_bytes, sent_bytes                 → network.bytes_read, network.bytes_written
 * the three processing times                 → duration (nanoseconds; absent when one is -1)
 * </pre>
 *
 * <p>Every field the values come from has already been checked (numbers) or written (text) by
 * {@link AlbLogEnricher}, so nothing here can fail.
 */
final class DatadogAttributes {
  private static final byte[] CLIENT_IP = JsonBuffer.commaKey("network.client.ip");
  private static final byte[] CLIENT_PORT = JsonBuffer.commaKey("network.client.port");
  private static final byte[] DESTINATION_IP = JsonBuffer.commaKey("network.destination.ip");
  private static final byte[] DESTINATION_PORT = JsonBuffer.commaKey("network.destination.port");
  private static final byte[] HTTP_METHOD = JsonBuffer.commaKey("http.method");
  private static final byte[] HTTP_URL = JsonBuffer.commaKey("http.url");
  private static final byte[] URL_SCHEME = JsonBuffer.commaKey("http.url_details.scheme");
  private static final byte[] URL_HOST = JsonBuffer.commaKey("http.url_details.host");
  private static final byte[] URL_PORT = JsonBuffer.commaKey("http.url_details.port");
  private static final byte[] URL_PATH = JsonBuffer.commaKey("http.url_details.path");
  private static final byte[] HTTP_STATUS_CODE = JsonBuffer.commaKey("http.status_code");
  private static final byte[] HTTP_USERAGENT = JsonBuffer.commaKey("http.useragent");
  private static final byte[] BYTES_READ = JsonBuffer.commaKey("network.bytes_read");
  private static final byte[] BYTES_WRITTEN = JsonBuffer.commaKey("network.bytes_written");
  private static final byte[] DURATION = JsonBuffer.commaKey("duration");

  private static final int CLIENT = AlbLogField.CLIENT_PORT.ordinal();
  private static final int TARGET = AlbLogField.TARGET_PORT.ordinal();
  private static final int REQUEST = AlbLogField.REQUEST.ordinal();
  private static final int USER_AGENT = AlbLogField.USER_AGENT.ordinal();
  private static final int ELB_STATUS = AlbLogField.ELB_STATUS_CODE.ordinal();
  private static final int RECEIVED = AlbLogField.RECEIVED_BYTES.ordinal();
  private static final int SENT = AlbLogField.SENT_BYTES.ordinal();
  private static final int FIRST_TIME = AlbLogField.REQUEST_PROCESSING_TIME.ordinal();

  private DatadogAttributes() {}

  /** Appends the attributes of a parsed, already written entry {@code e} (each after a comma). */
  static void write(AlbLogEntry e, AlbLogEnricher.Buffer buffer) {
    JsonBuffer out = buffer.json;
    byte[] s = e.line();
    hostPort(e, CLIENT, CLIENT_IP, CLIENT_PORT, out);
    hostPort(e, TARGET, DESTINATION_IP, DESTINATION_PORT, out);
    request(e, buffer);
    if (!e.isAbsent(ELB_STATUS)) out.key(HTTP_STATUS_CODE).raw(s, e.start(ELB_STATUS), e.end(ELB_STATUS));
    if (!e.isAbsent(USER_AGENT)) {
      out.key(HTTP_USERAGENT);
      if (e.isPlain(USER_AGENT)) {
        out.plain(s, e.start(USER_AGENT), e.end(USER_AGENT));
      } else {
        AlbLogEnricher.string(s, e.start(USER_AGENT), e.end(USER_AGENT), e.isQuoted(USER_AGENT), out, buffer);
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
  }

  /** {@code ip:port} → ip and port keys; the port only when it is a number. */
  private static void hostPort(AlbLogEntry e, int f, byte[] ipKey, byte[] portKey, JsonBuffer out) {
    if (e.isAbsent(f)) return;
    byte[] s = e.line();
    int from = e.start(f), to = e.end(f);
    int colon = to - 1;
    while (colon >= from && s[colon] != ':') colon--;
    if (colon > from && AlbLogEntry.isJsonNumber(s, colon + 1, to, false) && s[colon + 1] != '-') {
      if (e.isPlain(f)) {
        out.key(ipKey).plain(s, from, colon);
      } else {
        out.key(ipKey).string(s, from, colon, false);
      }
      out.key(portKey).raw(s, colon + 1, to);
    } else {
      out.key(ipKey).string(s, from, to, false);
    }
  }

  /**
   * {@code "METHOD URL PROTOCOL"} (a space may follow the protocol) → http.method and http.url,
   * each unless {@code -}. The URL is what lies between the first and the last space, so it is
   * never split blindly; a request with fewer than two spaces yields neither.
   */
  private static void request(AlbLogEntry e, AlbLogEnricher.Buffer buffer) {
    if (e.isAbsent(REQUEST)) return;
    JsonBuffer out = buffer.json;
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
      text(s, from, firstSpace, plain, buffer);
    }
    if (isValue(s, firstSpace + 1, lastSpace)) {
      out.key(HTTP_URL);
      text(s, firstSpace + 1, lastSpace, plain, buffer);
      urlDetails(s, firstSpace + 1, lastSpace, plain, buffer);
    }
  }

  /**
   * {@code scheme://host:port/path?query} → {@code http.url_details.scheme}, {@code .host},
   * {@code .port} (when digits) and {@code .path} (without the query); a URL without
   * {@code ://} gives only its path, when it starts with {@code /}.
   */
  private static void urlDetails(byte[] s, int from, int to, boolean plain, AlbLogEnricher.Buffer buffer) {
    JsonBuffer out = buffer.json;
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
        text(s, hostStart, hostOnly, plain, buffer);
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
      text(s, pathStart, pathEnd, plain, buffer);
    }
  }

  private static boolean isSchemeChar(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '+'
        || b == '-' || b == '.';
  }

  /** A part of the quoted request: copied when the field is plain, else escaped (and decoded). */
  private static void text(byte[] s, int from, int to, boolean plain, AlbLogEnricher.Buffer buffer) {
    if (plain) {
      buffer.json.plain(s, from, to);
    } else {
      AlbLogEnricher.string(s, from, to, true, buffer.json, buffer);
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
}
