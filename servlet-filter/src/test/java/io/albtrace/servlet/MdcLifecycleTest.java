package io.albtrace.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The MDC key lives exactly as long as the request on each thread: a valve (which runs around the
 * whole filter chain, on the same thread) checks it is gone after a normal request, a servlet that
 * throws, and an async request; the async dispatch has it again.
 */
class MdcLifecycleTest {
  private static final String NONE = "<none>";

  /** Records the MDC value after the rest of the pipeline has run. */
  static final class MdcAfterValve extends ValveBase {
    final BlockingQueue<String> after = new LinkedBlockingQueue<>();

    MdcAfterValve() {
      super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
      try {
        getNext().invoke(request, response);
      } finally {
        String v = MDC.get("aws.alb.trace_id");
        after.add(v == null ? NONE : v);
      }
    }
  }

  static final class Boom extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      throw new IllegalStateException("boom");
    }
  }

  static final class Async extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext async = req.startAsync();
      async.start(() -> async.dispatch("/echo"));
    }
  }

  @Test
  void mdcIsRemovedAfterNormalFailingAndAsyncRequests() throws Exception {
    Tomcat tomcat = TomcatServers.newTomcat();
    Context ctx = tomcat.addContext("", Files.createTempDirectory("albtrace-tomcat").toString());
    ctx.addServletContainerInitializer(new AlbTraceInitializer(), null);
    MdcAfterValve valve = new MdcAfterValve();
    ctx.getPipeline().addValve(valve);
    Tomcat.addServlet(ctx, "echo", new EchoServlet()).setAsyncSupported(true);
    ctx.addServletMappingDecoded("/echo", "echo");
    Tomcat.addServlet(ctx, "boom", new Boom());
    ctx.addServletMappingDecoded("/boom", "boom");
    Wrapper async = Tomcat.addServlet(ctx, "async", new Async());
    async.setAsyncSupported(true);
    ctx.addServletMappingDecoded("/async", "async");
    try (FilterContractTest.Server server = TomcatServers.start(tomcat)) {
      JsonNode r = Http.get(server.port(), "/echo", "X-Amzn-Trace-Id", FilterContractTest.ALB);
      assertEquals(FilterContractTest.ROOT, r.get("mdc").asText());
      assertEquals(NONE, valve.after.poll(30, TimeUnit.SECONDS));

      HttpResponse<String> failed =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/boom"))
                      .header("X-Amzn-Trace-Id", FilterContractTest.ALB)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(500, failed.statusCode());
      assertEquals(NONE, valve.after.poll(30, TimeUnit.SECONDS));

      r = Http.get(server.port(), "/async", "X-Amzn-Trace-Id", FilterContractTest.ALB);
      assertEquals(FilterContractTest.ROOT, r.get("mdc").asText()); // the ASYNC dispatch has it again
      assertEquals(NONE, valve.after.poll(30, TimeUnit.SECONDS)); // the request thread
      assertEquals(NONE, valve.after.poll(30, TimeUnit.SECONDS)); // the dispatch thread
      assertNull(valve.after.poll());
    }
  }
}
