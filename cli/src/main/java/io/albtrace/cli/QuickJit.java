package io.albtrace.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs a short {@code enrich} in a JVM that compiles with C1 only ({@code -XX:TieredStopAtLevel=1};
 * also {@code -XX:+UseSerialGC} unless a collector was chosen, and {@code -XX:-UsePerfData}), by
 * starting the same command line again with those options, its standard streams inherited.
 *
 * <p>Why: on a run of a second or so, HotSpot's optimizing compiler (C2) spends more CPU compiling
 * the enricher than it saves (measured on 2 cores: about 1 s of compilation on a 110 MB input, and
 * the hot code runs in slow profiled C1 code until then), while C1-only code is ready at once.
 * On a long enough run C2's faster code wins, so only runs over regular files totalling at most
 * {@value #MAX_BYTES} bytes as stored are relaunched; stdin and pipes never are (a stream may
 * never end). The output is the same either way: only how the JVM compiles differs.
 *
 * <p>Off with {@code ALBTRACE_JIT=default} in the environment, when the JVM options already choose
 * how to compile ({@code -XX:TieredStopAtLevel}, {@code -XX:-TieredCompilation}, {@code -Xint}), on
 * a JVM other than HotSpot, or when the JVM already runs with {@code -Dalbtrace.jit} (the
 * relaunched one does). When the command line cannot be read or the process cannot be started,
 * the command runs in this JVM as usual.
 */
final class QuickJit {
  static final String PROPERTY = "albtrace.jit";
  static final String ENV = "ALBTRACE_JIT";
  /**
   * Largest input, as stored, that is relaunched: about 1.8 GB of ALB log once inflated. Measured
   * on 2 cores: C1 only is faster at 16 MB and at 130 MB of {@code .gz} (894 MB inflated: 4.2 s
   * against 4.8 s); past this, C2's faster steady-state code is left to pay off.
   */
  static final long MAX_BYTES = 256L << 20;

  private QuickJit() {}

  /** The relaunched command's exit code, or empty when this JVM should run the command itself. */
  static Optional<Integer> relaunch(String[] args) {
    if (System.getProperty(PROPERTY) != null || "default".equals(System.getenv(ENV))) return Optional.empty();
    if (!isShortEnrich(args)) return Optional.empty();
    ProcessHandle.Info self = ProcessHandle.current().info();
    Optional<String> java = self.command();
    Optional<String[]> jvmArgs = self.arguments();
    if (java.isEmpty() || jvmArgs.isEmpty() || !isHotSpot() || choosesCompiler(jvmArgs.get())) return Optional.empty();
    List<String> command = new ArrayList<>();
    command.add(java.get());
    // First: an option of the user's own comes later and wins.
    command.add("-XX:TieredStopAtLevel=1");
    // The serial collector starts faster and costs the C1 code less; only when the user chose
    // none (two collectors chosen would stop the JVM).
    if (!choosesCollector(jvmArgs.get())) command.add("-XX:+UseSerialGC");
    command.add("-XX:-UsePerfData"); // no hsperfdata file for a run of a second
    command.add("-D" + PROPERTY + "=c1");
    command.addAll(Arrays.asList(jvmArgs.get()));
    Process p;
    try {
      p = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    // No lambda on this path: bootstrapping one costs this JVM more than the rest of its work.
    Thread stop = new Thread("albtrace-stop-relaunched") {
      @Override
      public void run() {
        p.destroy();
      }
    };
    Runtime.getRuntime().addShutdownHook(stop); // this JVM told to stop (SIGTERM, ^C): so is the other
    while (true) {
      try {
        int code = p.waitFor();
        Runtime.getRuntime().removeShutdownHook(stop);
        return Optional.of(code);
      } catch (InterruptedException e) {
        // keep waiting: the child owns the streams
      }
    }
  }

  /** The options are HotSpot's: other JVMs (OpenJ9) are left as they are. */
  static boolean isHotSpot() {
    String vm = System.getProperty("java.vm.name", "");
    return (vm.contains("HotSpot") || vm.contains("OpenJDK")) && !vm.contains("OpenJ9");
  }

  /**
   * Whether the JVM options already choose how to compile: then that choice stands, no relaunch.
   * The whole command line is looked at (where the JVM's options end is not told apart): a
   * command argument that looks like such an option only costs the relaunch.
   */
  static boolean choosesCompiler(String[] jvmArgs) {
    for (String a : jvmArgs) {
      if (a.startsWith("-XX:TieredStopAtLevel") || a.endsWith("TieredCompilation") || a.equals("-Xint")
          || a.equals("-Xcomp")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the JVM options name a garbage collector ({@code -XX:+UseG1GC} and the like). */
  static boolean choosesCollector(String[] jvmArgs) {
    for (String a : jvmArgs) {
      if ((a.startsWith("-XX:+Use") || a.startsWith("-XX:-Use")) && a.endsWith("GC")) return true;
    }
    return false;
  }

  /**
   * Whether {@code args} ({@code enrich ...}) name only regular files, at most {@value #MAX_BYTES}
   * bytes in all. A best effort over the raw arguments: a wrong guess costs speed, never output.
   */
  static boolean isShortEnrich(String[] args) {
    if (args.length < 2 || !args[0].equals("enrich")) return false;
    long total = 0;
    int files = 0;
    boolean options = true;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (options && a.equals("--")) {
        options = false;
        continue;
      }
      if (options && a.startsWith("-")) {
        if (a.equals("-")) return false; // stdin
        if (a.equals("-h") || a.equals("--help")) return false;
        if (a.equals("-o") || a.equals("--output") || a.equals("--dd-trace-id") || a.equals("--threads")) i++;
        continue;
      }
      try {
        Path p = Path.of(a);
        if (!Files.isRegularFile(p)) return false;
        total += Files.size(p);
      } catch (IOException | RuntimeException e) {
        return false;
      }
      files++;
      if (total > MAX_BYTES) return false;
    }
    return files > 0;
  }
}
