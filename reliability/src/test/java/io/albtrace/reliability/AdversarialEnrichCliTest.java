package io.albtrace.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.cli.CliAccess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code albtrace enrich} on hostile streams, in-process through the CLI's real entry point:
 * lines out == lines in whatever the bytes, every line one valid JSON object, truncated and
 * corrupt gzip ending in exit 1 with every complete line before the damage written, and gzip bombs
 * decompressed as a stream in bounded memory (the test JVM has a 512 MB heap; the bombs expand to
 * more than that).
 */
class AdversarialEnrichCliTest {
  static final byte[] GOOD = (AdversarialLogTest.LINE + "\n").getBytes(UTF_8);

  /** The hostile corpus as one stream; returns its bytes, lines counted as the spec counts them. */
  static byte[] hostileCorpus() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(GOOD);
    b.writeBytes("\n".getBytes(UTF_8)); // empty line
    b.writeBytes("\r\n".getBytes(UTF_8)); // CR only
    b.writeBytes(new byte[] {0, 0, 0, '\n'});
    b.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 'x', '\n'});
    b.writeBytes(AdversarialLogTest.LINE.replace("curl", "cu\u0000rl").getBytes(UTF_8));
    b.write('\n');
    b.writeBytes(AdversarialLogTest.LINE.replace("curl/7.46.0", "A".repeat(1 << 20)).getBytes(UTF_8)); // > 1 MiB line
    b.write('\n');
    b.writeBytes("x".repeat((1 << 20) + 17).getBytes(UTF_8)); // longer than the CLI keeps whole
    b.write('\n');
    b.writeBytes(AdversarialLogTest.LINE.replace("Root=1-58337262", "\\x09Root = 1-58337262").getBytes(UTF_8));
    b.write('\n');
    b.writeBytes(";".repeat(70_000).getBytes(UTF_8));
    b.write('\n');
    b.writeBytes(GOOD);
    b.writeBytes("no newline at the end".getBytes(UTF_8));
    return b.toByteArray();
  }

  static long countLines(byte[] b) {
    long n = 0;
    for (byte x : b) if (x == '\n') n++;
    return b.length > 0 && b[b.length - 1] != '\n' ? n + 1 : n;
  }

  @Test
  void everyLineOfTheHostileCorpusComesOutOnceAsValidJson() throws IOException {
    byte[] corpus = hostileCorpus();
    // {input, the bytes it decompresses to}
    byte[][][] cases = {
      {corpus, corpus},
      {gzip(corpus), corpus},
      // several members, one of them empty: a multi-member file is one stream of bytes
      {concat(gzip(corpus), gzip(new byte[0]), gzip(GOOD)), concat(corpus, GOOD)},
    };
    for (byte[][] c : cases) {
      LineSink out = new LineSink(true);
      StringBuilder err = new StringBuilder();
      // available() == 0, as network streams report: every gzip member must still be read.
      int code = CliAccess.run(new NoAvailable(new ByteArrayInputStream(c[0])), out, err, "enrich");
      assertEquals(3, code, err::toString);
      assertEquals(countLines(c[1]), out.lines, err::toString);
      assertTrue(out.tracedLines >= 2, "traced lines: " + out.tracedLines);
      assertTrue(out.malformedLines >= 5, "malformed lines: " + out.malformedLines);
    }
  }

  @Test
  void truncatedAndCorruptGzipKeepEveryCompleteLine() throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    for (int i = 0; i < 3000; i++) plain.writeBytes(GOOD);
    byte[] gz = gzip(plain.toByteArray());
    for (int cut : new int[] {2, 3, 9, 10, 11, gz.length / 3, gz.length / 2, gz.length - 9, gz.length - 1}) {
      byte[] truncated = java.util.Arrays.copyOf(gz, cut);
      LineSink out = new LineSink(true);
      StringBuilder err = new StringBuilder();
      int code = CliAccess.run(new ByteArrayInputStream(truncated), out, err, "enrich");
      assertEquals(1, code, () -> "cut at " + cut + ": " + err);
      assertEquals(completeLinesBeforeDamage(truncated), out.lines, () -> "cut at " + cut + ": " + err);
      assertEquals(0, out.malformedLines, "a partial line must not be written as a line");
    }
    // One byte of a gzip stream is no gzip magic: it is a (malformed) text line, kept.
    LineSink one = new LineSink(true);
    StringBuilder oneErr = new StringBuilder();
    assertEquals(3, CliAccess.run(new ByteArrayInputStream(new byte[] {gz[0]}), one, oneErr, "enrich"));
    assertEquals(1, one.lines);

    byte[] corrupt = gz.clone();
    for (int i = gz.length / 2; i < gz.length / 2 + 16; i++) corrupt[i] ^= 0x5a;
    LineSink out = new LineSink(true);
    StringBuilder err = new StringBuilder();
    assertEquals(1, CliAccess.run(new ByteArrayInputStream(corrupt), out, err, "enrich"), err::toString);
    assertTrue(out.lines <= 3000);
  }

  @Test
  void gzipBombOfOneEndlessLineStreamsInBoundedMemory() throws Exception {
    long size = 1L << 30; // 1 GiB of 'a', no newline: twice the test JVM's heap
    byte[] bomb = gzipOf(size, new byte[] {'a'});
    assertTrue(bomb.length < (4 << 20), "bomb is " + bomb.length + " bytes");
    HeapPeak peak = HeapPeak.start();
    LineSink out = new LineSink(false);
    StringBuilder err = new StringBuilder();
    int code = CliAccess.run(new ByteArrayInputStream(bomb), out, err, "enrich");
    long max = peak.stop();
    assertEquals(3, code, err::toString);
    assertEquals(1, out.lines, "one line in, one line out");
    assertEquals(1, out.malformedLines);
    assertTrue(max < size / 4, "peak heap " + max);
    System.out.printf("gzip bomb: %d compressed bytes -> %d bytes in one line, peak heap used %d MB%n",
        bomb.length, size, max >> 20);
  }

  @Test
  void gzipBombOfManyLinesKeepsStreaming() throws Exception {
    long lines = (256L << 20) / GOOD.length;
    byte[] bomb = gzipOf(lines * GOOD.length, GOOD);
    HeapPeak peak = HeapPeak.start();
    LineSink out = new LineSink(false);
    StringBuilder err = new StringBuilder();
    int code = CliAccess.run(new ByteArrayInputStream(bomb), out, err, "enrich");
    long max = peak.stop();
    assertEquals(0, code, err::toString);
    assertEquals(lines, out.lines);
    assertTrue(out.bytes > lines * GOOD.length, "output " + out.bytes);
    assertTrue(max < 256L << 20, "peak heap " + max);
    System.out.printf("gzip bomb: %d compressed bytes -> %d lines (%d MB), %d MB of JSON, peak heap used %d MB%n",
        bomb.length, lines, (lines * GOOD.length) >> 20, out.bytes >> 20, max >> 20);
  }

  /** Complete lines a reference gunzip recovers from a damaged stream before it fails. */
  static long completeLinesBeforeDamage(byte[] gz) {
    long lines = 0;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      byte[] b = new byte[8192];
      for (int n; (n = in.read(b)) > 0; ) for (int i = 0; i < n; i++) if (b[i] == '\n') lines++;
    } catch (EOFException e) {
      // truncated: what was read so far counts
    } catch (IOException e) {
      // corrupt header: nothing
    }
    return lines;
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b)) {
      z.write(plain);
    }
    return b.toByteArray();
  }

  /** {@code total} bytes of {@code unit} repeated, gzip-compressed as a stream (never held whole). */
  static byte[] gzipOf(long total, byte[] unit) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_COMPRESSION);
          }
        }) {
      byte[] block = new byte[(1 << 20) / unit.length * unit.length];
      for (int i = 0; i < block.length; i++) block[i] = unit[i % unit.length];
      long left = total;
      while (left > 0) {
        int n = (int) Math.min(left, block.length);
        z.write(block, 0, n);
        left -= n;
      }
    }
    return b.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) b.writeBytes(p);
    return b.toByteArray();
  }

  /** Reports {@code available() == 0}, as socket and pipe streams often do. */
  static final class NoAvailable extends FilterInputStream {
    NoAvailable(InputStream in) {
      super(in);
    }

    @Override
    public int available() {
      return 0;
    }
  }

  /** Counts output lines, checking each (up to 4 MB) as strict JSON when asked; keeps no output. */
  static final class LineSink extends OutputStream {
    private final boolean validate;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    long lines;
    long bytes;
    long tracedLines;
    long malformedLines;

    LineSink(boolean validate) {
      this.validate = validate;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
      int start = off;
      for (int i = off; i < off + len; i++) {
        if (b[i] != '\n') continue;
        append(b, start, i - start);
        endLine();
        start = i + 1;
      }
      append(b, start, off + len - start);
    }

    private void append(byte[] b, int off, int len) {
      if (line.size() < (4 << 20)) line.write(b, off, Math.min(len, (4 << 20) - line.size()));
    }

    private void endLine() {
      lines++;
      byte[] l = line.toByteArray();
      line.reset();
      String s = LogEnrichFuzzTest.strictUtf8OrNull(l);
      if (s == null) throw new AssertionError("output line " + lines + " is not UTF-8");
      if (s.contains("\"albtrace.error\":")) malformedLines++;
      if (s.contains("\"dd.trace_id\":")) tracedLines++;
      if (validate) Checks.assertJsonLine(s);
    }

    @Override
    public void close() {
      if (line.size() > 0) throw new AssertionError("output ends without a newline");
    }
  }

  /** Samples heap in use every few milliseconds on a daemon thread; {@link #stop} returns the peak. */
  static final class HeapPeak {
    private volatile boolean running = true;
    private volatile long peak;
    private final Thread thread;

    private HeapPeak() {
      thread = new Thread(() -> {
        while (running) {
          long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
          if (used > peak) peak = used;
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-peak");
      thread.setDaemon(true);
    }

    static HeapPeak start() {
      System.gc();
      HeapPeak p = new HeapPeak();
      p.thread.start();
      return p;
    }

    long stop() throws InterruptedException {
      running = false;
      thread.join();
      return peak;
    }
  }
}
