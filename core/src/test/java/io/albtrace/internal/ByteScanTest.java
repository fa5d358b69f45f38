package io.albtrace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The eight-at-a-time scans find exactly what a byte-by-byte loop finds, for every byte value. */
class ByteScanTest {
  interface Scan {
    int find(byte[] s, int from, int to);
  }

  private static void exact(Scan scan, IntPredicate wanted) {
    for (int v = 0; v < 256; v++) {
      for (int pos = 0; pos < 20; pos++) {
        for (int from = 0; from < 3; from++) {
          byte[] s = new byte[21];
          java.util.Arrays.fill(s, (byte) 'a');
          s[pos] = (byte) v;
          int expected = s.length;
          for (int i = from; i < s.length; i++) {
            if (wanted.test(s[i] & 0xff)) {
              expected = i;
              break;
            }
          }
          assertEquals(expected, scan.find(s, from, s.length), "byte " + v + " at " + pos + " from " + from);
        }
      }
    }
  }

  @Test
  void newline() {
    exact(ByteScan::newline, b -> b == '\n');
  }

  @Test
  void jsonSpecial() {
    exact(ByteScan::jsonSpecial, b -> b < 0x20 || b == '"' || b == '\\' || b >= 0x7f);
  }

  @Test
  void quoteOrSpecial() {
    exact(ByteScan::quoteOrSpecial, b -> b < 0x20 || b == '"' || b == '\\' || b >= 0x7f);
  }

  @Test
  void fieldEndOrSpecial() {
    exact(ByteScan::fieldEndOrSpecial, b -> b <= 0x20 || b == '"' || b == '\\' || b >= 0x7f);
  }
}
