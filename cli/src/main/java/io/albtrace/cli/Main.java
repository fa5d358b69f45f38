package io.albtrace.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code albtrace}: the command-line face of albtrace (docs/spec.md §6).
 *
 * <pre>
 * albtrace convert [HEADER ...]             X-Amzn-Trace-Id → ids, one JSON object per header
 * albtrace enrich [FILE ...]                ALB access logs → NDJSON with dd.trace_id
 * albtrace enrich --to datadog [FILE ...]   … → Datadog Logs, each entry with dd.trace_id
 * albtrace from-datadog --trace-id N ...    Datadog / W3C ids → X-Ray Root
 * albtrace spans [FILE ...]                 ALB access logs → the ALB hop as OpenTelemetry spans
 * </pre>
 *
 * Exit codes: 0 success, 1 I/O error, 2 usage error (3 is used by {@code enrich} and {@code spans},
 * 4 by {@code spans}).
 */
public final class Main {
  static final int OK = 0;
  static final int IO_ERROR = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT =
      "usage: albtrace <command> [options]\n"
          + "\n"
          + "commands:\n"
          + "  convert [HEADER ...]      map X-Amzn-Trace-Id values to Datadog/W3C ids, one JSON\n"
          + "                            object per line; with no HEADER, reads one per stdin line\n"
          + "  enrich [-o FILE] [--dd-trace-id=decimal|hex] [FILE ...]\n"
          + "                            ALB access logs (gzip or plain; stdin if no FILE) to\n"
          + "                            NDJSON linked to APM traces by dd.trace_id\n"
          + "  enrich --to datadog [FILE ...]\n"
          + "                            the same lines sent to Datadog Logs (DD_API_KEY)\n"
          + "  from-datadog --trace-id <decimal> [--tid <16 hex> | --epoch <seconds>]\n"
          + "  from-datadog --trace-id-128 <32 hex>\n"
          + "                            print the X-Ray Root for a Datadog or W3C trace id\n"
          + "  spans [--otlp-endpoint URL | -o FILE] [FILE ...]\n"
          + "                            ALB access logs to OpenTelemetry spans of the ALB hop,\n"
          + "                            parents of the services' spans (OTLP/HTTP or JSON lines)\n"
          + "\n"
          + "Run 'albtrace <command> --help' for a command's options.\n";

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.in, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Runs one command; returns its exit code. Never calls {@code System.exit}. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE_TEXT);
      return USAGE;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "convert":
          return ConvertCommand.run(rest, in, out, err);
        case "enrich":
          return EnrichCommand.run(rest, in, out, err);
        case "from-datadog":
          return FromDatadogCommand.run(rest, out, err);
        case "spans":
          return SpansCommand.run(rest, in, out, err);
        case "-h":
        case "--help":
        case "help":
          out.print(USAGE_TEXT);
          return OK;
        default:
          throw new UsageException("unknown command '" + args[0] + "'");
      }
    } catch (UsageException e) {
      err.println("albtrace: " + e.getMessage());
      err.print(USAGE_TEXT);
      return USAGE;
    }
  }

  /** A mistake in the command line: reported with the usage, exit code 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
