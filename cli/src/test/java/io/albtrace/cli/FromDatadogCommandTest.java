package io.albtrace.cli;

import static io.albtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code albtrace from-datadog} (docs/spec.md §5, §6) through {@link Main#run}. */
class FromDatadogCommandTest {
  static final String NL = System.lineSeparator();

  static void assertPrints(String expectedRoot, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "from-datadog";
    System.arraycopy(args, 0, all, 1, args.length);
    CliRun r = run("", all);
    assertEquals(0, r.code, () -> Arrays.toString(args) + ": " + r.err);
    assertEquals(expectedRoot + NL, r.out);
    assertEquals("", r.err);
  }

  /** Exit 2, nothing on stdout, the reason on stderr. */
  static CliRun assertUsageError(String expectedInErr, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "from-datadog";
    System.arraycopy(args, 0, all, 1, args.length);
    CliRun r = run("", all);
    assertEquals(2, r.code, () -> Arrays.toString(args) + " out: " + r.out);
    assertEquals("", r.out);
    assertTrue(r.err.contains(expectedInErr), () -> "stderr: " + r.err);
    return r;
  }

  @Test
  void traceIdAndTid() {
    assertPrints(
        "1-67891233-abcdef012345678912345678",
        "--trace-id", "2541551403134113400", "--tid", "67891233abcdef01");
    assertPrints(
        "1-67891233-abcdef012345678912345678",
        "--trace-id=2541551403134113400", "--tid=67891233abcdef01");
    assertPrints(
        "1-67891233-abcdef012345678912345678",
        "--tid", "67891233ABCDEF01", "--trace-id=2541551403134113400");
  }

  @Test
  void traceIdAndEpoch() {
    assertPrints(
        "1-67891233-000000002345678912345678",
        "--trace-id", "2541551403134113400", "--epoch", "1737036339");
    assertPrints(
        "1-67891233-000000002345678912345678",
        "--epoch=1737036339", "--trace-id=2541551403134113400");
    assertPrints("1-00000000-000000000000000000000001", "--trace-id", "1", "--epoch", "0");
    assertPrints(
        "1-ffffffff-00000000ffffffffffffffff",
        "--trace-id", "18446744073709551615", "--epoch", "4294967295");
  }

  @Test
  void traceId128() {
    assertPrints(
        "1-67891233-abcdef012345678912345678", "--trace-id-128", "67891233abcdef012345678912345678");
    assertPrints(
        "1-67891233-abcdef012345678912345678", "--trace-id-128=67891233ABCDEF012345678912345678");
  }

  /** With --trace-id alone the epoch is now, as dd-trace-java's X-Ray injector does. */
  @Test
  void traceIdAloneUsesTheCurrentTime() {
    long before = System.currentTimeMillis() / 1000;
    CliRun r = run("", "from-datadog", "--trace-id", "2541551403134113400");
    long after = System.currentTimeMillis() / 1000;
    assertEquals(0, r.code, r.err);
    String root = r.out.strip();
    assertEquals(35, root.length(), root);
    assertTrue(root.startsWith("1-"), root);
    assertTrue(root.endsWith("-000000002345678912345678"), root);
    long epoch = Long.parseLong(root.substring(2, 10), 16);
    assertTrue(epoch >= before && epoch <= after, epoch + " not in [" + before + ", " + after + "]");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // non-decimal, zero, 2^64, huge
        "--trace-id=abc | not an unsigned decimal number",
        "--trace-id=-1 | not an unsigned decimal number",
        "--trace-id=0x10 | not an unsigned decimal number",
        "--trace-id=1.5 | not an unsigned decimal number",
        "--trace-id=\u0661\u0662 | not an unsigned decimal number",
        "--trace-id= | Datadog trace id is empty",
        "--trace-id=0 | are zero",
        "--trace-id=18446744073709551616 | larger than 2^64-1",
        "--trace-id=99999999999999999999999 | larger than 2^64-1",
      })
  void badTraceIdWithTid(String arg, String message) {
    assertUsageError(message, arg, "--tid", "67891233abcdef01");
    assertUsageError(message.equals("are zero") ? "zero" : message, arg, "--epoch", "1737036339");
  }

  @Test
  void largestTraceIdIsAccepted() {
    assertPrints(
        "1-67891233-abcdef01ffffffffffffffff", "--trace-id", "18446744073709551615", "--tid", "67891233abcdef01");
  }

  @ParameterizedTest
  @CsvSource({
    "67891233abcdef0",
    "67891233abcdef012",
    "67891233abcdefg1",
    "0x67891233abcdef",
    "''",
  })
  void badTid(String tid) {
    assertUsageError("_dd.p.tid must be 16 hex digits", "--trace-id", "2541551403134113400", "--tid=" + tid);
  }

  @ParameterizedTest
  @CsvSource({
    "67891233abcdef01234567891234567, must be 32 hex digits",
    "67891233abcdef0123456789123456780, must be 32 hex digits",
    "67891233abcdef01234567891234567z, must be 32 hex digits",
    "1-67891233-abcdef012345678912345678, must be 32 hex digits",
    "00000000000000000000000000000000, trace id is zero",
    "67891233abcdef010000000000000000, low 64 bits",
  })
  void badTraceId128(String hex, String message) {
    assertUsageError(message, "--trace-id-128", hex);
  }

  @ParameterizedTest
  @CsvSource({
    "4294967296, epoch must be 0 .. 4294967295 seconds",
    "9999999999, epoch must be 0 .. 4294967295 seconds",
    "99999999999, epoch must be 0 .. 4294967295 seconds",
    "-1, epoch must be a decimal number of seconds",
    "1e9, epoch must be a decimal number of seconds",
    "0x10, epoch must be a decimal number of seconds",
    "'', epoch must be 0 .. 4294967295 seconds",
  })
  void badEpoch(String epoch, String message) {
    assertUsageError(message, "--trace-id", "2541551403134113400", "--epoch=" + epoch);
  }

  @Test
  void usageErrors() {
    assertUsageError("give --trace-id or --trace-id-128");
    assertUsageError("give --trace-id or --trace-id-128", "--tid", "67891233abcdef01");
    assertUsageError("give --trace-id or --trace-id-128", "--epoch", "1");
    assertUsageError("option --trace-id needs a value", "--trace-id");
    assertUsageError("option --tid needs a value", "--trace-id", "1", "--tid");
    assertUsageError("unknown option '--trace'", "--trace", "1");
    assertUsageError("unknown option '--trace-ID'", "--trace-ID=1");
    assertUsageError("unexpected argument '2541551403134113400'", "2541551403134113400");
    assertUsageError("unexpected argument '-t'", "-t", "1");
    assertUsageError(
        "give --tid or --epoch, not both",
        "--trace-id", "1", "--tid", "67891233abcdef01", "--epoch", "1");
    assertUsageError(
        "--trace-id-128 stands alone",
        "--trace-id-128", "67891233abcdef012345678912345678", "--trace-id", "1");
    assertUsageError(
        "--trace-id-128 stands alone",
        "--trace-id-128", "67891233abcdef012345678912345678", "--epoch", "1");
    assertUsageError("--trace-id given twice", "--trace-id", "1", "--trace-id=2");
    assertUsageError("--tid given twice", "--trace-id", "1", "--tid=67891233abcdef01", "--tid=67891233abcdef01");
  }

  @Test
  void usageErrorsPrintTheUsage() {
    CliRun r = assertUsageError("unknown option", "--bogus=1");
    assertTrue(r.err.contains("usage: albtrace from-datadog --trace-id <decimal>"), r.err);
  }

  @Test
  void help() {
    for (String flag : new String[] {"--help", "-h"}) {
      CliRun r = run("", "from-datadog", flag);
      assertEquals(0, r.code);
      assertTrue(r.out.startsWith("usage: albtrace from-datadog --trace-id <decimal>"), r.out);
      assertEquals("", r.err);
    }
    CliRun later = run("", "from-datadog", "--trace-id", "1", "--help");
    assertEquals(0, later.code);
    assertTrue(later.out.startsWith("usage: albtrace from-datadog"), later.out);
  }
}
