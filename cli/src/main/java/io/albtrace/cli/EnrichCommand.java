package io.albtrace.cli;

import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.accesslog.AlbLogEnricher.Result;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code albtrace enrich [FILE ...]}: ALB access-log lines in, one JSON object per line out
 * (NDJSON, docs/spec.md §6), each linked to its APM trace by {@code dd.trace_id}. See
 * {@link AlbLogEnricher} for the object.
 *
 * <pre>
 * albtrace enrich 123456789012_elasticloadbalancing_us-east-2_app.my-lb…_20260929T2340Z_10.0.0.9_x.log.gz
 * {"type":"https","time":"2026-09-29T23:35:00.186641Z",…,"dd.trace_id":"6744582656697819988",…}
 * albtrace enrich: 10000 lines (9990 with trace id, 8 without, 2 malformed) in 0.21 s, 165.3 MB/s
 * </pre>
 *
 * <ul>
 *   <li>Inputs are files or stdin ({@code -} or none), gzip detected by its magic bytes, any
 *       number of gzip members. An {@link EnrichPipeline}: one thread reads and inflates into 1
 *       MiB chunks, {@code --threads} threads enrich chunks at once, this thread writes their
 *       output in input order. Memory is constant: a fixed number of chunks and jobs, recycled; a
 *       line of {@value #MAX_LINE} bytes or more comes out as a malformed object holding its
 *       first {@value #MAX_LINE} bytes.
 *   <li>Lines out == lines in, in order. Exit 0 when every line parsed, 3 when some were
 *       malformed (still written), 2 on usage errors, 1 on I/O errors — a truncated or corrupt
 *       gzip included — after flushing every complete line read before the error.
 * </ul>
 */
final class EnrichCommand {
  static final int MALFORMED_LINES = 3;
  /** Longest line kept whole; longer ones are cut (constant memory on any input). */
  static final int MAX_LINE = 1 << 20;

  private static final int CHUNK = 1 << 20;
  /** Input of one enrich job: a chunk is cut into a few, for an even share between threads. */
  private static final int JOB_BYTES = 1 << 18;
  /** Most enrich threads by default, whatever the machine: past that, inflating is the limit. */
  private static final int DEFAULT_MAX_THREADS = 4;

  static final String HELP =
      "usage: albtrace enrich [options] [FILE ...]\n"
          + "  Reads ALB access-log lines from each FILE (gzip or plain, detected by content;\n"
          + "  '-' or no FILE: stdin) and writes one JSON object per line (NDJSON): every field\n"
          + "  under its AWS name, \"dd.trace_id\" from trace_id, and Datadog standard attributes.\n"
          + "  Lines that are not ALB entries come out as {\"message\":…,\"albtrace.error\":…}.\n"
          + "\n"
          + "options:\n"
          + "  -o, --output FILE         write to FILE instead of stdout\n"
          + "  --dd-trace-id=decimal     dd.trace_id as the decimal low 64 bits (default)\n"
          + "  --dd-trace-id=hex         dd.trace_id as 32 hex digits (all 128 bits)\n"
          + "  --threads N               enrich on N threads (default: one per processor, at most\n"
          + "                            " + DEFAULT_MAX_THREADS + "); output order is input order whatever N\n"
          + "  --progress, --no-progress force the progress bar on or off (default: on when\n"
          + "                            stderr is a terminal and all inputs are files)\n"
          + "  --to datadog              send to Datadog Logs instead: see enrich --to datadog --help\n"
          + "\n"
          + "exit: 0 all lines parsed, 3 some malformed (all still written), 2 usage, 1 I/O error\n";

  private final PrintStream err;
  private final EnrichPipeline.Work work;
  private final int threads;
  private OutputStream sink;
  private ProgressBar progress;

  private final long[] counts = new long[AlbLogEnricher.Result.values().length];
  private long tooLong; // lines cut at MAX_LINE: malformed too
  private long bytes; // decoded input bytes

  private EnrichCommand(PrintStream err, EnrichPipeline.Work work, int threads) {
    this.err = err;
    this.work = work;
    this.threads = threads;
  }

  static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream err) {
    return run(args, stdin, stdout, err, null);
  }

  /** {@link #run}, the enrichment done by {@code work} when not null (tests make it fail). */
  static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream err,
      java.util.function.Function<AlbLogEnricher, EnrichPipeline.Work> work) {
    Preload.once();
    if (EnrichToDatadog.requested(args)) return EnrichToDatadog.run(args, stdin, stdout, err, System.getenv());
    String output = null;
    int threads = defaultThreads();
    Boolean progressOption = null;
    AlbLogEnricher.TraceIdFormat format = AlbLogEnricher.TraceIdFormat.DECIMAL;
    List<String> inputs = new ArrayList<>();
    boolean options = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!options || a.equals("-") || !a.startsWith("-")) {
        inputs.add(a);
      } else if (a.equals("--")) {
        options = false;
      } else if (a.equals("-h") || a.equals("--help")) {
        stdout.print(HELP);
        return Main.OK;
      } else if (a.equals("-o") || a.equals("--output")) {
        if (i + 1 == args.length) return usage(err, a + " needs a FILE");
        output = args[++i];
      } else if (a.startsWith("--output=")) {
        output = a.substring("--output=".length());
      } else if (a.equals("--dd-trace-id") || a.startsWith("--dd-trace-id=")) {
        String v = a.indexOf('=') > 0 ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : "";
        try {
          format = traceIdFormat(v);
        } catch (IllegalArgumentException e) {
          return usage(err, e.getMessage());
        }
      } else if (a.equals("--threads") || a.startsWith("--threads=")) {
        String v = a.indexOf('=') > 0 ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : "";
        try {
          threads = Integer.parseInt(v);
        } catch (NumberFormatException e) {
          threads = 0;
        }
        if (threads < 1 || threads > 64) return usage(err, "--threads must be a number from 1 to 64, not '" + v + "'");
      } else if (a.equals("--progress")) {
        progressOption = true;
      } else if (a.equals("--no-progress")) {
        progressOption = false;
      } else {
        return usage(err, "unknown option '" + a + "'");
      }
    }
    if (inputs.isEmpty()) inputs.add("-");
    if ("-".equals(output)) output = null; // -o - is stdout
    if (output != null && output.isEmpty()) return usage(err, "-o needs a FILE");

    LogInputs in;
    try {
      in = LogInputs.check(inputs, output, stdin);
    } catch (LogInputs.Unusable e) {
      if (e.usage) return usage(err, e.getMessage());
      err.println("albtrace enrich: " + e.getMessage());
      return Main.IO_ERROR;
    }

    AlbLogEnricher enricher = new AlbLogEnricher(format);
    EnrichCommand cmd = new EnrichCommand(err, work == null ? EnrichPipeline.Work.of(enricher) : work.apply(enricher), threads);
    boolean showProgress = progressOption != null ? progressOption && in.allFiles
        : in.allFiles && ProgressBar.stderrIsTerminal();
    if (showProgress) cmd.progress = new ProgressBar(err, in.totalBytes);
    return cmd.run(in.sources, stdout, output);
  }

  /**
   * Enriches one line on a thread of its own as the command starts, once per JVM. Loading and
   * initialising the enricher's classes (its byte-array views alone spin the JVM's first lambda,
   * about 9 ms) then overlaps with the command's setup and the reader's first inflating, instead
   * of delaying the first job of a run that may last half a second (docs/access-logs.md, Speed).
   */
  static final class Preload extends Thread {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** An entry as an ALB writes it, traced: it takes the paths the enricher's first lines take. */
    static final String LINE = "https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 "
        + "192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "
        + "\"GET https://www.example.com:443/ HTTP/1.1\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
        + "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "
        + "\"Root=1-58337281-1d84f3d73c47ec4e58577259\" \"www.example.com\" "
        + "\"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 1 "
        + "2018-07-02T22:22:48.364000Z \"authenticate,forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\" "
        + "TID_1234abcd5678ef90\n";

    /** The line's count by {@link Result}, as the workers count theirs. */
    final long[] counts = new long[Result.values().length];

    Preload() {
      super("albtrace-preload");
      setDaemon(true);
    }

    /** Starts the preload unless this JVM already did (tests run many commands in one JVM). */
    static Preload once() {
      if (!STARTED.compareAndSet(false, true)) return null;
      Preload p = new Preload();
      p.start();
      return p;
    }

    @Override
    public void run() {
      byte[] line = LINE.getBytes(StandardCharsets.US_ASCII);
      try {
        // The workers' entry point: it loads most of what their first lines load.
        new AlbLogEnricher().enrichLines(line, 0, line.length, new AlbLogEnricher.Buffer(1 << 12), counts);
      } catch (RuntimeException e) {
        // Only an optimisation: the command's own workers meet and report any such failure.
      }
    }
  }

  private int run(List<LogInputs.Source> sources, PrintStream stdout, String output) {
    long start = System.nanoTime();
    try {
      // Straight to fd 1 rather than through System.out: bigger writes, and write errors are
      // reported instead of swallowed by PrintStream.
      sink = output != null ? new FileOutputStream(output)
          : stdout == System.out ? new FileOutputStream(FileDescriptor.out) : stdout;
    } catch (IOException e) {
      err.println("albtrace enrich: cannot write " + output + ": " + e.getMessage());
      return Main.IO_ERROR;
    }
    String failed = null;
    try (EnrichPipeline pipeline = new EnrichPipeline(work, sources, threads, CHUNK, JOB_BYTES, threads + 2, 4 * threads + 8, MAX_LINE)) {
      int current = -1;
      long linesBefore = 0; // of the inputs before the current one
      while (true) {
        if (!pipeline.ready()) flush(); // about to wait for input: let what is done go out
        EnrichPipeline.Job j;
        try {
          j = pipeline.next();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new OutputException(new java.io.InterruptedIOException("interrupted"));
        }
        if (j.input() != current) {
          current = j.input();
          linesBefore = lines();
        }
        bytes = j.decoded;
        EnrichPipeline.Kind kind = j.kind();
        if (kind == EnrichPipeline.Kind.FINISHED) break;
        if (kind == EnrichPipeline.Kind.FAILED) {
          // A worker's failure leaves the complete lines before it in the job: those go out too.
          write(j, true);
          String name = sources.get(current).name;
          failed = name + ": " + j.error().getMessage() + " after " + (lines() - linesBefore)
              + " lines of it; every line before was written";
          break;
        }
        if (kind != EnrichPipeline.Kind.INPUT_DONE) write(j, false);
        if (progress != null) progress.update(j.position, lines());
        pipeline.recycle(j);
      }
      flush();
      if (output != null) sink.close();
      if (stdout == sink && stdout.checkError()) throw new OutputException(new IOException("write error"));
    } catch (OutputException e) {
      if (progress != null) progress.clear();
      if (isBrokenPipe(e.getCause())) return Main.IO_ERROR; // the reader left (`| head`): stop quietly
      err.println("albtrace enrich: cannot write " + (output != null ? output : "stdout") + ": "
          + e.getCause().getMessage() + " after " + lines() + " lines");
      return Main.IO_ERROR;
    } catch (IOException e) {
      failed = "cannot write " + output + ": " + e.getMessage();
    }
    if (progress != null) progress.clear();
    if (failed != null) err.println("albtrace enrich: " + failed);
    err.println(summary(System.nanoTime() - start));
    if (failed != null) return Main.IO_ERROR;
    return malformed() > 0 ? MALFORMED_LINES : Main.OK;
  }

  /** Counts a job's lines and writes its output; of a failed job, only its complete lines. */
  private void write(EnrichPipeline.Job j, boolean failed) throws OutputException {
    AlbLogEnricher.Buffer out = j.output();
    if (j.kind() == EnrichPipeline.Kind.CUT) {
      tooLong++;
    } else {
      long[] c = j.counts();
      for (int i = 0; i < counts.length; i++) counts[i] += c[i];
    }
    try {
      if (failed) {
        int end = out.length();
        byte[] b = out.bytes();
        while (end > 0 && b[end - 1] != '\n') end--;
        sink.write(b, 0, end);
        out.clear();
      } else {
        out.writeTo(sink);
      }
    } catch (IOException e) {
      throw new OutputException(e);
    }
  }

  private String summary(long nanos) {
    double seconds = nanos / 1e9;
    // Not String.format: its Formatter loads locale data, a noticeable part of a short run.
    return "albtrace enrich: " + lines() + " lines (" + counts[Result.TRACED.ordinal()] + " with trace id, "
        + counts[Result.UNTRACED.ordinal()] + " without, " + malformed() + " malformed) in " + fixed(seconds, 2)
        + " s, " + fixed(seconds > 0 ? bytes / 1e6 / seconds : 0.0, 1) + " MB/s";
  }

  /** {@code String.format(Locale.ROOT, "%.<decimals>f", v)} for a finite {@code v}, without a Formatter. */
  static String fixed(double v, int decimals) {
    return java.math.BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /** {@code --dd-trace-id}'s value. */
  static AlbLogEnricher.TraceIdFormat traceIdFormat(String v) {
    if (v.equals("decimal")) return AlbLogEnricher.TraceIdFormat.DECIMAL;
    if (v.equals("hex")) return AlbLogEnricher.TraceIdFormat.HEX;
    throw new IllegalArgumentException("--dd-trace-id must be 'decimal' or 'hex', not '" + v + "'");
  }

  /** One enrich thread per processor, at most {@value #DEFAULT_MAX_THREADS}. */
  static int defaultThreads() {
    return Math.max(1, Math.min(DEFAULT_MAX_THREADS, Runtime.getRuntime().availableProcessors()));
  }

  private long malformed() {
    return counts[Result.MALFORMED.ordinal()] + tooLong;
  }

  private long lines() {
    return counts[0] + counts[1] + counts[2] + tooLong;
  }

  private void flush() throws OutputException {
    try {
      sink.flush();
    } catch (IOException e) {
      throw new OutputException(e);
    }
  }

  private static boolean isBrokenPipe(Throwable e) {
    String m = e == null ? null : e.getMessage();
    return m != null && m.toLowerCase(Locale.ROOT).contains("broken pipe");
  }

  private static int usage(PrintStream err, String message) {
    err.println("albtrace enrich: " + message);
    err.print(HELP);
    return Main.USAGE;
  }

  /** A failure to write output, told apart from input failures. */
  private static final class OutputException extends IOException {
    private static final long serialVersionUID = 1L;

    OutputException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
