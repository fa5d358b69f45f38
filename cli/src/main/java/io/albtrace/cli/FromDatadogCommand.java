package io.albtrace.cli;

import io.albtrace.TraceId128;
import io.albtrace.TraceIdFormatException;
import java.io.PrintStream;

/**
 * {@code albtrace from-datadog}: the X-Ray Root for a Datadog or W3C trace id (docs/spec.md §5).
 *
 * <pre>
 * albtrace from-datadog --trace-id 2541551403134113400 --tid 67891233abcdef01
 * 1-67891233-abcdef012345678912345678
 * albtrace from-datadog --trace-id 2541551403134113400 --epoch 1737036339
 * 1-67891233-000000002345678912345678
 * albtrace from-datadog --trace-id-128 67891233abcdef012345678912345678
 * 1-67891233-abcdef012345678912345678
 * </pre>
 */
final class FromDatadogCommand {
  static final String HELP =
      "usage: albtrace from-datadog --trace-id <decimal> [--tid <16 hex> | --epoch <seconds>]\n"
          + "       albtrace from-datadog --trace-id-128 <32 hex>\n"
          + "  Prints the X-Ray Root for a Datadog trace id (unsigned decimal, with its _dd.p.tid or\n"
          + "  an epoch), or for a 128-bit id as 32 hex (W3C trace-id, Datadog 128-bit).\n"
          + "  With --trace-id alone the epoch is the current time, as dd-trace-java's X-Ray\n"
          + "  injector does; the Root is then 1-<now>-00000000<low 64 as hex>.\n";

  private FromDatadogCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    String traceId = null, tid = null, epoch = null, traceId128 = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        out.print(HELP);
        return Main.OK;
      }
      if (!a.startsWith("--")) return usage(err, "unexpected argument '" + a + "'");
      int eq = a.indexOf('=');
      String name = eq > 0 && a.startsWith("--") ? a.substring(0, eq) : a;
      String value;
      if (eq > 0 && a.startsWith("--")) {
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return usage(err, "option " + a + " needs a value");
      }
      switch (name) {
        case "--trace-id": traceId = once(traceId, name, value); break;
        case "--tid": tid = once(tid, name, value); break;
        case "--epoch": epoch = once(epoch, name, value); break;
        case "--trace-id-128": traceId128 = once(traceId128, name, value); break;
        default: return usage(err, "unknown option '" + name + "'");
      }
    }
    try {
      TraceId128 id;
      if (traceId128 != null) {
        if (traceId != null || tid != null || epoch != null) {
          return usage(err, "--trace-id-128 stands alone");
        }
        id = TraceId128.fromHex(traceId128);
      } else if (traceId == null) {
        return usage(err, "give --trace-id or --trace-id-128");
      } else if (tid != null && epoch != null) {
        return usage(err, "give --tid or --epoch, not both");
      } else if (tid != null) {
        id = TraceId128.fromDatadog(traceId, tid);
      } else {
        long seconds = epoch == null ? System.currentTimeMillis() / 1000 : parseEpoch(epoch);
        id = TraceId128.fromDatadog(traceId, seconds);
      }
      out.println(id.toXrayRoot());
      return Main.OK;
    } catch (TraceIdFormatException e) {
      err.println("albtrace from-datadog: " + e.getMessage());
      return Main.USAGE;
    }
  }

  private static long parseEpoch(String s) {
    if (s.isEmpty() || s.length() > 10) throw new TraceIdFormatException("epoch must be 0 .. 4294967295 seconds: " + s);
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') throw new TraceIdFormatException("epoch must be a decimal number of seconds: " + s);
      v = v * 10 + (c - '0');
    }
    return v; // range checked by TraceId128.fromDatadog
  }

  private static String once(String previous, String name, String value) {
    if (previous != null) throw new Main.UsageException(name + " given twice");
    return value;
  }

  private static int usage(PrintStream err, String message) {
    err.println("albtrace from-datadog: " + message);
    err.print(HELP);
    return Main.USAGE;
  }
}
