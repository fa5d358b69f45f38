package io.albtrace.netty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@link AgentServerMain} (or another main class) in a forked JVM with a real Java agent from {@code target/agents}
 * (copied there by maven-dependency-plugin). Collects the JVM's output lines; closing it closes
 * the server's stdin and waits for it to exit.
 */
final class ForkedServer implements AutoCloseable {
  final List<String> lines = new CopyOnWriteArrayList<>();
  private final Process process;
  private final int port;

  ForkedServer(String agentJar, List<String> jvmArgs) throws IOException, InterruptedException {
    this(agentJar, jvmArgs, AgentServerMain.class);
  }

  ForkedServer(String agentJar, List<String> jvmArgs, Class<?> main) throws IOException, InterruptedException {
    Path agent = Paths.get(System.getProperty("albtrace.agents.dir", "target/agents"), agentJar);
    if (!Files.isRegularFile(agent)) throw new IllegalStateException("agent not found: " + agent);
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx160m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-javaagent:" + agent);
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) lines.add(l);
      } catch (IOException e) {
        lines.add("reader: " + e);
      }
    }, "forked-server-output");
    reader.setDaemon(true);
    reader.start();
    String portLine = await(l -> l.startsWith("PORT "), 120);
    if (portLine == null) {
      process.destroyForcibly();
      throw new IllegalStateException("forked server did not start:\n" + String.join("\n", lines));
    }
    port = Integer.parseInt(portLine.substring(5).trim());
  }

  /** The port of {@link AgentServerMain}'s server with default settings. */
  int port() {
    return port;
  }

  /** The port printed as {@code <key> <n>}. */
  int port(String key) {
    for (String l : lines) if (l.startsWith(key + " ")) return Integer.parseInt(l.substring(key.length() + 1).trim());
    throw new IllegalStateException("no " + key + " in\n" + output());
  }

  /** The first output line matching {@code p}, waiting up to {@code seconds}; null if none came. */
  String await(Predicate<String> p, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    do {
      for (String l : lines) if (p.test(l)) return l;
      if (!process.isAlive()) {
        Thread.sleep(300); // let the reader drain the last lines
        for (String l : lines) if (p.test(l)) return l;
        return null;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return null;
  }

  String output() {
    return String.join("\n", lines);
  }

  @Override
  public void close() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
