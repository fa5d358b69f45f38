package io.albtrace.spans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.testsupport.OtlpReceiver;
import io.albtrace.testsupport.OtlpReceiver.Fault;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ALB spans through the SDK's real OTLP/HTTP exporter to a receiver on 127.0.0.1 that decodes the
 * protobuf with the official classes; faults 429, 503, connection refused, a slow receiver. Every
 * span is delivered once the receiver recovers, or counted as failed — never both, never neither.
 */
class SpanExportTest {
  private static final int SPANS = 1000;
  private static final int BATCH = 100;
  private static final List<SpanData> LOG = new ArrayList<>();
  private static final Logger EXPORTER_LOG = Logger.getLogger("io.opentelemetry.exporter");

  @BeforeAll
  static void generateLog() {
    EXPORTER_LOG.setLevel(Level.OFF); // failures are what these tests make; the counts report them
    AlbSpanMapper mapper = new AlbSpanMapper();
    for (int i = 0; i < SPANS; i++) {
      String root = String.format("1-6789%04x-%024x", i, 0xabcdef0000L + i);
      LOG.add(mapper.map(AlbLine.aws().traceId("Root=" + root).toString()));
    }
  }

  /** A quick policy: the exporter's retry logic, with backoff in tens of milliseconds. */
  static OtlpHttpSpanExporter exporter(String endpoint, Duration timeout) {
    return OtlpHttpSpanExporter.builder()
        .setEndpoint(endpoint)
        .setTimeout(timeout)
        .setRetryPolicy(RetryPolicy.builder().setMaxAttempts(5).setInitialBackoff(Duration.ofMillis(20))
            .setMaxBackoff(Duration.ofMillis(100)).setBackoffMultiplier(2).build())
        .build();
  }

  static SpanShipper ship(OtlpHttpSpanExporter exporter) throws InterruptedException {
    SpanShipper shipper = new SpanShipper(exporter, BATCH, 3);
    for (SpanData s : LOG) shipper.add(s);
    shipper.finish(60, TimeUnit.SECONDS);
    exporter.shutdown().join(10, TimeUnit.SECONDS);
    return shipper;
  }

