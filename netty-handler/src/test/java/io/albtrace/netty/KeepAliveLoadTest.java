package io.albtrace.netty;

import io.albtrace.testsupport.RawHttp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.albtrace.continuation.Continuation;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * 100 000 requests over 4 keep-alive connections to a real server on 127.0.0.1, pipelined 32 deep,
 * each with its own Root: no errors, and every response carries the trace id that its own
 * request's Root maps to (the tracer's span, seen by the application handler).
 */
class KeepAliveLoadTest {
  static final int CONNECTIONS = 4;
  static final int PER_CONNECTION = 25_000;
  static final int WINDOW = 32;

  @Test
  void everyResponseIsMappedToItsOwnRequest() throws Exception {
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().build()) // spans recorded, not exported
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    try (EchoServer server = new EchoServer(p -> TestTracingHandler.addAfterCodec(p, otel), EchoServer.with(Continuation.defaults()))) {
      List<Future<int[]>> results = new ArrayList<>();
      for (int c = 0; c < CONNECTIONS; c++) {
        int conn = c;
        results.add(pool.submit(() -> run(server.port(), conn)));
      }
      int ok = 0;
      int mismatched = 0;
      for (Future<int[]> f : results) {
        int[] r = f.get();
        ok += r[0];
        mismatched += r[1];
      }
      assertEquals(0, mismatched, "responses carrying another request's trace id");
      assertEquals(CONNECTIONS * PER_CONNECTION, ok);
    } finally {
      pool.shutdownNow();
      otel.close();
    }
  }

  /** Root for request {@code i} on connection {@code conn}; every other 5th request is ALB-generated. */
  static String unique(int conn, int i) {
    return String.format("%08x%016x", conn + 1, (long) i * 0x9E3779B97F4AL + 1);
  }

  /** Returns {ok, mismatched}. */
  static int[] run(int port, int conn) throws IOException {
    int ok = 0;
    int mismatched = 0;
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
      int sent = 0;
      int received = 0;
      while (received < PER_CONNECTION) {
        StringBuilder batch = new StringBuilder();
        while (sent < PER_CONNECTION && sent - received < WINDOW) {
          String root = "1-6789abcd-" + unique(conn, sent);
          batch.append("GET /echo/").append(sent).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
          if (sent % 5 == 0) batch.append("X-Amzn-Trace-Id: Root=").append(root).append("\r\n");
          else batch.append("X-Amzn-Trace-Id: Self=1-6789abcd-").append(unique(conn, sent + 1))
              .append(";Root=").append(root).append(";Lineage=a87bd80c:1\r\n");
          batch.append("\r\n");
          sent++;
        }
        if (batch.length() > 0) {
          out.write(batch.toString().getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
        String body = readResponse(in);
        String expected = "\"trace_id\":\"6789abcd" + unique(conn, received) + "\"";
        String expectedRoot = "\"alb_root\":\"1-6789abcd-" + unique(conn, received) + "\"";
        if (body.contains(expected) && body.contains(expectedRoot)) ok++;
        else mismatched++;
        received++;
      }
    }
    return new int[] {ok, mismatched};
  }

  static String readResponse(InputStream in) throws IOException {
    return new String(RawHttp.readOkBody(in), StandardCharsets.UTF_8);
  }

}
