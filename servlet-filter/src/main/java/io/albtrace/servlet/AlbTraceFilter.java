package io.albtrace.servlet;

import io.albtrace.AmznTraceHeader;
import io.albtrace.continuation.Continuation;
import io.albtrace.tracers.AlbLogContext;
import io.albtrace.tracers.AlbSpanTags;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Links the request's {@code X-Amzn-Trace-Id} to the tracer's trace (docs/spec.md §4, §7). For a valid
 * header it
 *
 * <ol>
 *   <li>tags the current server span ({@code aws.alb.trace_id}, {@code aws.alb.self}, {@code
 *       aws.alb.continued}: see {@link AlbSpanTags});
 *   <li>puts {@code aws.alb.trace_id} into the SLF4J MDC until the chain returns;
 *   <li>when the request carries no tracing context of its own ({@code traceparent}, {@code
 *       x-datadog-trace-id}, {@code b3}, {@code X-B3-TraceId}) and the trust policy allows, passes
 *       the request on wrapped so that it also carries the docs/spec.md §4 Datadog and W3C headers: a tracer
 *       that extracts after this filter continues the ALB trace.
 * </ol>
 *
 * <p>An invalid or absent header leaves the request untouched; nothing this filter does ever throws.
 *
 * <p><b>Where the span starts.</b> Agents (dd-java-agent, the OpenTelemetry agent) start the server
 * span in the container before any filter runs: this filter then tags that span but cannot change
 * its trace — use {@link io.albtrace.servlet.tomcat.AlbTraceTomcat} on Tomcat for that. A filter-based
 * instrumentation placed <em>after</em> this filter continues the trace, but its span does not exist
 * yet when this filter runs: register this filter a second time after the instrumentation. A
 * later instance sees the request attribute {@link #HEADER_ATTRIBUTE} and only tags and sets the
 * MDC. The same happens on async and error dispatches.
 *
 * <p>Settings (docs/configuration.md): filter init parameters, then context parameters, then system
 * properties, then environment variables, read by {@link Continuation#load}. An invalid setting is
 * logged once and turns continuation off (tags and MDC only), the safe side of a trust decision.
 */
public class AlbTraceFilter implements Filter {
  /** The request attribute holding the parsed {@link AmznTraceHeader} once a filter has seen it. */
  public static final String HEADER_ATTRIBUTE = AmznTraceHeader.class.getName();

  /**
   * The request attribute set to {@link Boolean#TRUE} once a span got the docs/spec.md §7 tags (see {@link
   * AlbSpanTags#tagCurrentSpan}), {@code FALSE} while no tracer had a current span.
   */
  public static final String TAGGED_ATTRIBUTE = "io.albtrace.tagged";

  private volatile Continuation continuation;
  private final boolean configured;

  /** Reads its settings in {@link #init}; until then (or without it), the system settings. */
  public AlbTraceFilter() {
    this.continuation = null;
    this.configured = false;
  }

  /** Uses {@code continuation} as is; {@link #init} reads nothing. */
  public AlbTraceFilter(Continuation continuation) {
    if (continuation == null) throw new NullPointerException("continuation");
    this.continuation = continuation;
    this.configured = true;
  }

  @Override
  public void init(FilterConfig config) {
    if (configured) return;
    ServletContext context = config.getServletContext();
    continuation = Continuation.load(name -> {
      String v = config.getInitParameter(name);
      return v == null && context != null ? context.getInitParameter(name) : v;
    });
  }

  /** The settings in use. */
  public Continuation continuation() {
    Continuation c = continuation;
    if (c == null) continuation = c = Continuation.fromSystem();
    return c;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    ServletRequest next = request;
    AlbLogContext.Scope scope = null;
    try {
      if (request instanceof HttpServletRequest) {
        HttpServletRequest http = (HttpServletRequest) request;
        Object seen = http.getAttribute(HEADER_ATTRIBUTE);
        AmznTraceHeader header;
        if (seen instanceof AmznTraceHeader) {
          header = (AmznTraceHeader) seen; // a later instance or another dispatch: tag only
        } else {
          ContinuedRequest continued = new ContinuedRequest(http);
          header = continuation().continueTrace(continued, ContinuedRequest.GETTER, ContinuedRequest.SETTER);
          if (header != null && header.isValid()) http.setAttribute(HEADER_ATTRIBUTE, header);
          if (continued.hasAddedHeaders()) next = continued;
        }
        if (header != null && header.isValid()) {
          boolean tagged = AlbSpanTags.tagCurrentSpan(header);
          if (tagged || http.getAttribute(TAGGED_ATTRIBUTE) == null) http.setAttribute(TAGGED_ATTRIBUTE, tagged);
          scope = AlbLogContext.put(header);
        }
      }
    } catch (RuntimeException | LinkageError e) { // never break a request: pass it on as it came
      next = request;
    }
    try {
      chain.doFilter(next, response);
    } finally {
      if (scope != null) scope.close();
    }
  }

  @Override
  public void destroy() {}
}
