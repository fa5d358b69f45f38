package io.albtrace.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.albtrace.continuation.TrustPolicy;

/**
 * The request mix of the adapter stress tests: valid, invalid and hostile {@code X-Amzn-Trace-Id}
 * headers, each request with its own Root so that a response carrying another request's ids is
 * caught. Header bytes are ISO-8859-1 (what HTTP servers decode them as), obs-text included.
 */
final class HostileMix {
  static final int KINDS = 11;

  private HostileMix() {}

  /** One request and what the adapter must make of it. */
  static final class Request {
    final byte[] bytes;
    /** The X-Amzn-Trace-Id value as the server decodes it, or null. */
    final String amzn;
    /** A traceparent the client sent itself, or null. */
    final String upstreamTraceparent;

    Request(byte[] bytes, String amzn, String upstreamTraceparent) {
      this.bytes = bytes;
      this.amzn = amzn;
      this.upstreamTraceparent = upstreamTraceparent;
    }

    /**
     * The echo the server must send back: {@code req dd tags tp root}, one per line, {@code -} for
     * absent. {@code root} is the valid Root the adapter recorded (tags are written under every
     * policy); {@code dd}/{@code tags}/{@code tp} are the propagation headers the tracer would read.
     */
    String expectedEcho(String id, TrustPolicy policy) {
      SpecOracle.Expected e = amzn == null ? null : SpecOracle.expect(amzn);
      boolean valid = e != null && e.valid();
      boolean continued =
          valid
              && upstreamTraceparent == null
              && (policy == TrustPolicy.ALWAYS || (policy == TrustPolicy.ALB_GENERATED_ONLY && !e.selfField));
      String dd = continued ? e.ddTraceId() : "-";
      String tags = continued ? "_dd.p.tid=" + e.ddPTid() : "-";
      String tp = continued ? e.traceparent() : upstreamTraceparent != null ? upstreamTraceparent : "-";
      return id + "\n" + dd + "\n" + tags + "\n" + tp + "\n" + (valid ? e.root : "-");
    }
  }

  /** Request number {@code i} on connection {@code conn}; {@code id} goes into the path. */
  static Request request(int conn, int i) {
    String id = conn + "-" + i;
    String root = "1-" + String.format("%08x", 0x60000000 + conn) + "-" + String.format("%024x", i * 7919L + 1);
    String self = "1-" + String.format("%08x", 0x60000000 + conn) + "-" + String.format("%024x", i * 104729L + 3);
    String amzn;
    String upstream = null;
    switch (i % KINDS) {
      case 0: amzn = "Root=" + root; break; // ALB-generated
      case 1: amzn = "Self=" + self + ";Root=" + root + ";CalledFrom=app"; break; // client-supplied
      case 2: amzn = "Root=" + root + ";Parent=53995c3f42cd8ad8;Sampled=0"; break;
      case 3: amzn = "Root=1-zzzzzzzz-" + root.substring(11); break; // malformed
      case 4: amzn = "Root=" + root + ";X=\u00ff\u0080\u00e9\t%0d%0aSet-Cookie: a=b;Lineage=\u00a0"; break;
      case 5: amzn = ";".repeat(3000) + "Root=" + root + ";k=v".repeat(200); break;
      case 6: amzn = null; break; // no header
      case 7: // an upstream tracer's context always wins
        amzn = "Root=" + root;
        upstream = "00-" + String.format("%032x", i + 1L) + "-00f067aa0ba902b7-01";
        break;
      case 8: // full-width digit, as UTF-8 bytes read as ISO-8859-1
        amzn = "Root=1-" + new String("\uff16".getBytes(java.nio.charset.StandardCharsets.UTF_8), ISO_8859_1)
            + root.substring(3);
        break;
      case 9: amzn = "Root=" + root.substring(0, 19) + "0000000000000000"; break; // low 64 bits zero
      default: amzn = "Root=" + root + ";Root=1-11111111-111111111111111111111111;Sampled=1;Sampled=0"; break;
    }
    StringBuilder sb = new StringBuilder(256)
        .append("GET /echo/").append(id).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if (amzn != null) sb.append("X-Amzn-Trace-Id: ").append(amzn).append("\r\n");
    if (upstream != null) sb.append("traceparent: ").append(upstream).append("\r\n");
    sb.append("\r\n");
    return new Request(sb.toString().getBytes(ISO_8859_1), amzn, upstream);
  }

  static String id(int conn, int i) {
    return conn + "-" + i;
  }
}
