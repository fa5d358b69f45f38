package io.albtrace.continuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/spec.md §7 trust policy: whether a valid Root may become the tracer's trace id. */
class TrustPolicyTest {
  static final String ROOT = "Root=1-67891233-abcdef012345678912345678";

  static boolean allows(TrustPolicy p, String header) {
    return p.allows(AmznTraceHeader.parse(header));
  }

  @Test
  void alwaysAllowsEveryValidRoot() {
    assertTrue(allows(TrustPolicy.ALWAYS, ROOT));
    assertTrue(allows(TrustPolicy.ALWAYS, "Self=1-67891234-abcdef0123456789abcdef01;" + ROOT));
    assertTrue(allows(TrustPolicy.ALWAYS, "Self=bad;" + ROOT));
  }

  @Test
  void albGeneratedOnlyAllowsRootsWithoutSelf() {
    assertTrue(allows(TrustPolicy.ALB_GENERATED_ONLY, ROOT));
    assertTrue(allows(TrustPolicy.ALB_GENERATED_ONLY, ROOT + ";CalledFrom=app;Sampled=1"));
    // "self=" and "SelfX=" are other fields; "Self" without '=' is no field.
    assertTrue(allows(TrustPolicy.ALB_GENERATED_ONLY, "self=1-67891234-abcdef0123456789abcdef01;" + ROOT));
    assertTrue(allows(TrustPolicy.ALB_GENERATED_ONLY, "SelfX=1;" + ROOT));
    assertTrue(allows(TrustPolicy.ALB_GENERATED_ONLY, "Self;" + ROOT));
  }

  @Test
  void albGeneratedOnlyRefusesAnySelfField() {
    assertFalse(allows(TrustPolicy.ALB_GENERATED_ONLY, "Self=1-67891234-abcdef0123456789abcdef01;" + ROOT));
    assertFalse(allows(TrustPolicy.ALB_GENERATED_ONLY, ROOT + ";Self=1-67891234-abcdef0123456789abcdef01"));
  }

  /** AWS's documented Self (23 digits) is malformed, but it is still a Self field. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Self=1-67891233-12456789abcdef012345678;" + ROOT,
        "Self=1-67891233-12456789abcdef012345678;" + ROOT + ";CalledFrom=app",
        "Self=1-67891233-12456789abcdef012345;" + ROOT,
        "Self=;" + ROOT,
        " Self \t= junk ;" + ROOT,
        "Self=\u0661-67891234-abcdef0123456789abcdef01;" + ROOT,
      })
  void albGeneratedOnlyCountsAMalformedSelf(String header) {
    AmznTraceHeader h = AmznTraceHeader.parse(header);
    assertTrue(h.isValid());
    assertTrue(h.hasSelfField());
    assertFalse(h.hasSelf());
    assertFalse(TrustPolicy.ALB_GENERATED_ONLY.allows(h));
    assertTrue(TrustPolicy.ALWAYS.allows(h));
  }

  @Test
  void neverAllows() {
    assertFalse(allows(TrustPolicy.NEVER, ROOT));
    assertFalse(allows(TrustPolicy.NEVER, ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Root=bad", "", "Self=1-67891234-abcdef0123456789abcdef01", "Root=1-67891233-abcdef010000000000000000"})
  void noPolicyAllowsAnInvalidHeader(String header) {
    for (TrustPolicy p : TrustPolicy.values()) assertFalse(allows(p, header), p + " " + header);
    for (TrustPolicy p : TrustPolicy.values()) assertFalse(p.allows(AmznTraceHeader.parse(null)));
  }

  @ParameterizedTest
  @CsvSource({
    "always, ALWAYS",
    "ALWAYS, ALWAYS",
    "' Always ', ALWAYS",
    "alb-generated-only, ALB_GENERATED_ONLY",
    "alb_generated_only, ALB_GENERATED_ONLY",
    "ALB-GENERATED-ONLY, ALB_GENERATED_ONLY",
    "never, NEVER",
    "Never, NEVER",
  })
  void parse(String text, TrustPolicy expected) {
    assertSame(expected, TrustPolicy.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "sometimes", "alb", "albgeneratedonly", "alb generated only", "nevermore"})
  void parseRejects(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TrustPolicy.parse(text));
    assertEquals(
        "unknown trust policy '" + text + "': use always, alb-generated-only or never", e.getMessage());
  }
}
