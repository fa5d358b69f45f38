package io.albtrace.reliability;

import io.albtrace.continuation.TrustPolicy;
import io.albtrace.testsupport.RawHttp;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A raw-socket HTTP/1.1 client for the adapter stress tests: {@code connections} concurrent
 * keep-alive connections to 127.0.0.1, each sending {@link HostileMix} requests pipelined a few
 * deep and checking that every response is a 200 whose echo is exactly its own request's expected
 * ids. Raw sockets, because HTTP client libraries refuse to send the hostile header bytes.
 */
final class KeepAliveLoad {
  static final int WINDOW = 8;

  /** What a run did. */
  static final class Result {
    int ok;
    int errors;
    final List<String> firstErrors = new ArrayList<>();

    synchronized void add(Result r) {
      ok += r.ok;
      errors += r.errors;
      for (String e : r.firstErrors) if (firstErrors.size() < 5) firstErrors.add(e);
    }

    void error(String e) {
      errors++;
      if (firstErrors.size() < 5) firstErrors.add(e);
    }

    @Override
    public String toString() {
      return ok + " ok, " + errors + " errors " + firstErrors;
    }
  }

  private KeepAliveLoad() {}

  /** Runs {@code perConnection} requests on each of {@code connections} connections. */
  static Result run(int port, int connections, int perConnection, int firstRequest, TrustPolicy policy)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        int conn = c;
        futures.add(pool.submit(() -> connection(port, conn, firstRequest, perConnection, policy)));
      }
      Result total = new Result();
      for (Future<Result> f : futures) total.add(f.get(10, TimeUnit.MINUTES));
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Result connection(int port, int conn, int first, int count, TrustPolicy policy)
      throws IOException {
    Result r = new Result();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setTcpNoDelay(true);
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
      int sent = 0;
      int received = 0;
      HostileMix.Request[] inFlight = new HostileMix.Request[WINDOW];
      while (received < count) {
        while (sent < count && sent - received < WINDOW) {
          HostileMix.Request q = HostileMix.request(conn, first + sent);
          inFlight[sent % WINDOW] = q;
          out.write(q.bytes);
          sent++;
        }
        out.flush();
        HostileMix.Request q = inFlight[received % WINDOW];
        String expected = q.expectedEcho(HostileMix.id(conn, first + received), policy);
        String actual = readResponse(in);
        if (expected.equals(actual)) r.ok++;
        else r.error("request " + HostileMix.id(conn, first + received) + ": expected\n" + expected + "\ngot\n" + actual);
        received++;
      }
    }
    return r;
  }

  static String readResponse(InputStream in) throws IOException {
    return new String(RawHttp.readOkBody(in), StandardCharsets.ISO_8859_1);
  }


  /** Heap in use after full GCs: run until it stops falling. */
  static long heapAfterGc() throws InterruptedException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (used >= best) break;
      best = used;
    }
    return best;
  }
}
