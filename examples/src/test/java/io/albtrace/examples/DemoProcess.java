package io.albtrace.examples;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code java [jvm args] -jar albtrace-demo.jar servlet --port 0 [args]} as a child process. */
final class DemoProcess implements AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final CountDownLatch listening = new CountDownLatch(1);
  private volatile int port;

  DemoProcess(List<String> jvmArgs, String... demoArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx160m");
    cmd.add("-XX:TieredStopAtLevel=1"); // start fast; nothing here is about speed
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(path("albtrace.demo.jar").toString());
    cmd.add("servlet");
    cmd.add("--port");
    cmd.add("0");
    cmd.addAll(List.of(demoArgs));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread reader = new Thread(this::read, "demo-output");
    reader.setDaemon(true);
    reader.start();
    if (!listening.await(120, TimeUnit.SECONDS) || port == 0) {
      close();
      throw new AssertionError("demo did not start: " + String.join("\n", output));
    }
  }

  static Path path(String property) {
    String p = System.getProperty(property);
    if (p == null) throw new IllegalStateException(property + " not set (run through failsafe)");
    return Paths.get(p);
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        output.add(line);
        String marker = "albtrace-demo listening on http://127.0.0.1:";
        int i = line.indexOf(marker);
        if (i >= 0) {
          port = Integer.parseInt(line.substring(i + marker.length(), line.length() - 1));
          listening.countDown();
        }
      }
    } catch (Exception e) {
      // process ended
    } finally {
      listening.countDown();
    }
  }

  /** The port the demo listens on, at 127.0.0.1. */
  int port() {
    return port;
  }

  /** Everything the process printed so far (stdout and stderr). */
  List<String> output() {
    return output;
  }

  /** GET / with {@code X-Amzn-Trace-Id: amzn} (when not null); the JSON body. */
  String get(String amzn, String... moreHeaders) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/demo")).timeout(Duration.ofSeconds(60));
    if (amzn != null) b.header("X-Amzn-Trace-Id", amzn);
    for (int i = 0; i < moreHeaders.length; i += 2) b.header(moreHeaders[i], moreHeaders[i + 1]);
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
    return r.body();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }
}
