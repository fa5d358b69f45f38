package io.albtrace.accesslog;

import static io.albtrace.accesslog.AlbLogField.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlbLogEntryTest {
  private final AlbLogEntry e = new AlbLogEntry();

  private AlbLogEntry parsed(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    assertTrue(e.parse(b, 0, b.length), () -> "not parsed: " + e.error() + " in " + line);
    return e;
  }

  private String error(String line) {
    byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
    assertFalse(e.parse(b, 0, b.length), line);
    return e.error();
  }

  @Test
  void awsHttpExampleFieldByField() {
    parsed(AwsExampleLines.HTTP);
    String[] expected = {
      "http", "2018-07-02T22:23:00.186641Z", "app/my-loadbalancer/50dc6c495c0c9188",
      "192.168.131.39:2817", "10.0.0.1:80", "0.000", "0.001", "0.000", "200", "200", "34", "366",
      "GET http://www.example.com:80/ HTTP/1.1", "curl/7.46.0", "-", "-",
      "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067",
      "Root=1-58337262-36d228ad5d99923122bbe354", "-", "-", "0", "2018-07-02T22:22:48.364000Z",
      "forward", "-", "-", "10.0.0.1:80", "200", "-", "-", "TID_1234abcd5678ef90", "-", "-", "-"
    };
    assertEquals(AlbLogField.count(), expected.length);
    assertEquals(expected.length, e.fieldCount());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], e.text(i), AlbLogField.at(i).awsName());
    }
    assertTrue(e.isQuoted(REQUEST.ordinal()));
    assertTrue(e.isQuoted(TRACE_ID.ordinal()));
    assertFalse(e.isQuoted(CONN_TRACE_ID.ordinal()));
    assertTrue(e.isAbsent(SSL_CIPHER.ordinal()));
    assertTrue(e.isAbsent(DOMAIN_NAME.ordinal()), "\"-\" is absent too");
    assertFalse(e.isAbsent(MATCHED_RULE_PRIORITY.ordinal()));
  }

  @Test
  void awsHttpsExampleHasTlsCertAndTransformFields() {
    parsed(AwsExampleLines.HTTPS);
    assertEquals("ECDHE-RSA-AES128-GCM-SHA256", e.text(SSL_CIPHER));
    assertEquals("TLSv1.2", e.text(SSL_PROTOCOL));
    assertEquals("www.example.com", e.text(DOMAIN_NAME));
    assertEquals(
        "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012",
        e.text(CHOSEN_CERT_ARN));
    assertEquals("authenticate,forward", e.text(ACTIONS_EXECUTED));
    assertEquals("0.086", e.text(REQUEST_PROCESSING_TIME));
    assertEquals("0.048", e.text(TARGET_PROCESSING_TIME));
    assertEquals("0.037", e.text(RESPONSE_PROCESSING_TIME));
    assertEquals("m.example.com", e.text(TRANSFORMED_HOST));
    assertTrue(e.isAbsent(TRANSFORMED_URI.ordinal()));
    assertEquals("TransformSuccess", e.text(REQUEST_TRANSFORM_STATUS));
  }

  @Test
  void awsH2WebSocketAndLambdaExamples() {
    parsed(AwsExampleLines.H2);
    assertEquals("h2", e.text(TYPE));
    assertEquals("redirect", e.text(ACTIONS_EXECUTED));
    assertEquals("https://example.com:80/", e.text(REDIRECT_URL));
    assertEquals("GET https://10.0.2.105:773/ HTTP/2.0", e.text(REQUEST));

    parsed(AwsExampleLines.WS);
    assertEquals("ws", e.text(TYPE));
    assertEquals("101", e.text(ELB_STATUS_CODE));
    assertTrue(e.isAbsent(USER_AGENT.ordinal()));
    assertEquals("10.0.1.192:8010", e.text(TARGET_PORT_LIST));

    parsed(AwsExampleLines.WSS);
    assertEquals("wss", e.text(TYPE));
    assertEquals("10.0.0.140:44244", e.text(CLIENT_PORT));

    parsed(AwsExampleLines.LAMBDA_SUCCESS);
    assertTrue(e.isAbsent(TARGET_PORT.ordinal()), "Lambda targets have no target:port");
    assertEquals("200", e.text(TARGET_STATUS_CODE));

    parsed(AwsExampleLines.LAMBDA_FAILURE);
    assertEquals("502", e.text(ELB_STATUS_CODE));
    assertTrue(e.isAbsent(TARGET_STATUS_CODE.ordinal()));
    assertEquals("LambdaInvalidResponse", e.text(ERROR_REASON));
  }

  @Test
  void extraTrailingFieldsAreKept() {
    parsed(AwsExampleLines.HTTP + " 10.0.0.9 \"-\" \"new value\"");
    assertEquals(AlbLogField.count() + 3, e.fieldCount());
    assertEquals("10.0.0.9", e.text(AlbLogField.count()));
    assertEquals("-", e.text(AlbLogField.count() + 1));
    assertEquals("new value", e.text(AlbLogField.count() + 2));
    assertNull(AlbLogField.at(AlbLogField.count()));
  }

  @Test
  void olderEntriesEndEarly() {
    String old =
        "https 2016-08-10T23:39:43.065466Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 \"GET https://www.example.com:443/ HTTP/1.1\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337281-1d84f3d73c47ec4e58577259\"";
    parsed(old);
    assertEquals(AlbLogField.REQUIRED, e.fieldCount());
    assertTrue(e.has(TRACE_ID));
    assertFalse(e.has(DOMAIN_NAME));
    assertNull(e.text(DOMAIN_NAME));
    parsed(old + " \"www.example.com\" \"-\" 0");
    assertEquals("0", e.text(MATCHED_RULE_PRIORITY));
  }

  @Test
  void ipv6ClientMissingTargetAndUnparsableRequests() {
    parsed(AwsExampleLines.HTTP.replace("192.168.131.39:2817", "2001:db8::ff00:42:8329:51234"));
    assertEquals("2001:db8::ff00:42:8329:51234", e.text(CLIENT_PORT));
    parsed(AwsExampleLines.HTTP.replace("\"GET http://www.example.com:80/ HTTP/1.1\"", "\"- - - \""));
    assertEquals("- - - ", e.text(REQUEST));
    parsed(AwsExampleLines.HTTP.replace("\"GET http://www.example.com:80/ HTTP/1.1\"", "\"- http://www.example.com:80- -\""));
    assertEquals("- http://www.example.com:80- -", e.text(REQUEST));
    parsed(AwsExampleLines.HTTP.replace(" 10.0.0.1:80 0.000 0.001 0.000 200 200", " - -1 -1 -1 460 -"));
    assertEquals("-1", e.text(REQUEST_PROCESSING_TIME));
    assertTrue(e.isAbsent(TARGET_PORT.ordinal()));
  }

  @Test
  void escapesInQuotedFieldsAreDecoded() {
    parsed(AwsExampleLines.HTTP.replace("\"curl/7.46.0\"", "\"say \\x22hi\\x22 \\x5C caf\\xC3\\xA9 \\xZZ\""));
    assertEquals("say \"hi\" \\ café \\xZZ", e.text(USER_AGENT));
    int ua = USER_AGENT.ordinal();
    assertEquals("say \\x22hi\\x22 \\x5C caf\\xC3\\xA9 \\xZZ",
        new String(e.line(), e.start(ua), e.end(ua) - e.start(ua), StandardCharsets.UTF_8));
  }

  @Test
  void rawQuoteInsideQuotedValueIsTolerated() {
    parsed(AwsExampleLines.HTTP.replace("\"curl/7.46.0\"", "\"a\"b \"c\""));
    assertEquals("a\"b \"c", e.text(USER_AGENT));
    assertEquals(AlbLogField.count(), e.fieldCount());
  }

  @Test
  void crlfAndTrailingSpaceAreTolerated() {
    parsed(AwsExampleLines.HTTP + "\r");
    assertEquals("-", e.text(REQUEST_TRANSFORM_STATUS));
    assertEquals(AlbLogField.count(), e.fieldCount());
    parsed(AwsExampleLines.HTTP + " ");
    assertEquals(AlbLogField.count(), e.fieldCount());
  }

  @Test
  void parsesWithinALargerBuffer() {
    byte[] b = ("xx\n" + AwsExampleLines.WS + "\nyy").getBytes(StandardCharsets.UTF_8);
    int len = AwsExampleLines.WS.length();
    assertTrue(e.parse(b, 3, len));
    assertEquals("ws", e.text(TYPE));
    assertEquals("-", e.text(REQUEST_TRANSFORM_STATUS));
    assertEquals(3, e.lineStart());
    assertEquals(3 + len, e.lineEnd());
  }

  @Test
  void malformedLinesSayWhy() {
    assertEquals("empty line", error(""));
    assertEquals("empty line", error("\r"));
    assertEquals("too few fields: 1 of at least 18", error("ELBAccessLogTestFile"));
    assertTrue(error(AwsExampleLines.HTTP.substring(0, 150)).startsWith("unterminated quote in request"));
    assertEquals("empty field target:port (two spaces)", error(AwsExampleLines.HTTP.replace(" 10.0.0.1:80 ", "  10.0.0.1:80 ")));
    assertEquals("binary data: control byte 0x00 at column 5", error("http\0 rest"));
    assertTrue(error(AwsExampleLines.HTTP.replace("curl", "cu\u0001rl")).startsWith("binary data: control byte 0x01"));
    assertEquals("bad elb_status_code", error(AwsExampleLines.HTTP.replace(" 200 200 ", " OK 200 ")));
    assertEquals("bad request_processing_time", error(AwsExampleLines.HTTP.replace(" 0.000 0.001 ", " 0. 0.001 ")));
    assertEquals("bad received_bytes", error(AwsExampleLines.HTTP.replace(" 34 366 ", " 034 366 ")));
    assertEquals("bad matched_rule_priority", error(AwsExampleLines.HTTP.replace("\"-\" 0 2018", "\"-\" x 2018")));
    assertEquals("bad time", error(AwsExampleLines.HTTP.replace("http 2018-", "http X2018-")));
    // Classic Load Balancer entries have other fields: rejected, not misread
    assertTrue(error("2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -")
        .startsWith("too few fields"));
  }

  @Test
  void jsonNumberSyntax() {
    for (String ok : new String[] {"0", "0.000", "-1", "12.5", "200"}) {
      byte[] b = ok.getBytes(StandardCharsets.US_ASCII);
      assertTrue(AlbLogEntry.isJsonNumber(b, 0, b.length, true), ok);
    }
    for (String bad : new String[] {"", "-", "01", "1.", ".5", "1e3", "+1", "1.2.3", "0x1"}) {
      byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
      assertFalse(AlbLogEntry.isJsonNumber(b, 0, b.length, true), bad);
    }
    byte[] frac = "1.5".getBytes(StandardCharsets.US_ASCII);
    assertFalse(AlbLogEntry.isJsonNumber(frac, 0, 3, false));
  }
}
