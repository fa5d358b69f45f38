package io.albtrace.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.albtrace.AmznTraceHeader;
import io.albtrace.TraceId128;
import io.albtrace.TraceIdFormatException;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Fuzzes the reverse mapping (docs/spec.md §5): {@link TraceId128#fromHex}, {@link
 * TraceId128#fromDatadog(CharSequence, CharSequence)} and {@link TraceId128#fromDatadog(CharSequence,
 * long)}.
 *
 * <p>The input is read as UTF-8 lines {@code A \n B \n C}: {@code A} and {@code B} go to every
 * reader (as 32 hex, as decimal + {@code _dd.p.tid}), {@code C} is the epoch when it is a decimal
 * {@code long}. Each call either returns exactly the id that {@link SpecOracle} derives with
 * {@link BigInteger}, which then round-trips through the X-Ray Root, or throws {@link
 * TraceIdFormatException} (never a guess, never another exception) whose message is free of control
 * chars.
 *
 * Seeds: {@code src/test/resources/io/albtrace/reliability/ReverseMappingFuzzTestInputs/reverseMapping/}.
 */
class ReverseMappingFuzzTest {

  @FuzzTest(maxDuration = "30m")
  void reverseMapping(byte[] data) {
    String[] parts = new String(data, UTF_8).split("\n", 3);
    String a = parts[0];
    String b = parts.length > 1 ? parts[1] : "";
    long epoch = parts.length > 2 ? epoch(parts[2]) : 1737036339L;
    checkFromHex(a);
    checkFromHex(b);
    checkFromDatadog(a, b);
    checkFromDatadog(a, epoch);
  }

  private static long epoch(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return s.hashCode() * 0x9E3779B9L; // any long, often out of range: that must fail cleanly
    }
  }

  static void checkFromHex(String hex) {
    String expected = null;
    if (SpecOracle.isAsciiHex(hex, 32) && !hex.substring(16).matches("0{16}")) {
      expected = hex.toLowerCase(Locale.ROOT);
    }
    TraceId128 id = call(() -> TraceId128.fromHex(hex));
    if (expected == null) {
      assertNull(id, () -> "accepted " + Checks.escape(hex));
      return;
    }
    assertTrue(id != null, () -> "rejected " + Checks.escape(hex));
    assertEquals(expected, id.toHex());
    assertEquals("1-" + expected.substring(0, 8) + "-" + expected.substring(8), id.toXrayRoot());
    assertRoundTrips(id);
  }

  static void checkFromDatadog(String decimal, String tid) {
    BigInteger low = SpecOracle.unsignedDecimal(decimal);
    boolean ok = low != null && SpecOracle.isAsciiHex(tid, 16);
    TraceId128 id = call(() -> TraceId128.fromDatadog(decimal, tid));
    if (!ok) {
      assertNull(id, () -> "accepted " + Checks.escape(decimal) + " / " + Checks.escape(tid));
      return;
    }
    assertTrue(id != null, () -> "rejected " + Checks.escape(decimal) + " / " + Checks.escape(tid));
    assertEquals(low.toString(), id.datadogTraceId());
    assertEquals(tid.toLowerCase(Locale.ROOT), id.datadogTid());
    assertEquals(tid.toLowerCase(Locale.ROOT) + String.format("%016x", low), id.toHex());
    assertRoundTrips(id);
  }

  static void checkFromDatadog(String decimal, long epoch) {
    BigInteger low = SpecOracle.unsignedDecimal(decimal);
    boolean ok = low != null && epoch >= 0 && epoch <= 0xFFFFFFFFL;
    TraceId128 id = call(() -> TraceId128.fromDatadog(decimal, epoch));
    if (!ok) {
      assertNull(id, () -> "accepted " + Checks.escape(decimal) + " @ " + epoch);
      return;
    }
    assertTrue(id != null, () -> "rejected " + Checks.escape(decimal) + " @ " + epoch);
    // dd-trace-java's X-Ray injector layout: 1-<epoch>-00000000<low>.
    assertEquals(String.format("1-%08x-00000000%016x", epoch, low), id.toXrayRoot());
    assertEquals(low.toString(), id.datadogTraceId());
    assertRoundTrips(id);
  }

  /** Any id the reverse mapping returns maps forward to itself through every form. */
  private static void assertRoundTrips(TraceId128 id) {
    AmznTraceHeader h = AmznTraceHeader.parse("Root=" + id.toXrayRoot());
    assertTrue(h.isValid(), id::toXrayRoot);
    assertEquals(id, h.root());
    assertEquals(id, TraceId128.fromHex(id.toHex()));
    assertEquals(id, TraceId128.fromDatadog(id.datadogTraceId(), id.datadogTid()));
  }

  private interface Call {
    TraceId128 get();
  }

  /** The result, or {@code null} for the documented typed failure; anything else propagates. */
  private static TraceId128 call(Call c) {
    try {
      return c.get();
    } catch (TraceIdFormatException e) {
      assertEquals(TraceIdFormatException.class, e.getClass());
      String m = e.getMessage();
      for (int i = 0; i < m.length(); i++) {
        char ch = m.charAt(i);
        assertTrue(ch >= 0x20 && ch != 0x7f, () -> "control char in message: " + Checks.escape(m));
      }
      return null;
    }
  }
}
