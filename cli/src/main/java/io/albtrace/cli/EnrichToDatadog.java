package io.albtrace.cli;

import io.albtrace.datadog.logs.AlbLogForwarder;
import io.albtrace.datadog.logs.DeliveryException;
import io.albtrace.datadog.logs.EntryOptions;
import io.albtrace.datadog.logs.ForwardStats;
import io.albtrace.datadog.logs.IntakeSettings;
import io.albtrace.datadog.logs.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code albtrace enrich --to datadog [FILE ...]}: the lines {@code enrich} reads (files or stdin,
 * gzip of any number of members) sent to Datadog Logs instead of written, each linked to its trace
 * by {@code dd.trace_id} ({@link AlbLogForwarder} does the sending).
 *
 * <pre>
 * DD_API_KEY=… albtrace enrich --to datadog --tags env:prod app.log.gz
 * albtrace enrich: 2000 lines (1976 with trace id, 24 without, 0 malformed) in 0.61 s: 2000 sent to
 *   https://http-intake.logs.datadoghq.com/api/v2/logs, 0 failed (2 requests, 0 retries)
 * </pre>
 *
 * Exit 0 when every line was delivered, 3 when some were not ALB entries (delivered with {@code
 * albtrace.error}), 1 when entries were not delivered (the count is printed) or an input could not
 * be read to its end, 2 on usage errors.
 */
final class EnrichToDatadog {
  static final int DEFAULT_ATTEMPTS = 6;
  static final String HELP =
      "usage: albtrace enrich --to datadog [options] [FILE ...]\n"
          + "  Sends ALB access-log lines (gzip or plain; '-' or no FILE: stdin) to Datadog Logs,\n"
          + "  one entry per line with dd.trace_id, in requests within the intake's limits.\n"
          + "\n"
          + "options:\n"
          + "  --dd-url URL              the intake (default: $DD_LOGS_URL, else\n"
          + "                            https://http-intake.logs.$DD_SITE/api/v2/logs, DD_SITE\n"
          + "                            defaulting to " + IntakeSettings.DEFAULT_SITE + ")\n"
          + "  --format raw|parsed       raw (default): the line as message, for Datadog's ELB\n"
          + "                            pipeline; parsed: enrich's attributes\n"
          + "  --dd-trace-id decimal|hex dd.trace_id as for enrich (default decimal)\n"
          + "  --service NAME            service (default: the load balancer's name)\n"
          + "  --tags TAGS               added to ddtags, e.g. env:prod,team:web (also $DD_TAGS)\n"
          + "  --attempts N              tries per request on 408, 429, 5xx and connection errors\n"
          + "                            (default " + DEFAULT_ATTEMPTS + "), backoff from 0.5 s doubling to 30 s\n"
          + "  --progress, --no-progress as for enrich\n"
          + "\n"
          + "environment: DD_API_KEY (required), DD_SITE, DD_LOGS_URL, DD_TAGS\n"
          + "exit: 0 all delivered, 3 all delivered but some lines malformed, 1 entries not\n"
          + "delivered or an input not read to its end, 2 usage\n";

  private EnrichToDatadog() {}

  /** Whether {@code enrich}'s arguments ask for Datadog: {@code --to datadog} or {@code --to=…} before any {@code --}. */
  static boolean requested(String[] args) {
    for (String a : args) {
      if (a.equals("--")) return false;
      if (a.equals("--to") || a.startsWith("--to=")) return true;
    }
    return false;
  }

