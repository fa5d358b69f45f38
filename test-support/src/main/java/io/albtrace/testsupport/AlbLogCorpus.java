package io.albtrace.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every edge of the ALB access-log format that a reader of the logs (the enricher behind
 * {@code albtrace enrich}, the Spark reader) must handle, with what it must make of each line: AWS's
 * own examples, generated traffic, and damaged and foreign lines.
 */
public final class AlbLogCorpus {
  public enum Kind { TRACED, UNTRACED, MALFORMED }

  /** One input line (without its {@code \n}) and the expected outcome. */
  public record Line(byte[] bytes, Kind kind, String what) {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  public static final String HTTP = SampleLogGenerator.AWS_EXAMPLES.get(0);
  public static final String REQUEST = "\"GET http://www.example.com:80/ HTTP/1.1\"";
  public static final String TRACE = "\"Root=1-58337262-36d228ad5d99923122bbe354\"";

  private AlbLogCorpus() {}

  public static List<Line> lines() {
    List<Line> l = new ArrayList<>();
    for (String aws : SampleLogGenerator.AWS_EXAMPLES) add(l, aws, Kind.TRACED, "AWS example");
    add(l, HTTP.replace("192.168.131.39:2817", "2001:db8::ff00:42:8329:51234"), Kind.TRACED, "IPv6 client");
    add(l, HTTP.replace(" 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 " + REQUEST, " - -1 -1 -1 400 - 0 272 \"- - - \"")
        .replace(TRACE, "\"-\""), Kind.UNTRACED, "unparsable request, - trace id, no target");
    add(l, HTTP.replace(REQUEST, "\"- http://www.example.com:80- -\""), Kind.TRACED, "malformed request");
    add(l, HTTP.replace("\"curl/7.46.0\"", "\"Mozilla \\x22quoted\\x22 \\x5C caf\\xC3\\xA9\""), Kind.TRACED, "escaped user agent");
    add(l, HTTP + " 10.0.0.9 \"-\" \"future\"", Kind.TRACED, "extra trailing fields");
    add(l, HTTP.substring(0, HTTP.indexOf(TRACE) + TRACE.length()), Kind.TRACED, "2016 entry ending at trace_id");
    add(l, HTTP.substring(0, HTTP.indexOf(" 2018-07-02T22:22:48")), Kind.TRACED, "entry ending at matched_rule_priority");
    add(l, HTTP.replace(TRACE, "\"Self=1-67891233-12456789abcdef012345678;Root=1-67891233-abcdef012345678912345678;CalledFrom=app\""),
        Kind.TRACED, "client-supplied Root with Self");
    add(l, HTTP.replace(TRACE, "\"Root=1-67891233-abcdef010000000000000000\""), Kind.UNTRACED, "low 64 bits zero");
    add(l, HTTP.replace(TRACE, "\"Root=1-6789123-abcdef012345678912345678\""), Kind.UNTRACED, "malformed Root");
    add(l, HTTP + "\r", Kind.TRACED, "CRLF line end");
    add(l, HTTP.replace("http 2018", "grpcs 2018").replace(REQUEST, "\"POST https://grpc.example.com:443/orders.OrderService/GetOrder HTTP/2.0\""),
        Kind.TRACED, "gRPC");
    add(l, HTTP.replace("\"-\" \"-\" 0 2018", "\"www.example.com\" \"session-reused\" 0 2018"), Kind.TRACED, "session-reused cert");
    add(l, HTTP.replace("GET http://www.example.com:80/ HTTP/1.1", "GET http://www.example.com:80/a?b=\\x22c\\x22 HTTP/1.1 "),
        Kind.TRACED, "escaped URL, space after protocol");
    SampleLogGenerator g = new SampleLogGenerator(3);
    for (String generated : g.lines(20)) {
      add(l, generated, generated.contains("Root=") ? Kind.TRACED : Kind.UNTRACED, "generated");
    }
    add(l, "", Kind.MALFORMED, "empty line");
    add(l, "Enable AccessLog for ELB: my-loadbalancer at 2026-09-29T23:40:00.123Z", Kind.MALFORMED, "ELBAccessLogTestFile");
    add(l, HTTP.substring(0, HTTP.indexOf(TRACE) + 12), Kind.MALFORMED, "line cut inside trace_id");
    add(l, "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -",
        Kind.MALFORMED, "Classic Load Balancer entry");
    add(l, HTTP.replace(" 200 200 ", "  200 200 "), Kind.MALFORMED, "two spaces");
    add(l, bytes(HTTP.replace("curl/7.46.0", "curl\u0001")), Kind.MALFORMED, "control byte");
    ByteArrayOutputStream invalid = new ByteArrayOutputStream();
    byte[] head = HTTP.substring(0, HTTP.indexOf("curl")).getBytes(StandardCharsets.UTF_8);
    invalid.writeBytes(head);
    invalid.writeBytes(new byte[] {(byte) 0xff, (byte) 0xc3, 'x'});
    invalid.writeBytes(HTTP.substring(HTTP.indexOf("curl") + 4).getBytes(StandardCharsets.UTF_8));
    l.add(new Line(invalid.toByteArray(), Kind.MALFORMED, "invalid UTF-8"));
    l.add(new Line(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, (byte) 0xed, (byte) 0xfd}, Kind.MALFORMED, "binary"));
    return l;
  }

  private static void add(List<Line> l, String line, Kind kind, String what) {
    l.add(new Line(line.getBytes(StandardCharsets.UTF_8), kind, what));
  }

  private static void add(List<Line> l, byte[] line, Kind kind, String what) {
    l.add(new Line(line, kind, what));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The lines joined with {@code \n}, ending with one. */
  public static byte[] file(List<Line> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Line line : lines) {
      out.writeBytes(line.bytes());
      out.write('\n');
    }
    return out.toByteArray();
  }
}
