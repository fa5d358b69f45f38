package io.albtrace.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * A local stand-in for the Datadog trace agent: answers {@code /info} with the v0.4 endpoint and
 * decodes the msgpack that dd-java-agent PUTs to {@code /v0.4/traces}, the real wire format (the
 * only one that carries the {@code _dd.p.tid} meta).
 */
final class FakeDatadogAgent implements AutoCloseable {
  private final HttpServer server;
  private final List<Map<String, Object>> spans = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  FakeDatadogAgent() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(exchange.getRequestMethod() + " " + path);
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    int status = 404;
    String answer = "{}";
    if (path.equals("/info")) {
      status = 200;
      answer = "{\"version\":\"7.60.0\",\"endpoints\":[\"/v0.4/traces\"],\"client_drop_p0s\":false}";
    } else if (path.equals("/v0.4/traces")) {
      status = 200;
      answer = "{\"rate_by_service\":{}}";
      if (body.length > 0) decode(body);
    }
    byte[] out = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  @SuppressWarnings("unchecked")
  private void decode(byte[] body) throws IOException {
    try (MessageUnpacker in = MessagePack.newDefaultUnpacker(body)) {
      Object traces = toJava(in.unpackValue());
      for (Object trace : (List<Object>) traces) {
        for (Object span : (List<Object>) trace) spans.add((Map<String, Object>) span);
      }
    }
  }

  private static Object toJava(Value v) {
    switch (v.getValueType()) {
      case NIL: return null;
      case BOOLEAN: return v.asBooleanValue().getBoolean();
      case INTEGER: return v.asIntegerValue().asBigInteger();
      case FLOAT: return v.asFloatValue().toDouble();
      case STRING: return v.asStringValue().asString();
      case BINARY: return v.asBinaryValue().asByteArray();
      case ARRAY: {
        List<Object> list = new ArrayList<>();
        for (Value e : v.asArrayValue()) list.add(toJava(e));
        return list;
      }
      case MAP: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<Value, Value> e : v.asMapValue().entrySet()) map.put(e.getKey().toString(), toJava(e.getValue()));
        return map;
      }
      default: return v.toString();
    }
  }

  /** Waits (bounded) for a span matching {@code p}. */
  Map<String, Object> awaitSpan(Predicate<Map<String, Object>> p) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      for (Map<String, Object> s : spans) if (p.test(s)) return s;
      Thread.sleep(100);
    }
    throw new AssertionError("no matching span; got " + spans + "; requests " + requests);
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> meta(Map<String, Object> span) {
    Object m = span.get("meta");
    return m == null ? Map.of() : (Map<String, String>) m;
  }

  static BigInteger id(Map<String, Object> span, String key) {
    return (BigInteger) span.get(key);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
