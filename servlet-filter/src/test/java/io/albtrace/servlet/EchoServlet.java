package io.albtrace.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Answers what the application sees: every header through {@code getHeaderNames}/{@code
 * getHeaders}, the same through {@code getHeader}, the current span's trace id and the MDC key.
 */
final class EchoServlet extends HttpServlet {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Map<String, String> single = new LinkedHashMap<>();
    for (String name : Collections.list(req.getHeaderNames())) {
      headers.put(name.toLowerCase(), new ArrayList<>(Collections.list(req.getHeaders(name))));
      single.put(name.toLowerCase(), req.getHeader(name.toUpperCase()));
    }
    out.put("headers", headers);
    out.put("getHeader", single);
    String traceId = Span.current().getSpanContext().isValid() ? Span.current().getSpanContext().getTraceId() : null;
    out.put("trace_id", traceId);
    out.put("mdc", MDC.get("aws.alb.trace_id"));
    resp.setContentType("application/json");
    JSON.writeValue(resp.getOutputStream(), out);
  }
}
