package io.albtrace.otel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.AmznTraceHeader;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry Java agent (from Maven Central) with the albtrace extension jar built by
 * this module, {@code otel.propagators=tracecontext,baggage,albtrace} and
 * {@code albtrace.trust-policy=alb-generated-only}, instrumenting {@link TomcatApp} in a forked JVM.
 * Spans are exported as OTLP JSON by the agent's {@code logging-otlp} exporter and read from the
 * app's output.
 */
class AgentIT {
  static final String ALB_ROOT = "1-67891233-abcdef012345678912345678"; // docs/spec.md §2 example
  static final String ALB_TRACE_ID = "67891233abcdef012345678912345678";
  static final String ALB_PARENT = "00a80ccd5996a294"; // docs/spec.md §3 example
  static final String SELF_ROOT = "1-6789abcd-111111112222222233333333";
  static final String UNSAMPLED_ROOT = "1-6789abce-444444445555555566666666";
  static final String CALL_ROOT = "1-6789abcf-777777778888888899999999";
  static final String TRACEPARENT_ROOT = "1-6789abd0-aaaaaaaabbbbbbbbcccccccc";
  static final String TRACEPARENT_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

  static Process app;
  static final List<String> output = Collections.synchronizedList(new ArrayList<>());
  static final Map<String, String> echoes = new java.util.concurrent.ConcurrentHashMap<>();
  static List<JsonNode> spans;
  static int exitCode;

  @BeforeAll
  static void runAppUnderAgent() throws Exception {
    String agent = requiredFile("it.agent.jar");
    String extension = requiredFile("it.extension.jar");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-XX:TieredStopAtLevel=1",
            "-javaagent:" + agent,
            "-Dotel.javaagent.extensions=" + extension,
            "-Dotel.propagators=tracecontext,baggage,albtrace",
            "-Dalbtrace.trust-policy=alb-generated-only",
            "-Dotel.service.name=albtrace-agent-it",
            "-Dotel.traces.exporter=logging-otlp",
            "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none",
            "-cp",
            System.getProperty("it.app.classpath"),
            TomcatApp.class.getName());
    app = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
    String port = null;
    for (String line; port == null && (line = out.readLine()) != null; ) {
      output.add(line);
      if (line.startsWith(TomcatApp.PORT_LINE)) port = line.substring(TomcatApp.PORT_LINE.length());
    }
    Thread drain =
        new Thread(
            () -> {
              try {
                for (String line; (line = out.readLine()) != null; ) output.add(line);
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "agent-it-output");
    drain.setDaemon(true);
    drain.start();
    if (port == null) fail("app did not start:\n" + String.join("\n", output));

    String base = "http://127.0.0.1:" + port;
    HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
    get(client, base + "/alb", AmznTraceHeader.NAME, "Root=" + ALB_ROOT);
    get(client, base + "/none");
    get(client, base + "/self", AmznTraceHeader.NAME, "Self=1-6789abcd-0123456789abcdef01234567;Root=" + SELF_ROOT);
    get(client, base + "/unsampled", AmznTraceHeader.NAME, "Root=" + UNSAMPLED_ROOT + ";Sampled=0");
    get(
        client,
        base + "/traceparent",
        AmznTraceHeader.NAME, "Root=" + TRACEPARENT_ROOT,
        "traceparent", "00-" + TRACEPARENT_TRACE_ID + "-b7ad6b7169203331-01");
    echoes.put("/call", get(client, base + "/call", AmznTraceHeader.NAME, "Root=" + CALL_ROOT));

    app.getOutputStream().close(); // TomcatApp stops, the agent flushes on exit
    if (!app.waitFor(120, TimeUnit.SECONDS)) fail("app did not stop:\n" + String.join("\n", output));
    exitCode = app.exitValue();
    drain.join();
    spans = serverAndClientSpans(output);
  }

  @AfterAll
  static void stopApp() {
    if (app != null && app.isAlive()) app.destroyForcibly();
  }

  static String requiredFile(String property) {
    String path = System.getProperty(property);
    assertNotNull(path, property + " not set: run through failsafe (mvn verify)");
    assertTrue(new File(path).isFile(), property + ": " + path + " missing");
    return path;
  }

  static String get(HttpClient client, String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url);
    return r.body();
  }

