package io.albtrace.testsupport;

import io.albtrace.testsupport.Seeded.Chars;
import io.albtrace.testsupport.Seeded.Gen;
import io.albtrace.testsupport.Seeded.HexCase;
import java.util.function.Supplier;

/**
 * {@code X-Amzn-Trace-Id} values of the shapes docs/spec.md §1 rules on, for property tests: Roots in
 * either hex case, Self before Root, a Parent (zero or not), low 64 bits zero, spaces around fields,
 * a second Root (the first wins), and junk made of the grammar's own characters.
 *
 * <pre>
 * Root=1-67891233-ABCDEF012345678912345678;Parent=0000000000000000
 *  Root=1-67891233-abcdef012345678912345678 ; Root=1-5759e988-bd862e3fe1be46a994272793
 * </pre>
 *
 * <p>No value holds a tab, a {@code "} or is {@code -}, so each can stand as is inside the quoted
 * {@code trace_id} field of an ALB access-log line.
 */
public final class TraceHeaders {
  private TraceHeaders() {}

  public static String any(Gen g) {
    Supplier<String> root = () -> "Root=1-" + g.hex(8, HexCase.MIXED) + "-" + g.hex(24, HexCase.MIXED);
    return g.oneOf(
        root,
        () -> root.get() + g.pick("", ";Sampled=1", ";CalledFrom=app", ";Parent=0000000000000000", ";Parent=53995c3f42cd8ad8"),
        () -> {
          String t = g.hex(8, HexCase.MIXED), u = g.hex(24, HexCase.MIXED);
          return "Self=1-" + t + "-" + u + ";Root=1-" + t + "-" + u;
        },
        () -> "Root=1-" + g.hex(8, HexCase.MIXED) + "-12345678" + "0".repeat(16),
        () -> g.pick("", " ", "  ") + root.get() + g.pick("", " ") + ";" + g.pick("", " ") + root.get(),
        () -> g.filter(() -> g.string(Chars.of("Root=1-;ab09"), 1, 50), s -> !s.equals("-")));
  }
}
