package io.albtrace.reliability;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Properties every fuzz target and corpus test asserts on what albtrace writes. */
final class Checks {
  private static final ObjectMapper STRICT_JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Checks() {}

  /**
   * Header injection: a value albtrace synthesizes (propagation header, tag, MDC value) must never
   * hold CR or LF, nor any other control char, nor non-ASCII (HTTP header values are octets).
   */
  static void assertSafeHeaderValue(String what, CharSequence value) {
    if (value == null) throw new AssertionError(what + " is null");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new AssertionError(
            what + " has char 0x" + Integer.toHexString(c) + " at " + i + ": " + escape(value));
      }
    }
  }

  /**
   * One JSON text, one line: no raw CR/LF, encodable as strict UTF-8 (no lone surrogates), parsed
   * by Jackson with no trailing content. Returns the parsed tree.
   */
  static JsonNode assertJsonLine(String line) {
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new AssertionError("JSON line holds a raw CR/LF: " + escape(line));
    }
    byte[] utf8;
    try {
      ByteBuffer bb =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(line));
      utf8 = new byte[bb.remaining()];
      bb.get(utf8);
    } catch (CharacterCodingException e) {
      throw new AssertionError("JSON line is not encodable as UTF-8: " + escape(line), e);
    }
    try {
      JsonNode n = STRICT_JSON.readTree(utf8);
      if (n == null || !n.isObject()) throw new AssertionError("not a JSON object: " + escape(line));
      return n;
    } catch (IOException e) {
      throw new AssertionError("invalid JSON: " + escape(line), e);
    }
  }

  /** Java-escaped, cut to 300 chars: safe to print in a failure message. */
  static String escape(CharSequence s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < 300; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) sb.append(c);
      else sb.append(String.format("\\u%04x", (int) c));
    }
    if (sb.length() >= 300) sb.append("…(").append(s.length()).append(" chars)");
    return sb.toString();
  }
}
