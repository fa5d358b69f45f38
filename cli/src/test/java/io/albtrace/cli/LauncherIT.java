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
 * it passes through untouched, its exit code, a real {@code enrich} through it, and the class-data
 * sharing archive the build leaves beside it: used when it fits, silently ignored when it does not.
 */
class LauncherIT {
  static Path launcher;
  static Path jar;
  static Path archive;

  @TempDir static Path tmp;

  @BeforeAll
  static void findLauncher() {
    String property = System.getProperty("albtrace.launcher");
    assertTrue(property != null, "albtrace.launcher system property (set by failsafe)");
    launcher = Path.of(property).toAbsolutePath();
    assertTrue(Files.isExecutable(launcher), launcher + " is executable");
    jar = launcher.resolveSibling("albtrace.jar");
    archive = launcher.resolveSibling("albtrace.jsa");
    assertTrue(Files.isRegularFile(archive), "the build made " + archive);
  }

  /** The options the launcher always gives java. */
  private static final List<String> DEFAULTS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:all=off:stdout", "-Xlog:all=warning:stderr");

  /** The options, then {@code -jar jar args}: with {@code archive} beside the jar, or without one (null). */
  private static String[] expectedArgs(Path jar, Path archive, String... args) {
    List<String> expected = new ArrayList<>(DEFAULTS);
    if (archive != null) expected.add("-XX:SharedArchiveFile=" + archive);
    expected.addAll(List.of("-jar", jar.toString()));
    expected.addAll(List.of(args));
    return expected.toArray(new String[0]);
  }

  /** What one run of the launcher gave. */
  private record Ran(int code, String out, String err) {}

  private static Ran run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return runAt(launcher, env, args);
  }

  /** Runs {@code script} (the launcher or a link to it) from {@code tmp}, with {@code env} added. */
  private static Ran runAt(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("ALBTRACE_JAVA_OPTS");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher finished");
    return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
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
  void runsTheJarBesideItWithC1TheSerialCollectorAndTheArchiveAndPassesArgumentsThrough() throws Exception {
    Path home = fakeJavaHome();
    Ran r = run(Map.of("JAVA_HOME", home.toString()), "enrich", "a b.log", "*", "--threads=2");
    assertEquals(7, r.code(), "java's exit code is the launcher's");
    assertArrayEquals(expectedArgs(jar, archive, "enrich", "a b.log", "*", "--threads=2"), argsSeen(home));
  }

  @Test
  void withoutAnArchiveBesideTheJarItGivesNoArchiveOptions() throws Exception {
    Path home = fakeJavaHome();
    Path dir = Files.createTempDirectory(tmp, "no archive "); // a space, as in some install paths
    Path copy = Files.copy(launcher, dir.resolve("albtrace"));
    Ran r = runAt(copy, Map.of("JAVA_HOME", home.toString()), "convert");
    assertEquals(7, r.code());
    assertArrayEquals(expectedArgs(dir.resolve("albtrace.jar"), null, "convert"), argsSeen(home));
    Files.writeString(dir.resolve("albtrace.jsa"), "any");
    runAt(copy, Map.of("JAVA_HOME", home.toString()), "convert");
    assertArrayEquals(expectedArgs(dir.resolve("albtrace.jar"), dir.resolve("albtrace.jsa"), "convert"), argsSeen(home),
        "one argument, space and all");
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
      assertArrayEquals(expectedArgs(jar, archive, "convert"), argsSeen(home), link.toString());
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
    Path sample = sample();
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

  private static Path sample() {
    return launcher.getParent().getParent().getParent().resolve("samples").resolve("alb-access.log.gz");
  }

  /** {@code -Xlog:class+load} of a run, through JAVA_TOOL_OPTIONS: the launcher's options stay as they are. */
  private static Map<String, String> logClassLoading(Path file) {
    return Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + file);
  }

  /** Where the JVM took the CLI's main class from, by its class-loading log. */
  private static String mainClassSource(Path log) throws IOException {
    return Files.readAllLines(log).stream().filter(l -> l.contains(" io.albtrace.cli.Main ")).findFirst()
        .map(l -> l.substring(l.indexOf("source: ") + 8)).orElse("not loaded");
  }

  @Test
  void theBuildsArchiveServesTheClassesAndLeavesTheOutputAsItIs() throws Exception {
    Path log = tmp.resolve("classes-shared.txt");
    Ran shared = run(logClassLoading(log), "enrich", sample().toString());
    Ran plain = run(Map.of("JAVA_HOME", System.getProperty("java.home"),
        "ALBTRACE_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"), "enrich", sample().toString());
    assertEquals(0, shared.code());
    assertEquals("shared objects file (top)", mainClassSource(log), "the CLI's classes come from the archive");
    assertEquals(plain.out(), shared.out());
  }

  @Test
  void anArchiveTheJvmCannotUseIsIgnoredAndReportedOnStandardErrorNotAmidTheOutput() throws Exception {
    // Moved, the jar is no longer the one on the class path the archive was made with: the JVM
    // refuses the archive, and would say so on standard output without the launcher's -Xlog.
    Path moved = Files.createTempDirectory(tmp, "moved");
    for (Path f : new Path[] {launcher, jar, archive}) Files.copy(f, moved.resolve(f.getFileName()));
    Path log = tmp.resolve("classes-moved.txt");
    Ran r = runAt(moved.resolve("albtrace"), logClassLoading(log), "enrich", sample().toString());
    Ran plain = run(Map.of("JAVA_HOME", System.getProperty("java.home"),
        "ALBTRACE_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"), "enrich", sample().toString());
    assertEquals(0, r.code());
    assertTrue(mainClassSource(log).endsWith("albtrace.jar"), "the archive was refused: " + mainClassSource(log));
    assertEquals(plain.out(), r.out(), "nothing but the enriched lines on standard output");
    List<String> errLines = r.err().lines().filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS")).toList();
    assertTrue(errLines.get(errLines.size() - 1).startsWith("albtrace enrich: "), "the summary last: " + r.err());
    List<String> jvm = errLines.subList(0, errLines.size() - 1);
    assertTrue(!jvm.isEmpty() && jvm.stream().allMatch(l -> l.matches("\\[[^\\]]+\\]\\[warning *\\]\\[cds.*")),
        "the JVM's warning, on standard error: " + r.err());
  }
}
