package io.albtrace.reliability;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A second, deliberately naive reading of docs/spec.md §1–§3 (split, substring, regex, BigInteger), written
 * from the spec text and not from core's code. The fuzz targets compare core's fast parser against it
 * on every input, so "dd.trace_id equals the spec mapping of the Root that was parsed" is checked
 * against an independent derivation rather than against core itself.
 */
final class SpecOracle {
  /** Java's {@code [0-9a-fA-F]} is ASCII only: Unicode digits and full-width letters never match. */
  private static final Pattern XRAY_ID = Pattern.compile("1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}");

  private static final Pattern HEX16 = Pattern.compile("[0-9a-fA-F]{16}");
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  /** What the spec says a header value means. */
  static final class Expected {
    String invalidReason; // null when valid
    String root; // lowercase X-Ray id
    String self; // lowercase, null when absent or malformed
    boolean selfField;
    String parentHex; // lowercase, null when absent/invalid
    char sampled; // '1', '0', '?' or 0 for absent
    String lineage;
    final List<String[]> extras = new ArrayList<>();

    boolean valid() {
      return invalidReason == null;
    }

    String traceId128() {
      return root.substring(2, 10) + root.substring(11);
    }

    /** docs/spec.md §2: the low 64 bits as an unsigned decimal. */
    String ddTraceId() {
      return new BigInteger(traceId128().substring(16), 16).toString();
    }

    String ddPTid() {
      return traceId128().substring(0, 16);
    }

    long epoch() {
      return Long.parseLong(root.substring(2, 10), 16);
    }

    /** docs/spec.md §3. */
    String parentSpanIdHex() {
      if (parentHex != null) return parentHex;
      String id = self != null ? self : root;
      String hex = id.substring(2, 10) + id.substring(11);
      long hi = new BigInteger(hex.substring(0, 16), 16).longValue();
      long lo = new BigInteger(hex.substring(16), 16).longValue();
      return String.format("%016x", mix64(hi, lo));
    }

    /** docs/spec.md §4 with the default "sample deferred" setting. */
    String traceparent() {
      return "00-" + traceId128() + "-" + parentSpanIdHex() + "-" + (sampled == '0' ? "00" : "01");
    }
  }

  private SpecOracle() {}

  static Expected expect(String value) {
    Expected e = new Expected();
    if (value == null) {
      e.invalidReason = "no Root field";
      return e;
    }
    if (value.length() > 8192) {
      e.invalidReason = "too long";
      return e;
    }
    boolean seenRoot = false, seenSelf = false, seenParent = false, seenSampled = false;
    boolean seenLineage = false;
    for (String rawField : value.split(";", -1)) {
      String field = trim(rawField);
      int eq = field.indexOf('=');
      if (field.isEmpty() || eq < 0) continue;
      String key = trim(field.substring(0, eq));
      String val = trim(field.substring(eq + 1));
      switch (key) {
        case "Root":
          if (seenRoot) break;
          seenRoot = true;
          if (!XRAY_ID.matcher(val).matches()) {
            e.invalidReason = "malformed Root";
            return e;
          }
          e.root = val.toLowerCase(Locale.ROOT);
          break;
        case "Self":
          if (seenSelf) break;
          seenSelf = true;
          e.selfField = true;
          if (XRAY_ID.matcher(val).matches()) e.self = val.toLowerCase(Locale.ROOT);
          break;
        case "Parent":
          if (seenParent) break;
          seenParent = true;
          if (HEX16.matcher(val).matches() && !val.equals("0000000000000000")) {
            e.parentHex = val.toLowerCase(Locale.ROOT);
          }
          break;
        case "Sampled":
          if (seenSampled) break;
          seenSampled = true;
          if (val.equals("1") || val.equals("0") || val.equals("?")) e.sampled = val.charAt(0);
          break;
        case "Lineage":
          if (seenLineage) break;
          seenLineage = true;
          e.lineage = val;
          break;
        default:
          e.extras.add(new String[] {key, val});
      }
    }
    if (!seenRoot) {
      e.invalidReason = "no Root field";
    } else if (e.root.endsWith("0000000000000000")) {
      e.invalidReason = "low 64 bits are zero";
    }
    return e;
  }

  /** docs/spec.md §1: SP and HTAB only (not {@link String#trim}, which also strips control chars). */
  static String trim(String s) {
    int b = 0, e = s.length();
    while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) b++;
    while (e > b && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) e--;
    return s.substring(b, e);
  }

  /** docs/spec.md §3, in the spec's own words. */
  static long mix64(long hi, long lo) {
    long z = hi * 0x9E3779B97F4A7C15L + lo;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return z == 0 ? 1 : z;
  }

  /**
   * docs/spec.md §5: an unsigned decimal {@code 1 .. 2^64-1} of ASCII digits, or {@code null} when it is
   * not one (the reverse mapping must then fail).
   */
  static BigInteger unsignedDecimal(String s) {
    if (s.isEmpty()) return null;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return null;
    }
    BigInteger v = new BigInteger(s);
    return v.signum() > 0 && v.compareTo(TWO_64) < 0 ? v : null;
  }

  static boolean isAsciiHex(String s, int length) {
    if (s.length() != length) return false;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    }
    return true;
  }
}
