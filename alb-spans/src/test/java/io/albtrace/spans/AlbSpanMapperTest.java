package io.albtrace.spans;

import static io.albtrace.accesslog.AlbLogField.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One access-log entry → one span: ids, parent, times, status, attributes, resource. */
class AlbSpanMapperTest {
  private final AlbSpanMapper mapper = new AlbSpanMapper();

  private SpanData span(AlbLine line) {
    SpanData s = mapper.map(line.toString());
    assertNotNull(s, () -> mapper.result() + ": " + mapper.error() + " in " + line);
    assertEquals(AlbSpanMapper.Result.SPAN, mapper.result());
    assertNull(mapper.error());
    return s;
  }

  static long nanos(String iso) {
    Instant t = Instant.parse(iso);
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static Object attr(SpanData s, String key) {
    for (Map.Entry<AttributeKey<?>, Object> e : s.getAttributes().asMap().entrySet()) {
      if (e.getKey().getKey().equals(key)) return e.getValue();
    }
    return null;
  }

  /** AWS's HTTP example, every attribute and the resource, exactly. */
  @Test
  void awsExample() {
    SpanData s = span(AlbLine.aws());
    assertEquals("GET", s.getName());
    assertEquals(SpanKind.SERVER, s.getKind());
    assertEquals("5833726236d228ad5d99923122bbe354", s.getTraceId());
    assertEquals("a3110f1ad6b7e611", s.getSpanId(), "docs/spec.md §3: mix64 of the Root");
    assertFalse(s.getParentSpanContext().isValid(), "an ALB-generated Root has no parent: a root span");
    assertTrue(s.getSpanContext().isSampled());
    assertEquals(nanos("2018-07-02T22:22:48.364000Z"), s.getStartEpochNanos());
    assertEquals(nanos("2018-07-02T22:23:00.186641Z"), s.getEndEpochNanos());
    assertEquals(StatusCode.UNSET, s.getStatus().getStatusCode());
    assertTrue(s.hasEnded());
    assertEquals(AlbSpanMapper.SCOPE_NAME, s.getInstrumentationScopeInfo().getName());

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("aws.alb.trace_id", "1-58337262-36d228ad5d99923122bbe354");
    expected.put("http.request.method", "GET");
    expected.put("url.full", "http://www.example.com:80/");
    expected.put("url.scheme", "http");
    expected.put("server.address", "www.example.com");
    expected.put("server.port", 80L);
    expected.put("url.path", "/");
    expected.put("network.protocol.name", "http");
    expected.put("network.protocol.version", "1.1");
    expected.put("client.address", "192.168.131.39");
    expected.put("client.port", 2817L);
    expected.put("network.peer.address", "192.168.131.39");
    expected.put("network.peer.port", 2817L);
    expected.put("aws.elb.target.address", "10.0.0.1");
    expected.put("aws.elb.target.port", 80L);
    expected.put("http.response.status_code", 200L);
    expected.put("aws.elb.target_status_code", 200L);
    expected.put("http.request.size", 34L);
    expected.put("http.response.size", 366L);
    expected.put("user_agent.original", "curl/7.46.0");
    expected.put("aws.elb.type", "http");
    expected.put("aws.elb.request_processing_time", 0.0);
    expected.put("aws.elb.target_processing_time", 0.001);
    expected.put("aws.elb.response_processing_time", 0.0);
    expected.put("aws.elb.matched_rule_priority", 0L);
    expected.put("aws.elb.target_group_arn",
        "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067");
    expected.put("aws.elb.conn_trace_id", "TID_1234abcd5678ef90");
    expected.put("aws.elb.actions_executed", List.of("forward"));
    expected.put("aws.elb.target_port_list", List.of("10.0.0.1:80"));
    expected.put("aws.elb.target_status_code_list", List.of("200"));
    Map<String, Object> actual = new LinkedHashMap<>();
    s.getAttributes().forEach((k, v) -> actual.put(k.getKey(), v));
    assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(actual));
    assertEquals(expected.size(), s.getTotalAttributeCount());

    Map<String, Object> resource = new java.util.TreeMap<>();
    s.getResource().getAttributes().forEach((k, v) -> resource.put(k.getKey(), v));
    assertEquals(new java.util.TreeMap<>(Map.of(
        "service.name", "my-loadbalancer",
        "cloud.provider", "aws",
        "cloud.region", "us-east-2",
        "cloud.account.id", "123456789012",
        "aws.elb.load_balancer", "app/my-loadbalancer/50dc6c495c0c9188",
        "cloud.resource_id",
        "arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/my-loadbalancer/50dc6c495c0c9188")),
        resource);
    assertTrue(s.getResource() == span(AlbLine.aws().traceId("Root=1-67891233-abcdef012345678912345678")).getResource(),
        "one load balancer, one resource instance: the exporter groups its spans under it");
  }

