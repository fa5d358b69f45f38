package io.albtrace.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1 for tests: {@code POST /v1/traces} with an
 * {@code application/x-protobuf} {@code ExportTraceServiceRequest} (gzip or not), decoded with the official
 * {@code opentelemetry-proto} classes. Faults are injected per request: {@link #answer} maps the
 * request's number (0, 1, ...) to a {@link Fault}; a request answered with a fault is not
 * accepted, and its spans are not kept.
 *
 * <pre>
 * try (OtlpReceiver r = new OtlpReceiver(n -&gt; n &lt; 2 ? Fault.status(503) : Fault.OK)) {
 *   exporter.setEndpoint(r.endpoint());                 // http://127.0.0.1:&lt;port&gt;/v1/traces
 *   ...
 *   r.spans();                                          // every span of every accepted request
 * }
 * </pre>
 */
public final class OtlpReceiver implements AutoCloseable {
  /** How one request is answered: a status code, after a delay. */
  public static final class Fault {
    public static final Fault OK = new Fault(200, 0);

    final int status;
    final long delayMillis;

    private Fault(int status, long delayMillis) {
      this.status = status;
      this.delayMillis = delayMillis;
    }

    /** Answer with {@code status} (429, 503, ...) and an empty body. */
    public static Fault status(int status) {
      return new Fault(status, 0);
    }

    /** Accept after {@code millis}: a slow receiver (or, past the client's timeout, one that never answers). */
    public static Fault slow(long millis) {
      return new Fault(200, millis);
    }
  }

  /** A span as received, with the resource and scope it came under. */
  public static final class Received {
    public final Resource resource;
    public final String scope;
    public final Span span;

    Received(Resource resource, String scope, Span span) {
      this.resource = resource;
      this.scope = scope;
      this.span = span;
    }
  }

  private final HttpServer server;
  private final IntFunction<Fault> answer;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger mostConcurrent = new AtomicInteger();
  private final List<Received> spans = new CopyOnWriteArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<java.util.Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();

  /** A receiver answering every request with {@code answer.apply(requestNumber)}, on a free port. */
  public OtlpReceiver(IntFunction<Fault> answer) throws IOException {
    this(answer, 0);
  }

  /** The same on {@code port} (0: any free one). */
  public OtlpReceiver(IntFunction<Fault> answer, int port) throws IOException {
    this.answer = answer;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "otlp-receiver");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}: the base URL (the exporter path is {@code /v1/traces}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** {@code http://127.0.0.1:<port>/v1/traces}. */
  public String endpoint() {
    return baseUrl() + "/v1/traces";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange x) throws IOException {
    int now = concurrent.incrementAndGet();
    for (int most; now > (most = mostConcurrent.get()) && !mostConcurrent.compareAndSet(most, now); ) {}
    try (x) {
      int n = requests.getAndIncrement();
      byte[] body;
      boolean gzip = "gzip".equalsIgnoreCase(x.getRequestHeaders().getFirst("Content-Encoding"));
      try (InputStream in = gzip ? new java.util.zip.GZIPInputStream(x.getRequestBody()) : x.getRequestBody()) {
        body = in.readAllBytes();
      }
      headers.add(x.getRequestHeaders());
      Fault f = x.getRequestMethod().equals("POST") && x.getRequestURI().getPath().equals("/v1/traces")
          ? answer.apply(n) : Fault.status(404);
      log.add(n + " " + x.getRequestMethod() + " " + x.getRequestURI().getPath() + " "
          + x.getRequestHeaders().getFirst("Content-Type") + " → " + f.status + (f.delayMillis > 0 ? " after " + f.delayMillis + " ms" : ""));
      if (f.delayMillis > 0) Thread.sleep(f.delayMillis);
      if (f.status != 200) {
        x.sendResponseHeaders(f.status, -1);
        return;
      }
      List<Received> got = new ArrayList<>();
      for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span s : ss.getSpansList()) got.add(new Received(rs.getResource(), ss.getScope().getName(), s));
        }
      }
      spans.addAll(got);
      byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      x.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      x.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
      if (ok.length > 0) x.getResponseBody().write(ok);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      concurrent.decrementAndGet();
    }
  }

  /** Every span of every accepted request, in arrival order. */
  public List<Received> spans() {
    return spans;
  }

  /** The headers of each request, in arrival order (names as the JDK's server gives them: first letter upper case). */
  public List<java.util.Map<String, List<String>>> headers() {
    return headers;
  }

  /** Requests seen, accepted or not. */
  public int requests() {
    return requests.get();
  }

  /** The most requests being answered at once. */
  public int mostConcurrent() {
    return mostConcurrent.get();
  }

  /** One line per request: number, method, path, content type, answer; for failure messages. */
  public List<String> log() {
    return log;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
