package io.albtrace.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import io.albtrace.servlet.AlbTraceFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.MDC;

/**
 * The servlet filter on a real embedded Tomcat on 127.0.0.1 under concurrent keep-alive load:
 * 10^5 requests of {@link HostileMix} over 4 connections, trust policy {@code ALWAYS}. Zero errors,
 * every response echoes exactly its own request's ids — including the MDC value, which must be the
 * request's own Root and absent for requests without a valid one (so a value left behind by an
 * earlier request on the same worker thread is caught) — and nothing the filter made for a request
 * stays reachable after it: the parsed header it put in a request attribute, the wrapped request
 * and the MDC value are all collected ({@link RequestScoped}). That check counts objects, not heap
 * bytes, so it does not depend on when or how much the GC frees: a filter that kept any of them
 * (in a static list, a field, a thread-local) fails it, as {@link #leakCheckCatchesALeakingFilter}
 * shows.
 */
class ServletStressTest {
  static final int CONNECTIONS = 4;
  static final int PER_CONNECTION = 25_000;
  /** System.gc() rounds to wait for the last requests' objects to be collected; not a time limit. */
  static final int GC_ROUNDS = 50;

  @Test
  void hostileMixUnderKeepAliveLoad() throws Exception {
    TrustPolicy policy = TrustPolicy.ALWAYS;
    AtomicInteger servletErrors = new AtomicInteger();
    RequestScoped scoped = new RequestScoped();
    Tomcat tomcat = start(new AlbTraceFilter(Continuation.builder().trustPolicy(policy).build()), servletErrors, scoped);
    try {
      int port = tomcat.getConnector().getLocalPort();
      KeepAliveLoad.Result warmUp = KeepAliveLoad.run(port, 2, 5_000, 0, policy);
      assertEquals(0, warmUp.errors, warmUp::toString);

      KeepAliveLoad.Result r = KeepAliveLoad.run(port, CONNECTIONS, PER_CONNECTION, 5_000, policy);

      assertEquals(0, r.errors, r::toString);
      assertEquals(CONNECTIONS * PER_CONNECTION, r.ok);
      assertEquals(0, servletErrors.get());
      // 7 of the 11 kinds carry a valid Root (an MDC value each), 6 are continued (wrapped) under
      // ALWAYS: enough of each that the check below is not vacuous.
      int requests = 10_000 + CONNECTIONS * PER_CONNECTION;
      assertTrue(scoped.headers.get() > requests / 2, scoped::toString);
      assertTrue(scoped.wrappers.get() > requests / 3, scoped::toString);
      assertTrue(scoped.mdcValues.get() > requests / 2, scoped::toString);
      // The server is still up: what it and the filter reference is still reachable.
      int left = scoped.stillReachable(GC_ROUNDS);
      assertEquals(0, left, () -> left + " request-scoped objects still reachable after the load: " + scoped);
      System.out.printf("servlet stress: %d requests, %s, none left reachable%n", r.ok, scoped);
    } finally {
      tomcat.stop();
      tomcat.destroy();
    }
  }

  /**
   * docs/spec.md §7 through the real filter: under {@code ALB_GENERATED_ONLY} client-supplied Roots (with
   * {@code Self}) are not continued, under {@code NEVER} nothing is; the MDC carries the valid Root
   * under every policy. {@link HostileMix.Request#expectedEcho} encodes the policy.
   */
  @ParameterizedTest
  @EnumSource(value = TrustPolicy.class, names = {"ALB_GENERATED_ONLY", "NEVER"})
  void trustPolicyOnHostileMix(TrustPolicy policy) throws Exception {
    AtomicInteger servletErrors = new AtomicInteger();
    Tomcat tomcat = start(new AlbTraceFilter(Continuation.builder().trustPolicy(policy).build()), servletErrors, null);
    try {
      KeepAliveLoad.Result r =
          KeepAliveLoad.run(tomcat.getConnector().getLocalPort(), 2, 20 * HostileMix.KINDS, 0, policy);
      assertEquals(0, r.errors, r::toString);
      assertEquals(40 * HostileMix.KINDS, r.ok);
      assertEquals(0, servletErrors.get());
    } finally {
      tomcat.stop();
      tomcat.destroy();
    }
  }

  /**
   * The leak check itself: a filter that keeps every parsed header (in a static list, as a leak
   * would) fails it. Same load shape as above, smaller.
   */
  @Test
  void leakCheckCatchesALeakingFilter() throws Exception {
    TrustPolicy policy = TrustPolicy.ALWAYS;
    AtomicInteger servletErrors = new AtomicInteger();
    RequestScoped scoped = new RequestScoped();
    Tomcat tomcat = start(new LeakingFilter(Continuation.builder().trustPolicy(policy).build()), servletErrors, scoped);
    try {
      KeepAliveLoad.Result r = KeepAliveLoad.run(tomcat.getConnector().getLocalPort(), 2, 20 * HostileMix.KINDS, 0, policy);
      assertEquals(0, r.errors, r::toString);
      assertTrue(scoped.headers.get() > 0, scoped::toString);
      int left = scoped.stillReachable(3);
      assertTrue(left >= scoped.headers.get(), () -> "every kept header is caught: " + scoped);
    } finally {
      LeakingFilter.KEPT.clear();
      tomcat.stop();
      tomcat.destroy();
    }
  }

