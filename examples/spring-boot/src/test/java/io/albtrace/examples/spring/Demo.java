package io.albtrace.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.testsupport.ForkedJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java <agent args> -jar albtrace-spring-demo.jar --server.port=0 <stack args>}, forked, with
 * its port read from the line it prints once it serves.
 */
final class Demo implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String READY = "albtrace-spring-demo listening on http://127.0.0.1:";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** The three stacks: the demo's arguments for each. */
  static final List<String> TOMCAT = List.of();
  static final List<String> NETTY = List.of("--spring.main.web-application-type=reactive");
  static final List<String> JETTY = List.of(
      "--spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration");

  final ForkedJvm jvm;
  final int port;

  Demo(List<String> agentArgs, List<String> stackArgs) throws Exception {
    List<String> jvmArgs = new ArrayList<>();
    jvmArgs.add("-Xmx256m");
    jvmArgs.add("-XX:TieredStopAtLevel=1"); // start fast; nothing here is about speed
    jvmArgs.addAll(agentArgs);
    List<String> args = new ArrayList<>(List.of("-jar", path("albtrace.demo.jar").toString(), "--server.port=0"));
    args.addAll(stackArgs);
    jvm = ForkedJvm.start(jvmArgs, args, l -> l.startsWith(READY), Duration.ofMinutes(3));
    String line = jvm.readyLine();
    port = Integer.parseInt(line.substring(READY.length(), line.length() - 1));
  }

  static Path path(String property) {
    String p = System.getProperty(property);
    if (p == null) throw new IllegalStateException(property + " not set (run through failsafe)");
    return Paths.get(p);
  }

  /** GET / with the header pairs given; the JSON answer, which must come with a 200. */
  JsonNode get(String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(60));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
    return JSON.readTree(r.body());
  }

  /**
   * GET / with {@code X-Amzn-Trace-Id: alb}; asserts the answer says the tracer's trace is the
   * Root's, on {@code server}, tagged, with the Root in the MDC.
   */
  JsonNode getContinued(String alb, String server, boolean datadogAgent) throws Exception {
    JsonNode r = get("X-Amzn-Trace-Id", alb);
    assertEquals(server, r.get("server").asText(), r.toString());
    assertEquals(datadogAgent, r.get("datadog_agent").asBoolean(), r.toString());
    assertEquals(Roots.hex(alb), r.get("trace_id").asText(), r.toString());
    assertEquals(true, r.get("aws.alb.continued").asBoolean(), r.toString());
    assertEquals(true, r.get("tagged").asBoolean(), r.toString());
    assertEquals(Roots.xray(alb), r.get("mdc").asText(), r.toString());
    return r;
  }

  @Override
  public void close() throws InterruptedException {
    jvm.close();
  }
}
