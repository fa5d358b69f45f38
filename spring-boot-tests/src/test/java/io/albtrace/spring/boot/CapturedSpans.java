package io.albtrace.spring.boot;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The server spans Micrometer Tracing finished, from whichever bridge is on the class path: the
 * OpenTelemetry SDK's (a {@code SpanProcessor} bean, which Boot adds to its tracer provider) or
 * Brave's (a {@code SpanHandler} bean, which Boot adds to its {@code Tracing}). Both hand over each
 * span synchronously when it ends.
 */
final class CapturedSpans {
  /** A finished server span, bridge-neutral: ids as 32 / 16 lowercase hex, tags as text. */
  static final class ServerSpan {
    final String traceId;
    final String parentId;
    final Map<String, String> tags;

    ServerSpan(String traceId, String parentId, Map<String, String> tags) {
      this.traceId = traceId;
      this.parentId = parentId;
      this.tags = tags;
    }

    @Override
    public String toString() {
      return "ServerSpan{trace=" + traceId + ", parent=" + parentId + ", tags=" + tags + '}';
    }
  }

  private final List<ServerSpan> spans = new CopyOnWriteArrayList<>();

  /** The server span of trace {@code traceId}, waiting up to 10 s for it to end; else an AssertionError. */
  ServerSpan await(String traceId) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      for (ServerSpan s : spans) if (s.traceId.equals(traceId)) return s;
      Thread.sleep(25);
    }
    throw new AssertionError("no server span of trace " + traceId + " in " + spans);
  }

  /**
   * The server span of the request for {@code path} (Boot's observation tags each span with its
   * request's {@code http.url}), waiting up to 10 s for it to end.
   */
  ServerSpan awaitPath(String path) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      for (ServerSpan s : spans) if (path.equals(s.tags.get("http.url"))) return s;
      Thread.sleep(25);
    }
    throw new AssertionError("no server span for " + path + " in " + spans);
  }

  @Configuration(proxyBeanMethods = false)
  @Import({Configurations.Otel.class, Configurations.Brave.class})
  static class Configurations {
    @Bean
    CapturedSpans capturedSpans() {
      return new CapturedSpans();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.otel.bridge.OtelTracer")
    static class Otel {
      @Bean
      io.opentelemetry.sdk.trace.SpanProcessor capturingSpanProcessor(CapturedSpans captured) {
        return SimpleSpanProcessor.create(new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> batch) {
            for (SpanData d : batch) {
              if (d.getKind() != SpanKind.SERVER) continue;
              Map<String, String> tags = new HashMap<>();
              d.getAttributes().forEach((k, v) -> tags.put(k.getKey(), String.valueOf(v)));
              captured.spans.add(new ServerSpan(d.getTraceId(), d.getParentSpanId(), tags));
            }
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        });
      }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.brave.bridge.BraveTracer")
    static class Brave {
      @Bean
      SpanHandler capturingSpanHandler(CapturedSpans captured) {
        return new SpanHandler() {
          @Override
          public boolean end(TraceContext context, MutableSpan span, Cause cause) {
            if (span.kind() == brave.Span.Kind.SERVER) {
              String parent = span.parentId();
              captured.spans.add(new ServerSpan(span.traceId(), parent == null ? "0000000000000000" : parent,
                  new HashMap<>(span.tags())));
            }
            return true;
          }
        };
      }
    }
  }
}