  /** A broken filter for {@link #leakCheckCatchesALeakingFilter}: keeps each request's header. */
  static final class LeakingFilter extends AlbTraceFilter {
    static final List<Object> KEPT = new ArrayList<>();

    LeakingFilter(Continuation continuation) {
      super(continuation);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      super.doFilter(request, response, chain);
      Object header = request.getAttribute(HEADER_ATTRIBUTE);
      if (header != null) {
        synchronized (KEPT) {
          KEPT.add(header);
        }
      }
    }
  }

  /**
   * Weak references to the objects the filter makes for one request, taken by the servlet while
   * the request runs: the parsed header (request attribute {@link AlbTraceFilter#HEADER_ATTRIBUTE}),
   * the wrapped request the servlet got, the MDC value. Once the requests are done none may be
   * reachable; {@link #stillReachable} waits for the GC to clear them, in a bounded number of rounds.
   */
  static final class RequestScoped {
    final AtomicInteger headers = new AtomicInteger();
    final AtomicInteger wrappers = new AtomicInteger();
    final AtomicInteger mdcValues = new AtomicInteger();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();
    /** The references not cleared yet (the set keeps the WeakReference objects themselves alive). */
    private final Set<Reference<?>> live = ConcurrentHashMap.newKeySet();
    private int rounds;

    void track(HttpServletRequest req) {
      Object header = req.getAttribute(AlbTraceFilter.HEADER_ATTRIBUTE);
      if (header != null) {
        live.add(new WeakReference<>(header, cleared));
        headers.incrementAndGet();
      }
      if (req instanceof HttpServletRequestWrapper) {
        live.add(new WeakReference<>(req, cleared));
        wrappers.incrementAndGet();
      }
      String mdc = MDC.get("aws.alb.trace_id");
      if (mdc != null) {
        live.add(new WeakReference<>(mdc, cleared));
        mdcValues.incrementAndGet();
      }
    }

    /**
     * How many tracked objects are still reachable after at most {@code maxRounds} rounds of {@link
     * System#gc()} and draining the queue of cleared references (a round ends when no reference
     * has been cleared for 100 ms). Leaked objects are never cleared, however many rounds.
     */
    int stillReachable(int maxRounds) throws InterruptedException {
      for (rounds = 0; rounds < maxRounds && !live.isEmpty(); rounds++) {
        System.gc();
        for (Reference<?> r; (r = cleared.remove(100)) != null; ) live.remove(r);
      }
      return live.size();
    }

    @Override
    public String toString() {
      return headers + " headers, " + wrappers + " wrapped requests, " + mdcValues + " MDC values tracked, "
          + live.size() + " not collected after " + rounds + " GC rounds";
    }
  }

  static Tomcat start(AlbTraceFilter filter, AtomicInteger servletErrors, RequestScoped scoped) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("albtrace-reliability-tomcat").toString());
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    tomcat.getConnector().setProperty("maxKeepAliveRequests", "-1");
    tomcat.getConnector().setProperty("maxThreads", "8");
    Context ctx = tomcat.addContext("", null);
    FilterDef def = new FilterDef();
    def.setFilterName("albtrace");
    def.setFilter(filter);
    ctx.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName("albtrace");
    map.addURLPattern("/*");
    ctx.addFilterMap(map);
    Tomcat.addServlet(ctx, "echo", new Echo(servletErrors, scoped));
    ctx.addServletMappingDecoded("/echo/*", "echo");
    tomcat.start();
    return tomcat;
  }

  /**
   * Echoes {@code id dd tags traceparent mdc}: what a tracer after the filter reads, and the MDC
   * value the filter set for this request (docs/spec.md §7: the valid Root, under every trust policy).
   */
  static final class Echo extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient AtomicInteger errors;
    private final transient RequestScoped scoped; // or null

    Echo(AtomicInteger errors, RequestScoped scoped) {
      this.errors = errors;
      this.scoped = scoped;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      try {
        if (scoped != null) scoped.track(req);
        String body = req.getPathInfo().substring(1)
            + "\n" + orDash(req.getHeader("x-datadog-trace-id"))
            + "\n" + orDash(req.getHeader("x-datadog-tags"))
            + "\n" + orDash(req.getHeader("traceparent"))
            + "\n" + orDash(MDC.get("aws.alb.trace_id"));
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        res.setContentLength(bytes.length);
        res.getOutputStream().write(bytes);
      } catch (RuntimeException e) {
        errors.incrementAndGet();
        throw e;
      }
    }

    private static String orDash(String s) {
      return s == null ? "-" : s;
    }
  }
}
