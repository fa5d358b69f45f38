package io.albtrace.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import io.albtrace.servlet.AlbTraceFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * earlier request on the same worker thread is caught) — and heap after GC does not grow.
 */
class ServletStressTest {
  static final int CONNECTIONS = 4;
  static final int PER_CONNECTION = 25_000;
  static final long MAX_HEAP_GROWTH = 16L << 20;

  @Test
  void hostileMixUnderKeepAliveLoad() throws Exception {
    TrustPolicy policy = TrustPolicy.ALWAYS;
    AtomicInteger servletErrors = new AtomicInteger();
    Tomcat tomcat = start(policy, servletErrors);
    try {
      int port = tomcat.getConnector().getLocalPort();
      KeepAliveLoad.Result warmUp = KeepAliveLoad.run(port, 2, 5_000, 0, policy);
      assertEquals(0, warmUp.errors, warmUp::toString);
      long heapBefore = KeepAliveLoad.heapAfterGc();

      KeepAliveLoad.Result r = KeepAliveLoad.run(port, CONNECTIONS, PER_CONNECTION, 5_000, policy);
      long heapAfter = KeepAliveLoad.heapAfterGc();

      assertEquals(0, r.errors, r::toString);
      assertEquals(CONNECTIONS * PER_CONNECTION, r.ok);
      assertEquals(0, servletErrors.get());
      assertTrue(heapAfter - heapBefore < MAX_HEAP_GROWTH,
          "heap after GC grew from " + heapBefore + " to " + heapAfter + " bytes over 10^5 requests");
      System.out.printf("servlet stress: %d requests, heap after GC %d -> %d KB%n",
          r.ok, heapBefore >> 10, heapAfter >> 10);
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
    Tomcat tomcat = start(policy, servletErrors);
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

  static Tomcat start(TrustPolicy policy, AtomicInteger servletErrors) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("albtrace-reliability-tomcat").toString());
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    tomcat.getConnector().setProperty("maxKeepAliveRequests", "-1");
    tomcat.getConnector().setProperty("maxThreads", "8");
    Context ctx = tomcat.addContext("", null);
    FilterDef def = new FilterDef();
    def.setFilterName("albtrace");
    def.setFilter(new AlbTraceFilter(Continuation.builder().trustPolicy(policy).build()));
    ctx.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName("albtrace");
    map.addURLPattern("/*");
    ctx.addFilterMap(map);
    Tomcat.addServlet(ctx, "echo", new Echo(servletErrors));
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

    Echo(AtomicInteger errors) {
      this.errors = errors;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      try {
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
