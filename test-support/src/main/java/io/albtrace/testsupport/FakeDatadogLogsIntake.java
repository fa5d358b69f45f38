package io.albtrace.testsupport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local stand-in for Datadog's logs intake, HTTP API v2, on 127.0.0.1: the only SaaS part of the
 * tests, implementing its documented contract and recording what it took.
 *
 * <pre>
 * POST /api/v2/logs   DD-API-KEY, Content-Type: application/json, optional Content-Encoding: gzip
 *   [{"message":"…","ddsource":"elb",…},…]
 * → 202 {}             taken: each entry recorded with its size
 *   400                not a JSON array of objects
 *   401 / 403          no key / another key
 *   413                more than maxEntries entries or maxPayloadBytes of uncompressed JSON
 * </pre>
 *
 * An entry over {@code maxEntryBytes} is taken (Datadog truncates it) and counted in {@link
 * #oversizedEntries()}. Faults are queued with {@link #enqueue}, one per request in arrival order
 * ({@code 429} with {@code Retry-After}, {@code 5xx}, a dropped connection, a slow answer), or made
 * permanent with {@link #failAll}. Limits default to Datadog's, read as decimal megabytes.
 */
public final class FakeDatadogLogsIntake implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
  public static final String PATH = "/api/v2/logs";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One entry the intake took. */
  public static final class Entry {
    public final JsonNode json;
    /** Bytes of the entry in the request body. */
    public final int bytes;
    /** Index of the request in {@link #requests()}. */
    public final int request;

    Entry(JsonNode json, int bytes, int request) {
      this.json = json;
      this.bytes = bytes;
      this.request = request;
    }
  }

  /** One request and the answer it got. */
  public static final class Request {
    public final int status;
    /** Entries in the body (0 when it could not be read). */
    public final int entries;
    /** Bytes of the uncompressed body. */
    public final int payloadBytes;
    public final boolean gzip;
    /** The fault applied, or null. */
    public final String fault;

    Request(int status, int entries, int payloadBytes, boolean gzip, String fault) {
      this.status = status;
      this.entries = entries;
      this.payloadBytes = payloadBytes;
      this.gzip = gzip;
      this.fault = fault;
    }

    @Override
    public String toString() {
      return status + " (" + entries + " entries, " + payloadBytes + " B" + (fault != null ? ", " + fault : "") + ")";
    }
  }

  /** What to do to one request instead of (or around) the normal answer. */
  public static final class Fault {
    final int status;
    final String retryAfter;
    final boolean reset;
    final Duration delay;

    private Fault(int status, String retryAfter, boolean reset, Duration delay) {
      this.status = status;
      this.retryAfter = retryAfter;
      this.reset = reset;
      this.delay = delay;
    }

    /** Answer {@code status} (429, 500, 503, 408, …) without taking the entries. */
    public static Fault status(int status) {
      return new Fault(status, null, false, null);
    }

    /** Answer {@code status} with a {@code Retry-After} header. */
    public static Fault status(int status, String retryAfter) {
      return new Fault(status, retryAfter, false, null);
    }

    /** Close the connection without an answer, entries not taken. */
    public static Fault reset() {
      return new Fault(0, null, true, null);
    }

    /** Take the entries, then answer only after {@code delay}: a client that gave up will send them again. */
    public static Fault slow(Duration delay) {
      return new Fault(0, null, false, delay);
    }

    @Override
    public String toString() {
      return reset ? "reset" : delay != null ? "slow " + delay.toMillis() + " ms"
          : status + (retryAfter != null ? " Retry-After: " + retryAfter : "");
    }
  }

  private final String apiKey;
  private final int maxEntries;
  private final int maxPayloadBytes;
  private final int maxEntryBytes;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-logs-intake");
    t.setDaemon(true);
    return t;
  });
  private final Deque<Fault> faults = new ArrayDeque<>();
  private volatile int failAll;
  // Guarded by this (not copy-on-write lists: adding 100,000 entries one by one would be quadratic).
  private final List<Entry> entries = new ArrayList<>();
  private final List<Request> requests = new ArrayList<>();
  private final List<Integer> oversized = new ArrayList<>();

  /** An intake with Datadog's limits: 1000 entries, 5,000,000 bytes per request, 1,000,000 per entry. */
  public FakeDatadogLogsIntake(String apiKey) throws IOException {
    this(apiKey, 1000, 5_000_000, 1_000_000);
  }

  /**
   * An intake for a whole test class, as a JUnit extension: cleared before each test, closed after
   * the last. {@code @RegisterExtension static final FakeDatadogLogsIntake intake = FakeDatadogLogsIntake.perClass(KEY);}
   */
  public static FakeDatadogLogsIntake perClass(String apiKey) {
    try {
      return new FakeDatadogLogsIntake(apiKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    clear();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  public FakeDatadogLogsIntake(String apiKey, int maxEntries, int maxPayloadBytes, int maxEntryBytes) throws IOException {
    this.apiKey = apiKey;
    this.maxEntries = maxEntries;
    this.maxPayloadBytes = maxPayloadBytes;
    this.maxEntryBytes = maxEntryBytes;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** Faults for the next requests, in order. */
  public synchronized void enqueue(Fault... next) {
    for (Fault f : next) faults.add(f);
  }

  /** From now on every request gets {@code status} (0: back to normal). */
  public void failAll(int status) {
    failAll = status;
  }

  /** Entries taken, in the order they arrived. */
  public synchronized List<Entry> entries() {
    return new ArrayList<>(entries);
  }

  public synchronized List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /** Sizes of entries taken that were over {@code maxEntryBytes}. */
  public synchronized List<Integer> oversizedEntries() {
    return new ArrayList<>(oversized);
  }

  /** Forgets what was received and the queued faults. */
  public synchronized void clear() {
    faults.clear();
    failAll = 0;
    entries.clear();
    requests.clear();
    oversized.clear();
  }

  private synchronized Fault nextFault() {
    return failAll != 0 ? Fault.status(failAll) : faults.poll();
  }

  private void handle(HttpExchange x) throws IOException {
    try {
      byte[] raw = x.getRequestBody().readAllBytes();
      Fault fault = nextFault();
      String faultName = fault == null ? null : fault.toString();
      if (fault != null && fault.reset) {
        synchronized (this) {
          requests.add(new Request(0, 0, 0, false, faultName));
        }
        return; // closed without an answer
      }
      if (!"POST".equals(x.getRequestMethod()) || !PATH.equals(x.getRequestURI().getPath())) {
        answer(x, 404, null, 0, 0, false, faultName);
        return;
      }
      String key = x.getRequestHeaders().getFirst("DD-API-KEY");
      if (key == null || !key.equals(apiKey)) {
        answer(x, key == null ? 401 : 403, null, 0, 0, false, faultName);
        return;
      }
      if (fault != null && fault.status != 0) {
        answer(x, fault.status, fault.retryAfter, 0, 0, false, faultName);
        return;
      }
      boolean gzip = "gzip".equalsIgnoreCase(x.getRequestHeaders().getFirst("Content-Encoding"));
      byte[] body;
      try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(raw)) : new ByteArrayInputStream(raw)) {
        body = in.readAllBytes();
      } catch (IOException e) {
        answer(x, 400, null, 0, raw.length, gzip, faultName);
        return;
      }
      List<JsonNode> nodes = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      if (!readArray(body, nodes, sizes)) {
        answer(x, 400, null, 0, body.length, gzip, faultName);
        return;
      }
      if (nodes.size() > maxEntries || body.length > maxPayloadBytes) {
        answer(x, 413, null, nodes.size(), body.length, gzip, faultName);
        return;
      }
      int index;
      synchronized (this) {
        index = requests.size();
        requests.add(new Request(202, nodes.size(), body.length, gzip, faultName));
        for (int i = 0; i < nodes.size(); i++) {
          entries.add(new Entry(nodes.get(i), sizes.get(i), index));
          if (sizes.get(i) > maxEntryBytes) oversized.add(sizes.get(i));
        }
      }
      if (fault != null && fault.delay != null) sleep(fault.delay);
      send(x, 202, null);
    } finally {
      x.close();
    }
  }

  private void answer(HttpExchange x, int status, String retryAfter, int n, int bytes, boolean gzip, String fault)
      throws IOException {
    synchronized (this) {
      requests.add(new Request(status, n, bytes, gzip, fault));
    }
    send(x, status, retryAfter);
  }

  private static void send(HttpExchange x, int status, String retryAfter) throws IOException {
    byte[] b = (status == 202 ? "{}" : "{\"errors\":[\"status " + status + "\"]}").getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter != null) x.getResponseHeaders().set("Retry-After", retryAfter);
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
  }

  /** A JSON array of objects, each with the bytes it took in {@code body}; false when it is not one. */
  private static boolean readArray(byte[] body, List<JsonNode> nodes, List<Integer> sizes) {
    try (JsonParser p = JSON.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_ARRAY) return false;
      while (p.nextToken() == JsonToken.START_OBJECT) {
        long start = p.currentTokenLocation().getByteOffset();
        JsonNode n = JSON.readTree(p);
        nodes.add(n);
        sizes.add((int) (p.currentLocation().getByteOffset() - start));
      }
      return p.currentToken() == JsonToken.END_ARRAY && p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
