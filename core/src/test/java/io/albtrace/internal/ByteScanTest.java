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
    everyByteAmongPlainOnes(scan, wanted);
    neighboursOfEdgeBytes(scan, wanted);
  }

  /**
   * Runs of bytes at the edges of what the masks look for, side by side: a carry or borrow from one
   * byte into the next would flag a byte that is not wanted (or hide one that is).
   */
  private static void neighboursOfEdgeBytes(Scan scan, IntPredicate wanted) {
    int[] edges = {0x00, 0x01, 0x0a, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x3b, 0x3d, 0x5b, 0x5c, 0x5d, 0x7e, 0x7f, 0x80, 0x81, 0xfe, 0xff, 'a'};
    java.util.Random random = new java.util.Random(20261129);
    for (int t = 0; t < 20_000; t++) {
      byte[] s = new byte[random.nextInt(24)];
      for (int i = 0; i < s.length; i++) s[i] = (byte) edges[random.nextInt(edges.length)];
      int from = s.length == 0 ? 0 : random.nextInt(s.length);
      // a range that often ends before the array: the bytes after it must not count
      int to = random.nextBoolean() ? s.length : from + random.nextInt(s.length - from + 1);
      int expected = to;
      for (int i = from; i < to; i++) {
        if (wanted.test(s[i] & 0xff)) {
          expected = i;
          break;
        }
      }
      assertEquals(expected, scan.find(s, from, to), java.util.Arrays.toString(s) + " [" + from + ", " + to + ")");
    }
  }

  private static void everyByteAmongPlainOnes(Scan scan, IntPredicate wanted) {
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
  void indexOfEachEdgeByte() {
    for (int v : new int[] {0x00, 0x22, 0x3b, 0x3d, 0x7f, 0x80, 0xff}) {
      exact((s, from, to) -> ByteScan.indexOf(s, (byte) v, from, to), b -> b == v);
    }
  }

  /** The last word of a range also covers bytes before it: a wanted byte there is not the answer. */
  @Test
  void tailWordIgnoresTheBytesBeforeTheRange() {
    byte[] s = "ab;d=f;hij".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(6, ByteScan.indexOf(s, (byte) ';', 3, 10));
    assertEquals(9, ByteScan.indexOf(s, (byte) ';', 7, 9));
    assertEquals(4, ByteScan.indexOf(s, (byte) '=', 3, 9));
    assertEquals(8, ByteScan.indexOf(s, (byte) '=', 5, 8));
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
