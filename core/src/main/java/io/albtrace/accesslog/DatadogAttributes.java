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
  private static final JsonBuffer.Key CLIENT_IP = JsonBuffer.commaKey("network.client.ip");
  private static final JsonBuffer.Key CLIENT_PORT = JsonBuffer.commaKey("network.client.port");
  private static final JsonBuffer.Key DESTINATION_IP = JsonBuffer.commaKey("network.destination.ip");
  private static final JsonBuffer.Key DESTINATION_PORT = JsonBuffer.commaKey("network.destination.port");
  private static final JsonBuffer.Key HTTP_METHOD = JsonBuffer.commaKey("http.method");
  private static final JsonBuffer.Key HTTP_URL = JsonBuffer.commaKey("http.url");
  private static final JsonBuffer.Key URL_SCHEME = JsonBuffer.commaKey("http.url_details.scheme");
  private static final JsonBuffer.Key URL_HOST = JsonBuffer.commaKey("http.url_details.host");
  private static final JsonBuffer.Key URL_PORT = JsonBuffer.commaKey("http.url_details.port");
  private static final JsonBuffer.Key URL_PATH = JsonBuffer.commaKey("http.url_details.path");
  private static final JsonBuffer.Key HTTP_STATUS_CODE = JsonBuffer.commaKey("http.status_code");
  private static final JsonBuffer.Key HTTP_USERAGENT = JsonBuffer.commaKey("http.useragent");
  private static final JsonBuffer.Key BYTES_READ = JsonBuffer.commaKey("network.bytes_read");
  private static final JsonBuffer.Key BYTES_WRITTEN = JsonBuffer.commaKey("network.bytes_written");
  private static final JsonBuffer.Key DURATION = JsonBuffer.commaKey("duration");

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
    hostPort(e, CLIENT, CLIENT_IP, CLIENT_PORT, buffer);
    hostPort(e, TARGET, DESTINATION_IP, DESTINATION_PORT, buffer);
    request(e, buffer);
    number(e, ELB_STATUS, HTTP_STATUS_CODE, out);
    if (!e.absent(USER_AGENT)) {
      text(HTTP_USERAGENT, s, e.starts[USER_AGENT], e.ends[USER_AGENT], e.plain[USER_AGENT], e.quoted[USER_AGENT], buffer);
    }
    number(e, RECEIVED, BYTES_READ, out);
    number(e, SENT, BYTES_WRITTEN, out);
    long duration = 0;
    for (int f = FIRST_TIME; f < FIRST_TIME + 3 && duration >= 0; f++) {
      long ns = AlbLogValues.nanos(e, f);
      duration = ns < 0 ? -1 : duration + ns;
    }
    if (duration >= 0) out.key(DURATION).decimal(duration);
  }

  /** {@code ip:port} → ip and port keys; the port only when it is a number. */
  private static void hostPort(AlbLogEntry e, int f, JsonBuffer.Key ipKey, JsonBuffer.Key portKey, AlbLogEnricher.Buffer buffer) {
    if (e.absent(f)) return;
    byte[] s = e.line();
    int from = e.starts[f], to = e.ends[f];
    int colon = AlbLogValues.portColon(e, f);
    boolean plain = e.plain[f];
    if (colon >= 0) {
      text(ipKey, s, from, colon, plain, false, buffer);
      buffer.json.field(portKey, s, colon + 1, to, false);
    } else {
      text(ipKey, s, from, to, plain, false, buffer);
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
    boolean plain = e.plain[REQUEST];
    if (r.methodStart >= 0) text(HTTP_METHOD, s, r.methodStart, r.methodEnd, plain, true, buffer);
    if (r.urlStart < 0) return;
    text(HTTP_URL, s, r.urlStart, r.urlEnd, plain, true, buffer);
    if (r.schemeStart >= 0) out.field(URL_SCHEME, s, r.schemeStart, r.schemeEnd, true);
    if (r.hostStart >= 0) text(URL_HOST, s, r.hostStart, r.hostEnd, plain, true, buffer);
    if (r.portStart >= 0) out.field(URL_PORT, s, r.portStart, r.portEnd, false);
    if (r.pathStart >= 0) text(URL_PATH, s, r.pathStart, r.pathEnd, plain, true, buffer);
  }

  /** A numeric field's value as is, under {@code key}, unless it is {@code -}. */
  private static void number(AlbLogEntry e, int f, JsonBuffer.Key key, JsonBuffer out) {
    if (!e.absent(f)) out.field(key, e.line(), e.starts[f], e.ends[f], false);
  }

  /**
   * A text member: copied in quotes when its field is plain, else escaped as JSON, ALB's
   * {@code \xHH} escapes decoded first when the field was quoted. Its field was already written
   * whole, so it is UTF-8 and this cannot fail. The one place attributes escape: one copy of that
   * code for the JIT to compile, not one per attribute.
   */
  private static void text(JsonBuffer.Key key, byte[] s, int from, int to, boolean plain, boolean quoted,
      AlbLogEnricher.Buffer buffer) {
    if (plain) {
      buffer.json.field(key, s, from, to, true);
    } else {
      AlbLogEnricher.string(s, from, to, quoted, buffer.json.key(key), buffer);
    }
  }
}
