package io.albtrace.datadog.logs;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.testsupport.AlbSamples;
import io.albtrace.testsupport.Seeded;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryWriterTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String LINE = AlbSamples.lines().get(0);
  static final String KEY = AlbSamples.key("shop-lb", 1);

  static JsonNode write(EntryWriter w, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    w.line(b, 0, b.length);
    return parse(w);
  }

  static JsonNode parse(EntryWriter w) {
    try {
      return JSON.readTree(new String(w.bytes(), 0, w.length(), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + new String(w.bytes(), 0, w.length(), StandardCharsets.UTF_8), e);
    }
  }

  static String enrich(AlbLogEnricher.TraceIdFormat format, String line) {
    return new AlbLogEnricher(format).enrich(line);
  }

  @Test
  void rawEntryIsTheLineWithTheLinkAndDatadogsAttributes() throws Exception {
    EntryWriter w = new EntryWriter(EntryOptions.defaults().withTags("env:prod, team:web"), IntakeSettings.MAX_ENTRY_BYTES);
    w.origin(Origin.s3("alb-logs", KEY));
    JsonNode n = write(w, LINE);
    assertEquals(List.of("message", "dd.trace_id", "ddsource", "service", "ddtags", "aws.s3.bucket", "aws.s3.key"),
        fieldNames(n));
    assertEquals(LINE, n.get("message").asText());
    assertEquals(JSON.readTree(enrich(AlbLogEnricher.TraceIdFormat.DECIMAL, LINE)).get("dd.trace_id"), n.get("dd.trace_id"));
    assertEquals("elb", n.get("ddsource").asText());
    assertEquals(AlbSamples.LOAD_BALANCER, n.get("service").asText(), "the line's load balancer, not the key's");
    assertEquals("env:prod,team:web,elb:" + AlbSamples.LOAD_BALANCER, n.get("ddtags").asText());
    assertEquals("alb-logs", n.get("aws.s3.bucket").asText());
    assertEquals(KEY, n.get("aws.s3.key").asText());
    assertFalse(w.truncated());

    JsonNode other = write(w, AlbSamples.forLoadBalancer(List.of(LINE), "other-lb").get(0));
    assertEquals("other-lb", other.get("service").asText());
    assertEquals("env:prod,team:web,elb:other-lb", other.get("ddtags").asText());
  }

  @Test
  void aCutLineKeepsItsErrorInEitherFormat() {
    String big = LINE + " " + "x".repeat(2000); // an entry with a long extra field
    byte[] b = big.getBytes(StandardCharsets.UTF_8);
    for (EntryOptions.Format format : EntryOptions.Format.values()) {
      EntryWriter w = new EntryWriter(EntryOptions.defaults().withFormat(format), 1000);
      w.error(b, 0, b.length, "line longer than 1048576 bytes, cut");
      JsonNode n = parse(w);
      assertTrue(w.truncated(), format.toString());
      assertEquals("line longer than 1048576 bytes, cut", n.get("albtrace.error").asText(), format + ": " + n);
      assertNull(n.get("dd.trace_id"), format + ": an error entry is not linked");
      assertTrue(w.length() <= 1000, format + ": " + w.length());
      assertTrue(big.startsWith(n.get("message").asText()), format.toString());
    }
  }

  @Test
  void anEntryWithoutALoadBalancerNameFallsBackToTheOrigins() {
    EntryWriter w = new EntryWriter(EntryOptions.defaults(), IntakeSettings.MAX_ENTRY_BYTES);
    w.origin(Origin.s3("alb-logs", KEY));
    String nameless = AlbSamples.forLoadBalancer(List.of(LINE), "").get(0);
    assertTrue(nameless.contains(" app//"), nameless);
    JsonNode n = write(w, nameless);
    assertEquals("shop-lb", n.get("service").asText(), n.toString());
    assertEquals(AlbSamples.LOAD_BALANCER, write(w, LINE).get("service").asText());
  }

  @Test
  void parsedEntryIsEnrichsObjectPlusDatadogsAttributes() throws Exception {
    for (AlbLogEnricher.TraceIdFormat f : AlbLogEnricher.TraceIdFormat.values()) {
      EntryWriter w = new EntryWriter(EntryOptions.defaults().withFormat(EntryOptions.Format.PARSED).withTraceIdFormat(f)
          .withService("checkout").withSource("alb"), IntakeSettings.MAX_ENTRY_BYTES);
      for (String line : AlbSamples.lines().subList(0, 50)) {
        ObjectNode n = (ObjectNode) write(w, line);
        assertEquals("checkout", n.remove("service").asText());
        assertEquals("alb", n.remove("ddsource").asText());
        assertEquals("elb:" + AlbSamples.LOAD_BALANCER, n.remove("ddtags").asText());
        assertEquals(JSON.readTree(enrich(f, line)), n, "the rest is enrich's object");
      }
    }
  }

  @Test
  void malformedLinesTakeTheOriginsLoadBalancerOrNone() {
    EntryWriter w = new EntryWriter(EntryOptions.defaults(), IntakeSettings.MAX_ENTRY_BYTES);
    JsonNode n = write(w, "ELBAccessLogTestFile");
    assertEquals("too few fields: 1 of at least 18", n.get("albtrace.error").asText());
    assertEquals("elb", n.get("service").asText());
    assertFalse(n.has("ddtags"));
    assertFalse(n.has("aws.s3.bucket"));
    w.origin(Origin.file("/tmp/" + KEY.substring(KEY.lastIndexOf('/') + 1)));
    n = write(w, "garbage \u0000");
    assertEquals("shop-lb", n.get("service").asText());
    assertEquals("elb:shop-lb", n.get("ddtags").asText());
    byte[] cut = "cut line".getBytes(StandardCharsets.UTF_8);
    w.error(cut, 0, cut.length, "line longer than 8 bytes, cut");
    assertEquals("line longer than 8 bytes, cut", parse(w).get("albtrace.error").asText());
  }

  @Test
  void anEntryOverTheLimitIsCutToFitAndMarked() throws Exception {
    String longAgent = LINE.replaceFirst("\"[^\"]*\" (\\S+ \\S+ arn:)", "\"" + "\\\\x22\u00e9\\\\t".repeat(3000) + "\" $1");
    assertNotEquals(LINE, longAgent);
    for (EntryOptions.Format format : EntryOptions.Format.values()) {
      EntryWriter w = new EntryWriter(EntryOptions.defaults().withFormat(format), 8192);
      w.origin(Origin.s3("alb-logs", KEY));
      JsonNode n = write(w, longAgent);
      assertTrue(w.truncated());
      assertTrue(w.length() <= 8192, w.length() + " bytes");
      assertTrue(w.length() > 8192 - 8, "cut as late as it can: " + w.length());
      assertTrue(n.get("albtrace.truncated").asBoolean());
      assertTrue(longAgent.startsWith(n.get("message").asText()));
      assertEquals(JSON.readTree(enrich(AlbLogEnricher.TraceIdFormat.DECIMAL, LINE)).get("dd.trace_id"), n.get("dd.trace_id"));
      assertEquals(AlbSamples.LOAD_BALANCER, n.get("service").asText());
      assertEquals(KEY, n.get("aws.s3.key").asText());
    }
  }

  @Test
  void anyLineFitsTheLimitAsValidJsonWhoseMessageStartsTheLine() {
    Seeded.forAll(300, g -> {
      int max = g.ints(4096, 6000);
      StringBuilder line = new StringBuilder(g.booleans() ? LINE : "");
      line.append(g.string(Seeded.Chars.anyOf(Seeded.Chars.of("\"\\\u2028é"), Seeded.Chars.range('\u0000', '\u007f'),
          Seeded.Chars.UNICODE), 0, 3000));
      String text = line.toString().replace('\n', ' ');
      EntryWriter w = new EntryWriter(EntryOptions.defaults().withTags("env:test"), max);
      JsonNode n = write(w, text);
      assertTrue(w.length() <= max, w.length() + " > " + max);
      String message = n.get("message").asText();
      String expected = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      assertTrue(expected.startsWith(message) || expected.replace("\r", "").startsWith(message), "message is the line's start");
      assertEquals(w.truncated(), n.has("albtrace.truncated"));
      assertEquals("env:test", n.get("ddtags").asText().substring(0, 8));
    });
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> names = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
