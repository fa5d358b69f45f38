package io.albtrace.examples;

import io.albtrace.AmznTraceHeader;
import io.albtrace.servlet.AlbTraceFilter;
import io.albtrace.servlet.AlbTraceInitializer;
import io.albtrace.servlet.jetty.AlbTraceJetty;
import io.albtrace.servlet.tomcat.AlbTraceTomcat;
import io.albtrace.tracers.AlbLogContext;
import io.albtrace.tracers.AlbSpanTags;
import io.albtrace.tracers.Tracers;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/**
 * {@code albtrace-demo servlet [--port N] [--server tomcat|jetty] [--no-connector-hook]}: an
 * embedded server on 127.0.0.1 with {@link AlbTraceFilter} (registered by its initializer, as in a
 * real deployment) and, on Tomcat, the connector hook. Every path answers, as JSON, what the tracer
 * saw:
 *
 * <pre>
 * curl -s -H 'X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678' http://127.0.0.1:8080/
 * {"server": "tomcat", "connector_hook": true, "datadog_agent": true, "opentelemetry_api": true,
 *  "x_amzn_trace_id": "Root=1-…", "trace_id": "67891233abcdef012345678912345678",
 *  "dd.trace_id": "…", "tagged": true, "aws.alb.trace_id": "1-67891233-…", "aws.alb.self": null,
 *  "aws.alb.continued": true, "mdc": "1-67891233-…"}
 * </pre>
 *
 * Run it under {@code -javaagent:dd-java-agent.jar} or {@code -javaagent:opentelemetry-javaagent.jar}.
 * It prints {@code albtrace-demo listening on http://127.0.0.1:<port>/} once it serves.
 */
public final class ServletDemo {
  private ServletDemo() {}

  public static void run(String[] args) throws Exception {
    int port = 8080;
    String server = "tomcat";
    boolean hook = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port": port = Integer.parseInt(args[++i]); break;
        case "--server": server = args[++i].toLowerCase(Locale.ROOT); break;
        case "--no-connector-hook": hook = false; break;
        default:
          System.err.println("usage: albtrace-demo servlet [--port N] [--server tomcat|jetty] [--no-connector-hook]");
          System.exit(2);
      }
    }
    int actual;
    if (server.equals("tomcat")) actual = tomcat(port, hook);
    else if (server.equals("jetty")) actual = jetty(port, hook);
    else throw new IllegalArgumentException("--server tomcat|jetty, not " + server);
    System.out.println("albtrace-demo listening on http://127.0.0.1:" + actual + "/");
    System.out.flush();
    Thread.currentThread().join(); // until the process is stopped
  }

  private static int tomcat(int port, boolean hook) throws Exception {
    org.apache.catalina.startup.Tomcat tomcat = new org.apache.catalina.startup.Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("albtrace-demo").toString());
    tomcat.setPort(port);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    if (hook) AlbTraceTomcat.install(tomcat.getConnector());
    org.apache.catalina.Context ctx = tomcat.addContext("", null);
    ctx.addServletContainerInitializer(new AlbTraceInitializer(), null);
    org.apache.catalina.startup.Tomcat.addServlet(ctx, "echo", new Echo("tomcat", hook));
    ctx.addServletMappingDecoded("/*", "echo");
    tomcat.start();
    return tomcat.getConnector().getLocalPort();
  }

  private static int jetty(int port, boolean hook) throws Exception {
    org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
    org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    org.eclipse.jetty.ee10.servlet.ServletContextHandler ctx = new org.eclipse.jetty.ee10.servlet.ServletContextHandler();
    ctx.setContextPath("/");
    ctx.addServletContainerInitializer(new AlbTraceInitializer());
    ctx.addServlet(new org.eclipse.jetty.ee10.servlet.ServletHolder(new Echo("jetty", hook)), "/*");
    jetty.setHandler(ctx);
    if (hook) AlbTraceJetty.install(jetty);
    jetty.start();
    return connector.getLocalPort();
  }

  /** Answers what the tracer saw for this request. */
  static final class Echo extends HttpServlet {
    private final String server;
    private final boolean hook;

    Echo(String server, boolean hook) {
      this.server = server;
      this.hook = hook;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String value = req.getHeader(AmznTraceHeader.NAME);
      AmznTraceHeader header = AmznTraceHeader.parse(value);
      String traceId = AlbSpanTags.currentTraceId();
      Json json = new Json()
          .put("server", server)
          .put("connector_hook", hook)
          .put("datadog_agent", Tracers.datadogPresent())
          .put("opentelemetry_api", Tracers.openTelemetryApiPresent())
          .put("x_amzn_trace_id", value)
          .put("trace_id", traceId)
          .put("dd.trace_id", req.getAttribute("dd.trace_id"))
          .put("tagged", req.getAttribute(AlbTraceFilter.TAGGED_ATTRIBUTE));
      if (header.isValid()) {
        json.put(AlbSpanTags.TRACE_ID, header.root().toXrayRoot())
            .put(AlbSpanTags.SELF, header.hasSelf() ? header.self().toXrayRoot() : null)
            .put(AlbSpanTags.CONTINUED, AlbSpanTags.isContinued(traceId, header));
      } else {
        json.put("albtrace.error", header.invalid().reason());
      }
      json.put("mdc", Tracers.slf4jPresent() ? org.slf4j.MDC.get(AlbLogContext.KEY) : null);
      resp.setContentType("application/json");
      resp.getOutputStream().write((json + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
