package io.albtrace.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import io.albtrace.servlet.tomcat.AlbTraceTomcat;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

/**
 * The Tomcat hook adds the headers at the connector, before the container (and any agent that
 * extracts in {@code CoyoteAdapter.service}) sees the request: no filter is needed for continuation.
 */
class TomcatConnectorHookTest {
  static final String ROOT_HEX = FilterContractTest.ROOT_HEX;

  @Test
  void hookInstalledBeforeStartContinuesTheTraceWithoutAnyFilter() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (SdkTracerProvider provider =
            SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        FilterContractTest.Server server = tomcat(provider, true, Continuation.defaults(), false)) {
      JsonNode r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", FilterContractTest.ALB);
      assertEquals("2541551403134113400", r.get("getHeader").get("x-datadog-trace-id").asText());
      assertEquals("_dd.p.tid=67891233abcdef01", r.get("headers").get("x-datadog-tags").get(0).asText());
      SpanData span = only(exporter);
      assertEquals(ROOT_HEX, span.getTraceId());
      assertEquals("00a80ccd5996a294", span.getParentSpanId());
      exporter.reset();

      String own = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
      r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", FilterContractTest.ALB, "traceparent", own);
      assertFalse(r.get("headers").has("x-datadog-trace-id"));
      assertEquals("0af7651916cd43dd8448eb211c80319c", only(exporter).getTraceId());
      exporter.reset();

      for (String bad : new String[] {"Root=1-67891233-abcdef01", "Root=" + "1".repeat(9000), ""}) {
        r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", bad);
        assertFalse(r.get("headers").has("traceparent"));
        exporter.reset();
      }
    }
  }

  @Test
  void hookInstalledOnARunningConnectorAndPolicyNeverOnlyPassesThrough() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (SdkTracerProvider provider =
            SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
      try (FilterContractTest.Server server = tomcat(provider, false, Continuation.defaults(), true)) {
        JsonNode r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", FilterContractTest.ALB);
        assertEquals("00-" + ROOT_HEX + "-00a80ccd5996a294-01", r.get("getHeader").get("traceparent").asText());
      }
      Continuation never = Continuation.builder().trustPolicy(TrustPolicy.NEVER).build();
      try (FilterContractTest.Server server = tomcat(provider, true, never, false)) {
        JsonNode r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", FilterContractTest.ALB);
        assertFalse(r.get("headers").has("traceparent"));
        assertFalse(r.get("headers").has("x-datadog-trace-id"));
      }
    }
  }

  @Test
  void anInvalidSystemSettingInstallsTheHookWithContinuationOff() throws Exception {
    System.setProperty("albtrace.trust-policy", "sometimes");
    try (SdkTracerProvider provider = SdkTracerProvider.builder().build();
        FilterContractTest.Server server = tomcat(provider, true, null, false)) {
      JsonNode r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", FilterContractTest.ALB);
      assertEquals(FilterContractTest.ALB, r.get("getHeader").get("x-amzn-trace-id").asText(), "served as it came");
      assertFalse(r.get("headers").has("traceparent"));
      assertFalse(r.get("headers").has("x-datadog-trace-id"));
    } finally {
      System.clearProperty("albtrace.trust-policy");
    }
  }

  @Test
  void asAServerListenerAsInServerXmlItHooksEveryConnector() throws Exception {
    Tomcat tomcat = TomcatServers.newTomcat();
    tomcat.getServer().addLifecycleListener(new AlbTraceTomcat()); // <Listener className="…AlbTraceTomcat"/>
    Context ctx = tomcat.addContext("", Files.createTempDirectory("albtrace-tomcat").toString());
    Tomcat.addServlet(ctx, "echo", new EchoServlet());
    ctx.addServletMappingDecoded("/*", "echo");
    try (FilterContractTest.Server server = TomcatServers.start(tomcat)) {
      assertTrue(AlbTraceTomcat.isInstalled(tomcat.getConnector()));
      JsonNode r = Http.get(server.port(), "/", "x-amzn-trace-id", FilterContractTest.ALB);
      assertEquals("_dd.p.tid=67891233abcdef01", r.get("getHeader").get("x-datadog-tags").asText());
    }
  }

  @Test
  void theInitializerIsAServiceAndCanBeTurnedOff() throws Exception {
    boolean found = false;
    for (jakarta.servlet.ServletContainerInitializer i :
        ServiceLoader.load(jakarta.servlet.ServletContainerInitializer.class)) {
      found |= i instanceof AlbTraceInitializer;
    }
    assertTrue(found, "META-INF/services lists AlbTraceInitializer");

    Tomcat tomcat = TomcatServers.newTomcat();
    Context ctx = tomcat.addContext("", Files.createTempDirectory("albtrace-tomcat").toString());
    ctx.addParameter("albtrace.servlet.auto-register", "false");
    ctx.addServletContainerInitializer(new AlbTraceInitializer(), null);
    Tomcat.addServlet(ctx, "echo", new EchoServlet());
    ctx.addServletMappingDecoded("/*", "echo");
    try (FilterContractTest.Server server = TomcatServers.start(tomcat)) {
      JsonNode r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", FilterContractTest.ALB);
      assertFalse(r.get("headers").has("traceparent"));
      assertEquals(0, ctx.findFilterDefs().length);
    }
  }

  private static FilterContractTest.Server tomcat(
      SdkTracerProvider provider, boolean hookBeforeStart, Continuation settings, boolean hookAfterStart)
      throws Exception {
    Tomcat tomcat = TomcatServers.newTomcat();
    if (hookBeforeStart) {
      AlbTraceTomcat.install(tomcat.getConnector(), settings);
      AlbTraceTomcat.install(tomcat.getConnector(), settings); // idempotent
      assertFalse(AlbTraceTomcat.isInstalled(tomcat.getConnector())); // not initialised yet
    }
    Context ctx = tomcat.addContext("", Files.createTempDirectory("albtrace-tomcat").toString());
    TomcatServers.addFilter(ctx, "otel", new OtelServerFilter(provider.get("test")));
    Tomcat.addServlet(ctx, "echo", new EchoServlet());
    ctx.addServletMappingDecoded("/*", "echo");
    FilterContractTest.Server server = TomcatServers.start(tomcat);
    if (hookAfterStart) AlbTraceTomcat.install(tomcat.getConnector(), settings);
    assertTrue(AlbTraceTomcat.isInstalled(tomcat.getConnector()));
    return server;
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
