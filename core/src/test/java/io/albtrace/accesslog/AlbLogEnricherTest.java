package io.albtrace.accesslog;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.AmznTraceHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlbLogEnricherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AlbLogEnricher enricher = new AlbLogEnricher();

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("invalid JSON: " + json, e);
    }
  }

  private JsonNode enrich(String line) {
    return parse(enricher.enrich(line));
  }

  private static List<String> keys(JsonNode n) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) keys.add(it.next());
    return keys;
  }

  @Test
  void awsHttpExampleBecomesLinkedJson() {
    JsonNode n = enrich(AwsExampleLines.HTTP);
    assertEquals("http", n.get("type").asText());
    assertEquals("2018-07-02T22:23:00.186641Z", n.get("time").asText());
    assertEquals("app/my-loadbalancer/50dc6c495c0c9188", n.get("elb").asText());
    assertEquals("192.168.131.39:2817", n.get("client:port").asText());
    assertEquals("10.0.0.1:80", n.get("target:port").asText());
    assertTrue(n.get("request_processing_time").isNumber());
    assertEquals(0.001, n.get("target_processing_time").asDouble());
    assertEquals(200, n.get("elb_status_code").asInt());
    assertEquals(200, n.get("target_status_code").asInt());
    assertEquals(34, n.get("received_bytes").asInt());
    assertEquals(366, n.get("sent_bytes").asInt());
    assertEquals("GET http://www.example.com:80/ HTTP/1.1", n.get("request").asText());
    assertEquals("curl/7.46.0", n.get("user_agent").asText());
    assertFalse(n.has("ssl_cipher"), "- values are left out");
    assertFalse(n.has("domain_name"));
    assertEquals("Root=1-58337262-36d228ad5d99923122bbe354", n.get("trace_id").asText());
    assertEquals(0, n.get("matched_rule_priority").asInt());
    assertEquals("forward", n.get("actions_executed").asText());
    assertEquals("10.0.0.1:80", n.get("target:port_list").asText());
    assertEquals("200", n.get("target_status_code_list").asText());
    assertEquals("TID_1234abcd5678ef90", n.get("conn_trace_id").asText());

    // dd.trace_id: decimal low 64 of 58337262-36d228ad5d99923122bbe354, as a string
    assertTrue(n.get("dd.trace_id").isTextual());
    assertEquals("6744582656697819988", n.get("dd.trace_id").asText());
    assertEquals(
        AmznTraceHeader.parse("Root=1-58337262-36d228ad5d99923122bbe354").root().datadogTraceId(),
        n.get("dd.trace_id").asText());

    assertEquals("192.168.131.39", n.get("network.client.ip").asText());
    assertEquals(2817, n.get("network.client.port").asInt());
    assertEquals("10.0.0.1", n.get("network.destination.ip").asText());
    assertEquals(80, n.get("network.destination.port").asInt());
    assertEquals("GET", n.get("http.method").asText());
    assertEquals("http://www.example.com:80/", n.get("http.url").asText());
    assertEquals(200, n.get("http.status_code").asInt());
    assertEquals("curl/7.46.0", n.get("http.useragent").asText());
    assertEquals(34, n.get("network.bytes_read").asInt());
    assertEquals(366, n.get("network.bytes_written").asInt());
    assertEquals(1_000_000L, n.get("duration").asLong());

    List<String> keys = keys(n);
    assertEquals("type", keys.get(0));
    assertTrue(keys.indexOf("trace_id") < keys.indexOf("dd.trace_id"));
  }

  @Test
  void everyAwsExampleIsTraced() {
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer();
    for (String line : AwsExampleLines.ALL) {
      out.clear();
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      assertEquals(AlbLogEnricher.Result.TRACED, enricher.enrich(b, 0, b.length, out), line);
      JsonNode n = parse(out.toString());
      String root = n.get("trace_id").asText();
      assertEquals(AmznTraceHeader.parse(root).root().datadogTraceId(), n.get("dd.trace_id").asText());
    }
  }

  @Test
  void httpsDurationSumsTheThreeTimes() {
    JsonNode n = enrich(AwsExampleLines.HTTPS);
    assertEquals(171_000_000L, n.get("duration").asLong()); // 0.086 + 0.048 + 0.037 s
    assertEquals("TransformSuccess", n.get("request_transform_status").asText());
    assertEquals("m.example.com", n.get("transformed_host").asText());
    assertEquals("4343700186855862873", n.get("dd.trace_id").asText());
  }

  @Test
  void lambdaAndWebSocketLines() {
    JsonNode lambda = enrich(AwsExampleLines.LAMBDA_FAILURE);
    assertFalse(lambda.has("target:port"));
    assertFalse(lambda.has("network.destination.ip"));
    assertFalse(lambda.has("target_status_code"));
    assertEquals(502, lambda.get("http.status_code").asInt());
    assertEquals("LambdaInvalidResponse", lambda.get("error_reason").asText());
    JsonNode ws = enrich(AwsExampleLines.WS);
    assertEquals(101, ws.get("http.status_code").asInt());
    assertFalse(ws.has("http.useragent"));
    assertEquals("7323679234842527203", ws.get("dd.trace_id").asText());
  }

  @Test
  void hexTraceIdFormat() {
    JsonNode n = parse(new AlbLogEnricher(AlbLogEnricher.TraceIdFormat.HEX).enrich(AwsExampleLines.HTTP));
    assertEquals("5833726236d228ad5d99923122bbe354", n.get("dd.trace_id").asText());
  }

  @Test
  void untracedWhenTraceIdAbsentOrInvalid() {
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer();
    for (String trace : new String[] {"\"-\"", "\"Root=1-58337262-0000000000000000000000000\"",
        "\"Root=1-58337262-000000000000000000000000\"", "\"Self=1-58337262-36d228ad5d99923122bbe354\""}) {
      String line = AwsExampleLines.HTTP.replace("\"Root=1-58337262-36d228ad5d99923122bbe354\"", trace);
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      out.clear();
      assertEquals(AlbLogEnricher.Result.UNTRACED, enricher.enrich(b, 0, b.length, out), trace);
      JsonNode n = parse(out.toString());
      assertFalse(n.has("dd.trace_id"), trace);
      assertEquals("http", n.get("type").asText());
    }
  }

  @Test
  void selfAndCustomFieldsStillLinkOnRoot() {
    JsonNode n = enrich(AwsExampleLines.HTTP.replace("\"Root=1-58337262-36d228ad5d99923122bbe354\"",
        "\"Self=1-67891233-12456789abcdef012345678;Root=1-67891233-abcdef012345678912345678;CalledFrom=app\""));
    assertEquals("2541551403134113400", n.get("dd.trace_id").asText());
  }

  @Test
  void ipv6ClientSplitsAtLastColon() {
    JsonNode n = enrich(AwsExampleLines.HTTP.replace("192.168.131.39:2817", "2001:db8::ff00:42:8329:51234"));
    assertEquals("2001:db8::ff00:42:8329", n.get("network.client.ip").asText());
    assertEquals(51234, n.get("network.client.port").asInt());
    assertEquals("2001:db8::ff00:42:8329:51234", n.get("client:port").asText());
  }

  @Test
  void requestsThatAreNotRequestLines() {
    JsonNode classic = enrich(AwsExampleLines.HTTP.replace("\"GET http://www.example.com:80/ HTTP/1.1\"", "\"- - - \""));
    assertEquals("- - - ", classic.get("request").asText());
    assertFalse(classic.has("http.method"));
    assertFalse(classic.has("http.url"));
    JsonNode bad = enrich(AwsExampleLines.HTTP.replace("\"GET http://www.example.com:80/ HTTP/1.1\"", "\"- http://www.example.com:80- -\""));
    assertFalse(bad.has("http.method"));
    assertEquals("http://www.example.com:80-", bad.get("http.url").asText());
    JsonNode spaceAfter = enrich(AwsExampleLines.HTTP.replace("HTTP/1.1\"", "HTTP/1.1 \""));
    assertEquals("http://www.example.com:80/", spaceAfter.get("http.url").asText());
    JsonNode custom = enrich(AwsExampleLines.HTTP.replace("\"GET http", "\"PROPFIND http"));
    assertEquals("PROPFIND", custom.get("http.method").asText());
    JsonNode dispatchFailed = enrich(AwsExampleLines.HTTP.replace(" 10.0.0.1:80 0.000 0.001 0.000 200 200", " - -1 -1 -1 460 -"));
    assertFalse(dispatchFailed.has("duration"));
    assertEquals(-1, dispatchFailed.get("request_processing_time").asInt());
    assertEquals(460, dispatchFailed.get("http.status_code").asInt());
  }

  private JsonNode withRequest(String request) {
    return enrich(AwsExampleLines.HTTP.replace("\"GET http://www.example.com:80/ HTTP/1.1\"", "\"" + request + "\""));
  }

  @Test
  void urlDetails() {
    JsonNode n = enrich(AwsExampleLines.HTTP);
    assertEquals("http", n.get("http.url_details.scheme").asText());
    assertEquals("www.example.com", n.get("http.url_details.host").asText());
    assertEquals(80, n.get("http.url_details.port").asInt());
    assertEquals("/", n.get("http.url_details.path").asText());

    n = withRequest("GET https://api.example.com:443/api/v1/search?q=\\x22red+shoes\\x22#top HTTP/2.0");
    assertEquals("https", n.get("http.url_details.scheme").asText());
    assertEquals("api.example.com", n.get("http.url_details.host").asText());
    assertEquals(443, n.get("http.url_details.port").asInt());
    assertEquals("/api/v1/search", n.get("http.url_details.path").asText());
    assertEquals("https://api.example.com:443/api/v1/search?q=\"red+shoes\"#top", n.get("http.url").asText());

    n = withRequest("GET http://[2001:db8::1]:8080/caf\\xC3\\xA9 HTTP/1.1");
    assertEquals("[2001:db8::1]", n.get("http.url_details.host").asText());
    assertEquals(8080, n.get("http.url_details.port").asInt());
    assertEquals("/café", n.get("http.url_details.path").asText());

    n = withRequest("GET http://[::1]?x HTTP/1.1");
    assertEquals("[::1]", n.get("http.url_details.host").asText());
    assertFalse(n.has("http.url_details.port"));
    assertFalse(n.has("http.url_details.path"));

    n = withRequest("OPTIONS /relative/path?x=1 HTTP/1.1");
    assertFalse(n.has("http.url_details.scheme"));
    assertEquals("/relative/path", n.get("http.url_details.path").asText());

    n = withRequest("- http://www.example.com:80- -");
    assertEquals("www.example.com:80-", n.get("http.url_details.host").asText());
    assertFalse(n.has("http.url_details.port"));
    assertFalse(n.has("http.url_details.path"));

    n = withRequest("CONNECT www.example.com:443 HTTP/1.1");
    assertFalse(n.has("http.url_details.host"), "no scheme, not a path: no details");
    assertEquals("www.example.com:443", n.get("http.url").asText());
  }

  @Test
  void escapedCharactersDecodeToJsonEscapes() {
    String line = AwsExampleLines.HTTP
        .replace("\"curl/7.46.0\"", "\"Mozilla \\x22x\\x22 \\x5C \\x0A caf\\xC3\\xA9\"")
        .replace("www.example.com:80/ HTTP", "www.example.com:80/a\\x22b HTTP");
    String json = enricher.enrich(line);
    JsonNode n = parse(json);
    assertEquals("Mozilla \"x\" \\ \n café", n.get("user_agent").asText());
    assertEquals("Mozilla \"x\" \\ \n café", n.get("http.useragent").asText());
    assertEquals("http://www.example.com:80/a\"b", n.get("http.url").asText());
    assertFalse(json.contains("\n"), "one line per object");
  }

  @Test
  void decodedBytesThatAreNotUtf8MakeTheLineMalformed() {
    String line = AwsExampleLines.HTTP.replace("\"curl/7.46.0\"", "\"\\xFF\\xFE\"");
    JsonNode n = enrich(line);
    assertEquals("invalid UTF-8", n.get("albtrace.error").asText());
    assertEquals(line, n.get("message").asText());
    assertEquals(2, n.size());
  }

  @Test
  void extraFieldsGoIntoAnArray() {
    JsonNode n = enrich(AwsExampleLines.HTTP + " 10.0.0.9 \"-\" \"a b\"");
    JsonNode extra = n.get("albtrace.extra_fields");
    assertTrue(extra.isArray());
    assertEquals(3, extra.size());
    assertEquals("10.0.0.9", extra.get(0).asText());
    assertEquals("-", extra.get(1).asText());
    assertEquals("a b", extra.get(2).asText());
    assertEquals("-", n.path("request_transform_status").asText("-"));
  }

  @Test
  void malformedLinesKeepTheirText() {
    JsonNode n = enrich("ELBAccessLogTestFile");
    assertEquals("ELBAccessLogTestFile", n.get("message").asText());
    assertEquals("too few fields: 1 of at least 18", n.get("albtrace.error").asText());
    assertEquals("", enrich("").get("message").asText());
    assertEquals("empty line", enrich("").get("albtrace.error").asText());
  }

  @Test
  void binaryLinesBecomeValidJson() {
    byte[] binary = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xc3, 0x28, '"', '\\', 0x7f, (byte) 0xe2, (byte) 0x80, (byte) 0xa8, 'x'};
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer(16);
    assertEquals(AlbLogEnricher.Result.MALFORMED, enricher.enrich(binary, 0, binary.length, out));
    JsonNode n = parse(out.toString());
    assertEquals("\u001f\ufffd\b\u0000\u0000\u0000\u0000\u0000\ufffd\ufffd(\"\\\u007f\u2028x", n.get("message").asText());
    assertTrue(n.get("albtrace.error").asText().startsWith("binary data: control byte 0x1f at column 1"));
    assertTrue(out.toString().contains("\\u2028"));
  }

  @Test
  void bufferAppendsAndGrows() {
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer(10);
    byte[] a = AwsExampleLines.HTTP.getBytes(StandardCharsets.UTF_8);
    byte[] framed = ("junk" + AwsExampleLines.WS + "junk").getBytes(StandardCharsets.UTF_8);
    enricher.enrich(a, 0, a.length, out);
    out.newline();
    enricher.enrich(framed, 4, AwsExampleLines.WS.length(), out);
    out.newline();
    String[] lines = out.toString().split("\n");
    assertEquals(2, lines.length);
    assertEquals("http", parse(lines[0]).get("type").asText());
    assertEquals("ws", parse(lines[1]).get("type").asText());
    assertEquals("-", parse(lines[1]).path("ssl_cipher").asText("-"));
  }

  @Test
  void enrichLinesHandlesAChunkAndReturnsWhereTheTailStarts() {
    String chunk = AwsExampleLines.HTTP + "\r\n\n" + "junk\n" + AwsExampleLines.WS + "\n" + "partial li";
    byte[] b = ("xx" + chunk).getBytes(StandardCharsets.UTF_8);
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer(8);
    long[] counts = new long[3];
    int next = enricher.enrichLines(b, 2, b.length, out, counts);
    assertEquals("partial li", new String(b, next, b.length - next, StandardCharsets.UTF_8));
    String[] lines = out.toString().split("\n", -1);
    assertEquals(5, lines.length);
    assertEquals("http", parse(lines[0]).get("type").asText());
    assertEquals("empty line", parse(lines[1]).get("albtrace.error").asText());
    assertEquals("junk", parse(lines[2]).get("message").asText());
    assertEquals("ws", parse(lines[3]).get("type").asText());
    assertEquals("", lines[4]);
    assertEquals(2, counts[AlbLogEnricher.Result.TRACED.ordinal()]);
    assertEquals(0, counts[AlbLogEnricher.Result.UNTRACED.ordinal()]);
    assertEquals(2, counts[AlbLogEnricher.Result.MALFORMED.ordinal()]);
    assertEquals(2, enricher.enrichLines(b, 2, 2, out, null), "an empty range has no line");
  }

  @Test
  void crlfIsNotPartOfTheMessage() {
    assertEquals("junk", enrich("junk\r").get("message").asText());
    assertEquals("http", enrich(AwsExampleLines.HTTP + "\r").get("type").asText());
  }

  @Test
  void nanosFromSeconds() {
    assertEquals(86_000_000L, AlbLogValues.nanos(b("0.086"), 0, 5));
    assertEquals(2_000_000_000L, AlbLogValues.nanos(b("2"), 0, 1));
    assertEquals(1_123_456_789L, AlbLogValues.nanos(b("1.1234567891"), 0, 12));
    assertEquals(-1, AlbLogValues.nanos(b("-1"), 0, 2));
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
