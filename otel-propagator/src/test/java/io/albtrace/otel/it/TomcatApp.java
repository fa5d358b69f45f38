package io.albtrace.otel.it;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The application {@link AgentIT} runs in its own JVM under the OpenTelemetry Java agent: an
 * embedded Tomcat on 127.0.0.1 with no tracing code at all. It prints {@code PORT=<n>} when ready
 * and stops when its standard input closes, so the agent flushes its spans on the way out.
 *
 * <pre>
 * GET /anything  → 200 "ok"
 * GET /call      → calls /echo on itself (the agent injects the propagators' headers) and returns
 *                  the X-Amzn-Trace-Id that /echo received
 * GET /echo      → 200, the request's X-Amzn-Trace-Id
 * </pre>
 */
public final class TomcatApp {
  static final String PORT_LINE = "ALBTRACE_IT_PORT=";

  private TomcatApp() {}

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("albtrace-it-tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    Tomcat.addServlet(ctx, "app", new AppServlet());
    ctx.addServletMappingDecoded("/*", "app");
    tomcat.start();
    int port = connector.getLocalPort();
    System.out.println(PORT_LINE + port);
    System.out.flush();

    InputStream in = System.in;
    while (in.read() != -1) {
      // run until the test closes our stdin
    }
    tomcat.stop();
    tomcat.destroy();
    System.exit(0); // runs the agent's shutdown hook, which exports the remaining spans
  }

  static final class AppServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String body;
      switch (req.getRequestURI()) {
        case "/echo":
          body = String.valueOf(req.getHeader("X-Amzn-Trace-Id"));
          break;
        case "/call":
          body = get("http://127.0.0.1:" + req.getLocalPort() + "/echo");
          break;
        default:
          body = "ok";
      }
      resp.setContentType("text/plain");
      resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String get(String url) throws IOException {
      HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
      try (InputStream in = c.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } finally {
        c.disconnect();
      }
    }
  }
}
