package io.albtrace.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.accesslog.GzipMembersInputStream;
import io.albtrace.internal.ByteScan;
import io.albtrace.testsupport.AlbLogCorpus;
import io.albtrace.testsupport.GzipBytes;
import io.albtrace.testsupport.SampleLogGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link EnrichPipeline}: the same bytes as enriching on one thread, whatever the threads, chunk
 * sizes, line cuts and member boundaries; failures end the sequence in order and never hang; the
 * reader never runs more than its pools ahead.
 */
class EnrichPipelineTest {
  static final AlbLogEnricher ENRICHER = new AlbLogEnricher();

  /** An in-memory input, read {@code readSize} bytes at most at a time. */
  static final class Bytes implements EnrichPipeline.Input {
    final byte[] data;
    final int readSize;
    final boolean gzip;
    final AtomicLong position = new AtomicLong();

    Bytes(byte[] data, int readSize, boolean gzip) {
      this.data = data;
      this.readSize = readSize;
      this.gzip = gzip;
    }

    Bytes(byte[] data) {
      this(data, Integer.MAX_VALUE, false);
    }

    @Override
    public InputStream open() throws IOException {
      InputStream trickle = new GzipBytes.Trickle(data, readSize);
      InputStream raw = new FilterInputStream(trickle) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = in.read(b, off, len);
          if (n > 0) position.addAndGet(n);
          return n;
        }
      };
      return gzip ? new GzipMembersInputStream(raw, 1 << 10) : raw;
    }

    @Override
    public long position() {
      return position.get();
    }
  }

  /** What a run of the pipeline gave, read in order as the command reads it. */
  static final class Outcome {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final long[] counts = new long[3];
    long cut;
    final List<EnrichPipeline.Kind> ends = new ArrayList<>();
    IOException error;
    int failedInput = -1;
    int mostJobsOut;

    String text() {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  static Outcome run(EnrichPipeline.Work work, List<? extends EnrichPipeline.Input> inputs, int threads,
      int chunkSize, int chunks, int jobs, int maxLine) throws InterruptedException {
    return run(work, inputs, threads, chunkSize, Math.max(1, chunkSize / 3), chunks, jobs, maxLine);
  }

  static Outcome run(EnrichPipeline.Work work, List<? extends EnrichPipeline.Input> inputs, int threads,
      int chunkSize, int jobBytes, int chunks, int jobs, int maxLine) throws InterruptedException {
    Outcome o = new Outcome();
    try (EnrichPipeline p = new EnrichPipeline(work, inputs, threads, chunkSize, jobBytes, chunks, jobs, maxLine)) {
      while (true) {
        EnrichPipeline.Job j = p.next();
        switch (j.kind()) {
          case FINISHED:
            o.ends.add(j.kind());
            o.mostJobsOut = p.mostJobsOut();
            return o;
          case FAILED: {
            byte[] b = j.output().bytes();
            int end = j.output().length();
            while (end > 0 && b[end - 1] != '\n') end--;
            o.out.write(b, 0, end);
            for (int i = 0; i < 3; i++) o.counts[i] += j.counts()[i];
            o.error = j.error();
            o.failedInput = j.input();
            o.ends.add(j.kind());
            o.mostJobsOut = p.mostJobsOut();
            return o;
          }
          case INPUT_DONE:
            o.ends.add(j.kind());
            break;
          case CUT:
            o.cut++;
            o.out.write(j.output().bytes(), 0, j.output().length());
            break;
          default:
            for (int i = 0; i < 3; i++) o.counts[i] += j.counts()[i];
            o.out.write(j.output().bytes(), 0, j.output().length());
        }
        p.recycle(j);
      }
    }
  }

  /**
   * The oracle: the command's loop before the pipeline (a {@code maxLine} buffer refilled with
   * whatever each read gives), on one thread.
   */
  static String oneThread(InputStream in, int maxLine) throws IOException {
    byte[] buf = new byte[maxLine];
    AlbLogEnricher.Buffer out = new AlbLogEnricher.Buffer();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int start = 0, end = 0;
    boolean skipping = false;
    while (true) {
      if (end == buf.length) {
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, end - start);
          end -= start;
          start = 0;
        } else {
          ENRICHER.malformed(buf, 0, buf.length, "line longer than " + maxLine + " bytes, cut", out);
          out.newline();
          skipping = true;
          end = 0;
        }
      }
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) break;
      end += n;
      if (skipping) {
        int nl = ByteScan.newline(buf, 0, end);
        if (nl == end) {
          end = 0;
          continue;
        }
        skipping = false;
        start = nl + 1;
      }
      start = ENRICHER.enrichLines(buf, start, end, out, null);
      if (start == end) start = end = 0;
      out.writeTo(all);
    }
    if (start < end && !skipping) {
      ENRICHER.enrich(buf, start, end - start, out);
      out.newline();
    }
    out.writeTo(all);
    return all.toString(StandardCharsets.UTF_8);
  }

  static String oneThread(byte[] data, int maxLine) throws IOException {
    return oneThread(new GzipBytes.Trickle(data, 3), maxLine);
  }

  static byte[] sampleLog(int lines, long seed) {
    StringBuilder b = new StringBuilder();
    for (String line : new SampleLogGenerator(seed).lines(lines)) b.append(line).append('\n');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void sameBytesAsOneThreadUnderManySmallChunks() throws Exception {
    byte[] data = GzipBytes.concat(sampleLog(300, 7), AlbLogCorpus.file(AlbLogCorpus.lines()));
    String expected = oneThread(data, EnrichCommand.MAX_LINE);
    for (int threads : new int[] {1, 2, 4}) {
      for (int chunk : new int[] {1, 2, 7, 64, 333, 1 << 12, 1 << 20}) {
        for (int readSize : new int[] {1, 5, Integer.MAX_VALUE}) {
          if (chunk > 64 && readSize < 5) continue; // the same as a small chunk
          int jobBytes = chunk < 64 ? 1 : chunk / 4;
          Outcome o = run(EnrichPipeline.Work.of(ENRICHER), List.of(new Bytes(data, readSize, false)), threads, chunk,
              jobBytes, threads + 2, 2 * threads + 4, EnrichCommand.MAX_LINE);
          String what = threads + " threads, chunk " + chunk + ", jobs of " + jobBytes + ", reads of " + readSize;
          assertEquals(expected, o.text(), what);
          assertEquals(List.of(EnrichPipeline.Kind.INPUT_DONE, EnrichPipeline.Kind.FINISHED), o.ends, what);
          assertTrue(o.mostJobsOut <= 2 * threads + 4, what);
        }
      }
    }
  }

  @Test
  void linesCrossingGzipMembersAndChunks() throws Exception {
    byte[] text = sampleLog(400, 3);
    // Members cut in the middle of lines, a few bytes each and larger ones.
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    SplittableRandom r = new SplittableRandom(5);
    for (int at = 0; at < text.length; ) {
      int n = Math.min(text.length - at, r.nextBoolean() ? 1 + r.nextInt(40) : 1 + r.nextInt(20_000));
      gz.writeBytes(EnrichCommandTest.gzipBytes(Arrays.copyOfRange(text, at, at + n)));
      at += n;
    }
    String expected = oneThread(text, EnrichCommand.MAX_LINE);
    for (int chunk : new int[] {3, 100, 1 << 12, 1 << 20}) {
      Outcome o = run(EnrichPipeline.Work.of(ENRICHER), List.of(new Bytes(gz.toByteArray(), 17, true)), 2, chunk, 4,
          8, EnrichCommand.MAX_LINE);
      assertEquals(expected, o.text(), "chunk " + chunk);
      assertNull(o.error);
    }
    // The same through the command, from stdin.
    CliRun c = CliRun.run(gz.toByteArray(), "enrich", "--threads", "3");
    assertEquals(0, c.code, c.err);
    assertEquals(expected, c.out);
  }

  @Test
  void longLinesCutExactlyAsOnOneThread() throws Exception {
    int maxLine = 40;
    StringBuilder b = new StringBuilder();
    for (int len : new int[] {0, 1, 38, 39, 40, 41, 79, 80, 81, 200, 1000}) {
      b.append("x".repeat(len)).append('\n');
      b.append("y".repeat(Math.max(0, len - 1))).append("\r\n");
    }
    b.append("z".repeat(39)).append('\n').append("w".repeat(40)).append("\n\n");
    for (String last : new String[] {"", "tail", "v".repeat(39), "v".repeat(40), "v".repeat(41), "v".repeat(100)}) {
      byte[] data = (b + last).getBytes(StandardCharsets.UTF_8);
      String expected = oneThread(data, maxLine);
      for (int chunk : new int[] {1, 3, 39, 40, 41, 64, 1000}) {
        Outcome o = run(EnrichPipeline.Work.of(ENRICHER), List.of(new Bytes(data, 7, false)), 2, chunk, 3, 6, maxLine);
        assertEquals(expected, o.text(), "chunk " + chunk + ", last line " + last.length());
        assertEquals(expected.split("\n", -1).length - 1, o.counts[0] + o.counts[1] + o.counts[2] + o.cut);
      }
    }
  }

  @Test
  void inputsInOrderEachCutOnItsOwn() throws Exception {
    byte[] a = "no newline at the end".getBytes(StandardCharsets.UTF_8);
    byte[] bb = sampleLog(50, 1);
    byte[] c = (AlbLogCorpus.HTTP + "\n").getBytes(StandardCharsets.UTF_8);
    String expected = oneThread(a, 1 << 20) + oneThread(bb, 1 << 20) + oneThread(new byte[0], 1 << 20) + oneThread(c, 1 << 20);
    Outcome o = run(EnrichPipeline.Work.of(ENRICHER),
        List.of(new Bytes(a, 4, false), new Bytes(bb, 100, false), new Bytes(new byte[0]), new Bytes(c)), 2, 64, 3, 6,
        1 << 20);
    assertEquals(expected, o.text());
    assertEquals(4, o.ends.stream().filter(k -> k == EnrichPipeline.Kind.INPUT_DONE).count());
  }

  /** Throws when it meets a line holding BOOM; enriches like the real thing otherwise. */
  static EnrichPipeline.Work failingOn(String marker) {
    byte[] m = marker.getBytes(StandardCharsets.UTF_8);
    return new EnrichPipeline.Work() {
      @Override
      public int enrichLines(byte[] buf, int from, int to, AlbLogEnricher.Buffer out, long[] counts) {
        int start = from;
        while (true) {
          int nl = ByteScan.newline(buf, start, to);
          if (nl == to) return start;
          if (contains(buf, start, nl, m)) throw new IllegalStateException("boom");
          ENRICHER.enrichLines(buf, start, nl + 1, out, counts);
          start = nl + 1;
        }
      }

      @Override
      public void malformed(byte[] line, int offset, int length, String reason, AlbLogEnricher.Buffer out) {
        ENRICHER.malformed(line, offset, length, reason, out);
      }
    };
  }

  static boolean contains(byte[] b, int from, int to, byte[] m) {
    outer:
    for (int i = from; i + m.length <= to; i++) {
      for (int k = 0; k < m.length; k++) if (b[i + k] != m[k]) continue outer;
      return true;
    }
    return false;
  }

  @Test
  void aWorkerThatThrowsEndsTheSequenceAfterEveryLineBefore() throws Exception {
    byte[] before = sampleLog(700, 9);
    byte[] after = sampleLog(700, 10);
    byte[] data = GzipBytes.concat(before, "a BOOM line\n".getBytes(StandardCharsets.UTF_8), after);
    String expected = oneThread(before, 1 << 20);
    for (int threads : new int[] {1, 2, 4}) {
      for (int chunk : new int[] {5, 1000, 1 << 16, 1 << 20}) {
        Outcome o = run(failingOn("BOOM"), List.of(new Bytes(data), new Bytes(after)), threads, chunk, threads + 2,
            2 * threads + 4, 1 << 20);
        String what = threads + " threads, chunk " + chunk;
        assertEquals(expected, o.text(), what);
        assertEquals(700, o.counts[0] + o.counts[1] + o.counts[2], what);
        assertEquals(List.of(EnrichPipeline.Kind.FAILED), o.ends, what);
        assertEquals(0, o.failedInput, what);
        assertTrue(o.error.getMessage().startsWith("internal error (java.lang.IllegalStateException: boom)"), o.error.getMessage());
      }
    }
  }

  @Test
  void aWorkerThatThrowsIsAnIoErrorExitWithEverythingBeforeWritten() throws Exception {
    byte[] before = sampleLog(3000, 11); // a few MiB: several chunks, on several threads
    byte[] data = GzipBytes.concat(before, "BOOM\n".getBytes(StandardCharsets.UTF_8), sampleLog(3000, 12));
    for (String threads : new String[] {"1", "2", "4"}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = EnrichCommand.run(new String[] {"--threads", threads}, new ByteArrayInputStream(data),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
          e -> failingOn("BOOM"));
      String e = err.toString(StandardCharsets.UTF_8);
      assertEquals(Main.IO_ERROR, code, e);
      assertEquals(oneThread(before, 1 << 20), out.toString(StandardCharsets.UTF_8), threads + " threads");
      assertTrue(e.contains("albtrace enrich: stdin: internal error (java.lang.IllegalStateException: boom) after 3000 lines of it;"), e);
      assertTrue(e.contains("albtrace enrich: 3000 lines"), e);
    }
  }

  @Test
  void aFailingInputEndsTheSequenceAndLaterInputsAreNotOpened() throws Exception {
    byte[] good = sampleLog(200, 2);
    byte[] gz = EnrichCommandTest.gzipBytes(sampleLog(500, 4));
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    boolean[] opened = new boolean[1];
    EnrichPipeline.Input never = new EnrichPipeline.Input() {
      @Override
      public InputStream open() {
        opened[0] = true;
        return new ByteArrayInputStream(good);
      }

      @Override
      public long position() {
        return 0;
      }
    };
    Outcome o = run(EnrichPipeline.Work.of(ENRICHER), List.of(new Bytes(good), new Bytes(cut, 100, true), never), 2,
        1 << 12, 4, 8, 1 << 20);
    assertInstanceOf(EOFException.class, o.error);
    assertEquals(1, o.failedInput);
    assertFalse(opened[0], "inputs after a failed one are not opened");
    String text = o.text();
    String[] lines = new String(sampleLog(500, 4), StandardCharsets.UTF_8).split("\n");
    int fromCut = (int) (o.counts[0] + o.counts[1] + o.counts[2]) - 200;
    assertTrue(fromCut > 10 && fromCut < 500, "complete lines before the damage: " + fromCut);
    assertEquals(oneThread(good, 1 << 20) + oneThread((String.join("\n", Arrays.asList(lines).subList(0, fromCut)) + "\n")
        .getBytes(StandardCharsets.UTF_8), 1 << 20), text);
  }

  /** Lines forever; fails (rather than hang the test) once read far past any bound. */
  static final class Endless extends InputStream {
    final byte[] line = (AlbLogCorpus.HTTP + "\n").getBytes(StandardCharsets.UTF_8);
    final long limit;
    volatile long read;

    Endless(long limit) {
      this.limit = limit;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (read > limit) throw new IOException("read past " + limit + " bytes: memory is not bounded");
      for (int i = 0; i < len; i++) b[off + i] = line[(int) ((read + i) % line.length)];
      read += len;
      return len;
    }
  }

  @Test
  void aReaderAheadOfASlowWriterStopsAtItsPools() throws Exception {
    int chunk = 1 << 12, chunks = 3, jobs = 6;
    Endless source = new Endless(1000L * chunk);
    EnrichPipeline.Input in = new EnrichPipeline.Input() {
      @Override
      public InputStream open() {
        return source;
      }

      @Override
      public long position() {
        return source.read;
      }
    };
    try (EnrichPipeline p = new EnrichPipeline(EnrichPipeline.Work.of(ENRICHER), List.of(in), 2, chunk, chunk, chunks, jobs, 1 << 20)) {
      // Take a few jobs, then none: the reader must come to a stop, every job out, waiting.
      for (int i = 0; i < 10; i++) p.recycle(p.next());
      while (!(p.jobsOut() == jobs && p.readerState() == Thread.State.WAITING)) {
        assertTrue(source.read <= 1000L * chunk, "the reader does not stop");
        Thread.sleep(1);
      }
      long stoppedAt = source.read;
      assertTrue(stoppedAt <= (10 + jobs + chunks + 1) * (long) chunk, "read " + stoppedAt + " bytes");
      // Still in order after the stall.
      EnrichPipeline.Job j = p.next();
      assertEquals(EnrichPipeline.Kind.LINES, j.kind());
      p.recycle(j);
      assertTrue(p.mostJobsOut() <= jobs);
      assertEquals(jobs, p.jobsMade(), "every job made, none more");
      assertTrue(p.chunksMade() <= chunks, "chunks made: " + p.chunksMade());
    }
  }

  @Test
  void summaryNumbersAsStringFormatWritesThem() {
    SplittableRandom r = new SplittableRandom(3);
    double[] fixedOnes = {0, 0.005, 0.015, 0.125, 0.995, 1, 9.995, 99.95, 0.05, 1e-9, 123456.789, 1e15, 2.675};
    for (int i = 0; i < 20_000 + fixedOnes.length; i++) {
      double v = i < fixedOnes.length ? fixedOnes[i]
          : r.nextBoolean() ? r.nextDouble() * 10 : Math.round(r.nextDouble() * 100_000) / 1000.0;
      assertEquals(String.format(java.util.Locale.ROOT, "%.2f", v), EnrichCommand.fixed(v, 2), "" + v);
      assertEquals(String.format(java.util.Locale.ROOT, "%.1f", v), EnrichCommand.fixed(v, 1), "" + v);
    }
  }

  @Test
  void threadsOption() {
    CliRun ok = CliRun.run(AlbLogCorpus.HTTP, "enrich", "--threads=1");
    assertEquals(0, ok.code, ok.err);
    for (String bad : new String[] {"--threads=0", "--threads=x", "--threads=65"}) {
      CliRun r = CliRun.run(AlbLogCorpus.HTTP, "enrich", bad);
      assertEquals(Main.USAGE, r.code, bad);
      assertTrue(r.err.contains("--threads must be a number from 1 to 64"), r.err);
    }
    assertTrue(CliRun.run("", "enrich", "--help").out.contains("--threads N"));
    assertTrue(EnrichCommand.defaultThreads() >= 1);
  }
}
