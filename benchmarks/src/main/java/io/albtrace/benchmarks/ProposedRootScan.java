package io.albtrace.benchmarks;

import io.albtrace.AmznTraceHeader;

/**
 * <b>Not albtrace API: a sizing prototype</b> for the core change proposed in the benchmarks
 * README ("What would fix it"). It finds the first {@code Root} of a {@code String} header the way
 * a fast path in {@code AmznTraceHeader} could: {@link String#indexOf(int, int)} (a vectorised JDK
 * intrinsic) to find each {@code ;}, then one pass over the 32 hex digits that validates and
 * decodes at once. Everything after the first Root is skipped, which docs/spec.md §1 allows for the ids:
 * validity depends only on the first Root. {@code ToDatadogTest} checks it against albtrace.
 */
final class ProposedRootScan {
  private static final byte[] HEX = new byte[128];

  static {
    java.util.Arrays.fill(HEX, (byte) -1);
    for (int i = 0; i < 10; i++) HEX['0' + i] = (byte) i;
    for (int i = 0; i < 6; i++) {
      HEX['a' + i] = (byte) (10 + i);
      HEX['A' + i] = (byte) (10 + i);
    }
  }

  private ProposedRootScan() {}

  /** Sets {@code ids[0]} (high) and {@code ids[1]} (low) and returns true when the header is valid. */
  static boolean root(String s, long[] ids) {
    int n = s.length();
    if (n > 8192) return false;
    for (int i = 0; i <= n; ) {
      int semi = s.indexOf(';', i);
      if (semi < 0) semi = n;
      int k = i;
      i = semi + 1;
      while (k < semi && isSpace(s.charAt(k))) k++;
      if (semi - k < 5 || !s.startsWith("Root", k)) continue;
      k += 4;
      while (k < semi && isSpace(s.charAt(k))) k++;
      if (k == semi || s.charAt(k) != '=') continue; // another key, such as "RootCause"
      int v = k + 1, e = semi;
      while (v < e && isSpace(s.charAt(v))) v++;
      while (e > v && isSpace(s.charAt(e - 1))) e--;
      if (e - v != 35 || s.charAt(v) != '1' || s.charAt(v + 1) != '-' || s.charAt(v + 10) != '-') {
        return false;
      }
      long epoch = hex8(s, v + 2), u1 = hex8(s, v + 11), u2 = hex8(s, v + 19), u3 = hex8(s, v + 27);
      if ((epoch | u1 | u2 | u3) < 0) return false;
      long low = (u2 << 32) | u3;
      if (low == 0) return false;
      ids[0] = (epoch << 32) | u1;
      ids[1] = low;
      return true;
    }
    return false;
  }

  /** 8 hex digits, or -1 when one is not ASCII hex. */
  private static long hex8(String s, int from) {
    long v = 0;
    int bad = 0;
    for (int i = from; i < from + 8; i++) {
      char c = s.charAt(i);
      int d = c < 128 ? HEX[c] : -1;
      bad |= d;
      v = (v << 4) | (d & 0xf);
    }
    return bad < 0 ? -1 : v;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
