package io.albtrace.benchmarks;

import brave.propagation.TraceContext;
import brave.propagation.TraceContextOrSamplingFlags;
import brave.propagation.TraceIdContext;
import brave.propagation.aws.AWSPropagation;
import com.amazonaws.xray.entities.TraceHeader;
import com.amazonaws.xray.entities.TraceID;
import io.albtrace.AmznTraceHeader;
import io.albtrace.AmznTraceHeaderReader;
import io.albtrace.DatadogHeaders;
import io.albtrace.TraceId128;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import java.util.Collections;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code X-Amzn-Trace-Id} value → Datadog's {@code dd_trace_id} and {@code _dd.p.tid}, by
 * albtrace and by each peer. The peers stop at their own trace id type; the conversion after it is
 * written the way a user would write it ({@code substring}, {@code Long.parseUnsignedLong},
 * {@code Long.toUnsignedString}). Each method returns whether it found an id and leaves it in
 * {@code out}. {@code ToDatadogTest} checks that they all agree.
 */
final class ToDatadog {
  private ToDatadog() {}

  // ---- albtrace ----

  /**
   * The allocation-free path: a reused {@link AmznTraceHeaderReader}, then both ids written into
   * reused buffers.
   */
  static boolean albtrace(String header, DatadogIds out) {
    AmznTraceHeaderReader reader = out.reader;
    if (!reader.read(header)) return out.none();
    return write(reader.rootHigh(), reader.rootLow(), out);
  }

  /**
   * {@link AmznTraceHeader#parse}, then the same buffers: allocation-free only when escape analysis
   * drops the header object, which depends on what the JIT inlines.
   */
  static boolean albtraceParse(String header, DatadogIds out) {
    AmznTraceHeader h = AmznTraceHeader.parse(header);
    if (!h.isValid()) return out.none();
    return write(h.rootHigh(), h.rootLow(), out);
  }

  private static boolean write(long high, long low, DatadogIds out) {
    byte[] digits = out.digits;
    int start = DatadogHeaders.writeTraceId(low, digits, digits.length);
    DatadogHeaders.writeTid(high, out.tidDigits, 0);
    return out.found(out.traceIdView.set(digits, start, digits.length), out.tidView.set(out.tidDigits, 0, 16));
  }

  /** The README's convenience API, producing two Strings like the peers. */
  static boolean albtraceStrings(String header, DatadogIds out) {
    AmznTraceHeader h = AmznTraceHeader.parse(header);
    if (!h.isValid()) return out.none();
    TraceId128 root = h.root();
    return out.found(root.datadogTraceId(), root.datadogTid());
  }

  // ---- OpenTelemetry contrib AwsXrayPropagator ----

  private static final AwsXrayPropagator OTEL = AwsXrayPropagator.getInstance();

  /** The carrier is the header value itself: the cheapest carrier a getter can have. */
  private static final TextMapGetter<String> OTEL_GETTER =
      new TextMapGetter<String>() {
        @Override
        public Iterable<String> keys(String carrier) {
          return Collections.singletonList(AmznTraceHeader.NAME);
        }

        @Override
        public String get(String carrier, String key) {
          return AmznTraceHeader.NAME.equalsIgnoreCase(key) ? carrier : null;
        }
      };

  static boolean otel(String header, DatadogIds out) {
    SpanContext sc = Span.fromContext(OTEL.extract(Context.root(), header, OTEL_GETTER)).getSpanContext();
    if (!sc.isValid()) return out.none();
    String hex = sc.getTraceId(); // 32 lowercase hex
    return out.found(
        Long.toUnsignedString(Long.parseUnsignedLong(hex.substring(16), 16)), hex.substring(0, 16));
  }

  // ---- AWS X-Ray SDK ----

  /**
   * {@code TraceHeader.fromString}: note that it replaces a malformed Root with a fresh random id,
   * so a non-null result does not mean the header held one.
   */
  static boolean xraySdk(String header, DatadogIds out) {
    TraceID id = TraceHeader.fromString(header).getRootTraceId();
    if (id == null) return out.none();
    String root = id.toString(); // 1-TTTTTTTT-UUUUUUUUUUUUUUUUUUUUUUUU
    return out.found(
        Long.toUnsignedString(Long.parseUnsignedLong(root.substring(19), 16)),
        root.substring(2, 10) + root.substring(11, 19));
  }

  // ---- Brave AWSPropagation ----

  /** Brave keeps a Root-only header as a {@link TraceIdContext}, a full one as a context. */
  static boolean brave(String header, DatadogIds out) {
    TraceContextOrSamplingFlags extracted = AWSPropagation.extract(header);
    TraceContext context = extracted.context();
    long low;
    String hex;
    if (context != null) {
      low = context.traceId();
      hex = context.traceIdString();
    } else {
      TraceIdContext traceIdContext = extracted.traceIdContext();
      if (traceIdContext == null) return out.none();
      low = traceIdContext.traceId();
      hex = traceIdContext.traceIdString();
    }
    return out.found(Long.toUnsignedString(low), hex.substring(0, 16));
  }

  // ---- What a team writes by hand ----

  /** {@code split} on {@code ;}, {@code =} and {@code -}. */
  static boolean handSplit(String header, DatadogIds out) {
    for (String field : header.split(";")) {
      String[] kv = field.trim().split("=", 2);
      if (kv.length == 2 && kv[0].trim().equals("Root")) {
        String[] parts = kv[1].trim().split("-");
        if (parts.length != 3
            || !parts[0].equals("1")
            || parts[1].length() != 8
            || parts[2].length() != 24) {
          return out.none();
        }
        String hex = (parts[1] + parts[2]).toLowerCase(Locale.ROOT);
        return out.found(
            Long.toUnsignedString(Long.parseUnsignedLong(hex.substring(16), 16)),
            hex.substring(0, 16));
      }
    }
    return out.none();
  }

  private static final Pattern ROOT =
      Pattern.compile(
          "(?:^|;)[ \\t]*Root[ \\t]*=[ \\t]*1-([0-9a-fA-F]{8})-([0-9a-fA-F]{8})([0-9a-fA-F]{16})[ \\t]*(?:;|$)");

  /** One precompiled regex. */
  static boolean handRegex(String header, DatadogIds out) {
    Matcher m = ROOT.matcher(header);
    if (!m.find()) return out.none();
    return out.found(
        Long.toUnsignedString(Long.parseUnsignedLong(m.group(3), 16)),
        (m.group(1) + m.group(2)).toLowerCase(Locale.ROOT));
  }
}
