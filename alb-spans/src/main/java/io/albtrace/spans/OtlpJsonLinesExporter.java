package io.albtrace.spans;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;

/**
 * Writes each batch as one OTLP/JSON {@code ExportTraceServiceRequest} and a {@code \n}: the file
 * format the OpenTelemetry Collector's {@code otlpjsonfile} receiver reads.
 *
 * <pre>
 * {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"my-lb"}},…]},
 *   "scopeSpans":[{"scope":{"name":"io.albtrace.alb-spans"},"spans":[{"traceId":"67891233abcdef012345678912345678",
 *   "spanId":"00a80ccd5996a294","name":"GET","kind":2,"startTimeUnixNano":"…",…}]}]}]}
 * </pre>
 *
 * <p>The JSON is the SDK's own OTLP encoding ({@code TraceRequestMarshaler}, the one the SDK's
 * {@code OtlpStdoutSpanExporter} and OTLP/HTTP-JSON use), not albtrace's: ids in hex, enums as
 * numbers, 64-bit numbers as strings. It is an internal SDK class, which is why the OpenTelemetry
 * version is pinned in the parent pom. A write error fails the batch (the caller counts its spans
 * as not delivered) and every batch after it; the stream is the caller's to close.
 */
public final class OtlpJsonLinesExporter implements SpanExporter {
  private final OutputStream out;
  private volatile IOException failed;

  public OtlpJsonLinesExporter(OutputStream out) {
    if (out == null) throw new NullPointerException("out");
    this.out = out;
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> spans) {
    if (failed != null) return CompletableResultCode.ofExceptionalFailure(failed);
    try {
      TraceRequestMarshaler.create(spans).writeJsonTo(out);
      out.write('\n');
      out.flush(); // delivered means handed to the file, not left in a buffer
      return CompletableResultCode.ofSuccess();
    } catch (IOException e) {
      failed = e;
      return CompletableResultCode.ofExceptionalFailure(e);
    }
  }

  @Override
  public synchronized CompletableResultCode flush() {
    try {
      out.flush();
      return CompletableResultCode.ofSuccess();
    } catch (IOException e) {
      failed = e;
      return CompletableResultCode.ofExceptionalFailure(e);
    }
  }

  @Override
  public CompletableResultCode shutdown() {
    return flush();
  }
}
