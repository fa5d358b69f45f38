package io.albtrace.spark;

import static org.junit.jupiter.api.Assertions.*;

import io.albtrace.testsupport.AlbLogCorpus;
import io.albtrace.testsupport.SampleLogGenerator;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The columns of single lines, against values worked out by hand (ids: Python big integers). */
class AlbLogRowTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  private static List<Row> parse(String... lines) {
    return AlbLogs.parse(SPARK.session().createDataset(List.of(lines), Encoders.STRING())).collectAsList();
  }

  /** AWS's Athena table for ALB logs, as its user guide creates it, then the 2025 fields and albtrace's. */
  @Test
  void schemaIsAthenasTableThenTheIds() {
    String athena = "type string, time string, elb string, client_ip string, client_port int, target_ip string, "
        + "target_port int, request_processing_time double, target_processing_time double, response_processing_time double, "
        + "elb_status_code int, target_status_code string, received_bytes bigint, sent_bytes bigint, request_verb string, "
        + "request_url string, request_proto string, user_agent string, ssl_cipher string, ssl_protocol string, "
        + "target_group_arn string, trace_id string, domain_name string, chosen_cert_arn string, matched_rule_priority string, "
        + "request_creation_time string, actions_executed string, redirect_url string, lambda_error_reason string, "
        + "target_port_list string, target_status_code_list string, classification string, classification_reason string, "
        + "conn_trace_id string, transformed_host string, transformed_uri string, request_transform_status string, "
        + "albtrace_extra_fields array<string>, dd_trace_id string, trace_id_128 string, dd_p_tid string, alb_span_id string, "
        + "albtrace_error string, line string";
    List<String> actual = new ArrayList<>();
    for (StructField f : AlbLogSchema.schema().fields()) actual.add(f.name() + " " + f.dataType().simpleString());
    assertEquals(athena, String.join(", ", actual));
    assertEquals(AlbLogSchema.schema(), AlbLogs.read(SPARK.session(), "../samples/alb-access.log.gz").schema());
  }

  @Test
  void awsExampleEveryColumn() {
    Row r = parse(SampleLogGenerator.AWS_EXAMPLES.get(1)).get(0);
    Object[] expected = {
      "https", "2018-07-02T22:23:00.186641Z", "app/my-loadbalancer/50dc6c495c0c9188", "192.168.131.39", 2817,
      "10.0.0.1", 80, 0.086, 0.048, 0.037, 200, "200", 0L, 57L, "GET", "https://www.example.com:443/", "HTTP/1.1",
      "curl/7.46.0", "ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.2",
      "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067",
      "Root=1-58337281-1d84f3d73c47ec4e58577259", "www.example.com",
      "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012", "1",
      "2018-07-02T22:22:48.364000Z", "authenticate,forward", null, null, "10.0.0.1:80", "200", null, null,
      "TID_1234abcd5678ef90", "m.example.com", null, "TransformSuccess", null,
      "4343700186855862873", "583372811d84f3d73c47ec4e58577259", "583372811d84f3d7", "966346f840da4d90", null, null
    };
    assertEquals(expected.length, r.length());
    for (int i = 0; i < expected.length; i++) assertEquals(expected[i], r.get(i), r.schema().fields()[i].name());
  }

  @Test
  void portSplitsAsCoreDoes() {
    Object[] v = new Object[2];
    AlbLogRows.hostPort("10.0.0.1:8080", v, 0);
    assertArrayEquals(new Object[] {"10.0.0.1", 8080}, v);
    AlbLogRows.hostPort("[2001:db8::1]:443", v, 0);
    assertArrayEquals(new Object[] {"[2001:db8::1]", 443}, v);
    for (String whole : new String[] {"10.0.0.1:0080", "10.0.0.1:", "10.0.0.1:123456", "10.0.0.1:-1", "host"}) {
      AlbLogRows.hostPort(whole, v, 0);
      assertArrayEquals(new Object[] {whole, null}, v, whole);
    }
  }

  @Test
  void edgesOfTheFormat() {
    String http = AlbLogCorpus.HTTP;
    List<Row> rows = parse(
        http.replace("192.168.131.39:2817", "2001:db8::ff00:42:8329:51234"),
        SampleLogGenerator.AWS_EXAMPLES.get(6),
        http.replace("\"curl/7.46.0\"", "\"Mozilla \\x22quoted\\x22 \\x5C caf\\xC3\\xA9\""),
        http.replace(AlbLogCorpus.REQUEST, "\"- - - \"").replace(AlbLogCorpus.TRACE, "\"-\""),
        http.replace(AlbLogCorpus.REQUEST, "\"- http://www.example.com:80- -\""),
        http.substring(0, http.indexOf(AlbLogCorpus.TRACE) + AlbLogCorpus.TRACE.length()),
        http + " 10.0.0.9 \"-\" \"fu\\x22ture\"",
        http.replace(AlbLogCorpus.TRACE, "\"Self=1-67891234-abcdef0123456789abcdef01;Root=1-67891233-abcdef012345678912345678\""),
        http.replace(AlbLogCorpus.TRACE, "\" Root=1-67891233-ABCDEF012345678912345678 ;Root=1-58337262-36d228ad5d99923122bbe354\""),
        http.replace(AlbLogCorpus.TRACE, "\"Root=1-67891233-abcdef010000000000000000\""),
        http + "\r",
        "",
        http.substring(0, http.indexOf(AlbLogCorpus.TRACE) + 12));

    Row ipv6 = rows.get(0);
    assertEquals("2001:db8::ff00:42:8329", ipv6.getAs("client_ip"));
    assertEquals(51234, (int) ipv6.getAs("client_port"));

    Row lambda = rows.get(1);
    assertNull(lambda.getAs("target_ip"));
    assertNull(lambda.getAs("target_port"));
    assertNull(lambda.getAs("target_status_code"));
    assertEquals(502, (int) lambda.getAs("elb_status_code"));
    assertEquals("LambdaInvalidResponse", lambda.getAs("lambda_error_reason"));

    assertEquals("Mozilla \"quoted\" \\ caf\u00e9", rows.get(2).getAs("user_agent"));

    Row unparsable = rows.get(3);
    assertNull(unparsable.getAs("request_verb"));
    assertNull(unparsable.getAs("request_url"));
    assertNull(unparsable.getAs("request_proto"));
    assertNull(unparsable.getAs("trace_id"));
    assertNull(unparsable.getAs("dd_trace_id"));
    assertNull(unparsable.getAs("albtrace_error"));

    assertNull(rows.get(4).getAs("request_verb"));
    assertEquals("http://www.example.com:80-", rows.get(4).getAs("request_url"));
    assertNull(rows.get(4).getAs("request_proto"));

    Row old = rows.get(5); // 2016: ends at trace_id
    assertNull(old.getAs("domain_name"));
    assertNull(old.getAs("conn_trace_id"));
    assertEquals("6744582656697819988", old.getAs("dd_trace_id"));

    assertEquals(List.of("10.0.0.9", "-", "fu\"ture"), scala.jdk.javaapi.CollectionConverters.asJava(
        (scala.collection.Seq<?>) rows.get(6).getAs("albtrace_extra_fields")));

    Row self = rows.get(7); // the parent span id of a valid Self
    assertEquals("2541551403134113400", self.getAs("dd_trace_id"));
    assertEquals("67891233abcdef012345678912345678", self.getAs("trace_id_128"));
    assertEquals("67891233abcdef01", self.getAs("dd_p_tid"));
    assertEquals("6443a3d926ba27a1", self.getAs("alb_span_id"));

    Row spaced = rows.get(8); // spaces trimmed, uppercase hex, the first Root wins
    assertEquals("2541551403134113400", spaced.getAs("dd_trace_id"));
    assertEquals("67891233abcdef012345678912345678", spaced.getAs("trace_id_128"));
    assertEquals("00a80ccd5996a294", spaced.getAs("alb_span_id"));

    assertNull(rows.get(9).getAs("dd_trace_id"), "low 64 bits zero: not a trace id Datadog can carry");
    assertEquals("Root=1-67891233-abcdef010000000000000000", rows.get(9).getAs("trace_id"));

    assertEquals("6744582656697819988", rows.get(10).getAs("dd_trace_id"), "CRLF");
    assertNull(rows.get(10).getAs("request_transform_status"), "the \\r is not part of the last field");

    assertEquals("empty line", rows.get(11).getAs("albtrace_error"));
    assertEquals("", rows.get(11).getAs("line"));
    Row cut = rows.get(12);
    assertEquals("unterminated quote in trace_id", cut.getAs("albtrace_error"));
    assertEquals(http.substring(0, http.indexOf(AlbLogCorpus.TRACE) + 12), cut.getAs("line"));
    for (int i = 0; i < AlbLogSchema.ERROR_INDEX; i++) assertNull(cut.get(i), "a line that is not an entry has no fields");
  }
}
