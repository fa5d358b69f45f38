package io.albtrace.lambda;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.datadog.logs.AlbLogForwarder;
import io.albtrace.datadog.logs.IntakeSettings;
import io.albtrace.testsupport.AlbSamples;
import io.albtrace.testsupport.DeliveredLogs;
import io.albtrace.testsupport.FakeDatadogLogsIntake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The handlers end to end: real event JSON (S3 direct, in SQS, in SNS, SNS in SQS) read by the
 * Lambda runtime's deserializer, objects read from S3Mock through the SDK's S3 client, entries
 * received by a local logs intake.
 */
class ForwarderHandlersTest {
  static final String BUCKET = "alb-logs";
  static final String API_KEY = "lambda-test-key-0123456789abcdef";
  static final List<String> LINES = AlbSamples.lines();
  static final List<String> SHOP = AlbSamples.forLoadBalancer(LINES.subList(0, 700), "shop-lb");
  static final String MAIN_KEY = AlbSamples.key(AlbSamples.LOAD_BALANCER, 1);
  static final String SHOP_KEY = AlbSamples.key("shop-lb", 2).replace("/2026/", "/with space+plus/2026/");
  static final String CUT_KEY = AlbSamples.key(AlbSamples.LOAD_BALANCER, 3);
  static final String HUGE_KEY = AlbSamples.key(AlbSamples.LOAD_BALANCER, 4);
  static final String GARBAGE_KEY = AlbSamples.key(AlbSamples.LOAD_BALANCER, 5);
  static final String TEST_FILE_KEY = "AWSLogs/123456789012/ELBAccessLogTestFile";
  static final Function<String, String> TRACE_ID = line -> {
    try {
      JsonNode id = Events.JSON.readTree(new AlbLogEnricher().enrich(line)).get("dd.trace_id");
      return id == null ? null : id.asText();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  };

  @TempDir static Path root;
  static S3MockServer s3Mock;
  static S3Client s3;
  static FakeDatadogLogsIntake intake;
  static S3LogForwarder forwarder;

  @BeforeAll
  static void start() throws Exception {
    s3Mock = new S3MockServer(root, BUCKET);
    s3 = s3Mock.client();
    intake = new FakeDatadogLogsIntake(API_KEY);
    put(MAIN_KEY, AlbSamples.gzip(LINES, 2));
    put(SHOP_KEY, AlbSamples.gzip(SHOP, 3));
    byte[] whole = AlbSamples.gzip(LINES.subList(0, 1500), 1);
    put(CUT_KEY, Arrays.copyOf(whole, whole.length * 2 / 3));
    put(HUGE_KEY, hugeLineObject());
    // Whole lines, then far more garbage than the decoder reads at once: damaged, with every byte there
    byte[] tail = "not gzip ".repeat(40_000).getBytes(StandardCharsets.UTF_8);
    byte[] garbage = Arrays.copyOf(whole, whole.length + tail.length);
    System.arraycopy(tail, 0, garbage, whole.length, tail.length);
    put(GARBAGE_KEY, garbage);
    put(TEST_FILE_KEY, "Enable AccessLog for ELB: my-loadbalancer at 2026-09-29T23:00:00.000Z".getBytes(StandardCharsets.UTF_8));
    forwarder = new S3LogForwarder(s3, new AlbLogForwarder(
        LambdaSettings.intake(Map.of("DD_API_KEY", API_KEY, "DD_LOGS_URL", intake.url().toString()), () -> {
          throw new AssertionError("no secret to fetch");
        }),
        LambdaSettings.options(Map.of("DD_TAGS", "env:test"))));
  }

  @AfterAll
  static void stop() throws Exception {
    if (intake != null) intake.close();
    if (s3 != null) s3.close();
    if (s3Mock != null) s3Mock.close();
  }

  @BeforeEach
  void clear() {
    intake.clear();
  }

  static void put(String key, byte[] data) {
    s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
  }

  /** A valid line, 1 GiB without a line feed, garbage, invalid UTF-8, a valid line: gzip, about 1 MB. */
  static byte[] hugeLineObject() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    }) {
      gz.write((LINES.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
      byte[] chunk = "\"x\\x22\u00e9 ".repeat(8192).getBytes(StandardCharsets.UTF_8);
      for (long written = 0; written < 1L << 30; written += chunk.length) gz.write(chunk);
      gz.write("\n\u0000garbage\u0001\n".getBytes(StandardCharsets.UTF_8));
      gz.write(LINES.get(2).replace("\"GET ", "\"G\u00ffT ").getBytes(StandardCharsets.ISO_8859_1));
      gz.write(("\n" + LINES.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  static List<JsonNode> entriesOf(String key) {
    return DeliveredLogs.of(intake.entries(), e -> key.equals(e.path("aws.s3.key").asText()));
  }

  static void assertDelivered(String key, List<String> lines, String service) {
    List<JsonNode> got = entriesOf(key);
    DeliveredLogs.assertLines(got, lines, true, TRACE_ID);
    for (JsonNode e : got) {
      assertEquals(BUCKET, e.get("aws.s3.bucket").asText());
      assertEquals(service, e.get("service").asText());
      assertEquals("env:test,elb:" + service, e.get("ddtags").asText());
      assertEquals("elb", e.get("ddsource").asText());
    }
    for (FakeDatadogLogsIntake.Request r : intake.requests()) {
      assertTrue(r.gzip && r.entries <= 1000 && r.payloadBytes <= 5_000_000 && r.status == 202, r.toString());
    }
    assertEquals(List.of(), intake.oversizedEntries());
  }

  @Test
  void s3NotificationStraightToTheFunction() {
    S3Event event = Events.read(Events.s3(BUCKET, MAIN_KEY, SHOP_KEY), S3Event.class);
    TestContext context = new TestContext();
    String result = new S3EventHandler(forwarder).handleRequest(event, context);
    assertTrue(result.startsWith("2700 lines"), result);
    assertDelivered(MAIN_KEY, LINES, AlbSamples.LOAD_BALANCER);
    assertDelivered(SHOP_KEY, SHOP, "shop-lb");
    assertEquals(2, context.log.size(), context.log.toString());
    assertTrue(context.log.get(0).startsWith("s3://" + BUCKET + "/" + MAIN_KEY + ": 2000 lines"), context.log.get(0));
  }

  @Test
  void sqsMessagesWithS3OrSnsBodiesAndTheBadOnesReportedAlone() {
    String testEvent = Events.s3TestEvent(BUCKET);
    SQSEvent event = Events.read(Events.sqs(Events.s3(BUCKET, MAIN_KEY), "not a notification",
        Events.snsEnvelope(Events.s3(BUCKET, SHOP_KEY)), testEvent, Events.s3(BUCKET, "AWSLogs/gone.log.gz")),
        SQSEvent.class);
    TestContext context = new TestContext();
    SQSBatchResponse response = new SqsEventHandler(forwarder).handleRequest(event, context);
    assertEquals(List.of("m1"), response.getBatchItemFailures().stream().map(f -> f.getItemIdentifier()).toList());
    assertDelivered(MAIN_KEY, LINES, AlbSamples.LOAD_BALANCER);
    assertDelivered(SHOP_KEY, SHOP, "shop-lb");
    assertEquals(LINES.size() + SHOP.size(), intake.entries().size());
    assertTrue(context.log.stream().anyMatch(l -> l.contains("gone.log.gz: skipped, no longer there")), context.log.toString());
  }

  @Test
  void snsNotification() {
    SNSEvent event = Events.read(Events.sns(Events.s3(BUCKET, SHOP_KEY)), SNSEvent.class);
    new SnsEventHandler(forwarder).handleRequest(event, new TestContext());
    assertDelivered(SHOP_KEY, SHOP, "shop-lb");
  }

  @Test
  void anIntakeThatStaysDownFailsTheMessageWithCounts() {
    intake.failAll(500);
    S3LogForwarder failing = new S3LogForwarder(s3, new AlbLogForwarder(IntakeSettings.builder(intake.url(), API_KEY)
        .retries(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(10)).build(),
        LambdaSettings.options(Map.of())));
    TestContext context = new TestContext();
    SQSBatchResponse r = new SqsEventHandler(failing).handleRequest(
        Events.read(Events.sqs(Events.s3(BUCKET, SHOP_KEY)), SQSEvent.class), context);
    assertEquals(1, r.getBatchItemFailures().size());
    assertTrue(context.log.get(0).startsWith("message m0 failed: 700 entries not delivered after 3 attempts"),
        context.log.toString());
    ForwardingException e = assertThrows(ForwardingException.class, () -> new S3EventHandler(failing)
        .handleRequest(Events.read(Events.s3(BUCKET, SHOP_KEY), S3Event.class), new TestContext()));
    assertTrue(e.getMessage().contains("after 3 attempts, last: HTTP 500") && e.getMessage().contains("0 sent, 700 failed"),
        e.getMessage());
    assertEquals(6, intake.requests().size());
    assertTrue(intake.entries().isEmpty());
  }

  @Test
  void damagedObjectsSendWhatTheyHoldAndAreNotRetried() {
    TestContext context = new TestContext();
    new S3EventHandler(forwarder).handleRequest(Events.read(Events.s3(BUCKET, CUT_KEY, HUGE_KEY, GARBAGE_KEY, TEST_FILE_KEY),
        S3Event.class), context);

    List<JsonNode> cut = entriesOf(CUT_KEY);
    int complete = cut.size() - 1;
    assertTrue(complete > 100 && complete < 1500, complete + " lines before the damage");
    DeliveredLogs.assertLines(cut.subList(0, complete), LINES.subList(0, complete), true, TRACE_ID);
    assertTrue(cut.get(complete).get("albtrace.error").asText().startsWith("truncated gzip data"));

    List<JsonNode> huge = entriesOf(HUGE_KEY);
    assertEquals(5, huge.size());
    assertEquals(LINES.get(0), huge.get(0).get("message").asText());
    assertEquals(TRACE_ID.apply(LINES.get(0)), huge.get(0).get("dd.trace_id").asText());
    assertEquals("line longer than 1048576 bytes, cut", huge.get(1).get("albtrace.error").asText());
    assertTrue(huge.get(1).get("albtrace.truncated").asBoolean());
    assertTrue(huge.get(2).get("albtrace.error").asText().startsWith("binary data"));
    assertEquals("invalid UTF-8", huge.get(3).get("albtrace.error").asText());
    assertEquals(LINES.get(1), huge.get(4).get("message").asText());
    assertEquals(TRACE_ID.apply(LINES.get(1)), huge.get(4).get("dd.trace_id").asText());
    assertEquals(List.of(), intake.oversizedEntries());

    assertTrue(context.log.stream().anyMatch(l -> l.contains("the object is damaged: truncated gzip data")), context.log.toString());
    // Damaged past its lines, but every byte arrived: sent once and not retried (no exception above)
    List<JsonNode> garbage = entriesOf(GARBAGE_KEY);
    assertEquals(1501, garbage.size());
    DeliveredLogs.assertLines(garbage.subList(0, 1500), LINES.subList(0, 1500), true, TRACE_ID);
    assertTrue(garbage.get(1500).hasNonNull("albtrace.error"), garbage.get(1500).toString());
    assertTrue(context.log.stream().anyMatch(l -> l.contains(GARBAGE_KEY + ": ") && l.contains("the object is damaged")),
        context.log.toString());
    assertTrue(context.log.stream().anyMatch(l -> l.endsWith("ELBAccessLogTestFile: skipped (ALB's test file)")));
    assertTrue(intake.entries().stream().noneMatch(e -> e.json.path("aws.s3.key").asText().endsWith("TestFile")));
  }
}
