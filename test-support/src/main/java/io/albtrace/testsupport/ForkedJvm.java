package io.albtrace.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * {@code java <jvmArgs> <args>} as a child process — a server under a real Java agent — with its
 * stdout and stderr collected line by line. {@link #start} returns once a line matches {@code
 * ready}; {@link #close} stops the process.
 *
 * <pre>{@code
 * try (ForkedJvm demo = ForkedJvm.start(List.of("-javaagent:dd-java-agent.jar"),
 *     List.of("-jar", "albtrace-spring-demo.jar", "--server.port=0"), l -> l.contains("listening on"), Duration.ofMinutes(2))) {
 *   int port = ...; // from demo.readyLine()
 * }
 * }</pre>
 */
public final class ForkedJvm implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private String readyLine;

  private ForkedJvm(Process process) {
    this.process = process;
  }

  /** Starts the JVM and waits up to {@code timeout} for a ready line; else stops it and throws, with its output. */
  public static ForkedJvm start(List<String> jvmArgs, List<String> args, Predicate<String> ready, Duration timeout)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(args);
    ForkedJvm jvm = new ForkedJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    Thread reader = new Thread(jvm::read, "forked-jvm-output");
    reader.setDaemon(true);
    reader.start();
    jvm.readyLine = jvm.await(ready, timeout);
    if (jvm.readyLine == null) {
      jvm.close();
      throw new IllegalStateException("did not get ready: " + cmd + "\n" + String.join("\n", jvm.lines));
    }
    return jvm;
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l; (l = r.readLine()) != null; ) lines.add(l);
    } catch (IOException e) {
      lines.add("(output closed: " + e + ")");
    }
  }

  /** The line that matched {@code ready}. */
  public String readyLine() {
    return readyLine;
  }

  /** Every output line so far (a live, thread-safe view). */
  public List<String> lines() {
    return lines;
  }

  public long pid() {
    return process.pid();
  }

  /** The first output line matching {@code p}, waiting up to {@code timeout}; {@code null} if none came. */
  public String await(Predicate<String> p, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    do {
      for (; checked < lines.size(); checked++) if (p.test(lines.get(checked))) return lines.get(checked);
      if (!process.isAlive()) {
        Thread.sleep(300); // let the reader drain the last lines
        for (; checked < lines.size(); checked++) if (p.test(lines.get(checked))) return lines.get(checked);
        return null;
      }
      Thread.sleep(50);
    } while (System.nanoTime() - deadline < 0);
    return null;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