  /** Every span object in the exporter's JSON lines, whatever wrapping the exporter version uses. */
  static List<JsonNode> serverAndClientSpans(List<String> lines) {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> found = new ArrayList<>();
    synchronized (lines) {
      for (String line : lines) {
        int brace = line.indexOf('{');
        if (brace < 0 || !line.contains("\"spanId\"")) continue;
        try {
          collectSpans(json.readTree(line.substring(brace)), found);
        } catch (IOException notJson) {
          // an agent log line that happens to contain a brace
        }
      }
    }
    return found;
  }

  static void collectSpans(JsonNode node, List<JsonNode> out) {
    if (node.isObject() && node.has("traceId") && node.has("spanId") && node.has("kind")) {
      out.add(node);
      return;
    }
    if (node.isContainerNode()) node.forEach(child -> collectSpans(child, out));
  }

  static String attribute(JsonNode span, String key) {
    for (JsonNode a : span.path("attributes")) {
      if (key.equals(a.path("key").asText())) return a.path("value").path("stringValue").asText(null);
    }
    return null;
  }

  /** OTLP JSON writes the kind as a number (2) or, in some writers, a name. */
  static boolean isServer(JsonNode span) {
    JsonNode k = span.path("kind");
    return k.asInt() == 2 || "SPAN_KIND_SERVER".equals(k.asText());
  }

  static JsonNode serverSpan(String path) {
    List<JsonNode> matches =
        spans.stream().filter(s -> isServer(s) && path.equals(attribute(s, "url.path"))).collect(Collectors.toList());
    assertEquals(1, matches.size(), () -> "server spans for " + path + " in:\n" + describe());
    return matches.get(0);
  }

  static String describe() {
    return spans.isEmpty()
        ? "no spans; app output:\n" + String.join("\n", output)
        : spans.stream().map(JsonNode::toString).collect(Collectors.joining("\n"));
  }

  @Test
  void appStartedTheAgentWithTheExtensionAndExitedCleanly() {
    assertEquals(0, exitCode, () -> String.join("\n", output));
    assertFalse(spans.isEmpty(), AgentIT::describe);
  }

  @Test
  void albGeneratedRootIsTheServerSpanTraceId() {
    JsonNode span = serverSpan("/alb");
    assertEquals(ALB_TRACE_ID, span.path("traceId").asText());
    assertEquals(ALB_PARENT, span.path("parentSpanId").asText(), "docs/spec.md §3 parent of the ALB hop");
  }

  @Test
  void noHeaderStartsAFreshTrace() {
    JsonNode span = serverSpan("/none");
    String traceId = span.path("traceId").asText();
    assertEquals(32, traceId.length());
    assertNotEquals(ALB_TRACE_ID, traceId);
    assertEquals("", span.path("parentSpanId").asText(""), "a root span");
  }

  @Test
  void clientSuppliedRootIsNotContinuedUnderAlbGeneratedOnly() {
    JsonNode span = serverSpan("/self");
    assertNotEquals(SELF_ROOT.replace("-", "").substring(1), span.path("traceId").asText());
    assertEquals("", span.path("parentSpanId").asText(""));
  }

  @Test
  void sampledZeroIsNotSampled() {
    String unsampled = UNSAMPLED_ROOT.replace("-", "").substring(1);
    assertTrue(spans.stream().noneMatch(s -> unsampled.equals(s.path("traceId").asText())), AgentIT::describe);
    assertTrue(spans.stream().noneMatch(s -> "/unsampled".equals(attribute(s, "url.path"))), AgentIT::describe);
  }

  @Test
  void traceparentWins() {
    JsonNode span = serverSpan("/traceparent");
    assertEquals(TRACEPARENT_TRACE_ID, span.path("traceId").asText());
    assertEquals("b7ad6b7169203331", span.path("parentSpanId").asText());
  }

  @Test
  void outboundCallCarriesTheRootBackOut() {
    JsonNode call = serverSpan("/call");
    String callTraceId = CALL_ROOT.replace("-", "").substring(1);
    assertEquals(callTraceId, call.path("traceId").asText());
    JsonNode echo = serverSpan("/echo");
    assertEquals(callTraceId, echo.path("traceId").asText(), "the nested call joins the same trace");
    // what /echo received: Root = the trace, Parent = the agent's HTTP client span, sampled
    AmznTraceHeader received = AmznTraceHeader.parse(echoes.get("/call"));
    assertTrue(received.isValid(), echoes.get("/call"));
    assertEquals(CALL_ROOT, received.root().toXrayRoot());
    assertEquals(echo.path("parentSpanId").asText(), received.parentSpanIdHex());
    assertEquals(AmznTraceHeader.Sampled.SAMPLED, received.sampled());
  }
}
