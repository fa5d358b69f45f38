package io.albtrace.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.albtrace.spring.boot.CapturedSpans.ServerSpan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Boot application with the starter and default settings, on this execution's {@link
 * Stack}: the ALB Root continues into what Boot's server observation extracts (with a tracer) and
 * into the request's headers and MDC (with none); bad input passes untouched; a context the client
 * sent wins. One application for the whole class.
 */
class ContinuationTest {
  static final String SELF = "Self=1-67891233-12456789abcdef0123456789";
  static ConfigurableApplicationContext app;
  static int port;
  static CapturedSpans spans;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    port = TestApp.port(app);
    spans = app.getBean(CapturedSpans.class);
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  /** The execution's class path holds the stack it names, and nothing of the others. */
  @Test
  void theClassPathIsTheNamedStack() throws ClassNotFoundException {
    assertEquals(Stack.SERVER.equals("tomcat"), present("org.apache.catalina.connector.Connector"));
    assertEquals(Stack.SERVER.equals("jetty"), present("org.eclipse.jetty.server.Server"));
    assertEquals(Stack.SERVER.equals("netty"), present("reactor.netty.http.server.HttpServer"));
    assertEquals(Stack.traced(), present("io.micrometer.tracing.Tracer"));
    assertEquals(Stack.TRACER.equals("otel"), present("io.micrometer.tracing.otel.bridge.OtelTracer"));
    assertEquals(Stack.TRACER.equals("brave"), present("io.micrometer.tracing.brave.bridge.BraveTracer"));
    if (Stack.traced()) assertEquals(1, app.getBeanNamesForType(Class.forName("io.micrometer.tracing.Tracer")).length);
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, ContinuationTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void theAlbRootBecomesTheTraceOfEveryRequestOnAKeepAliveConnection() throws Exception {
    List<String> roots = new ArrayList<>();
    try (RawClient client = new RawClient(port)) {
      for (int i = 0; i < 20; i++) {
        String alb = i % 2 == 0 ? Roots.next() : SELF + ";" + Roots.next();
        roots.add(alb);
        JsonNode r = client.get("X-Amzn-Trace-Id: " + alb);
        assertTrue(r.get("server").asText().startsWith(Stack.serverInfoPrefix()), r.toString());
        assertEquals("HTTP/1.1", r.get("protocol").asText());
        assertContinuedHeaders(alb, r.get("headers"), r);
        // the hook ran in the container, before any filter: where a Java agent extracts
        assertContinuedHeaders(alb, r.get("container_headers"), r);
        assertEquals(Roots.xray(alb), r.get("mdc").asText(), r.toString());
        if (!Stack.traced()) assertFalse(r.get("tagged").asBoolean(), "no tracer, no span to tag: " + r);
      }
    }
    if (!Stack.traced()) return;
    for (String alb : roots) {
      ServerSpan span = spans.await(Roots.hex(alb));
      assertEquals(Roots.albHop(alb), span.parentId, span.toString());
      assertEquals(Roots.xray(alb), span.tags.get("aws.alb.trace_id"), span.toString());
      assertEquals("true", span.tags.get("aws.alb.continued"), span.toString());
      if (alb.startsWith(SELF)) assertEquals("1-67891233-12456789abcdef0123456789", span.tags.get("aws.alb.self"));
      else assertFalse(span.tags.containsKey("aws.alb.self"), span.toString());
    }
  }

  static void assertContinuedHeaders(String alb, JsonNode headers, JsonNode all) {
    assertEquals(alb, headers.path("x-amzn-trace-id").asText(), all.toString());
    assertEquals(Roots.datadogTraceId(alb), headers.path("x-datadog-trace-id").asText(), all.toString());
    assertEquals(Roots.datadogTags(alb), headers.path("x-datadog-tags").asText(), all.toString());
    assertEquals(Roots.traceparent(alb), headers.path("traceparent").asText(), all.toString());
  }

  @Test
  void aContextTheClientSentWins() throws Exception {
    String clientTrace = "0af7651916cd43dd8448eb211c80319c";
    String[][] contexts = {
      {"traceparent", "00-" + clientTrace + "-b7ad6b7169203331-01"},
      {"x-datadog-trace-id", "1234567890123"},
      {"b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1"},
    };
    try (RawClient client = new RawClient(port)) {
      for (String[] context : contexts) {
        String alb = Roots.next();
        String path = "/client-context/" + context[0];
        JsonNode r = client.getPath(path, "X-Amzn-Trace-Id: " + alb, context[0] + ": " + context[1]);
        JsonNode headers = r.get("headers");
        assertEquals(context[1], headers.path(context[0]).asText(), r.toString());
        assertEquals(2, headers.size(), "nothing added to the client's context: " + r);
        assertEquals(2, r.get("container_headers").size(), r.toString());
        assertEquals(Roots.xray(alb), r.get("mdc").asText(), "the log context is the Root's all the same");
        if (!Stack.traced()) continue;
        ServerSpan span = spans.awaitPath(path);
        assertNotEquals(Roots.hex(alb), span.traceId, span.toString());
        if (context[0].equals("traceparent")) assertEquals(clientTrace, span.traceId, span.toString());
        assertEquals(Roots.xray(alb), span.tags.get("aws.alb.trace_id"), span.toString());
        assertEquals("false", span.tags.get("aws.alb.continued"), span.toString());
      }
    }
  }

  /** Invalid, oversized and non-ASCII values: a 200, the header as sent, nothing added, no tags. */
  @Test
  void badInputPassesUntouched() throws Exception {
    byte[] nonAscii = "Root=1-67891233-abcdef01234567891234567\u00e9".getBytes(StandardCharsets.UTF_8);
    // a good Root in a value over docs/spec.md §1's 8192 characters: invalid as a whole
    String oversized = "Root=1-67891233-abcdef012345678912345678;" + "x".repeat(9_000);
    String[] values = {"Root=1-0000", "Root=1-67891233-ABCDEF01234567891234567G", "", "Root=;Root=", oversized,
      new String(nonAscii, StandardCharsets.ISO_8859_1)};
    try (RawClient client = new RawClient(port)) {
      for (int i = 0; i < values.length; i++) {
        String value = values[i];
        String path = "/bad-input/" + i;
        JsonNode r = client.getPath(path, "X-Amzn-Trace-Id: " + value);
        JsonNode headers = r.get("headers");
        String seen = headers.path("x-amzn-trace-id").asText("");
        assertTrue(value.equals(seen), "the header reached the application as sent: " + shorten(r));
        assertEquals(1, headers.size(), "nothing added: " + shorten(r));
        assertTrue(r.get("mdc").isNull(), shorten(r));
        if (!Stack.traced()) continue;
        ServerSpan span = spans.awaitPath(path);
        assertFalse(span.tags.containsKey("aws.alb.trace_id"), span.toString());
        assertFalse(span.tags.containsKey("aws.alb.continued"), span.toString());
      }
      // and the connection still serves a valid one
      String alb = Roots.next();
      JsonNode r = client.get("X-Amzn-Trace-Id: " + alb);
      assertContinuedHeaders(alb, r.get("headers"), r);
    }
  }

  private static String shorten(JsonNode r) {
    String s = r.toString();
    return s.length() > 400 ? s.substring(0, 400) + "…" : s;
  }
}
