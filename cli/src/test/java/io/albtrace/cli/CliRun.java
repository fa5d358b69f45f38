package io.albtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Runs {@link Main#run} in-process and reads what it wrote; shared by the CLI tests. */
final class CliRun {
  static final ObjectMapper JSON = new ObjectMapper();

  final int code;
  final byte[] outBytes;
  final String out;
  final String err;

  private CliRun(int code, byte[] outBytes, String err) {
    this.code = code;
    this.outBytes = outBytes;
    this.out = strictUtf8(outBytes);
    this.err = err;
  }

  static CliRun run(String stdin, String... args) {
    return run(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  static CliRun run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, new ByteArrayInputStream(stdin), o, e);
    }
    return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** Decodes UTF-8 and fails on any malformed byte sequence (a lone surrogate written raw). */
  static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("output is not valid UTF-8", e);
    }
  }

  /** Output lines, each parsed as one JSON object; fails on a raw control char inside a line. */
  static List<JsonNode> jsonLines(String out) {
    List<JsonNode> lines = new ArrayList<>();
    if (out.isEmpty()) return lines;
    assertTrue(out.endsWith("\n"), "output ends with a newline");
    for (String line : out.substring(0, out.length() - 1).split("\n", -1)) {
      assertTrue(line.chars().noneMatch(c -> c < 0x20), () -> "raw control char in " + line);
      try {
        JsonNode n = JSON.readTree(line);
        assertTrue(n.isObject(), line);
        lines.add(n);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + line, e);
      }
    }
    return lines;
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) names.add(it.next());
    return names;
  }

  /** A docs/spec.md §6 valid line: fields in order, with their JSON types. */
  static void assertValid(
      JsonNode n,
      String input,
      String root,
      String traceId128,
      String ddTraceId,
      String ddPTid,
      long epoch,
      String parentSpanId,
      String traceparent) {
    assertEquals(
        List.of(
            "input", "valid", "root", "trace_id_128", "dd_trace_id", "dd_p_tid", "epoch",
            "parent_span_id", "traceparent"),
        fieldNames(n));
    assertEquals(input, n.get("input").textValue());
    assertTrue(n.get("valid").isBoolean() && n.get("valid").booleanValue(), "valid: true");
    assertEquals(root, n.get("root").textValue());
    assertEquals(traceId128, n.get("trace_id_128").textValue());
    assertTrue(n.get("dd_trace_id").isTextual(), "dd_trace_id is a string");
    assertEquals(ddTraceId, n.get("dd_trace_id").textValue());
    assertEquals(ddPTid, n.get("dd_p_tid").textValue());
    assertTrue(n.get("epoch").isIntegralNumber(), "epoch is a number");
    assertEquals(epoch, n.get("epoch").longValue());
    assertEquals(parentSpanId, n.get("parent_span_id").textValue());
    assertEquals(traceparent, n.get("traceparent").textValue());
  }

  /** A docs/spec.md §6 invalid line. */
  static void assertInvalid(JsonNode n, String input, String error) {
    assertEquals(List.of("input", "valid", "error"), fieldNames(n));
    assertEquals(input, n.get("input").textValue());
    assertTrue(n.get("valid").isBoolean() && !n.get("valid").booleanValue(), "valid: false");
    assertEquals(error, n.get("error").textValue());
  }
}
