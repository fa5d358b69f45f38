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
      long ns = AlbLogValues.nanos(e, f);
      duration = ns < 0 ? -1 : duration + ns;
    }
    if (duration >= 0) out.key(DURATION).decimal(duration);
  }

  /** {@code ip:port} → ip and port keys; the port only when it is a number. */
  private static void hostPort(AlbLogEntry e, int f, byte[] ipKey, byte[] portKey, JsonBuffer out) {
    if (e.isAbsent(f)) return;
    byte[] s = e.line();
    int from = e.start(f), to = e.end(f);
    int colon = AlbLogValues.portColon(e, f);
    if (colon >= 0) {
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
   * {@code "METHOD URL PROTOCOL"} → http.method and http.url (each unless {@code -}), and the URL's
   * {@code http.url_details.scheme}, {@code .host}, {@code .port} (when digits) and {@code .path}
   * (without the query): the parts {@link AlbRequest} locates.
   */
  private static void request(AlbLogEntry e, AlbLogEnricher.Buffer buffer) {
    AlbRequest r = buffer.request;
    if (!r.read(e)) return;
    JsonBuffer out = buffer.json;
    byte[] s = e.line();
    boolean plain = e.isPlain(REQUEST);
    if (r.methodStart >= 0) {
      out.key(HTTP_METHOD);
      text(s, r.methodStart, r.methodEnd, plain, buffer);
    }
    if (r.urlStart < 0) return;
    out.key(HTTP_URL);
    text(s, r.urlStart, r.urlEnd, plain, buffer);
    if (r.schemeStart >= 0) out.key(URL_SCHEME).plain(s, r.schemeStart, r.schemeEnd);
    if (r.hostStart >= 0) {
      out.key(URL_HOST);
      text(s, r.hostStart, r.hostEnd, plain, buffer);
    }
    if (r.portStart >= 0) out.key(URL_PORT).raw(s, r.portStart, r.portEnd);
    if (r.pathStart >= 0) {
      out.key(URL_PATH);
      text(s, r.pathStart, r.pathEnd, plain, buffer);
    }
  }

  /** A part of the quoted request: copied when the field is plain, else escaped (and decoded). */
  private static void text(byte[] s, int from, int to, boolean plain, AlbLogEnricher.Buffer buffer) {
    if (plain) {
      buffer.json.plain(s, from, to);
    } else {
      AlbLogEnricher.string(s, from, to, true, buffer.json, buffer);
    }
  }
}
