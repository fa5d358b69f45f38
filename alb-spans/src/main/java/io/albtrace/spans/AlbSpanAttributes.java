package io.albtrace.spans;

import static io.albtrace.accesslog.AlbLogField.*;

import io.albtrace.accesslog.AlbLogEntry;
import io.albtrace.accesslog.AlbLogField;
import io.albtrace.accesslog.AlbLogValues;
import io.albtrace.accesslog.AlbRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The ALB span's attributes, each from one access-log field (docs/alb-spans.md has the table):
 * OpenTelemetry's HTTP server-span semantic conventions where one fits, {@code aws.elb.*} for what
 * only an ALB knows. A field whose value is {@code -} gives no attribute.
 *
 * <pre>
 * "GET https://api.example.com:443/v1/items?id=7 HTTP/1.1"
 *   → http.request.method=GET, url.full=…, url.scheme=https, server.address=api.example.com,
 *     server.port=443, url.path=/v1/items, url.query=id=7, network.protocol.version=1.1
 * 192.168.131.39:2817  → client.address, client.port (and network.peer.*: the ALB's TCP peer)
 * 10.0.0.1:80          → aws.elb.target.address, aws.elb.target.port
 * </pre>
 */
final class AlbSpanAttributes {
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");
  static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  private static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
  private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<String> PROTOCOL_NAME = AttributeKey.stringKey("network.protocol.name");
  private static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
  private static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
  private static final AttributeKey<Long> CLIENT_PORT_NUMBER = AttributeKey.longKey("client.port");
  private static final AttributeKey<String> PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
  private static final AttributeKey<Long> PEER_PORT = AttributeKey.longKey("network.peer.port");
  private static final AttributeKey<String> USER_AGENT_ORIGINAL = AttributeKey.stringKey("user_agent.original");
  private static final AttributeKey<Long> REQUEST_SIZE = AttributeKey.longKey("http.request.size");
  private static final AttributeKey<Long> RESPONSE_SIZE = AttributeKey.longKey("http.response.size");
  private static final AttributeKey<String> TLS_CIPHER = AttributeKey.stringKey("tls.cipher");
  private static final AttributeKey<String> TLS_PROTOCOL_NAME = AttributeKey.stringKey("tls.protocol.name");
  private static final AttributeKey<String> TLS_PROTOCOL_VERSION = AttributeKey.stringKey("tls.protocol.version");
  private static final AttributeKey<String> TLS_SERVER_NAME = AttributeKey.stringKey("tls.client.server_name");

  private static final AttributeKey<String> ALB_TRACE_ID = AttributeKey.stringKey("aws.alb.trace_id");
  private static final AttributeKey<String> ALB_SELF = AttributeKey.stringKey("aws.alb.self");
  private static final AttributeKey<String> ELB_TYPE = AttributeKey.stringKey("aws.elb.type");
  private static final AttributeKey<String> TARGET_ADDRESS = AttributeKey.stringKey("aws.elb.target.address");
  private static final AttributeKey<Long> TARGET_PORT_KEY = AttributeKey.longKey("aws.elb.target.port");
  private static final AttributeKey<Long> TARGET_STATUS = AttributeKey.longKey("aws.elb.target_status_code");
  private static final AttributeKey<Long> RULE_PRIORITY = AttributeKey.longKey("aws.elb.matched_rule_priority");
  private static final AttributeKey<List<String>> ACTIONS = AttributeKey.stringArrayKey("aws.elb.actions_executed");
  private static final AttributeKey<List<String>> TARGETS = AttributeKey.stringArrayKey("aws.elb.target_port_list");
  private static final AttributeKey<List<String>> TARGET_STATUSES =
      AttributeKey.stringArrayKey("aws.elb.target_status_code_list");
  private static final AttributeKey<List<String>> EXTRA_FIELDS = AttributeKey.stringArrayKey("aws.elb.extra_fields");
  /** Processing times, as the log's seconds ({@code -1}: not dispatched, or the connection closed). */
  private static final AlbLogField[] SECONDS = {REQUEST_PROCESSING_TIME, TARGET_PROCESSING_TIME, RESPONSE_PROCESSING_TIME};
  /** Text fields copied as {@code aws.elb.<field name>}. */
  private static final AlbLogField[] TEXT = {TARGET_GROUP_ARN, CHOSEN_CERT_ARN, REDIRECT_URL, ERROR_REASON,
      CLASSIFICATION, CLASSIFICATION_REASON, CONN_TRACE_ID, TRANSFORMED_HOST, TRANSFORMED_URI, REQUEST_TRANSFORM_STATUS};

  private static final List<AttributeKey<Double>> SECONDS_KEYS = new ArrayList<>();
  private static final List<AttributeKey<String>> TEXT_KEYS = new ArrayList<>();
  private static final int KNOWN = AlbLogField.count();

  static {
    for (AlbLogField f : SECONDS) SECONDS_KEYS.add(AttributeKey.doubleKey("aws.elb." + f.awsName()));
    for (AlbLogField f : TEXT) TEXT_KEYS.add(AttributeKey.stringKey("aws.elb." + f.awsName()));
  }

  private AlbSpanAttributes() {}

  /** Adds the attributes of a parsed entry whose request parts {@code r} has located. */
  static void add(AlbLogEntry e, AlbRequest r, AttributesBuilder b) {
    request(e, r, b);
    address(e, CLIENT_PORT.ordinal(), CLIENT_ADDRESS, CLIENT_PORT_NUMBER, b);
    address(e, CLIENT_PORT.ordinal(), PEER_ADDRESS, PEER_PORT, b);
    address(e, TARGET_PORT.ordinal(), TARGET_ADDRESS, TARGET_PORT_KEY, b);
    number(e, ELB_STATUS_CODE, STATUS_CODE, b);
    number(e, TARGET_STATUS_CODE, TARGET_STATUS, b);
    number(e, RECEIVED_BYTES, REQUEST_SIZE, b);
    number(e, SENT_BYTES, RESPONSE_SIZE, b);
    text(e, USER_AGENT, USER_AGENT_ORIGINAL, b);
    text(e, SSL_CIPHER, TLS_CIPHER, b);
    String tls = text(e, SSL_PROTOCOL);
    if (tls != null) { // TLSv1.2 → tls, 1.2
      b.put(TLS_PROTOCOL_NAME, "tls");
      b.put(TLS_PROTOCOL_VERSION, tls.startsWith("TLSv") ? tls.substring(4) : tls);
    }
    text(e, DOMAIN_NAME, TLS_SERVER_NAME, b);
    text(e, TYPE, ELB_TYPE, b);
    for (int i = 0; i < SECONDS.length; i++) {
      int f = SECONDS[i].ordinal();
      if (e.isAbsent(f)) continue;
      long ns = AlbLogValues.nanos(e, f); // -1 for ALB's -1 (a checked number: nothing else is negative)
      b.put(SECONDS_KEYS.get(i), ns >= 0 ? ns / 1e9 : -1.0);
    }
    if (e.has(MATCHED_RULE_PRIORITY)) number(e, MATCHED_RULE_PRIORITY, RULE_PRIORITY, b);
    for (int i = 0; i < TEXT.length; i++) text(e, TEXT[i], TEXT_KEYS.get(i), b);
    list(e, ACTIONS_EXECUTED, ',', ACTIONS, b);
    list(e, TARGET_PORT_LIST, ' ', TARGETS, b);
    list(e, TARGET_STATUS_CODE_LIST, ' ', TARGET_STATUSES, b);
    if (e.fieldCount() > KNOWN) {
      List<String> extra = new ArrayList<>(e.fieldCount() - KNOWN);
      for (int f = KNOWN; f < e.fieldCount(); f++) extra.add(e.text(f));
      b.put(EXTRA_FIELDS, extra);
    }
  }

  /** The §7 span tags, so one search finds the ALB span beside the service spans albtrace tagged. */
  static void traceTags(String root, String self, AttributesBuilder b) {
    b.put(ALB_TRACE_ID, root);
    if (self != null) b.put(ALB_SELF, self);
  }

  private static void request(AlbLogEntry e, AlbRequest r, AttributesBuilder b) {
    int f = REQUEST.ordinal();
    if (r.urlStart() >= 0) b.put(URL_FULL, AlbLogValues.text(e, f, r.urlStart(), r.urlEnd()));
    if (r.schemeStart() >= 0) b.put(URL_SCHEME, AlbLogValues.text(e, f, r.schemeStart(), r.schemeEnd()));
    if (r.hostStart() >= 0) b.put(SERVER_ADDRESS, AlbLogValues.text(e, f, r.hostStart(), r.hostEnd()));
    if (r.portStart() >= 0) {
      long port = digits(e.line(), r.portStart(), r.portEnd());
      if (port >= 0) b.put(SERVER_PORT, port);
    }
    if (r.pathStart() >= 0) b.put(URL_PATH, AlbLogValues.text(e, f, r.pathStart(), r.pathEnd()));
    if (r.queryStart() >= 0) b.put(URL_QUERY, AlbLogValues.text(e, f, r.queryStart(), r.queryEnd()));
    if (r.protocolStart() >= 0) { // HTTP/1.1 → http, 1.1; HTTP/2.0 → http, 2
      String p = AlbLogValues.text(e, f, r.protocolStart(), r.protocolEnd());
      int slash = p.indexOf('/');
      if (slash > 0) {
        String version = p.substring(slash + 1);
        b.put(PROTOCOL_NAME, p.substring(0, slash).toLowerCase(java.util.Locale.ROOT));
        b.put(PROTOCOL_VERSION, version.equals("2.0") || version.equals("3.0") ? version.substring(0, 1) : version);
      }
    }
  }

  /** {@code ip:port}: the address, and the port when there is one (split at the last colon). */
  private static void address(AlbLogEntry e, int f, AttributeKey<String> address, AttributeKey<Long> port,
      AttributesBuilder b) {
    if (e.isAbsent(f)) return;
    int colon = AlbLogValues.portColon(e, f);
    if (colon < 0) {
      b.put(address, e.text(f));
      return;
    }
    b.put(address, AlbLogValues.text(e, f, e.start(f), colon));
    long p = digits(e.line(), colon + 1, e.end(f));
    if (p >= 0) b.put(port, p);
  }

  private static void number(AlbLogEntry e, AlbLogField field, AttributeKey<Long> key, AttributesBuilder b) {
    long v = AlbLogValues.number(e, field.ordinal());
    if (v >= 0) b.put(key, v);
  }

  private static void text(AlbLogEntry e, AlbLogField field, AttributeKey<String> key, AttributesBuilder b) {
    String v = text(e, field);
    if (v != null) b.put(key, v);
  }

  /** The field's decoded value, or null when the entry ends before it or it is {@code -}. */
  static String text(AlbLogEntry e, AlbLogField field) {
    return e.has(field) && !e.isAbsent(field.ordinal()) ? e.text(field) : null;
  }

  /** A list field ({@code "forward,waf"}, {@code "10.0.0.1:80 10.0.0.2:80"}) as a string array. */
  private static void list(AlbLogEntry e, AlbLogField field, char separator, AttributeKey<List<String>> key,
      AttributesBuilder b) {
    String v = text(e, field);
    if (v == null) return;
    List<String> items = new ArrayList<>(2);
    for (int from = 0; from <= v.length(); ) {
      int to = v.indexOf(separator, from);
      if (to < 0) to = v.length();
      if (to > from) items.add(v.substring(from, to));
      from = to + 1;
    }
    b.put(key, items);
  }

  /** A port: at most 5 ASCII digits ({@code 0 … 99999}), else -1. */
  private static long digits(byte[] s, int from, int to) {
    if (to - from < 1 || to - from > 5) return -1;
    long v = 0;
    for (int i = from; i < to; i++) v = v * 10 + (s[i] - '0');
    return v;
  }
}
