package io.albtrace.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.tracers.Tracers;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

/**
 * The filter on Tomcat with only some optional APIs on the class path. Surefire runs this class once
 * per subset ({@code pom.xml}: {@code classpathDependencyExcludes}); {@code albtrace.expect.apis}
 * names the subset. Touches no optional API itself.
 */
class OptionalApisFilterTest {

  /** Writes each header as {@code name: value} lines, through getHeaderNames/getHeaders. */
  static final class PlainEcho extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      StringBuilder sb = new StringBuilder();
      for (String name : Collections.list(req.getHeaderNames())) {
        for (String v : Collections.list(req.getHeaders(name))) sb.append(name.toLowerCase()).append(": ").append(v).append('\n');
      }
      resp.setContentType("text/plain");
      resp.getWriter().write(sb.toString());
    }
  }

  @Test
  void filterLoadsAndContinuesWithThisSubsetOfApis() throws Exception {
    Set<String> expected = new TreeSet<>();
    for (String s : System.getProperty("albtrace.expect.apis", "otel,dd,opentracing,slf4j").split(",")) {
      if (!s.isBlank() && !s.trim().equals("none")) expected.add(s.trim());
    }
    Set<String> actual = new TreeSet<>();
    if (Tracers.openTelemetryApiPresent()) actual.add("otel");
    if (Tracers.datadogApiPresent()) actual.add("dd");
    if (Tracers.openTracingPresent()) actual.add("opentracing");
    if (Tracers.slf4jPresent()) actual.add("slf4j");
    assertEquals(expected, actual);
    assertFalse(Tracers.datadogPresent());

    Tomcat tomcat = TomcatServers.newTomcat();
    Context ctx = tomcat.addContext("", Files.createTempDirectory("albtrace-tomcat").toString());
    ctx.addServletContainerInitializer(new AlbTraceInitializer(), null);
    Tomcat.addServlet(ctx, "echo", new PlainEcho());
    ctx.addServletMappingDecoded("/*", "echo");
    try (FilterContractTest.Server server = TomcatServers.start(tomcat)) {
      String body = get(server.port(), FilterContractTest.ALB);
      assertTrue(body.contains("x-datadog-trace-id: 2541551403134113400\n"), body);
      assertTrue(body.contains("x-datadog-tags: _dd.p.tid=67891233abcdef01\n"), body);
      assertTrue(body.contains("traceparent: 00-" + FilterContractTest.ROOT_HEX + "-00a80ccd5996a294-01\n"), body);
      body = get(server.port(), "Root=1-67891233-abcdef0123456789123456");
      assertFalse(body.contains("traceparent"), body);
    }
  }

  private static String get(int port, String amzn) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .header("X-Amzn-Trace-Id", amzn)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return r.body();
  }
}
