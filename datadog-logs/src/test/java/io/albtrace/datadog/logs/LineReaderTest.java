package io.albtrace.datadog.logs;

import static org.junit.jupiter.api.Assertions.*;

import io.albtrace.testsupport.GzipBytes;
import io.albtrace.testsupport.Seeded;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static final Seeded.Chars LINE_CHARS =
      Seeded.Chars.anyOf(Seeded.Chars.of("ab \r\"\\"), Seeded.Chars.range('\u0000', '\t'), Seeded.Chars.range('\u0080', '\u00ff'));

  /** The lines, "!" appended to cut ones. */
  static List<String> read(byte[] data, int maxLine, int readSize, int trickle) throws IOException {
    LineReader r = new LineReader(maxLine, readSize);
    r.reset(new GzipBytes.Trickle(data, trickle));
    List<String> lines = new ArrayList<>();
    while (r.next()) {
      lines.add(new String(r.buffer(), r.start(), r.end() - r.start(), StandardCharsets.ISO_8859_1) + (r.cut() ? "!" : ""));
    }
    assertFalse(r.next(), "the end stays the end");
    return lines;
  }

  static List<String> read(String text, int maxLine, int readSize, int trickle) throws IOException {
    return read(text.getBytes(StandardCharsets.ISO_8859_1), maxLine, readSize, trickle);
  }

  @Test
  void linesEndAtLfAndTheLastOneNeedsNone() throws IOException {
    assertEquals(List.of("a", "bb\r", "", "ccc"), read("a\nbb\r\n\nccc", 8, 4, 3));
    assertEquals(List.of("a", "bb"), read("a\nbb\n", 8, 4, 1));
    assertEquals(List.of(), read("", 8, 4, 1));
    assertEquals(List.of(""), read("\n", 8, 4, 1));
  }

  @Test
  void aLineOfMaxLineBytesOrMoreIsCutAndItsRestDropped() throws IOException {
    for (int trickle : new int[] {1, 3, 100}) {
      for (int readSize : new int[] {1, 2, 7}) {
        assertEquals(List.of("1234", "12345678!", "x"), read("1234\n123456789\nx\n", 8, readSize, trickle));
        assertEquals(List.of("12345678!", "x"), read("12345678\nx", 8, readSize, trickle), "exactly maxLine: cut, as enrich");
        assertEquals(List.of("1234567"), read("1234567\n", 8, readSize, trickle));
        assertEquals(List.of("12345678!"), read("1234567890123456789012", 8, readSize, trickle));
        assertEquals(List.of("12345678!", "12345678!", "y"), read("1234567890\n12345678\ny", 8, readSize, trickle));
      }
    }
  }

  @Test
  void anyTextComesOutAsItsLinesWhateverTheReadSizes() {
    Seeded.forAll(300, g -> {
      int maxLine = g.ints(1, 40);
      StringBuilder text = new StringBuilder();
      List<String> expected = new ArrayList<>();
      int n = g.ints(0, 30);
      for (int i = 0; i < n; i++) {
        String line = g.string(LINE_CHARS, 0, 60);
        text.append(line);
        boolean last = i == n - 1 && g.booleans();
        if (!last) text.append('\n');
        if (last && line.isEmpty()) continue; // nothing after the last LF: no line
        expected.add(line.length() >= maxLine ? line.substring(0, maxLine) + "!" : line);
      }
      assertEquals(expected, read(text.toString(), maxLine, g.ints(1, 50), g.ints(1, 100)), "maxLine " + maxLine);
    });
  }

  @Test
  void afterAReadErrorTheUnfinishedLineIsThere() throws IOException {
    byte[] data = "one\ntwo\nthr".getBytes(StandardCharsets.US_ASCII);
    InputStream failing = new InputStream() {
      final InputStream in = new ByteArrayInputStream(data);

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, Math.min(len, 3));
        if (n < 0) throw new IOException("connection reset");
        return n;
      }
    };
    LineReader r = new LineReader(16, 4);
    r.reset(failing);
    assertTrue(r.next());
    assertTrue(r.next());
    IOException e = assertThrows(IOException.class, r::next);
    assertEquals("connection reset", e.getMessage());
    assertEquals("thr", new String(r.buffer(), r.partial(), r.partialEnd() - r.partial(), StandardCharsets.US_ASCII));
  }
}
