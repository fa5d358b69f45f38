package io.albtrace.cli;

import static io.albtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command dispatch and exit codes of {@link Main#run}. */
class MainTest {
  @Test
  void noCommandIsAUsageError() {
    CliRun r = run("");
    assertEquals(2, r.code);
    assertEquals("", r.out);
    assertTrue(r.err.startsWith("usage: albtrace <command>"), r.err);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "help"})
  void helpExitsZero(String flag) {
    CliRun r = run("", flag);
    assertEquals(0, r.code);
    assertTrue(r.out.startsWith("usage: albtrace <command>"), r.out);
    assertTrue(r.out.contains("convert [HEADER ...]"), r.out);
    assertTrue(r.out.contains("from-datadog --trace-id <decimal>"), r.out);
    assertEquals("", r.err);
  }

  @ParameterizedTest
  @ValueSource(strings = {"convrt", "CONVERT", "from_datadog", "--version", ""})
  void unknownCommandIsAUsageError(String command) {
    CliRun r = run("", command, "Root=1-67891233-abcdef012345678912345678");
    assertEquals(2, r.code);
    assertEquals("", r.out);
    assertTrue(r.err.startsWith("albtrace: unknown command '" + command + "'"), r.err);
    assertTrue(r.err.contains("usage: albtrace <command>"), r.err);
  }

  @Test
  void exitCodes() {
    assertEquals(0, Main.OK);
    assertEquals(1, Main.IO_ERROR);
    assertEquals(2, Main.USAGE);
  }
}
