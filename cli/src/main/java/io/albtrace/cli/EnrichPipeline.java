package io.albtrace.cli;

import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.internal.ByteScan;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enriches a sequence of inputs on several threads, in bounded memory, and hands the output back
 * in input order: one reader thread reads (and so inflates) each input into fixed chunks and cuts
 * them at line boundaries; {@code threads} workers enrich the chunks, each into its job's own
 * output buffer; the caller takes the finished jobs in order with {@link #next} and writes them.
 *
 * <p>Memory is bounded whatever the input: at most {@code chunks} input chunks of {@code
 * chunkSize} bytes and {@code jobs} jobs (each an output buffer and, for lines that cross a chunk,
 * a copy of at most {@code maxLine + 1} bytes) are made, when first needed, and then recycled;
 * the reader waits for a free one. A chunk is cut into jobs of about {@code jobBytes} that read it
 * in place; it goes back to the pool when the last of them is enriched.
 *
 * <p>The reader goes on to the next input as soon as one ends: inflating a file overlaps with
 * enriching the one before.
 *
 * <p>The output is exactly that of enriching the whole stream line by line on one thread: a line
 * that crosses chunks (or gzip members) is copied whole into its own job; a line of
 * {@code maxLine} bytes or more (before its {@code \n}) becomes one malformed object holding its
 * first {@code maxLine} bytes, the rest up to its {@code \n} skipped; a last line without
 * {@code \n} counts. An I/O error of an input ends the sequence with a {@link Kind#FAILED} job,
 * after every complete line read before it (the partial line it cuts is dropped, later inputs
 * are not opened). A worker that throws turns its job into {@link Kind#FAILED} too, the lines of
 * that job before the failing one still in its output.
 */
final class EnrichPipeline implements AutoCloseable {
  /** What the workers do with the lines: {@link AlbLogEnricher}'s chunk calls (replaceable in tests). */
  interface Work {
    int enrichLines(byte[] buf, int from, int to, AlbLogEnricher.Buffer out, long[] counts);

    void malformed(byte[] line, int offset, int length, String reason, AlbLogEnricher.Buffer out);

    static Work of(AlbLogEnricher enricher) {
      return new Work() {
        @Override
        public int enrichLines(byte[] buf, int from, int to, AlbLogEnricher.Buffer out, long[] counts) {
          return enricher.enrichLines(buf, from, to, out, counts);
        }

        @Override
        public void malformed(byte[] line, int offset, int length, String reason, AlbLogEnricher.Buffer out) {
          enricher.malformed(line, offset, length, reason, out);
        }
      };
    }
  }

  /** One input: opened (and read) on the reader thread. */
  interface Input {
    /** The decoded bytes; closed by the pipeline. */
    InputStream open() throws IOException;

    /** Bytes of the input read so far as stored (compressed), for progress. */
    long position();
  }

  /** What a {@link Job} holds. */
  enum Kind {
    /** Output for complete lines: {@link Job#output()}, {@link Job#counts()}. */
    LINES,
    /** One line cut at {@code maxLine} bytes: a malformed object in the output. */
    CUT,
    /** The end of input {@link Job#input()}: every line of it was in jobs before. */
    INPUT_DONE,
    /** Input {@link Job#input()} failed ({@link Job#error()}): the last job of the sequence. */
    FAILED,
    /** Every input done: the last job of the sequence. */
    FINISHED
  }

  /** A piece of work, and then its output; taken in order with {@link #next}, then {@link #recycle}d. */
  static final class Job {
    private AlbLogEnricher.Buffer out;
    final long[] counts = new long[AlbLogEnricher.Result.values().length];
    Kind kind;
    int input;
    long position; // bytes of all inputs read so far, as stored, when the job was made
    long decoded; // decoded bytes of all inputs read so far, when the job was made
    private byte[] data;
    private int from;
    private int to;
    private Chunk chunk; // the chunk data is in, back to the pool once enriched
    private byte[] own = new byte[0]; // data of a line that crosses chunks
    private IOException error;
    private volatile boolean done;

    Job(int outputCapacity) {
      out = new AlbLogEnricher.Buffer(outputCapacity);
    }

    Kind kind() {
      return kind;
    }

    int input() {
      return input;
    }

    AlbLogEnricher.Buffer output() {
      return out;
    }

    long[] counts() {
      return counts;
    }

    /** Lines this job holds: by result for {@link Kind#LINES}, 1 for a {@link Kind#CUT} line. */
    long lines() {
      return kind == Kind.CUT ? 1 : counts[0] + counts[1] + counts[2];
    }

    IOException error() {
      return error;
    }

    private byte[] own(int length) {
      if (own.length < length) own = new byte[length];
      return own;
    }
  }

  private static final class Chunk {
    final byte[] data;
    int length;
    final AtomicInteger users = new AtomicInteger(); // jobs reading it, not yet enriched

    Chunk(int size) {
      data = new byte[size];
    }
  }

  private final Work work;
  private final List<? extends Input> inputs;
  private final int chunkSize;
  private final int jobBytes;
  private final int maxLine;
  private final String cutReason;
  private final int chunks; // made when first needed, then recycled: a short input makes few
  private final int jobs;
  private final int outputCapacity;
  private volatile int chunksMade; // written by the reader thread only
  private volatile int jobsMade;
  private final BlockingQueue<Chunk> freeChunks;
  private final BlockingQueue<Job> freeJobs;
  private final BlockingQueue<Job> ordered; // every job made, in order
  private final BlockingQueue<Job> todo; // LINES and CUT jobs, for the workers
  private final Thread reader;
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicInteger jobsOut = new AtomicInteger(); // taken from freeJobs, not yet recycled
  private final AtomicInteger mostJobsOut = new AtomicInteger();
  private volatile boolean closed;

  // Reader state.
  private byte[] carry; // the line the last chunk ended in, without \n
  private int carryLength;
  private boolean skipping; // inside a line of maxLine bytes or more, already cut
  private int input;
  private long positionBefore; // of the inputs done
  private long decoded;

  /**
   * Starts reading {@code inputs} at once.
   *
   * @param threads workers enriching at once
   * @param chunkSize bytes read from an input at a time
   * @param jobBytes most bytes of complete lines in one job (a longer line is a job of its own):
   *     a chunk is cut into jobs of about this size, read in place
   * @param chunks input chunks, at least 1; {@code threads + 2} keeps every worker busy
   * @param jobs jobs in flight, at least 2; about {@code 2 * threads + 4}
   * @param maxLine longest line kept whole
   */
  EnrichPipeline(Work work, List<? extends Input> inputs, int threads, int chunkSize, int jobBytes, int chunks, int jobs,
      int maxLine) {
    if (threads < 1 || chunkSize < 1 || jobBytes < 1 || chunks < 1 || jobs < 2 || maxLine < 1) {
      throw new IllegalArgumentException();
    }
    this.jobBytes = jobBytes;
    this.work = work;
    this.inputs = inputs;
    this.chunkSize = chunkSize;
    this.maxLine = maxLine;
    this.cutReason = "line longer than " + maxLine + " bytes, cut";
    this.carry = new byte[Math.min(maxLine, 1 << 12)];
    this.chunks = chunks;
    this.jobs = jobs;
    freeChunks = new ArrayBlockingQueue<>(chunks);
    freeJobs = new ArrayBlockingQueue<>(jobs);
    // Room for the usual output of a job (about 2.5 times its input) from the start: buffers grow
    // only on unusual lines, so growing stays out of the hot code.
    outputCapacity = (int) Math.min(3L * Math.min(jobBytes, chunkSize) + (1 << 16), 1 << 24);
    ordered = new ArrayBlockingQueue<>(jobs);
    todo = new ArrayBlockingQueue<>(jobs);
    for (int i = 0; i < threads; i++) {
      // Threads as subclasses, not lambdas: a lambda's bootstrap costs a short run startup time.
      Thread t = new Thread("albtrace-enrich-" + (i + 1)) {
        @Override
        public void run() {
          enrichJobs();
        }
      };
      t.setDaemon(true);
      workers.add(t);
    }
    reader = new Thread("albtrace-read") {
      @Override
      public void run() {
        readInputs();
      }
    };
    reader.setDaemon(true);
    for (Thread t : workers) t.start();
    reader.start();
  }

  /** Whether {@link #next} would return without waiting. */
  boolean ready() {
    Job j = ordered.peek();
    return j != null && j.done;
  }

  /** The next job in input order, once finished; {@link #recycle} it when written. */
  Job next() throws InterruptedException {
    Job j = ordered.take();
    if (!j.done) {
      synchronized (j) {
        while (!j.done) j.wait();
      }
    }
    return j;
  }

  /** Gives a job taken with {@link #next} back, to be reused. */
  void recycle(Job j) {
    // A job that held an unusual line (say 1 MiB of control bytes, 6 MiB escaped) gives the room back.
    if (j.out.bytes().length > 4 * outputCapacity) j.out = new AlbLogEnricher.Buffer(outputCapacity);
    if (j.own.length > 1 << 16) j.own = new byte[0];
    j.out.clear();
    java.util.Arrays.fill(j.counts, 0);
    j.data = null;
    j.error = null;
    j.done = false;
    jobsOut.decrementAndGet();
    freeJobs.add(j);
  }

  /** Jobs out of the pool now: made and not yet recycled. */
  int jobsOut() {
    return jobsOut.get();
  }

  /** The most jobs out of the pool at once so far: never more than {@code jobs}. */
  int mostJobsOut() {
    return mostJobsOut.get();
  }

  /** Chunks made so far: never more than {@code chunks}. */
  int chunksMade() {
    return chunksMade;
  }

  /** Jobs made so far: never more than {@code jobs}. */
  int jobsMade() {
    return jobsMade;
  }

  /** The reader thread's state, for tests: {@code WAITING} when it waits for a free job or chunk. */
  Thread.State readerState() {
    return reader.getState();
  }

  /** Stops every thread; jobs not taken are dropped. Returns at once. */
  @Override
  public void close() {
    closed = true;
    reader.interrupt();
    for (Thread t : workers) t.interrupt();
  }

  // ---- workers

  private void enrichJobs() {
    try {
      while (!closed) enrich(todo.take());
    } catch (InterruptedException e) {
      // closed
    }
  }

  private void enrich(Job j) {
    try {
      if (j.kind == Kind.LINES) {
        int end = work.enrichLines(j.data, j.from, j.to, j.out, j.counts);
        if (end != j.to) throw new IllegalStateException("lines left at " + end + " of " + j.to);
      } else {
        work.malformed(j.data, j.from, j.to - j.from, cutReason, j.out);
        j.out.newline();
      }
    } catch (Throwable t) {
      // A bug, not bad input: the lines before in this job stay; the sequence ends here.
      j.kind = Kind.FAILED;
      j.error = new IOException("internal error (" + t + ")", t);
    } finally {
      if (j.chunk != null) {
        if (j.chunk.users.decrementAndGet() == 0) freeChunks.add(j.chunk);
        j.chunk = null;
      }
      synchronized (j) {
        j.done = true;
        j.notifyAll();
      }
    }
  }

  // ---- reader

  private void readInputs() {
    try {
      for (input = 0; input < inputs.size(); input++) {
        Input in = inputs.get(input);
        IOException failure = null;
        try (InputStream s = in.open()) {
          read(s, in);
        } catch (IOException e) {
          failure = e;
        } catch (RuntimeException e) {
          failure = new IOException(e.toString(), e);
        }
        long position = positionBefore + in.position();
        if (failure != null) {
          Job j = marker(Kind.FAILED, position);
          j.error = failure;
          emit(j);
          return;
        }
        positionBefore = position;
        emit(marker(Kind.INPUT_DONE, position));
      }
      emit(marker(Kind.FINISHED, positionBefore));
    } catch (InterruptedException e) {
      // closed
    } catch (Throwable t) {
      // A bug in the reader: end the sequence with it rather than leave the caller waiting.
      try {
        Job j = marker(Kind.FAILED, positionBefore);
        j.error = new IOException("internal error (" + t + ")", t);
        emit(j);
      } catch (InterruptedException e) {
        // closed
      }
    }
  }

  private void read(InputStream s, Input in) throws IOException, InterruptedException {
    carryLength = 0;
    skipping = false;
    while (!closed) {
      Chunk c = freeChunk();
      int n;
      try {
        n = s.read(c.data, 0, chunkSize);
      } catch (IOException | RuntimeException e) {
        freeChunks.add(c);
        throw e;
      }
      if (n < 0) {
        freeChunks.add(c);
        break;
      }
      c.length = n;
      decoded += n;
      split(c, positionBefore + in.position());
    }
    if (carryLength > 0) { // the last line, without \n
      Job j = job(Kind.LINES, positionBefore + in.position());
      byte[] b = j.own(carryLength + 1);
      System.arraycopy(carry, 0, b, 0, carryLength);
      b[carryLength] = '\n';
      j.data = b;
      j.from = 0;
      j.to = carryLength + 1;
      carryLength = 0;
      emit(j);
    }
  }

  /** Cuts a chunk into jobs: the line it continues, its complete lines, and keeps its last line's start. */
  private void split(Chunk c, long position) throws InterruptedException {
    byte[] d = c.data;
    int n = c.length;
    int p = 0;
    if (skipping) {
      int nl = ByteScan.newline(d, 0, n);
      if (nl == n) {
        freeChunks.add(c);
        return;
      }
      skipping = false;
      p = nl + 1;
    }
    if (carryLength > 0) {
      int nl = ByteScan.newline(d, p, n);
      int room = maxLine - carryLength;
      if (nl - p >= room) { // the line reaches maxLine bytes: cut
        Job j = job(Kind.CUT, position);
        byte[] b = j.own(maxLine);
        System.arraycopy(carry, 0, b, 0, carryLength);
        System.arraycopy(d, p, b, carryLength, room);
        j.data = b;
        j.from = 0;
        j.to = maxLine;
        carryLength = 0;
        emit(j);
        if (nl == n) {
          skipping = true;
          freeChunks.add(c);
          return;
        }
      } else if (nl == n) {
        keep(d, p, n);
        freeChunks.add(c);
        return;
      } else {
        Job j = job(Kind.LINES, position);
        int length = carryLength + nl + 1 - p;
        byte[] b = j.own(length);
        System.arraycopy(carry, 0, b, 0, carryLength);
        System.arraycopy(d, p, b, carryLength, nl + 1 - p);
        j.data = b;
        j.from = 0;
        j.to = length;
        carryLength = 0;
        emit(j);
      }
      p = nl + 1;
    }
    int last = n - 1;
    while (last >= p && d[last] != '\n') last--;
    int tail = last + 1; // the last line's start: p when there is no \n
    Job cut = null;
    if (n - tail >= maxLine) { // only when a chunk is longer than a line may be
      cut = job(Kind.CUT, position);
      byte[] b = cut.own(maxLine);
      System.arraycopy(d, tail, b, 0, maxLine);
      cut.data = b;
      cut.from = 0;
      cut.to = maxLine;
      skipping = true;
    } else {
      keep(d, tail, n);
    }
    if (last >= p) {
      // Jobs of at most jobBytes (cut after a \n), all reading the chunk in place: no copy.
      c.users.set(1); // the reader's own hold, while it makes the jobs
      for (int from = p; from <= last; ) {
        int to = last + 1;
        if (to - from > jobBytes) {
          to = from + jobBytes;
          while (to > from && d[to - 1] != '\n') to--;
          if (to == from) to = ByteScan.newline(d, from + jobBytes, last + 1) + 1; // one long line
        }
        Job j = job(Kind.LINES, position);
        j.data = d;
        j.from = from;
        j.to = to;
        j.chunk = c;
        c.users.incrementAndGet();
        emit(j);
        from = to;
      }
      if (c.users.decrementAndGet() == 0) freeChunks.add(c);
    } else {
      freeChunks.add(c);
    }
    if (cut != null) emit(cut);
  }

  /** Appends {@code d[from, to)} to the line kept for the next chunk (less than maxLine bytes). */
  private void keep(byte[] d, int from, int to) {
    int n = to - from;
    if (carryLength + n > carry.length) {
      carry = java.util.Arrays.copyOf(carry, Math.min(maxLine, Math.max(carry.length * 2, carryLength + n)));
    }
    System.arraycopy(d, from, carry, carryLength, n);
    carryLength += n;
  }

  private Chunk freeChunk() throws InterruptedException {
    Chunk c = freeChunks.poll();
    if (c != null) return c;
    if (chunksMade < chunks) {
      chunksMade++;
      return new Chunk(chunkSize);
    }
    return freeChunks.take();
  }

  private Job job(Kind kind, long position) throws InterruptedException {
    Job j = freeJobs.poll();
    if (j == null && jobsMade < jobs) {
      jobsMade++;
      j = new Job(outputCapacity);
    }
    if (j == null) j = freeJobs.take();
    int out = jobsOut.incrementAndGet();
    for (int most; out > (most = mostJobsOut.get()) && !mostJobsOut.compareAndSet(most, out); ) {}
    j.kind = kind;
    j.input = input;
    j.position = position;
    j.chunk = null;
    return j;
  }

  private Job marker(Kind kind, long position) throws InterruptedException {
    Job j = job(kind, position);
    j.done = true;
    return j;
  }

  private void emit(Job j) throws InterruptedException {
    j.decoded = decoded;
    ordered.put(j); // never waits: there are no more jobs than room
    if (j.kind == Kind.LINES || j.kind == Kind.CUT) todo.put(j);
  }
}
