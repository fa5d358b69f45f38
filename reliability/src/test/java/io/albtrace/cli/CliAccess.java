package io.albtrace.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Test-only door into the CLI's package-private entry points, so the reliability tests run the real
 * {@code albtrace} commands in-process (fuzzing needs millions of calls; a process each is too slow).
 */
public final class CliAccess {
  private CliAccess() {}

  /** The {@code convert} JSON object for one header value, exactly as the CLI writes it. */
  public static String convertJson(String header) {
    return ConvertCommand.toJson(header, new StringBuilder()).toString();
  }

  /** Runs {@code albtrace args...} on {@code stdin}; returns exit code, stdout and stderr. */
  public static Result run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, new ByteArrayInputStream(stdin), o, e);
    }
    return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Runs {@code albtrace args...} streaming: {@code stdin} is read as the command reads it, stdout
   * goes to {@code stdout} (not kept in memory); returns the exit code, and stderr in {@code err}.
   */
  public static int run(java.io.InputStream stdin, java.io.OutputStream stdout, StringBuilder err, String... args) {
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(stdout, false, StandardCharsets.UTF_8);
        PrintStream ep = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, stdin, o, ep);
      o.flush();
    }
    err.append(e.toString(StandardCharsets.UTF_8));
    return code;
  }

  /** What one run of the CLI did. */
  public static final class Result {
    public final int exitCode;
    public final byte[] stdout;
    public final String stderr;

    Result(int exitCode, byte[] stdout, String stderr) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }
  }
}