  /** Each span id of the log exactly once among what the receiver accepted. */
  static void assertEachSpanOnce(OtlpReceiver r) {
    Map<String, Integer> count = new HashMap<>();
    for (OtlpReceiver.Received s : r.spans()) count.merge(hex(s.span.getSpanId().toByteArray()), 1, Integer::sum);
    Set<String> expected = new HashSet<>();
    for (SpanData s : LOG) expected.add(s.getSpanId());
    assertEquals(expected, count.keySet(), r.log().toString());
    count.forEach((id, n) -> assertEquals(1, n, id));
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) sb.append(String.format("%02x", x));
    return sb.toString();
  }

  private static SpanShipper shipTo(IntFunction<Fault> faults, OtlpReceiver[] out) throws Exception {
    try (OtlpReceiver r = new OtlpReceiver(faults)) {
      out[0] = r;
      return ship(exporter(r.endpoint(), Duration.ofSeconds(10)));
    }
  }

  @Test
  void everySpanArrivesDecodedByTheProtoClasses() throws Exception {
    OtlpReceiver[] r = new OtlpReceiver[1];
    SpanShipper shipper = shipTo(n -> Fault.OK, r);
    assertEquals(SPANS, shipper.delivered());
    assertEquals(0, shipper.failed());
    assertEquals(SPANS / BATCH, r[0].requests());
    assertTrue(r[0].mostConcurrent() <= 3, "at most maxInFlight requests at once: " + r[0].mostConcurrent());
    assertEachSpanOnce(r[0]);

    OtlpReceiver.Received first = r[0].spans().stream()
        .filter(s -> hex(s.span.getSpanId().toByteArray()).equals(LOG.get(0).getSpanId())).findFirst().orElseThrow();
    SpanData sent = LOG.get(0);
    assertEquals(sent.getTraceId(), hex(first.span.getTraceId().toByteArray()));
    assertEquals(0, first.span.getParentSpanId().size(), "a root span: no parent on the wire");
    assertEquals(Span.SpanKind.SPAN_KIND_SERVER, first.span.getKind());
    assertEquals("GET", first.span.getName());
    assertEquals(sent.getStartEpochNanos(), first.span.getStartTimeUnixNano());
    assertEquals(1530570168364000000L, first.span.getStartTimeUnixNano());
    assertEquals(1530570180186641000L, first.span.getEndTimeUnixNano());
    assertEquals(AlbSpanMapper.SCOPE_NAME, first.scope);
    assertEquals("my-loadbalancer", value(first.resource.getAttributesList(), "service.name").getStringValue());
    assertEquals("us-east-2", value(first.resource.getAttributesList(), "cloud.region").getStringValue());
    assertEquals(200, value(first.span.getAttributesList(), "http.response.status_code").getIntValue());
    assertEquals("http://www.example.com:80/", value(first.span.getAttributesList(), "url.full").getStringValue());
    assertEquals(sent.getTotalAttributeCount(), first.span.getAttributesCount());
  }

  static io.opentelemetry.proto.common.v1.AnyValue value(List<KeyValue> attributes, String key) {
    for (KeyValue kv : attributes) if (kv.getKey().equals(key)) return kv.getValue();
    throw new AssertionError("no " + key + " in " + attributes);
  }

  @Test
  void tooManyRequestsThenRecovery() throws Exception {
    OtlpReceiver[] r = new OtlpReceiver[1];
    SpanShipper shipper = shipTo(n -> n < 6 ? Fault.status(429) : Fault.OK, r);
    assertEquals(SPANS, shipper.delivered(), r[0].log().toString());
    assertEquals(0, shipper.failed());
    assertEquals(SPANS / BATCH + 6, r[0].requests(), "each refused batch sent again: " + r[0].log());
    assertEachSpanOnce(r[0]);
  }

  @Test
  void unavailableThenRecovery() throws Exception {
    OtlpReceiver[] r = new OtlpReceiver[1];
    SpanShipper shipper = shipTo(n -> n % 3 == 0 ? Fault.status(503) : Fault.OK, r);
    assertEquals(SPANS, shipper.delivered(), r[0].log().toString());
    assertEquals(0, shipper.failed());
    assertEachSpanOnce(r[0]);
  }

  /** A receiver that keeps answering 503: every batch is retried, then given up and counted. */
  @Test
  void unavailableForGoodIsCountedFailed() throws Exception {
    OtlpReceiver[] r = new OtlpReceiver[1];
    SpanShipper shipper = shipTo(n -> n < 25 ? Fault.status(503) : Fault.OK, r);
    // 5 attempts per batch: the first 5 batches exhaust theirs on the 25 refusals
    assertEquals(SPANS, shipper.delivered() + shipper.failed());
    assertTrue(shipper.failed() >= BATCH, "some batches failed for good: " + r[0].log());
    assertEquals(shipper.delivered(), r[0].spans().size(), "delivered = what the receiver accepted");
    assertEquals("HTTP 503", shipper.failure());
  }

  @Test
  void connectionRefusedIsCountedFailed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    SpanShipper shipper = ship(exporter("http://127.0.0.1:" + port + "/v1/traces", Duration.ofSeconds(2)));
    assertEquals(0, shipper.delivered());
    assertEquals(SPANS, shipper.failed());
    // the JDK's client says ConnectException, or ClosedChannelException when the deadline cuts a connect short
    assertTrue(shipper.failure().startsWith("java.net.ConnectException")
        || shipper.failure().startsWith("java.nio.channels.ClosedChannelException"), shipper.failure());
  }

  /** Refused at first, then the receiver comes up on that port: the exporter's retries deliver everything. */
  @Test
  void connectionRefusedThenTheReceiverStarts() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + port + "/v1/traces")
        .setTimeout(Duration.ofSeconds(20))
        .setRetryPolicy(RetryPolicy.builder().setMaxAttempts(5).setInitialBackoff(Duration.ofMillis(500))
            .setMaxBackoff(Duration.ofSeconds(2)).setBackoffMultiplier(2).build())
        .build();
    SpanShipper shipper = new SpanShipper(exporter, BATCH, 3);
    for (int i = 0; i < 3 * BATCH; i++) shipper.add(LOG.get(i)); // three batches out, each refused
    try (OtlpReceiver r = new OtlpReceiver(n -> Fault.OK, port)) {
      for (int i = 3 * BATCH; i < SPANS; i++) shipper.add(LOG.get(i)); // waits for the first three
      assertTrue(shipper.finish(60, TimeUnit.SECONDS), shipper.failure());
      assertEquals(SPANS, shipper.delivered());
      assertEachSpanOnce(r);
    }
    exporter.shutdown();
  }

  /** Slower than usual but within the timeout: delivered. */
  @Test
  void slowReceiver() throws Exception {
    OtlpReceiver[] r = new OtlpReceiver[1];
    SpanShipper shipper = shipTo(n -> Fault.slow(300), r);
    assertEquals(SPANS, shipper.delivered());
    assertEachSpanOnce(r[0]);
  }

  /**
   * Slower than the exporter's timeout: the batches are counted as failed, although the receiver
   * may have kept some (an answer that comes too late cannot be told from a lost request).
   */
  @Test
  void receiverSlowerThanTheTimeoutIsCountedFailed() throws Exception {
    try (OtlpReceiver r = new OtlpReceiver(n -> Fault.slow(3000))) {
      OtlpHttpSpanExporter exporter = exporter(r.endpoint(), Duration.ofMillis(500));
      SpanShipper shipper = new SpanShipper(exporter, BATCH, 3);
      for (int i = 0; i < 2 * BATCH; i++) shipper.add(LOG.get(i));
      assertFalse(shipper.finish(60, TimeUnit.SECONDS));
      assertEquals(0, shipper.delivered());
      assertEquals(2 * BATCH, shipper.failed());
      assertTrue(shipper.failure().contains("HttpTimeoutException"), shipper.failure());
      exporter.shutdown();
    }
  }

  /** An exporter that never answers: finish gives up at its timeout and counts what is out. */
  @Test
  void anExporterThatNeverAnswersIsCountedAtFinish() throws Exception {
    io.opentelemetry.sdk.trace.export.SpanExporter silent = new io.opentelemetry.sdk.trace.export.SpanExporter() {
      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode export(java.util.Collection<SpanData> spans) {
        return new io.opentelemetry.sdk.common.CompletableResultCode();
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode flush() {
        return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
        return flush();
      }
    };
    SpanShipper shipper = new SpanShipper(silent, 10, 2);
    for (int i = 0; i < 15; i++) shipper.add(LOG.get(i));
    assertFalse(shipper.finish(100, TimeUnit.MILLISECONDS));
    assertEquals(15, shipper.failed());
    assertEquals(0, shipper.delivered());
  }
}