  /**
   * Every trace_id shape: span id = the ALB hop's id (docs/spec.md §3 rules 2–3), parent = a valid
   * Parent, sampled unless Sampled=0.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Root=1-67891233-abcdef012345678912345678 | 67891233abcdef012345678912345678 | 00a80ccd5996a294 | 0000000000000000 | true",
    "Self=1-67891234-0123456789abcdef01234567;Root=1-67891233-abcdef012345678912345678 | 67891233abcdef012345678912345678 | 138f8fc4bf3ea3ba | 0000000000000000 | true",
    "Self=1-67891233-12456789abcdef012345;Root=1-67891233-abcdef012345678912345678;CalledFrom=app | 67891233abcdef012345678912345678 | 00a80ccd5996a294 | 0000000000000000 | true",
    "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=? | 5759e988bd862e3fe1be46a994272793 | 37b71623766e5592 | 0000000000000000 | true",
    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1 | 5759e988bd862e3fe1be46a994272793 | 37b71623766e5592 | 53995c3f42cd8ad8 | true",
    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0;Lineage=a87bd80c:1 | 5759e988bd862e3fe1be46a994272793 | 37b71623766e5592 | 53995c3f42cd8ad8 | false",
    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000 | 5759e988bd862e3fe1be46a994272793 | 37b71623766e5592 | 0000000000000000 | true",
    "Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8 | 5759e988bd862e3fe1be46a994272793 | 37b71623766e5592 | 53995c3f42cd8ad8 | true",
    "\\x09Root=1-67891233-abcdef012345678912345678 | 67891233abcdef012345678912345678 | 00a80ccd5996a294 | 0000000000000000 | true",
    "Root=1-67891233-00000000abcdef0123456789 | 6789123300000000abcdef0123456789 | ad0fe44b1933c80d | 0000000000000000 | true",
  })
  void traceIdShapes(String header, String traceId, String spanId, String parent, boolean sampled) {
    SpanData s = span(AlbLine.aws().traceId(header));
    assertEquals(traceId, s.getTraceId(), header);
    assertEquals(spanId, s.getSpanId(), header);
    assertEquals(parent, s.getParentSpanId(), header);
    assertEquals(!parent.equals("0000000000000000"), s.getParentSpanContext().isRemote(), header);
    assertEquals(sampled, s.getSpanContext().isSampled(), header);
    assertEquals(io.albtrace.AmznTraceHeader.parse(header.replace("\\x09", "\t")).albSpanId(),
        Long.parseUnsignedLong(s.getSpanId(), 16));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "-                                                   | no trace_id",
    "\"-\"                                               | no trace_id",
    "\"Root=1-67891233-0000000000000000000000000\"       | malformed Root",
    "\"root=1-67891233-abcdef012345678912345678\"        | no Root field",
    "\"Root=1-67891233-abcdef010000000000000000\"        | low 64 bits are zero",
    "\"Root=bad;Root=1-67891233-abcdef012345678912345678\" | malformed Root",
    "\"Root=1-６7891233-abcdef012345678912345678\"        | malformed Root",
  })
  void noSpanWithoutAValidRoot(String raw, String reason) {
    assertNull(mapper.map(AlbLine.aws().set(TRACE_ID, raw).toString()));
    assertEquals(AlbSpanMapper.Result.NO_TRACE_ID, mapper.result());
    assertEquals(reason, mapper.error());
  }

  /** 5xx and "no target answered" are errors; a 4xx is the client's, a redirect or fixed response nobody's. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "200 | 200 | \"forward\"        | \"-\"                          | UNSET |                            | ",
    "404 | 404 | \"forward\"        | \"-\"                          | UNSET |                            | ",
    "502 | -   | \"forward\"        | \"TargetConnectionErrorCode\"  | ERROR | TargetConnectionErrorCode  | TargetConnectionErrorCode",
    "503 | -   | \"forward\"        | \"-\"                          | ERROR | no target answered         | 503",
    "500 | 500 | \"forward\"        | \"-\"                          | ERROR |                            | 500",
    "460 | -   | \"waf,forward\"    | \"-\"                          | ERROR | no target answered         | 460",
    "301 | -   | \"redirect\"       | \"-\"                          | UNSET |                            | ",
    "403 | -   | \"waf\"            | \"-\"                          | UNSET |                            | ",
    "504 | -   | \"forward\"        | \"TargetResponseTimeout\"      | ERROR | TargetResponseTimeout      | TargetResponseTimeout",
  })
  void status(String elb, String target, String actions, String reason, StatusCode code, String description,
      String errorType) {
    SpanData s = span(AlbLine.aws().set(ELB_STATUS_CODE, elb).set(TARGET_STATUS_CODE, target)
        .set(ACTIONS_EXECUTED, actions).set(ERROR_REASON, reason));
    assertEquals(code, s.getStatus().getStatusCode());
    assertEquals(description == null ? "" : description, s.getStatus().getDescription());
    assertEquals(errorType, attr(s, "error.type"));
    assertEquals(Long.parseLong(elb), attr(s, "http.response.status_code"));
  }

  @Test
  void httpsH2WithTlsRegionFromTheCertificateAndIpv6Client() {
    SpanData s = span(AlbLine.aws()
        .set(TYPE, "h2")
        .set(CLIENT_PORT, "2001:db8::1:443")
        .set(TARGET_PORT, "-")
        .set(REQUEST, "\"POST https://api.example.com:443/v1/items?id=7&x=%22 HTTP/2.0\"")
        .set(USER_AGENT, "\"Mozilla/5.0 \\x22quoted\\x22 \\xE2\\x9C\\x93\"")
        .set(SSL_CIPHER, "ECDHE-RSA-AES128-GCM-SHA256")
        .set(SSL_PROTOCOL, "TLSv1.2")
        .set(TARGET_GROUP_ARN, "-")
        .set(DOMAIN_NAME, "\"api.example.com\"")
        .set(CHOSEN_CERT_ARN, "\"arn:aws-cn:acm:cn-north-1:210987654321:certificate/abc\""));
    assertEquals("POST", s.getName());
    assertEquals("2001:db8::1", attr(s, "client.address"));
    assertEquals(443L, attr(s, "client.port"));
    assertNull(attr(s, "aws.elb.target.address"));
    assertEquals("https://api.example.com:443/v1/items?id=7&x=%22", attr(s, "url.full"));
    assertEquals("/v1/items", attr(s, "url.path"));
    assertEquals("id=7&x=%22", attr(s, "url.query"));
    assertEquals("api.example.com", attr(s, "server.address"));
    assertEquals(443L, attr(s, "server.port"));
    assertEquals("2", attr(s, "network.protocol.version"));
    assertEquals("Mozilla/5.0 \"quoted\" ✓", attr(s, "user_agent.original"));
    assertEquals("ECDHE-RSA-AES128-GCM-SHA256", attr(s, "tls.cipher"));
    assertEquals("tls", attr(s, "tls.protocol.name"));
    assertEquals("1.2", attr(s, "tls.protocol.version"));
    assertEquals("api.example.com", attr(s, "tls.client.server_name"));
    assertEquals("cn-north-1", s.getResource().getAttribute(AttributeKey.stringKey("cloud.region")));
    assertEquals("210987654321", s.getResource().getAttribute(AttributeKey.stringKey("cloud.account.id")));
    assertEquals("arn:aws-cn:elasticloadbalancing:cn-north-1:210987654321:loadbalancer/app/my-loadbalancer/50dc6c495c0c9188",
        s.getResource().getAttribute(AttributeKey.stringKey("cloud.resource_id")));
  }

  @Test
  void unknownMethodsAndMalformedRequests() {
    SpanData s = span(AlbLine.aws().set(REQUEST, "\"PURGE http://h/ HTTP/1.1\""));
    assertEquals("HTTP", s.getName());
    assertEquals("_OTHER", attr(s, "http.request.method"));
    assertEquals("PURGE", attr(s, "http.request.method_original"));
    s = span(AlbLine.aws().set(REQUEST, "\"- - -\""));
    assertEquals("HTTP", s.getName());
    assertNull(attr(s, "http.request.method"));
    assertNull(attr(s, "url.full"));
    s = span(AlbLine.aws().set(REQUEST, "\"- http://host:80- -\""));
    assertEquals("http://host:80-", attr(s, "url.full"));
    assertEquals("host:80-", attr(s, "server.address"));
    assertNull(attr(s, "network.protocol.version"));
  }

  /** Entries before request_creation_time existed start at time less the processing times. */
  @Test
  void olderEntries() {
    SpanData s = span(AlbLine.aws().set(REQUEST_PROCESSING_TIME, "0.000123").set(TARGET_PROCESSING_TIME, "0.5")
        .set(RESPONSE_PROCESSING_TIME, "0.000001").endAfter(TRACE_ID));
    assertEquals(nanos("2018-07-02T22:23:00.186641Z"), s.getEndEpochNanos());
    assertEquals(nanos("2018-07-02T22:23:00.186641Z") - 500_124_000L, s.getStartEpochNanos());
    assertNull(attr(s, "aws.elb.conn_trace_id"));
    assertEquals(List.of(), List.of(), "no actions field: a target group means forwarded");
    s = span(AlbLine.aws().set(TARGET_PROCESSING_TIME, "-1").endAfter(MATCHED_RULE_PRIORITY));
    assertEquals(s.getEndEpochNanos(), s.getStartEpochNanos(), "a -1 time: no duration to go back by");
    assertEquals(-1.0, attr(s, "aws.elb.target_processing_time"));
    assertEquals(0L, attr(s, "aws.elb.matched_rule_priority"));
  }

