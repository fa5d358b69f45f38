package io.albtrace.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/**
 * A local stand-in for the Datadog trace agent on 127.0.0.1, for tests that run the real
 * dd-java-agent. It answers {@code /info} advertising only the v0.4 endpoint and decodes what the
 * tracer PUTs to {@code /v0.4/traces} — the real wire format, and the only one that carries the
 * {@code _dd.p.tid} meta. The body is msgpack: an array of traces, each an array of span maps:
 *
 * <pre>
 * [[{"trace_id": 2541551403134113400, "span_id": ..., "parent_id": 0, "name": "netty.request",
 *    "meta": {"_dd.p.tid": "67891233abcdef01", ...}, "metrics": {"_sampling_priority_v1": 1.0, ...}}]]
 * </pre>
 *
 * Every other path answers 404, so the tracer turns its other features off. Each request is logged
 * as {@code "METHOD /path"} in {@link #requests()}, for failure messages.
 */
public final class FakeDatadogAgent implements AutoCloseable {
  /** How long {@link #awaitSpan(Predicate)} waits for the tracer's flush. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final byte[] INFO = ("{\"version\":\"7.60.0\",\"endpoints\":[\"/v0.4/traces\"],"
      + "\"client_drop_p0s\":false}").getBytes(StandardCharsets.UTF_8);
  private static final byte[] RATES = "{\"rate_by_service\":{}}".getBytes(StandardCharsets.UTF_8);

  /** One span as the agent received it; absent fields read as {@code null}. */
  public static final class Span {
    private final Map<String, Value> fields;
    private final String chunkTid;

    Span(Map<String, Value> fields, String chunkTid) {
      this.fields = fields;
      this.chunkTid = chunkTid;
    }

    /**
     * The {@code _dd.p.tid} of the trace chunk this span came in, or {@code null}: the tracer
     * writes it on one span of the chunk (the first), not necessarily on this one.
     */
    public String chunkTid() {
      return chunkTid;
    }

    /** The low 64 bits of the trace id: a uint64 on the wire, held in a long's bits. */
    public long traceId() {
      return fields.get("trace_id").asIntegerValue().toLong();
    }

    /** The parent span id (uint64 in a long's bits); 0 for a root span. */
    public long parentId() {
      return fields.get("parent_id").asIntegerValue().toLong();
    }

    public String name() {
      return string(fields.get("name"));
    }

    /** A {@code meta} (string tag) value, or {@code null}. */
    public String meta(String key) {
      return string(entry("meta", key));
    }

    /** A {@code metrics} (numeric tag) value, or {@code null}. */
    public Double metric(String key) {
      Value v = entry("metrics", key);
      if (v == null || v.isNilValue()) return null;
      return v.isFloatValue() ? v.asFloatValue().toDouble() : (double) v.asIntegerValue().toLong();
    }

    private Value entry(String map, String key) {
      return entry(fields, map, key);
    }

    static Value entry(Map<String, Value> fields, String map, String key) {
      Value m = fields.get(map);
      if (m == null || !m.isMapValue()) return null;
      return m.asMapValue().map().get(ValueFactory.newString(key));
    }

    static String string(Value v) {
      return v == null || v.isNilValue() ? null : v.asStringValue().asString();
    }

    @Override
    public String toString() {
      return fields.toString();
    }
  }

  private final List<Span> spans = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  public FakeDatadogAgent() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every span received so far, in arrival order (a live, thread-safe view). */
  public List<Span> spans() {
    return Collections.unmodifiableList(spans);
  }

  /** {@code "METHOD /path"} per request, plus a {@code "decode error: ..."} line per bad payload. */
  public List<String> requests() {
    return Collections.unmodifiableList(requests);
  }

  /** {@link #awaitSpan(Predicate, Duration)} with {@link #DEFAULT_TIMEOUT}. */
  public Span awaitSpan(Predicate<Span> match) throws InterruptedException {
    return awaitSpan(match, DEFAULT_TIMEOUT);
  }

  /**
   * Polls until a received span matches; throws {@link AssertionError} listing what did arrive
   * once {@code timeout} has passed (a bound on waiting for the flush, not a speed assertion).
   */
  public Span awaitSpan(Predicate<Span> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Span s : spans) if (match.test(s)) return s;
      if (System.nanoTime() - deadline > 0) break;
      Thread.sleep(100);
    }
    throw new AssertionError("no matching span; got " + spans + "; requests " + requests);
  }

  /**
   * The spans whose {@code meta} {@code key} is one of {@code values}, by that value, once all have
   * arrived or {@link #DEFAULT_TIMEOUT} has passed: the caller compares the count.
   */
  public Map<String, Span> awaitByMeta(String key, Collection<String> values) throws InterruptedException {
    Set<String> wanted = new HashSet<>(values);
    Map<String, Span> found = new HashMap<>();
    long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
    for (int seen = 0; ; ) {
      for (; seen < spans.size(); seen++) {
        String v = spans.get(seen).meta(key);
        if (v != null && wanted.contains(v)) found.put(v, spans.get(seen));
      }
      if (found.size() == wanted.size() || System.nanoTime() - deadline >= 0) return found;
      Thread.sleep(100);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(exchange.getRequestMethod() + " " + path);
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    byte[] answer = null;
    if (path.equals("/info")) {
      answer = INFO;
    } else if (path.equals("/v0.4/traces")) {
      answer = RATES;
      try {
        if (body.length > 0) decode(body);
      } catch (RuntimeException | IOException e) {
        requests.add("decode error: " + e); // surfaces in failure messages; the tracer still gets a 200
      }
    }
    if (answer == null) {
      exchange.sendResponseHeaders(404, -1);
    } else {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
    exchange.close();
  }

  private void decode(byte[] body) throws IOException {
    try (MessageUnpacker in = MessagePack.newDefaultUnpacker(body)) {
      int traces = in.unpackArrayHeader();
      for (int t = 0; t < traces; t++) {
        int n = in.unpackArrayHeader();
        List<Map<String, Value>> chunk = new ArrayList<>(n);
        String tid = null;
        for (int s = 0; s < n; s++) {
          int count = in.unpackMapHeader();
          Map<String, Value> fields = new HashMap<>();
          for (int f = 0; f < count; f++) {
            String key = in.unpackString();
            fields.put(key, in.unpackValue());
          }
          chunk.add(fields);
          if (tid == null) tid = Span.string(Span.entry(fields, "meta", "_dd.p.tid"));
        }
        for (Map<String, Value> fields : chunk) spans.add(new Span(fields, tid));
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