  static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream err, Map<String, String> env) {
    EntryOptions options = EntryOptions.defaults();
    String to = null;
    String url = null;
    String tags = env.getOrDefault("DD_TAGS", "");
    Boolean progressOption = null;
    int attempts = DEFAULT_ATTEMPTS;
    List<String> inputs = new ArrayList<>();
    boolean optionsDone = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String name = a.startsWith("--") && a.indexOf('=') > 0 ? a.substring(0, a.indexOf('=')) : a;
        if (optionsDone || a.equals("-") || !a.startsWith("-")) {
          inputs.add(a);
        } else if (a.equals("--")) {
          optionsDone = true;
        } else if (a.equals("-h") || a.equals("--help")) {
          stdout.print(HELP);
          return Main.OK;
        } else if (a.equals("--progress") || a.equals("--no-progress")) {
          progressOption = a.equals("--progress");
        } else if (!List.of("--to", "--dd-url", "--format", "--dd-trace-id", "--service", "--tags", "--attempts").contains(name)) {
          return usage(err, "unknown option '" + a + "'");
        } else {
          String v = name.length() < a.length() ? a.substring(name.length() + 1) : i + 1 < args.length ? args[++i] : "";
          switch (name) {
            case "--to": to = v; break;
            case "--dd-url": url = v; break;
            case "--format": options = options.withFormat(format(v)); break;
            case "--dd-trace-id": options = options.withTraceIdFormat(EnrichCommand.traceIdFormat(v)); break;
            case "--service": options = options.withService(v); break;
            case "--attempts": attempts = attempts(v); break;
            default: tags = tags.isEmpty() ? v : tags + "," + v;
          }
        }
      }
      options = options.withTags(tags);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    if (!"datadog".equals(to)) return usage(err, "--to must be 'datadog', not '" + to + "'");
    String key = env.get("DD_API_KEY");
    if (key == null || key.isBlank()) return usage(err, "DD_API_KEY is not set");
    IntakeSettings settings;
    try {
      URI u = url != null && !url.isBlank() ? URI.create(url) : IntakeSettings.url(env);
      settings = IntakeSettings.builder(u, key)
          .retries(attempts, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60)).build();
    } catch (IllegalArgumentException e) {
      return usage(err, "bad intake URL: " + e.getMessage());
    }
    if (inputs.isEmpty()) inputs.add("-");
    LogInputs in;
    try {
      in = LogInputs.check(inputs, null, stdin);
    } catch (LogInputs.Unusable e) {
      if (e.usage) return usage(err, e.getMessage());
      err.println("albtrace enrich: " + e.getMessage());
      return Main.IO_ERROR;
    }
    boolean showProgress = progressOption != null ? progressOption && in.allFiles : in.allFiles && ProgressBar.stderrIsTerminal();
    return send(new AlbLogForwarder(settings, options), in.sources, err, showProgress ? new ProgressBar(err, in.totalBytes) : null);
  }

  private static int send(AlbLogForwarder forwarder, List<LogInputs.Source> sources, PrintStream err,
      ProgressBar progress) {
    long start = System.nanoTime();
    ForwardStats total = ForwardStats.ZERO;
    String failure = null;
    long doneBytes = 0;
    for (LogInputs.Source source : sources) {
      long before = doneBytes;
      long linesBefore = total.lines();
      try (InputStream in = source.open()) {
        ForwardStats s = forwarder.forward(in, Origin.file(source.name),
            progress == null ? null : lines -> progress.update(before + source.position(), linesBefore + lines));
        total = total.plus(s);
        if (s.readError() != null) {
          failure = source.name + ": " + s.readError() + "; every line before and an albtrace.error entry were sent";
          break;
        }
      } catch (DeliveryException e) {
        total = total.plus(e.stats());
        failure = e.getMessage(); // "<n> entries not delivered after …" or "the intake refused <n> entries: …"
        break;
      } catch (IOException e) {
        failure = "cannot read " + source.name + ": " + e.getMessage();
        break;
      }
      doneBytes += source.position();
    }
    if (progress != null) progress.clear();
    if (failure != null) err.println("albtrace enrich: " + failure);
    double seconds = (System.nanoTime() - start) / 1e9;
    err.println("albtrace enrich: " + total.lines() + " lines (" + total.traced() + " with trace id, " + total.untraced()
        + " without, " + total.malformed() + " malformed) in " + EnrichCommand.fixed(seconds, 2) + " s: " + total.sent()
        + " sent to " + forwarder.url() + ", " + total.failed() + " failed (" + total.requests() + " requests, "
        + total.retries() + " retries" + (total.truncated() > 0 ? ", " + total.truncated() + " entries cut to 1 MB" : "")
        + ")");
    if (failure != null) return Main.IO_ERROR;
    return total.malformed() > 0 ? EnrichCommand.MALFORMED_LINES : Main.OK;
  }

  private static int attempts(String v) {
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= 100) return n;
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("--attempts must be a number from 1 to 100, not '" + v + "'");
  }

  private static EntryOptions.Format format(String v) {
    if (v.equals("raw")) return EntryOptions.Format.RAW;
    if (v.equals("parsed")) return EntryOptions.Format.PARSED;
    throw new IllegalArgumentException("--format must be 'raw' or 'parsed', not '" + v + "'");
  }

  private static int usage(PrintStream err, String message) {
    err.println("albtrace enrich: " + message);
    err.print(HELP);
    return Main.USAGE;
  }
}
