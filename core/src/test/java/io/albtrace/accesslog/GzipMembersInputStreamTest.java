package io.albtrace.accesslog;

import static io.albtrace.testsupport.GzipBytes.concat;
import static io.albtrace.testsupport.GzipBytes.gzip;
import static org.junit.jupiter.api.Assertions.*;

import io.albtrace.testsupport.GzipBytes.Trickle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class GzipMembersInputStreamTest {
  static String readAll(InputStream in, int readSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[readSize];
    for (int n; (n = in.read(buf)) >= 0; ) out.write(buf, 0, n);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void readsEveryMemberWhenAvailableIsZero() throws IOException {
    String a = "first member\n".repeat(100), b = "second\n", c = "third member, the last\n".repeat(3);
    byte[] file = concat(gzip(a), gzip(b), gzip(c));
    for (int trickle : new int[] {1, 7, 64, 1 << 16}) {
      for (int buffer : new int[] {1, 5, 26, 1 << 16}) {
        GzipMembersInputStream in = new GzipMembersInputStream(new Trickle(file, trickle), buffer);
        assertEquals(a + b + c, readAll(in, 13), "trickle " + trickle + ", buffer " + buffer);
        assertEquals(3, in.members());
        assertEquals(-1, in.read());
      }
    }
  }

  @Test
  void emptyMembersAndZeroPaddingAreFine() throws IOException {
    byte[] file = concat(gzip(""), gzip("x\n"), gzip(""), new byte[512]);
    assertEquals("x\n", readAll(new GzipMembersInputStream(new Trickle(file, 3), 8), 4));
  }

  @Test
  void headerFieldsAreSkipped() throws IOException {
    byte[] body = "with FEXTRA, FNAME, FCOMMENT and FHCRC\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(raw, new Deflater(6, true))) {
      d.write(body);
    }
    CRC32 crc = new CRC32();
    crc.update(body);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    gz.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
    gz.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'}); // FEXTRA
    gz.writeBytes("name.log\0".getBytes(StandardCharsets.ISO_8859_1)); // FNAME
    gz.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1)); // FCOMMENT
    gz.writeBytes(new byte[] {0x12, 0x34}); // FHCRC
    gz.writeBytes(raw.toByteArray());
    long c = crc.getValue();
    gz.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24), (byte) body.length, 0, 0, 0});
    assertEquals(new String(body, StandardCharsets.UTF_8),
        readAll(new GzipMembersInputStream(new ByteArrayInputStream(concat(gz.toByteArray(), gzip("more"))), 7), 5)
            .replace("more", ""));
  }

  @Test
  void truncatedDataIsAnEofExceptionAfterTheDataBeforeIt() throws IOException {
    String text = "line\n".repeat(5000);
    byte[] whole = concat(gzip(text), gzip(text));
    for (int cut : new int[] {whole.length - 1, whole.length - 8, whole.length / 2 + 20, whole.length / 2 - 3, 5, 11}) {
      GzipMembersInputStream in;
      try {
        in = new GzipMembersInputStream(new Trickle(Arrays.copyOf(whole, cut), 100), 64);
      } catch (EOFException e) {
        assertTrue(cut < 11, "only a cut header fails at once");
        continue;
      }
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[256];
      EOFException e = assertThrows(EOFException.class, () -> {
        for (int n; (n = in.read(buf)) >= 0; ) got.write(buf, 0, n);
      }, "cut at " + cut);
      assertTrue(e.getMessage().contains("truncated gzip data"), e.getMessage());
      assertTrue((text + text).startsWith(got.toString(StandardCharsets.UTF_8)), "what came out is the start of the text");
    }
  }

  @Test
  void corruptDataIsReported() throws IOException {
    byte[] good = gzip("some text that is long enough to compress\n".repeat(50));
    byte[] badCrc = good.clone();
    badCrc[good.length - 6] ^= 1;
    IOException e = assertThrows(IOException.class, () -> readAll(new GzipMembersInputStream(new ByteArrayInputStream(badCrc), 64), 64));
    assertEquals("corrupt gzip data (CRC mismatch)", e.getMessage());

    byte[] badData = good.clone();
    for (int i = 12; i < 30; i++) badData[i] = (byte) 0xff;
    e = assertThrows(IOException.class, () -> readAll(new GzipMembersInputStream(new ByteArrayInputStream(badData), 64), 64));
    assertTrue(e.getMessage().startsWith("corrupt gzip data"), e.getMessage());

    byte[] garbage = concat(good, "trailing".getBytes(StandardCharsets.US_ASCII));
    e = assertThrows(IOException.class, () -> readAll(new GzipMembersInputStream(new ByteArrayInputStream(garbage), 64), 64));
    assertEquals("corrupt gzip data (garbage after member 1)", e.getMessage());

    byte[] zerosThenGarbage = concat(good, new byte[] {0, 0, 7});
    e = assertThrows(IOException.class, () -> readAll(new GzipMembersInputStream(new ByteArrayInputStream(zerosThenGarbage), 64), 64));
    assertEquals("corrupt gzip data (garbage after the last member)", e.getMessage());

    e = assertThrows(IOException.class, () -> new GzipMembersInputStream(new ByteArrayInputStream("plain".getBytes(StandardCharsets.US_ASCII)), 64));
    assertEquals("not gzip data", e.getMessage());
  }

  @Test
  void decodeIfGzipGoesByContentNotName() throws IOException {
    String text = "ELBAccessLogTestFile\n";
    assertEquals(text + text, readAll(GzipMembersInputStream.decodeIfGzip(new Trickle(concat(gzip(text), gzip(text)), 1), 64), 3));
    assertEquals(text, readAll(GzipMembersInputStream.decodeIfGzip(new Trickle(text.getBytes(StandardCharsets.UTF_8), 1), 64), 3));
    assertEquals("\u001f", readAll(GzipMembersInputStream.decodeIfGzip(new ByteArrayInputStream(new byte[] {0x1f}), 64), 3));
    assertEquals("", readAll(GzipMembersInputStream.decodeIfGzip(new ByteArrayInputStream(new byte[0]), 64), 3));
    IOException e = assertThrows(IOException.class, () -> readAll(GzipMembersInputStream.decodeIfGzip(
        new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b, 8}), 64), 3));
    assertTrue(e.getMessage().contains("truncated gzip data"), e.getMessage());
  }
}
