package io.albtrace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.testsupport.Seeded;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void decodeReplacesEachBadByte() {
    assertEquals("a\uFFFD\uFFFDb\uFFFD", Utf8.decode(new byte[] {'a', (byte) 0xE2, (byte) 0x82, 'b', (byte) 0xFF}, 0, 5));
    byte[] ok = "caf\u00e9 \u2713 \uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
    assertEquals("caf\u00e9 \u2713 \uD83D\uDE00", Utf8.decode(ok, 0, ok.length));
    assertEquals("\uFFFD\uFFFD", Utf8.decode(new byte[] {(byte) 0xC0, (byte) 0xAF}, 0, 2), "overlong");
    assertEquals("\uFFFD\uFFFD\uFFFD", Utf8.decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3), "surrogate");
  }

  /** Any bytes: decode gives the text JsonBuffer writes for them with replacement. */
  @Test
  void decodeAgreesWithJsonBuffer() {
    Seeded.forAll(2000, g -> {
      byte[] b = g.bytes(0, 40);
      JsonBuffer json = new JsonBuffer(16);
      json.string(b, 0, b.length, true);
      assertEquals(JSON.readTree(json.toString()).textValue(), Utf8.decode(b, 0, b.length));
    });
  }
}