  @Test
  void extraFieldsAreKept() {
    SpanData s = span(AlbLine.aws().extra("10.0.5.7", "\"-\"", "\"new \\x22value\\x22\""));
    assertEquals(List.of("10.0.5.7", "-", "new \"value\""), attr(s, "aws.elb.extra_fields"));
  }

  @Test
  void aResponseLoggedBeforeItsRequestEndsWhereItStarts() {
    SpanData s = span(AlbLine.aws().set(REQUEST_CREATION_TIME, "2018-07-02T22:23:00.186642Z"));
    assertEquals(s.getStartEpochNanos(), s.getEndEpochNanos());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "2018-07-02T22:23:00.186641  | 2018-07-02T22:22:48.364000Z | bad time",
    "2018-07-02T22:23:00.186641Z | 2018-07-02T25:22:48.364000Z | bad request_creation_time",
    "2018-07-02T22:23:00.186641Z | 2018-07-02T22:22:48+00:00   | bad request_creation_time",
  })
  void badTimestampsAreMalformed(String time, String created, String reason) {
    assertNull(mapper.map(AlbLine.aws().set(TIME, time).set(REQUEST_CREATION_TIME, created).toString()));
    assertEquals(AlbSpanMapper.Result.MALFORMED, mapper.result());
    assertEquals(reason, mapper.error());
  }
}
