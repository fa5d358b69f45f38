package io.albtrace.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader;
import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/spec.md §7's edge trust policy for client-supplied Roots, at the decision point every adapter calls
 * ({@link Continuation#continueTrace}). An ALB adds {@code Self} exactly when the client supplied
 * the {@code Root}; {@code ALB_GENERATED_ONLY} continues only Self-less headers; {@code NEVER}
 * continues nothing. The adapter tests in this module check the same through real requests.
 */
class TrustPolicyTest {
  static final String ALB_GENERATED = "Root=1-67891233-abcdef012345678912345678";
  /** What an ALB forwards when the client sent {@code X-Amzn-Trace-Id: Root=1-67891233-abcdef...}. */
  static final String CLIENT_SUPPLIED =
      "Self=1-67891299-0123456789abcdef01234567;Root=1-67891233-abcdef012345678912345678";

  static Continuation policy(TrustPolicy p) {
    return Continuation.builder().trustPolicy(p).build();
  }

  @Test
  void albGeneratedOnlyContinuesOnlyRootsWithoutSelf() {
    Continuation c = policy(TrustPolicy.ALB_GENERATED_ONLY);
    assertTrue(Requests.continues(c, ALB_GENERATED, false));
    assertFalse(Requests.continues(c, CLIENT_SUPPLIED, false));
    // Any Self field counts, well formed or not, wherever it stands (an ALB may forward a 23-digit Self).
    for (String self :
        new String[] {
          "Self=", "Self=garbage", "Self=1-5e1b4151-43a39f16b3ba6f0ae9f8", " \tSelf\t = x ",
          "Self=1-67891299-0123456789abcdef01234567\r\n"
        }) {
      assertFalse(Requests.continues(c, ALB_GENERATED + ";" + self, false), self);
      assertFalse(Requests.continues(c, self + ";" + ALB_GENERATED, false), self);
    }
    // Keys are case-sensitive: "self=" is an extra field, not the ALB's Self.
    assertTrue(Requests.continues(c, ALB_GENERATED + ";self=x;SELF=y", false));
    // A Self-less header with extra fields the client may have added is still ALB-made by the spec's rule.
    assertTrue(Requests.continues(c, ALB_GENERATED + ";CalledFrom=app", false));
    // Never an invalid header, never over an upstream tracer's context.
    assertFalse(Requests.continues(c, "Root=1-67891233-abcdef010000000000000000", false));
    assertFalse(Requests.continues(c, ALB_GENERATED, true));
  }

  @Test
  void neverContinuesAnything() {
    Continuation c = policy(TrustPolicy.NEVER);
    for (String h :
        new String[] {
          ALB_GENERATED, CLIENT_SUPPLIED, ALB_GENERATED + ";Parent=53995c3f42cd8ad8;Sampled=1",
          "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0"
        }) {
      AmznTraceHeader header = AmznTraceHeader.parse(h);
      assertTrue(header.isValid(), h); // still valid: adapters still tag it
      assertFalse(Requests.continues(c, h, false), h);
      assertFalse(Requests.continues(c, h, true), h);
    }
  }

  @Test
  void alwaysContinuesClientSuppliedRoots() {
    Continuation c = policy(TrustPolicy.ALWAYS);
    assertTrue(Requests.continues(c, ALB_GENERATED, false));
    assertTrue(Requests.continues(c, CLIENT_SUPPLIED, false));
    assertSame(TrustPolicy.ALWAYS, Continuation.defaults().trustPolicy());
  }

  @Test
  void policyIsReadFromConfiguration() {
    assertSame(
        TrustPolicy.ALB_GENERATED_ONLY,
        Continuation.fromConfig(Map.of("albtrace.trust-policy", "alb-generated-only")::get).trustPolicy());
    assertSame(
        TrustPolicy.NEVER, Continuation.fromConfig(Map.of("albtrace.trust-policy", " NEVER ")::get).trustPolicy());
    assertSame(TrustPolicy.ALB_GENERATED_ONLY, TrustPolicy.parse("ALB_GENERATED_ONLY"));
    // A typo must not silently fall back to ALWAYS: it fails at startup.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Continuation.fromConfig(Map.of("albtrace.trust-policy", "alb-only")::get));
    assertTrue(e.getMessage().contains("alb-generated-only"), e.getMessage());
  }

  @Test
  void headersWrittenForAContinuedClientRootCarryOnlyItsIds() {
    // ALWAYS continues a client Root: what is written must still be the Root's ids and nothing else.
    StringBuilder written = new StringBuilder();
    AmznTraceHeader h = AmznTraceHeader.parse(CLIENT_SUPPLIED + ";Lineage=x\r\nEvil: 1;X=\r\n");
    Continuation.defaults().writeHeaders(h, written, (out, n, v) -> {
      Checks.assertSafeHeaderValue(n, v);
      out.append(n).append('=').append(v).append(';');
    });
    assertEquals(
        "x-datadog-trace-id=2541551403134113400;x-datadog-tags=_dd.p.tid=67891233abcdef01;"
            + "traceparent=00-67891233abcdef012345678912345678-"
            + h.parentSpanIdHex() + "-01;",
        written.toString());
  }
}
