package io.albtrace.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.testsupport.RawHttp;
import io.albtrace.testsupport.RemoteHeap;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code requests} GETs with distinct ALB Roots over {@code connections} concurrent keep-alive
 * connections (raw sockets, sequential requests on each), each answer checked: a 200 whose JSON
 * says the tracer's trace is that request's Root, tagged, with the Root in the MDC.
 */
final class KeepAliveLoad {
  final List<String> roots = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger ok = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  /** Connections the server closed after a request ({@code Connection: close}); the next request opened a new one. */
  final AtomicInteger connections = new AtomicInteger();
  /** The first few failures, for the assertion message. */
  final List<String> firstFailures = Collections.synchronizedList(new ArrayList<>());

  /** Checks, once the agent has exported them, that every Root of a run has its server span continuing it. */
  interface SpansContinued {
    void check(List<String> roots) throws Exception;
  }

  /** Most the demo's heap after GC may grow from the warm-up to the end of the 10,000 requests. */
  static final long MAX_HEAP_GROWTH = 16L << 20;

  /** Requests between two checks of the exported spans: fewer than a tracer's export queue holds. */
  static final int ROUND = 1_000;

  /**
   * 1,000 warm-up requests, then 10,000 in rounds of {@link #ROUND}, each round followed by {@code
   * continued}; 0 failures, and the demo's heap after GC must not grow by {@link #MAX_HEAP_GROWTH}
   * between the warm-up and the end. Prints the numbers after {@code label}. Rounds, because a
   * tracer sheds load rather than block the application: dd-java-agent drops traces once its
   * bounded queue is full (one burst of 10,000 on 2 cores lost 133), and a dropped span says nothing
   * about albtrace.
   */
  static void tenThousand(Demo demo, String label, SpansContinued continued) throws Exception {
    try (RemoteHeap heap = RemoteHeap.attach(demo.jvm.pid())) {
      KeepAliveLoad warmUp = run(demo.port, 4, ROUND);
      assertEquals(ROUND, warmUp.ok.get(), warmUp::toString);
      continued.check(warmUp.roots);
      long before = heap.usedAfterGc();
      int ok = 0, connections = 0;
      for (int round = 0; round < 10; round++) {
        KeepAliveLoad load = run(demo.port, 4, ROUND);
        assertEquals(ROUND, load.ok.get(), load::toString);
        continued.check(load.roots);
        ok += load.ok.get();
        connections += load.connections.get();
      }
      long after = heap.usedAfterGc();
      System.out.printf("%s: %d ok in rounds of %d, %d connections ended by the server, every server span continued, "
          + "heap after GC %d -> %d KB%n", label, ok, ROUND, connections, before >> 10, after >> 10);
      assertTrue(after - before < MAX_HEAP_GROWTH, "heap after GC grew from " + before + " to " + after + " bytes");
    }
  }

  static KeepAliveLoad run(int port, int connections, int requests) throws Exception {
    KeepAliveLoad load = new KeepAliveLoad();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        int share = requests / connections + (c < requests % connections ? 1 : 0);
        done.add(pool.submit(() -> load.connection(port, share)));
      }
      for (Future<?> f : done) f.get(10, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    return load;
  }

  /**
   * {@code count} requests, one at a time, over one connection — a new one only where the server
   * ends it with {@code Connection: close}, as an ALB would.
   */
  private Void connection(int port, int count) throws Exception {
    Socket s = null;
    try {
      OutputStream out = null;
      InputStream in = null;
      for (int i = 0; i < count; i++) {
        if (s == null) {
          s = new Socket("127.0.0.1", port);
          s.setSoTimeout(60_000);
          s.setTcpNoDelay(true);
          out = s.getOutputStream();
          in = new BufferedInputStream(s.getInputStream());
        }
        String alb = Roots.next();
        roots.add(alb);
        out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amzn-Trace-Id: " + alb + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        RawHttp.Response response = RawHttp.readOk(in);
        check(alb, Demo.JSON.readTree(response.body));
        if (response.close) {
          s.close();
          s = null;
          connections.incrementAndGet();
        }
      }
    } finally {
      if (s != null) s.close();
    }
    return null;
  }

  private void check(String alb, JsonNode r) {
    if (Roots.hex(alb).equals(r.path("trace_id").asText())
        && r.path("aws.alb.continued").asBoolean()
        && r.path("tagged").asBoolean()
        && Roots.xray(alb).equals(r.path("mdc").asText())) {
      ok.incrementAndGet();
    } else if (failed.incrementAndGet() <= 5) {
      firstFailures.add(alb + " -> " + r);
    }
  }

  @Override
  public String toString() {
    return ok + " ok, " + failed + " failed, " + connections + " connections ended by the server " + firstFailures;
  }
}
