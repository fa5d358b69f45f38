package io.albtrace.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.continuation.Continuation;
import io.albtrace.servlet.jetty.AlbTraceJetty;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The Jetty 12 customizer adds the headers before {@code Server.handle}: no filter needed to continue. */
class JettyCustomizerTest {

  @Test
  void customizerContinuesTheTraceAndKeepsUpstreamContext() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    Server jetty = new Server();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
      ServerConnector connector = echoServer(jetty);
      ((ServletContextHandler) jetty.getHandler()).addFilter(
          new FilterHolder(new OtelServerFilter(provider.get("test"))), "/*", EnumSet.of(DispatcherType.REQUEST));
      AlbTraceJetty.install(jetty);
      AlbTraceJetty.install(jetty); // idempotent
      jetty.start();
      int port = connector.getLocalPort();

      JsonNode r = Http.get(port, "/", "X-Amzn-Trace-Id", FilterContractTest.ALB);
      assertEquals("2541551403134113400", r.get("getHeader").get("x-datadog-trace-id").asText());
      assertEquals(1, r.get("headers").get("traceparent").size());
      SpanData span = only(exporter);
      assertEquals(FilterContractTest.ROOT_HEX, span.getTraceId());
      assertEquals("00a80ccd5996a294", span.getParentSpanId());
      exporter.reset();

      r = Http.get(port, "/", "X-Amzn-Trace-Id", FilterContractTest.ALB, "b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1");
      assertFalse(r.get("headers").has("traceparent"));
      exporter.reset();

      r = Http.get(port, "/", "X-Amzn-Trace-Id", "Root=1-0000");
      assertFalse(r.get("headers").has("traceparent"));
      assertEquals("Root=1-0000", r.get("getHeader").get("x-amzn-trace-id").asText());
      assertEquals(1, jetty.getConnectors()[0].getConnectionFactory(org.eclipse.jetty.server.HttpConnectionFactory.class)
          .getHttpConfiguration().getCustomizers().stream().filter(c -> c instanceof AlbTraceJetty).count());
    } finally {
      jetty.stop();
    }
  }

  @Test
  void anInvalidSystemSettingTurnsContinuationOffInsteadOfFailing() throws Exception {
    Server jetty = new Server();
    System.setProperty("albtrace.trust-policy", "sometimes");
    try {
      ServerConnector connector = echoServer(jetty);
      AlbTraceJetty.install(jetty); // reads the system settings: logged, not thrown
      jetty.start();
      JsonNode r = Http.get(connector.getLocalPort(), "/", "X-Amzn-Trace-Id", FilterContractTest.ALB);
      assertEquals(FilterContractTest.ALB, r.get("getHeader").get("x-amzn-trace-id").asText());
      assertFalse(r.get("headers").has("traceparent"));
      assertFalse(r.get("headers").has("x-datadog-trace-id"));
    } finally {
      System.clearProperty("albtrace.trust-policy");
      jetty.stop();
    }
  }

  @Test
  void installTakesExplicitSettings() throws Exception {
    Server jetty = new Server();
    try {
      ServerConnector connector = echoServer(jetty);
      AlbTraceJetty.install(jetty, Continuation.builder().w3c(false).build());
      jetty.start();
      JsonNode r = Http.get(connector.getLocalPort(), "/", "X-Amzn-Trace-Id", FilterContractTest.ALB);
      assertEquals("2541551403134113400", r.get("getHeader").get("x-datadog-trace-id").asText());
      assertFalse(r.get("headers").has("traceparent"), "w3c off: no traceparent");
    } finally {
      jetty.stop();
    }
  }

  /** {@code jetty} with a loopback connector on a free port and the echo servlet at {@code /*}. */
  private static ServerConnector echoServer(Server jetty) {
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler ctx = new ServletContextHandler();
    ctx.setContextPath("/");
    ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
    jetty.setHandler(ctx);
    return connector;
  }

  private static SpanData only(InMemorySpanExporter exporter) throws InterruptedException {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    for (int i = 0; i < 200 && spans.isEmpty(); i++) {
      Thread.sleep(25);
      spans = exporter.getFinishedSpanItems();
    }
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }
}
