package io.albtrace.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonBuffer}'s keys and members, above all the word copies of {@link JsonBuffer#field}
 * and {@link JsonBuffer#key(JsonBuffer.Key)}: they store whole eight-byte words past what they
 * append, so keys and values of each length around the word sizes, near the end of the source and
 * of the buffer, must give exactly the bytes a plain copy gives.
 */
class JsonBufferTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(JsonBuffer b) {
    return new String(b.bytes(), 0, b.length(), StandardCharsets.UTF_8);
  }

  @Test
  void keysAreTheirJsonText() {
    assertEquals("\"type\":", JsonBuffer.key("type").toString());
    assertEquals(",\"dd.trace_id\":", JsonBuffer.commaKey("dd.trace_id").toString());
    assertEquals(15, JsonBuffer.commaKey("dd.trace_id").length());
    assertEquals(",\"é\":", JsonBuffer.commaKey("é").toString());
    assertEquals(6, JsonBuffer.commaKey("é").length(), "UTF-8: é is two bytes");
  }

  @Test
  void fieldWritesTheKeyThenTheValueQuotedOrAsIs() {
    JsonBuffer b = new JsonBuffer(0);
    byte[] line = ascii("200 GET");
    b.put('{');
    b.field(JsonBuffer.key("status"), line, 0, 3, false);
    b.field(JsonBuffer.commaKey("method"), line, 4, 7, true);
    b.field(JsonBuffer.commaKey("empty"), line, 3, 3, true);
    b.put('}');
    assertEquals("{\"status\":200,\"method\":\"GET\",\"empty\":\"\"}", text(b));
  }

  /**
   * Keys of 3 to 45 bytes (past the 32 held as words), values of every length to 40 bytes and then
   * some to 75, read from every third offset of the last 40 of their array (where the words would
   * run past it) and appended at every fifth distance from the end of the buffer's first array (so
   * that some appends grow it): the bytes are those of a plain copy, and nothing stored past the
   * end shows.
   */
  @Test
  void everyLengthOfKeyAndValueAtEveryEdgeGivesThePlainCopy() {
    byte[] source = new byte[120];
    for (int i = 0; i < source.length; i++) source[i] = (byte) ('a' + i % 26);
    for (int nameLength = 0; nameLength <= 41; nameLength += 1) {
      String name = "k".repeat(nameLength);
      for (boolean comma : new boolean[] {false, true}) {
        JsonBuffer.Key key = comma ? JsonBuffer.commaKey(name) : JsonBuffer.key(name);
        for (int length = 0; length <= 80; length += length < 40 ? 1 : 7) {
          int n = length;
          for (int start = source.length - n - 40; start <= source.length - n; start += 3) {
            int from = start;
            for (int bytesBefore = 0; bytesBefore < 72; bytesBefore += 5) {
              int filled = bytesBefore;
              for (boolean quote : new boolean[] {false, true}) {
                JsonBuffer b = new JsonBuffer(64);
                byte[] before = new byte[filled];
                Arrays.fill(before, (byte) 'x');
                b.raw(before, 0, filled);
                b.field(key, source, from, from + n, quote);
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                expected.writeBytes(before);
                expected.writeBytes(ascii(key.toString()));
                if (quote) expected.write('"');
                expected.write(source, from, n);
                if (quote) expected.write('"');
                assertArrayEquals(expected.toByteArray(), Arrays.copyOf(b.bytes(), b.length()),
                    () -> "key " + key + " value [" + from + ", +" + n + ") after " + filled + " quote " + quote);
              }
            }
          }
        }
      }
    }
  }

  /**
   * A seeded stream of mixed appends, rewinds and drains into a buffer that starts at its smallest:
   * what the words store past the end is always overwritten by the next append or left outside
   * {@code length()}, so the content is exactly what a reference writer holds.
   */
  @Test
  void mixedAppendsRewindsAndDrainsMatchAReferenceWriter() throws Exception {
    SplittableRandom random = new SplittableRandom(20261130L);
    JsonBuffer.Key[] keys = new JsonBuffer.Key[12];
    for (int i = 0; i < keys.length; i++) {
      String name = "field_" + "n".repeat(random.nextInt(36));
      keys[i] = random.nextBoolean() ? JsonBuffer.key(name) : JsonBuffer.commaKey(name);
    }
    byte[] source = new byte[300];
    for (int i = 0; i < source.length; i++) source[i] = (byte) (0x21 + random.nextInt(0x5e)); // printable
    for (int round = 0; round < 200; round++) {
      JsonBuffer b = new JsonBuffer(0);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      ByteArrayOutputStream drained = new ByteArrayOutputStream();
      ByteArrayOutputStream drainedExpected = new ByteArrayOutputStream();
      for (int op = 0; op < 60; op++) {
        int kind = random.nextInt(10);
        if (kind < 5) {
          JsonBuffer.Key key = keys[random.nextInt(keys.length)];
          int n = random.nextInt(random.nextBoolean() ? 33 : 120);
          int from = random.nextInt(source.length - n + 1);
          boolean quote = random.nextBoolean();
          b.field(key, source, from, from + n, quote);
          expected.writeBytes(ascii(key.toString()));
          if (quote) expected.write('"');
          expected.write(source, from, n);
          if (quote) expected.write('"');
        } else if (kind < 7) {
          JsonBuffer.Key key = keys[random.nextInt(keys.length)];
          b.key(key);
          expected.writeBytes(ascii(key.toString()));
        } else if (kind == 7) {
          long v = random.nextLong();
          b.decimal(v);
          expected.writeBytes(ascii(Long.toUnsignedString(v)));
        } else if (kind == 8 && expected.size() > 0) {
          int keep = random.nextInt(expected.size() + 1);
          b.setLength(keep);
          byte[] kept = Arrays.copyOf(expected.toByteArray(), keep);
          expected.reset();
          expected.writeBytes(kept);
        } else {
          b.writeTo(drained);
          drainedExpected.writeBytes(expected.toByteArray());
          expected.reset();
        }
        assertArrayEquals(expected.toByteArray(), Arrays.copyOf(b.bytes(), b.length()), "round " + round + " op " + op);
      }
      assertArrayEquals(drainedExpected.toByteArray(), drained.toByteArray(), "round " + round);
    }
  }

  @Test
  void aRangeOutsideTheSourceIsRefusedAsACopyRefusesItAndAppendsNothing() {
    JsonBuffer b = new JsonBuffer(64);
    b.raw(ascii("0123456789abcdef"), 0, 16); // room before: a negative length would not fail on its own
    JsonBuffer.Key key = JsonBuffer.key("abcdef");
    byte[] s = new byte[64];
    assertThrows(IndexOutOfBoundsException.class, () -> b.field(key, s, 10, 5, false));
    assertThrows(IndexOutOfBoundsException.class, () -> b.field(key, s, -1, 5, false));
    assertThrows(IndexOutOfBoundsException.class, () -> b.field(key, s, 60, 70, true));
    assertEquals("0123456789abcdef", text(b));
  }
}
