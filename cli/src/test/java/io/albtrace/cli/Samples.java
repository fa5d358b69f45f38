package io.albtrace.cli;

import static io.albtrace.cli.CliRun.assertInvalid;
import static io.albtrace.cli.CliRun.assertValid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Expected {@code albtrace convert} output for known header values, computed outside Java (Python
 * big integers and the docs/spec.md §3 formula). Covers every line of samples/headers.txt and the AWS
 * documentation's examples.
 */
final class Samples {
  static final String ALB = "Root=1-67891233-abcdef012345678912345678";
  static final String AWS_SELF =
      "Self=1-67891233-12456789abcdef012345678;Root=1-67891233-abcdef012345678912345678";
  static final String SDK =
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

  /** Input line → assertion on its JSON object. */
  static final Map<String, Consumer<JsonNode>> EXPECTED = new LinkedHashMap<>();

  private static void alb(String input) {
    EXPECTED.put(
        input,
        n ->
            assertValid(
                n,
                input,
                "1-67891233-abcdef012345678912345678",
                "67891233abcdef012345678912345678",
                "2541551403134113400",
                "67891233abcdef01",
                1737036339L,
                "00a80ccd5996a294",
                "00-67891233abcdef012345678912345678-00a80ccd5996a294-01"));
  }

  private static void sdk(String input, String flags) {
    EXPECTED.put(
        input,
        n ->
            assertValid(
                n,
                input,
                "1-5759e988-bd862e3fe1be46a994272793",
                "5759e988bd862e3fe1be46a994272793",
                "16266516598257821587",
                "5759e988bd862e3f",
                1465510280L,
                "53995c3f42cd8ad8",
                "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-" + flags));
  }

  private static void invalid(String input, String error) {
    EXPECTED.put(input, n -> assertInvalid(n, input, error));
  }

  static {
    // samples/headers.txt
    alb(ALB);
    alb("Self=1-67891233-12456789abcdef012345;Root=1-67891233-abcdef012345678912345678");
    alb("Self=1-67891233-12456789abcdef012345;Root=1-67891233-abcdef012345678912345678;CalledFrom=app");
    sdk(SDK, "01");
    sdk(
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0;"
            + "Lineage=a87bd80c:1|68fd508a:5",
        "00");
    invalid("Root=1-67891233-0000000000000000000000000", "malformed Root");
    invalid("root=1-67891233-abcdef012345678912345678", "no Root field");
    invalid("Root=1-67891233-abcdef010000000000000000", "low 64 bits are zero");
    // AWS documentation (23-digit Self)
    alb(AWS_SELF);
    alb(AWS_SELF + ";CalledFrom=app");
    // A valid Self gives the parent span id (docs/spec.md §3)
    EXPECTED.put(
        "Self=1-67891234-abcdef0123456789abcdef01;Root=1-67891233-abcdef012345678912345678",
        n ->
            assertValid(
                n,
                "Self=1-67891234-abcdef0123456789abcdef01;Root=1-67891233-abcdef012345678912345678",
                "1-67891233-abcdef012345678912345678",
                "67891233abcdef012345678912345678",
                "2541551403134113400",
                "67891233abcdef01",
                1737036339L,
                "6443a3d926ba27a1",
                "00-67891233abcdef012345678912345678-6443a3d926ba27a1-01"));
    invalid("", "no Root field");
    invalid("Root=1-00000000-000000000000000000000000", "low 64 bits are zero");
  }

  private Samples() {}
}
