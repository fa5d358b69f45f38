package io.albtrace.cli;

import io.albtrace.spans.AlbSpanMapper;
import io.albtrace.spans.OtlpJsonLinesExporter;
import io.albtrace.spans.SpanShipper;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code albtrace spans [FILE ...]}: ALB access-log lines in, one OpenTelemetry span per entry out
 * (the ALB hop, {@link AlbSpanMapper}) — over OTLP/HTTP to a Collector or a Datadog Agent, or as
 * OTLP JSON lines to a file (docs/alb-spans.md).
 *
 * <pre>
 * albtrace spans --otlp-endpoint http://localhost:4318 app.log.gz
 * albtrace spans: 10000 lines (9990 spans, 8 without trace id, 2 malformed); 9990 delivered, 0 not delivered, in 1.21 s
 * </pre>
 *
 * <p>Inputs are read as {@code enrich} reads them ({@link LogInputs}, {@link EnrichPipeline}: gzip
 * members, stdin, 1 MiB lines, progress). Spans go out in batches of {@value #BATCH}, at most
 * {@value #IN_FLIGHT} at once ({@link SpanShipper}): memory is bounded, and a slow receiver slows
 * the reading. The SDK's exporter retries 429, 502, 503, 504 and I/O errors with exponential backoff
 * within {@code --timeout}; a batch it gives up on is counted, never dropped silently. Exit 0
 * when every span was delivered, 4 when some were not (how many is printed), 3 when lines were
 * malformed, 2 usage, 1 I/O error.
 */
final class SpansCommand {
  static final int NOT_DELIVERED = 4;
  static final String DEFAULT_ENDPOINT = "http://localhost:4318";
  private static final int BATCH = 512;
  private static final int IN_FLIGHT = 4;
  private static final int CHUNK = 1 << 20;
  /** The exporter's own warnings are replaced by the counts and first failure this command prints. */
  private static final Logger EXPORTER_LOG = Logger.getLogger("io.opentelemetry.exporter");

  static final String HELP =
      "usage: albtrace spans [options] [FILE ...]\n"
          + "  Reads ALB access-log lines from each FILE (gzip or plain, detected by content;\n"
          + "  '-' or no FILE: stdin) and sends one OpenTelemetry span per entry: the ALB hop,\n"
          + "  with the trace id of its X-Amzn-Trace-Id Root and the span id albtrace's adapters\n"
          + "  give the service span as its parent. Lines without a valid trace id give no span.\n"
          + "\n"
          + "options:\n"
          + "  --otlp-endpoint URL       OTLP/HTTP receiver (protobuf): a Collector or the Datadog\n"
          + "                            Agent's OTLP intake; spans go to URL/v1/traces\n"
          + "                            (default " + DEFAULT_ENDPOINT + ")\n"
          + "  --otlp-header NAME=VALUE  add a header to every export request (repeatable)\n"
          + "  -o, --output FILE         write OTLP JSON lines to FILE instead ('-': stdout), as the\n"
          + "                            Collector's otlpjsonfile receiver reads them\n"
          + "  --timeout SECONDS         give a batch up after this long, retries included\n"
          + "                            (default 30)\n"
          + "  --progress, --no-progress force the progress bar on or off (default: on when\n"
          + "                            stderr is a terminal and all inputs are files)\n"
          + "\n"
          + "exit: 0 every span delivered, 4 some spans not delivered, 3 some lines malformed,\n"
          + "      2 usage, 1 I/O error\n";

  private final PrintStream err;
  private final long[] counts = new long[AlbSpanMapper.Result.values().length];
  private long tooLong; // lines cut at EnrichCommand.MAX_LINE: malformed too
  private ProgressBar progress;

  private SpansCommand(PrintStream err) {
    this.err = err;
  }

  static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream err) {
    String endpoint = null;
    String output = null;
    long timeoutSeconds = 30;
    Boolean progressOption = null;
    List<String[]> headers = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    boolean options = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      int eq = a.indexOf('=');
      String name = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
      if (!options || a.equals("-") || !a.startsWith("-")) {
        inputs.add(a);
        continue;
      }
      if (a.equals("--")) {
        options = false;
        continue;
      }
      if (a.equals("-h") || a.equals("--help")) {
        stdout.print(HELP);
        return Main.OK;
      }
      if (a.equals("--progress") || a.equals("--no-progress")) {
        progressOption = a.equals("--progress");
        continue;
      }
      String value = eq > 0 && a.startsWith("--") ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
      switch (name) {
        case "--otlp-endpoint":
          endpoint = value;
          break;
        case "-o":
        case "--output":
          output = value;
          break;
        case "--otlp-header":
          int at = value == null ? -1 : value.indexOf('=');
          if (at < 1) return usage(err, "--otlp-header needs NAME=VALUE, not '" + value + "'");
          headers.add(new String[] {value.substring(0, at).trim(), value.substring(at + 1).trim()});
          break;
        case "--timeout":
          try {
            timeoutSeconds = value == null ? 0 : Long.parseLong(value);
          } catch (NumberFormatException e) {
            timeoutSeconds = 0;
          }
          if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            return usage(err, "--timeout must be a number of seconds from 1 to 3600, not '" + value + "'");
          }
          break;
        default:
          return usage(err, "unknown option '" + a + "'");
      }
      if (value == null) return usage(err, name + " needs a value");
    }
    if (inputs.isEmpty()) inputs.add("-");
    if (output != null && output.isEmpty()) return usage(err, "-o needs a FILE");
    if (output != null && endpoint != null) return usage(err, "--otlp-endpoint and -o exclude each other");
    if (endpoint == null) endpoint = DEFAULT_ENDPOINT;
    LogInputs in;
    try {
      in = LogInputs.check(inputs, "-".equals(output) ? null : output, stdin);
    } catch (LogInputs.Unusable e) {
      if (e.usage) return usage(err, e.getMessage());
      err.println("albtrace spans: " + e.getMessage());
      return Main.IO_ERROR;
    }

    OutputStream file = null;
    SpanExporter exporter;
    try {
      if (output != null) {
        file = output.equals("-") ? (stdout == System.out ? new FileOutputStream(FileDescriptor.out) : stdout)
            : new FileOutputStream(output);
        exporter = new OtlpJsonLinesExporter(new BufferedOutputStream(file, 1 << 16));
      } else {
        exporter = otlpHttp(endpoint, headers, Duration.ofSeconds(timeoutSeconds));
      }
    } catch (IllegalArgumentException e) {
      return usage(err, "bad --otlp-endpoint '" + endpoint + "': " + e.getMessage());
    } catch (IOException e) {
      err.println("albtrace spans: cannot write " + output + ": " + e.getMessage());
      return Main.IO_ERROR;
    }
    EXPORTER_LOG.setLevel(Level.OFF);
    SpansCommand cmd = new SpansCommand(err);
    boolean showProgress = progressOption != null ? progressOption && in.allFiles
        : in.allFiles && ProgressBar.stderrIsTerminal();
    if (showProgress) cmd.progress = new ProgressBar(err, in.totalBytes);
    SpanShipper shipper = new SpanShipper(exporter, BATCH, output != null ? 1 : IN_FLIGHT);
    try {
      return cmd.run(in.sources, shipper, timeoutSeconds);
    } finally {
      exporter.shutdown().join(10, TimeUnit.SECONDS);
      if (file != null && file != stdout) {
        try {
          file.close();
        } catch (IOException e) {
          err.println("albtrace spans: cannot close " + output + ": " + e.getMessage());
        }
      }
    }
  }

  /** The SDK's OTLP/HTTP protobuf exporter, gzip, with its default retry policy. */
  static SpanExporter otlpHttp(String endpoint, List<String[]> headers, Duration timeout) {
    if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
      throw new IllegalArgumentException("use http:// or https://");
    }
    String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder()
        .setEndpoint(base.endsWith("/v1/traces") ? base : base + "/v1/traces")
        .setCompression("gzip")
        .setTimeout(timeout)
        .setRetryPolicy(RetryPolicy.getDefault());
    for (String[] h : headers) b.addHeader(h[0], h[1]);
    return b.build();
  }

  private int run(List<LogInputs.Source> sources, SpanShipper shipper, long timeoutSeconds) {
    long start = System.nanoTime();
    String failed = null;
    EnrichPipeline.Work work = new SpanWork(shipper);
    // one worker: spans leave in line order, and the shipper needs no locking; small jobs, as
    // their output buffers (sized for enrich's JSON) stay empty here
    try (EnrichPipeline pipeline = new EnrichPipeline(work, sources, 1, CHUNK, 1 << 16, 3, 8, EnrichCommand.MAX_LINE)) {
      int current = -1;
      long linesBefore = 0; // of the inputs before the current one
      while (true) {
        EnrichPipeline.Job j = pipeline.next();
        if (j.input() != current) {
          current = j.input();
          linesBefore = lines();
        }
        EnrichPipeline.Kind kind = j.kind();
        if (kind == EnrichPipeline.Kind.FINISHED) break;
        count(j);
        if (kind == EnrichPipeline.Kind.FAILED) {
          failed = sources.get(current).name + ": " + j.error().getMessage() + " after " + (lines() - linesBefore)
              + " lines of it; the spans of every line before were sent";
          break;
        }
        if (progress != null) progress.update(j.position, lines());
        pipeline.recycle(j);
      }
      shipper.finish(timeoutSeconds + 10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed = "interrupted";
    }
    if (progress != null) progress.clear();
    if (failed != null) err.println("albtrace spans: " + failed);
    long spans = counts[AlbSpanMapper.Result.SPAN.ordinal()];
    long notDelivered = spans - shipper.delivered();
    if (notDelivered > 0) {
      err.println("albtrace spans: " + notDelivered + " spans not delivered"
          + (shipper.failure() != null ? " (" + shipper.failure() + ")" : ""));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    err.println("albtrace spans: " + lines() + " lines (" + spans + " spans, "
        + counts[AlbSpanMapper.Result.NO_TRACE_ID.ordinal()] + " without trace id, " + malformed() + " malformed); "
        + shipper.delivered() + " delivered, " + notDelivered + " not delivered, in "
        + EnrichCommand.fixed(seconds, 2) + " s");
    if (failed != null) return Main.IO_ERROR;
    if (notDelivered > 0) return NOT_DELIVERED;
    return malformed() > 0 ? EnrichCommand.MALFORMED_LINES : Main.OK;
  }

  private void count(EnrichPipeline.Job j) {
    if (j.kind() == EnrichPipeline.Kind.CUT) {
      tooLong++;
      return;
    }
    long[] c = j.counts(); // indexed by AlbSpanMapper.Result, which SpanWork counts in
    for (int i = 0; i < counts.length; i++) counts[i] += c[i];
  }

  private long malformed() {
    return counts[AlbSpanMapper.Result.MALFORMED.ordinal()] + tooLong;
  }

  private long lines() {
    return counts[0] + counts[1] + counts[2] + tooLong;
  }

  private static int usage(PrintStream err, String message) {
    err.println("albtrace spans: " + message);
    err.print(HELP);
    return Main.USAGE;
  }
}
