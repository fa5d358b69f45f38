package io.albtrace.datadog.logs;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.accesslog.GzipMembersInputStream;
import io.albtrace.testsupport.AlbSamples;
import io.albtrace.testsupport.DeliveredLogs;
import io.albtrace.testsupport.FakeDatadogLogsIntake;
import io.albtrace.testsupport.FakeDatadogLogsIntake.Fault;
import io.albtrace.testsupport.GzipBytes;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The forwarder against a local intake with Datadog's documented behaviour and injected faults. */
class AlbLogForwarderTest {
  static final List<String> LINES = AlbSamples.lines();
  static final String KEY = AlbSamples.key(AlbSamples.LOAD_BALANCER, 7);
  @RegisterExtension static final FakeDatadogLogsIntake intake = FakeDatadogLogsIntake.perClass(Intakes.API_KEY);

  /** The sample object as S3 serves it: two gzip members, read a few KB at a time, available() 0. */
  static InputStream object(List<String> lines) throws IOException {
    return GzipMembersInputStream.decodeIfGzip(new GzipBytes.Trickle(AlbSamples.gzip(lines, 2), 4096), 1 << 16);
  }

  static void assertWithinLimits(FakeDatadogLogsIntake intake, int maxEntries, int maxPayload, int maxEntry) {
    for (FakeDatadogLogsIntake.Request r : intake.requests()) {
      assertTrue(r.gzip, "gzip: " + r);
      assertTrue(r.entries <= maxEntries && r.payloadBytes <= maxPayload, "over the limits: " + r);
      assertNotEquals(413, r.status);
    }
    for (FakeDatadogLogsIntake.Entry e : intake.entries()) assertTrue(e.bytes <= maxEntry, e.bytes + " bytes");
    assertEquals(List.of(), intake.oversizedEntries());
  }

  @Test
  void everyLineArrivesExactlyOnceInOrderLinkedAsEnrichLinksIt() throws Exception {
    ForwardStats s = Intakes.forwarder(intake).forward(object(LINES), Origin.s3("alb-logs", KEY));
    assertEquals(LINES.size(), s.lines());
    assertEquals(LINES.size(), s.sent());
    assertEquals(0, s.failed());
    assertEquals(2, s.requests(), "1000 entries per request");
    assertEquals(0, s.retries());
    assertEquals(s.lines(), s.traced() + s.untraced(), "every sample line is an ALB entry");
    assertNull(s.readError());
    DeliveredLogs.assertLines(DeliveredLogs.of(intake.entries(), e -> true), LINES, true,
        Intakes.enrichTraceId(AlbLogEnricher.TraceIdFormat.DECIMAL));
    for (FakeDatadogLogsIntake.Entry e : intake.entries()) {
      assertEquals(KEY, e.json.get("aws.s3.key").asText());
      assertEquals("alb-logs", e.json.get("aws.s3.bucket").asText());
      assertEquals(AlbSamples.LOAD_BALANCER, e.json.get("service").asText());
      assertEquals("elb", e.json.get("ddsource").asText());
    }
    assertWithinLimits(intake, 1000, 5_000_000, 1_000_000);
  }

  @Test
  void smallerLimitsMakeMoreRequestsAndNoneIsOverThem() throws Exception {
    IntakeSettings s = Intakes.settings(intake.url()).limits(7, 20_000, 4096).build();
    AlbLogForwarder f = Intakes.forwarder(s, EntryOptions.defaults().withTraceIdFormat(AlbLogEnricher.TraceIdFormat.HEX),
        new Intakes.Sleeper());
    List<String> lines = LINES.subList(0, 300);
    ForwardStats stats = f.forward(object(lines), Origin.s3("alb-logs", KEY));
    assertEquals(300, stats.sent());
    assertTrue(stats.requests() >= 300 / 7, stats.toString());
    DeliveredLogs.assertLines(DeliveredLogs.of(intake.entries(), e -> true), lines, true,
        Intakes.enrichTraceId(AlbLogEnricher.TraceIdFormat.HEX));
    assertWithinLimits(intake, 7, 20_000, 4096);
  }

  @Test
  void transientFaultsAreRetriedAndRetryAfterIsHonoured() throws Exception {
    intake.enqueue(Fault.status(429, "3"), Fault.status(500), Fault.reset(), Fault.status(503), Fault.status(408),
        Fault.status(502));
    Intakes.Sleeper sleeper = new Intakes.Sleeper();
    IntakeSettings s = Intakes.settings(intake.url()).retries(7, Duration.ofMillis(1), Duration.ofMillis(4),
        Duration.ofSeconds(5)).build(); // six faults in a row, then taken
    ForwardStats stats = Intakes.forwarder(s, EntryOptions.defaults(), sleeper).forward(object(LINES), Origin.s3("b", KEY));
    assertEquals(LINES.size(), stats.sent());
    assertEquals(6, stats.retries());
    assertEquals(8, stats.requests());
    assertTrue(sleeper.asked.get(0) >= 3000, "Retry-After: 3 → waited at least 3 s: " + sleeper.asked);
    for (long wait : sleeper.asked.subList(1, sleeper.asked.size())) assertTrue(wait <= 4, "backoff: " + sleeper.asked);
    DeliveredLogs.assertLines(DeliveredLogs.of(intake.entries(), e -> true), LINES, true,
        Intakes.enrichTraceId(AlbLogEnricher.TraceIdFormat.DECIMAL));
  }

