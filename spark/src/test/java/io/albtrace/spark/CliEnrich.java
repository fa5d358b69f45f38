package io.albtrace.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code albtrace enrich}: the cli's {@code Main} in a JVM of its own (on this test's
 * class path, which holds the cli and what it depends on), writing to a file.
 */
final class CliEnrich {
  /** The NDJSON lines, in order, and the summary line on stderr. */
  record Output(List<String> lines, String summary) {}

  private CliEnrich() {}

  static Output run(Path workDir, List<Path> inputs, String... options) {
    try {
      Path out = Files.createTempFile(workDir, "cli", ".ndjson");
      Path err = Files.createTempFile(workDir, "cli", ".err");
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"),
          "io.albtrace.cli.Main", "enrich", "--no-progress", "-o", out.toString()));
      cmd.addAll(List.of(options));
      for (Path p : inputs) cmd.add(p.toString());
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      int code = p.waitFor();
      String summary = Files.readString(err).trim();
      // 0: every line parsed; 3: some malformed, all written
      if (code != 0) assertEquals(3, code, summary);
      String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
      List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
      return new Output(lines, summary);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
