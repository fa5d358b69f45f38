package io.albtrace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.albtrace.testsupport.Seeded;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The eight-digits-at-a-time hex codec against the JDK, exhaustively per byte and position. */
class HexTest {
  /** The JDK's answer: the value of 8 ASCII hex digits, or -1 ({@code Character.digit} is not ASCII-only). */
  static long expected(byte[] s, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      int c = s[i] & 0xff;
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return -1;
      v = v << 4 | d;
    }
    return v;
  }

  @Test
  void decode8EveryByteValueAtEveryPosition() {
    String[] backgrounds = {"00000000", "ffffffff", "FFFFFFFF", "9aF0bC12", "a5A5a5A5"};
    for (String background : backgrounds) {
      for (int offset = 0; offset < 3; offset++) {
        for (int position = 0; position < 8; position++) {
          for (int value = 0; value < 256; value++) {
            int b = value, at = position;
            byte[] s = ("xx" + background + "yy").getBytes(StandardCharsets.ISO_8859_1);
            s[2 + position] = (byte) b;
            byte[] shifted = new byte[s.length + offset];
            System.arraycopy(s, 0, shifted, offset, s.length);
            assertEquals(expected(shifted, 2 + offset), Hex.decode8(shifted, 2 + offset),
                () -> "byte " + b + " at " + at + " in " + background);
          }
        }
      }
    }
  }

  @Test
  void decode8PairsOfBadBytes() {
    // Two non-hex bytes at once, so a carry from one lane into the next is caught too.
    byte[] bad = {0, 0x2f, 0x3a, 0x40, 0x47, 0x60, 0x67, 0x7f, (byte) 0x80, (byte) 0xb0, (byte) 0xc6, (byte) 0xff};
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        for (byte x : bad) {
          for (byte y : bad) {
            byte[] s = "0123abcd".getBytes(StandardCharsets.US_ASCII);
            s[i] = x;
            s[j] = y;
            assertEquals(-1, Hex.decode8(s, 0));
          }
        }
      }
    }
  }

  @Test
  void decode8RandomAgreesWithTheJdk() {
    Seeded.forAll(20_000, g -> {
      byte[] s = new byte[8];
      for (int i = 0; i < 8; i++) {
        s[i] = g.booleans() ? (byte) "0123456789abcdefABCDEF".charAt(g.ints(0, 21)) : (byte) g.ints(0, 255);
      }
      assertEquals(expected(s, 0), Hex.decode8(s, 0));
      long v = g.longs() >>> 32;
      byte[] hex = String.format("%08x", v).getBytes(StandardCharsets.US_ASCII);
      assertEquals(v, Hex.decode8(hex, 0));
      byte[] upper = String.format("%08X", v).getBytes(StandardCharsets.US_ASCII);
      assertEquals(v, Hex.decode8(upper, 0));
    });
  }

  @Test
  void write16AgreesWithTheJdk() {
    Seeded.forAll(20_000, g -> {
      long v = g.longs();
      byte[] dst = "##################".getBytes(StandardCharsets.US_ASCII);
      Hex.write(v, 16, dst, 1);
      assertEquals("#" + String.format("%016x", v) + "#", new String(dst, StandardCharsets.US_ASCII));
    });
    for (long v : new long[] {0, -1, 0x0123456789abcdefL, 0xfedcba9876543210L, Long.MIN_VALUE, Long.MAX_VALUE}) {
      byte[] dst = new byte[16];
      Hex.write(v, 16, dst, 0);
      assertEquals(String.format("%016x", v), new String(dst, StandardCharsets.US_ASCII));
    }
  }
}