  @Test
  void anAnswerSlowerThanTheTimeoutIsRetriedSoLinesArriveAtLeastOnce() throws Exception {
    intake.enqueue(Fault.slow(Duration.ofMillis(1500)));
    IntakeSettings s = Intakes.settings(intake.url()).timeouts(Duration.ofSeconds(2), Duration.ofMillis(300)).build();
    ForwardStats stats = Intakes.forwarder(s, EntryOptions.defaults(), new Intakes.Sleeper()).forward(object(LINES),
        Origin.s3("b", KEY));
    assertEquals(LINES.size(), stats.sent());
    assertEquals(1, stats.retries());
    List<JsonNode> got = DeliveredLogs.of(intake.entries(), e -> true);
    DeliveredLogs.assertLines(got, LINES, false, Intakes.enrichTraceId(AlbLogEnricher.TraceIdFormat.DECIMAL));
    assertEquals(LINES.size() + 1000, got.size(), "the first request's entries were taken twice");
  }

  @Test
  void anIntakeThatStaysDownFailsLoudlyWithTheCount() throws Exception {
    intake.failAll(503);
    DeliveryException e = assertThrows(DeliveryException.class,
        () -> Intakes.forwarder(intake).forward(object(LINES), Origin.s3("b", KEY)));
    assertEquals(1001, e.undelivered(), "the failed request's 1000 and the line waiting for room");
    assertEquals(1001, e.stats().lines());
    assertEquals(0, e.stats().sent());
    assertEquals(1001, e.stats().failed());
    assertEquals(4, intake.requests().size(), "4 attempts, then it stops reading");
    assertTrue(e.getMessage().contains("not delivered after 4 attempts") && e.getMessage().contains("HTTP 503"),
        e.getMessage());
    assertTrue(e.getMessage().contains("stopped reading s3://b/" + KEY + " after 1001 lines"), e.getMessage());
    assertTrue(intake.entries().isEmpty());
  }

  @Test
  void nothingListeningIsAConnectionErrorRetriedThenReported() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Intakes.Sleeper sleeper = new Intakes.Sleeper();
    AlbLogForwarder f = Intakes.forwarder(Intakes.settings(URI.create("http://127.0.0.1:" + port + "/api/v2/logs")).build(),
        EntryOptions.defaults(), sleeper);
    DeliveryException e = assertThrows(DeliveryException.class, () -> f.forward(object(LINES.subList(0, 10)), Origin.file("x")));
    assertEquals(10, e.undelivered());
    assertEquals(3, sleeper.asked.size(), "4 attempts");
    assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
  }

  @Test
  void aRefusedKeyIsNotRetried() throws Exception {
    AlbLogForwarder f = Intakes.forwarder(IntakeSettings.builder(intake.url(), "wrong").build(), EntryOptions.defaults(),
        new Intakes.Sleeper());
    DeliveryException e = assertThrows(DeliveryException.class, () -> f.forward(object(LINES.subList(0, 10)), Origin.file("x")));
    assertEquals(10, e.undelivered());
    assertEquals(1, intake.requests().size());
    assertEquals(403, intake.requests().get(0).status);
    assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
  }

  @Test
  void a413HalvesTheRequestUntilItIsTaken() throws Exception {
    try (FakeDatadogLogsIntake small = new FakeDatadogLogsIntake(Intakes.API_KEY, 300, 5_000_000, 1_000_000)) {
      ForwardStats s = Intakes.forwarder(small).forward(object(LINES), Origin.s3("b", KEY));
      assertEquals(LINES.size(), s.sent());
      DeliveredLogs.assertLines(DeliveredLogs.of(small.entries(), e -> true), LINES, true,
          Intakes.enrichTraceId(AlbLogEnricher.TraceIdFormat.DECIMAL));
      // per 1000: 1000 → 413, 500 → 413, 250 ok, 250 ok, 500 → 413, 250 ok, 250 ok
      assertEquals(14, small.requests().size(), small.requests().toString());
      assertEquals(8, small.requests().stream().filter(r -> r.status == 202).count());
    }
  }

  @Test
  void parsedEntriesCarryEnrichsAttributes() throws Exception {
    AlbLogForwarder f = Intakes.forwarder(Intakes.settings(intake.url()).build(),
        EntryOptions.defaults().withFormat(EntryOptions.Format.PARSED).withTags("env:test"), new Intakes.Sleeper());
    List<String> lines = LINES.subList(0, 100);
    assertEquals(100, f.forward(object(lines), Origin.s3("b", KEY)).sent());
    AlbLogEnricher enricher = new AlbLogEnricher();
    List<FakeDatadogLogsIntake.Entry> got = intake.entries();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode expected = Intakes.JSON.readTree(enricher.enrich(lines.get(i)));
      JsonNode e = got.get(i).json;
      expected.fieldNames().forEachRemaining(k -> assertEquals(expected.get(k), e.get(k), k));
      assertEquals("env:test,elb:" + AlbSamples.LOAD_BALANCER, e.get("ddtags").asText());
      assertFalse(e.has("message"));
    }
  }
}
