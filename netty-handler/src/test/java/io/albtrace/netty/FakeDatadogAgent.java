package io.albtrace.netty;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * A Datadog trace agent on 127.0.0.1 that accepts dd-java-agent's {@code /v0.4/traces} payloads
 * (msgpack: an array of traces, each an array of span maps) and keeps the spans. Every other
 * endpoint answers 404, so the tracer falls back to v0.4 and turns its other features off.
 */
final class FakeDatadogAgent implements AutoCloseable {
  /** One span as the agent received it. */
  static final class DdSpan {
    final Map<String, Value> fields = new HashMap<>();

    long traceId() {
      return fields.get("trace_id").asIntegerValue().toLong(); // uint64 as a long's bits
    }

    long parentId() {
      return fields.get("parent_id").asIntegerValue().toLong();
    }

    String name() {
      return fields.get("name").asStringValue().asString();
    }

    String meta(String key) {
      Value meta = fields.get("meta");
      if (meta == null) return null;
      Value v = meta.asMapValue().map().get(org.msgpack.value.ValueFactory.newString(key));
      return v == null ? null : v.asStringValue().asString();
    }

    Double metric(String key) {
      Value m = fields.get("metrics");
      if (m == null) return null;
      Value v = m.asMapValue().map().get(org.msgpack.value.ValueFactory.newString(key));
      if (v == null) return null;
      return v.isFloatValue() ? v.asFloatValue().toDouble() : (double) v.asIntegerValue().toLong();
    }

    @Override
    public String toString() {
      return fields.toString();
    }
  }

  final List<DdSpan> spans = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  FakeDatadogAgent() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    requests.add(ex.getRequestMethod() + " " + path);
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    if (path.equals("/v0.4/traces")) {
      try {
        decode(body);
      } catch (RuntimeException | IOException e) {
        requests.add("decode error: " + e);
      }
      byte[] ok = "{\"rate_by_service\":{}}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, ok.length);
      ex.getResponseBody().write(ok);
    } else {
      ex.sendResponseHeaders(404, -1);
    }
    ex.close();
  }

  private void decode(byte[] body) throws IOException {
    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(body)) {
      int traces = u.unpackArrayHeader();
      for (int t = 0; t < traces; t++) {
        int n = u.unpackArrayHeader();
        for (int s = 0; s < n; s++) {
          DdSpan span = new DdSpan();
          int fields = u.unpackMapHeader();
          for (int f = 0; f < fields; f++) {
            String key = u.unpackString();
            span.fields.put(key, u.unpackValue());
          }
          spans.add(span);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
