package io.albtrace.servlet;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;

/**
 * A filter-based OpenTelemetry server instrumentation, as a library instrumentation would be: it
 * extracts W3C context from the request it is given (so it sees what {@link AlbTraceFilter} added)
 * and makes a SERVER span current for the rest of the chain.
 */
final class OtelServerFilter implements Filter {
  private static final TextMapGetter<HttpServletRequest> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest carrier) {
          return Collections.list(carrier.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest carrier, String key) {
          return carrier == null ? null : carrier.getHeader(key);
        }
      };

  private final Tracer tracer;

  OtelServerFilter(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), http, GETTER);
    Span span =
        tracer.spanBuilder(http.getMethod() + " " + http.getRequestURI())
            .setSpanKind(SpanKind.SERVER)
            .setParent(parent)
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      chain.doFilter(request, response);
    } finally {
      span.end();
    }
  }
}
