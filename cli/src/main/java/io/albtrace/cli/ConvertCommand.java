package io.albtrace.cli;

import io.albtrace.AmznTraceHeader;
import io.albtrace.TraceId128;
import io.albtrace.W3CTraceContext;
import io.albtrace.internal.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code albtrace convert [HEADER ...]}: one JSON object per header value (docs/spec.md §6).
 *
 * <pre>
 * {"input":"Root=1-67891233-abcdef012345678912345678","valid":true,
 *  "root":"1-67891233-abcdef012345678912345678","trace_id_128":"67891233abcdef012345678912345678",
 *  "dd_trace_id":"2541551403134113400","dd_p_tid":"67891233abcdef01","epoch":1737036339,
 *  "parent_span_id":"00a80ccd5996a294",
 *  "traceparent":"00-67891233abcdef012345678912345678-00a80ccd5996a294-01"}
 * {"input":"Root=bad","valid":false,"error":"malformed Root"}
 * </pre>
 */
final class ConvertCommand {
  static final String HELP =
      "usage: albtrace convert [HEADER ...]\n"
          + "  Maps each X-Amzn-Trace-Id value to its Datadog and W3C ids and writes one JSON object\n"
          + "  per value, one per line. With no HEADER, reads one value per line from stdin\n"
          + "  (lines end at LF; a CR before the LF is dropped, any other CR is kept).\n";

  private ConvertCommand() {}

  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.print(HELP);
      return Main.OK;
    }
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    StringBuilder sb = new StringBuilder(512);
    try {
      if (args.length > 0) {
        for (String a : args) write(a, sb, w);
      } else {
        convertLines(in, out, sb, w);
      }
      w.flush();
      if (out.checkError()) throw new IOException("cannot write to standard output");
      return Main.OK;
    } catch (IOException e) {
      try {
        w.flush();
      } catch (IOException ignored) {
        // already failing; the message below says why
      }
      err.println("albtrace convert: I/O error: " + e.getMessage());
      return Main.IO_ERROR;
    }
  }

  /**
   * One object per stdin line. A line ends at LF only; a CR right before the LF is dropped (CRLF
   * input converts like LF input), and any other CR stays in the value: a stray CR inside a header
   * does not split it into two lines (BufferedReader.readLine would). A last line without LF counts
   * if it is not empty. Streams: one buffer of chars and the current line in memory.
   */
  private static void convertLines(InputStream in, PrintStream out, StringBuilder sb, Writer w)
      throws IOException {
    Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
    char[] buf = new char[1 << 16];
    StringBuilder line = new StringBuilder(512);
    int lines = 0;
    for (int n; (n = r.read(buf)) != -1; ) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buf[i] != '\n') continue;
        line.append(buf, start, i - start);
        start = i + 1;
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') line.setLength(len - 1);
        write(line.toString(), sb, w);
        line.setLength(0);
        // PrintStream swallows write errors: look now and then, so a closed pipe or a full disk
        // stops the run instead of reading all of stdin for nothing.
        if ((++lines & 0xFFF) == 0 && out.checkError()) return;
      }
      line.append(buf, start, n - start);
    }
    if (line.length() > 0) write(line.toString(), sb, w);
  }

  private static void write(String input, StringBuilder sb, Writer w) throws IOException {
    sb.setLength(0);
    toJson(input, sb).append('\n');
    w.append(sb);
  }

  /** The docs/spec.md §6 {@code convert} object for one header value. */
  static StringBuilder toJson(String input, StringBuilder sb) {
    Json.appendField("input", input, sb.append('{'));
    AmznTraceHeader h = AmznTraceHeader.parse(input);
    if (!h.isValid()) {
      return Json.appendField("error", h.invalid().reason(), sb.append(",\"valid\":false,")).append('}');
    }
    TraceId128 root = h.root();
    sb.append(",\"valid\":true,");
    Json.appendField("root", root.toXrayRoot(), sb).append(',');
    Json.appendField("trace_id_128", root.toHex(), sb).append(',');
    Json.appendField("dd_trace_id", root.datadogTraceId(), sb).append(',');
    Json.appendField("dd_p_tid", root.datadogTid(), sb).append(',');
    sb.append("\"epoch\":").append(root.epochSeconds()).append(',');
    Json.appendField("parent_span_id", h.parentSpanIdHex(), sb).append(',');
    return Json.appendField("traceparent", W3CTraceContext.traceparent(h), sb).append('}');
  }
}
