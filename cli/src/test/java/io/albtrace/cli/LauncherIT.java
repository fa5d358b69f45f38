package io.albtrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged launcher {@code cli/target/albtrace}: the options it gives java, the arguments
 * it passes through untouched, its exit code, and a real {@code enrich} through it.
 */
class LauncherIT {
  static Path launcher;
  static Path jar;

  @TempDir static Path tmp;

  @BeforeAll
  static void findLauncher() {
    String property = System.getProperty("albtrace.launcher");
    assertTrue(property != null, "albtrace.launcher system property (set by failsafe)");
    launcher = Path.of(property).toAbsolutePath();
    assertTrue(Files.isExecutable(launcher), launcher + " is executable");
    jar = launcher.resolveSibling("albtrace.jar");
  }

  /** What one run of the launcher gave. */
  private record Ran(int code, String out) {}

  private static Ran run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return runAt(launcher, env, args);
  }

  /** Runs {@code script} (the launcher or a link to it) from {@code tmp}, with {@code env} added. */
  private static Ran runAt(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile())
        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().remove("ALBTRACE_JAVA_OPTS");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher finished");
    return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  /** A JAVA_HOME whose java writes each argument it gets on a line of {@code args.txt}, then exits 7. */
  private static Path fakeJavaHome() throws IOException {
    Path home = Files.createTempDirectory(tmp, "jdk");
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$(dirname \"$0\")/args.txt\"\nexit 7\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private static String[] argsSeen(Path home) throws IOException {
    return Files.readAllLines(home.resolve("bin").resolve("args.txt"), StandardCharsets.UTF_8).toArray(new String[0]);
  }

  @Test
  void runsTheJarBesideItWithC1AndTheSerialCollectorAndPassesArgumentsThrough() throws Exception {
    Path home = fakeJavaHome();
    Ran r = run(Map.of("JAVA_HOME", home.toString()), "enrich", "a b.log", "*", "--threads=2");
    assertEquals(7, r.code(), "java's exit code is the launcher's");
    assertArrayEquals(
        new String[] {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "enrich", "a b.log", "*", "--threads=2"},
        argsSeen(home));
  }

  @Test
  void findsTheJarThroughSymlinksAbsoluteAndRelative() throws Exception {
    Path home = fakeJavaHome();
    Path bin = Files.createDirectories(tmp.resolve("links").resolve("bin"));
    Path absolute = Files.createSymbolicLink(bin.resolve("albtrace-abs"), launcher);
    Path relative = Files.createSymbolicLink(bin.resolve("albtrace"), bin.relativize(absolute)); // a chain
    for (Path link : new Path[] {absolute, relative}) {
      Ran r = runAt(link, Map.of("JAVA_HOME", home.toString()), "convert");
      assertEquals(7, r.code());
      assertArrayEquals(new String[] {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "convert"},
          argsSeen(home), link.toString());
    }
  }

  @Test
  void albtraceJavaOptsReplacesItsOptions() throws Exception {
    Path home = fakeJavaHome();
    run(Map.of("JAVA_HOME", home.toString(), "ALBTRACE_JAVA_OPTS", "-Xmx64m -Dx=*"), "convert");
    assertArrayEquals(new String[] {"-Xmx64m", "-Dx=*", "-jar", jar.toString(), "convert"}, argsSeen(home));
    run(Map.of("JAVA_HOME", home.toString(), "ALBTRACE_JAVA_OPTS", ""), "convert");
    assertArrayEquals(new String[] {"-jar", jar.toString(), "convert"}, argsSeen(home), "empty: the JVM's defaults");
  }

  @Test
  void itsDefaultOptionsLeaveTheOutputOfEnrichAsTheJvmDefaultsWriteIt() throws Exception {
    Path sample = launcher.getParent().getParent().getParent().resolve("samples").resolve("alb-access.log.gz");
    assertTrue(Files.isRegularFile(sample), sample + " exists");
    String javaHome = System.getProperty("java.home");
    Ran c1 = run(Map.of("JAVA_HOME", javaHome), "enrich", sample.toString());
    Ran tiered = run(Map.of("JAVA_HOME", javaHome, "ALBTRACE_JAVA_OPTS", ""), "enrich", sample.toString());
    assertEquals(0, c1.code());
    assertEquals(0, tiered.code());
    assertTrue(c1.out().lines().count() >= 1000, "the sample's lines");
    assertTrue(c1.out().contains("\"dd.trace_id\":\""), "enriched");
    assertEquals(tiered.out(), c1.out());
  }
}
