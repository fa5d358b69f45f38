package io.albtrace.benchmarks;

/**
 * The fixed header mixes the header benchmarks cycle through: four each (a power of two, so the next
 * index is a mask), all valid, lowercase hex as AWS writes it.
 */
final class Headers {
  /**
   * What an ALB forwards for plain client traffic: a Root it generated, a Root the client sent (the
   * ALB then adds {@code Self}), and both with a custom field the ALB keeps. Never a {@code Parent}.
   */
  static final String[] ALB = {
    "Root=1-67891233-abcdef012345678912345678",
    "Self=1-67891234-12456789abcdef0123456789;Root=1-5759e988-bd862e3fe1be46a994272793",
    "Root=1-6789a1b2-0123456789abcdef01234567;CalledFrom=checkout-frontend",
    "Self=1-6789a1b3-aaaabbbbccccddddeeeeffff;Root=1-6789a1b0-fedcba9876543210fedcba98;CalledFrom=app",
  };

  /**
   * What an upstream X-Ray SDK or OpenTelemetry service sends through an ALB: Root, Parent and
   * Sampled, once with the ALB's {@code Self} in front and once with a custom field.
   */
  static final String[] XRAY = {
    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
    "Root=1-5759e989-bd862e3fe1be46a994272794;Parent=53995c3f42cd8ad9;Sampled=0",
    "Self=1-67891234-12456789abcdef0123456789;Root=1-5759e98a-bd862e3fe1be46a994272795;Parent=53995c3f42cd8ada;Sampled=1",
    "Root=1-5759e98b-bd862e3fe1be46a994272796;Parent=53995c3f42cd8adb;Sampled=1;CalledFrom=checkout-frontend",
  };

  /** A browser's user agent, for the requests of the adapter benchmarks. */
  static final String USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

  private Headers() {}
}
