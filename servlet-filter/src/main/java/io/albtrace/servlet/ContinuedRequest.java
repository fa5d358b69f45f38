package io.albtrace.servlet;

import io.albtrace.continuation.HeaderGetter;
import io.albtrace.continuation.HeaderSetter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * A request that also carries the docs/spec.md §4 propagation headers of its {@code X-Amzn-Trace-Id}, so a
 * tracer that extracts after {@link AlbTraceFilter} continues the ALB trace:
 *
 * <pre>
 * x-datadog-trace-id: 2541551403134113400
 * x-datadog-tags: _dd.p.tid=67891233abcdef01
 * traceparent: 00-67891233abcdef012345678912345678-00a80ccd5996a294-01
 * </pre>
 *
 * <p>{@code getHeader}, {@code getHeaders}, {@code getHeaderNames}, {@code getIntHeader} and {@code
 * getDateHeader} agree; names compare ignoring case, and an added header replaces a request header
 * of the same name. It is also the carrier of the continuation flow: {@link #GETTER} reads the
 * request's own headers, {@link #SETTER} adds one.
 */
final class ContinuedRequest extends HttpServletRequestWrapper {
  static final HeaderGetter<ContinuedRequest> GETTER = (r, name) -> r.request().getHeader(name);
  static final HeaderSetter<ContinuedRequest> SETTER = ContinuedRequest::add;

  // As written by the continuation: lowercase names, at most 5 (docs/spec.md §4).
  private final String[] names = new String[5];
  private final String[] values = new String[5];
  private int added;

  ContinuedRequest(HttpServletRequest request) {
    super(request);
  }

  private HttpServletRequest request() {
    return (HttpServletRequest) getRequest();
  }

  private void add(String name, String value) {
    int i = added(name);
    if (i < 0) {
      i = added++;
      names[i] = name;
    }
    values[i] = value;
  }

  /** Whether the continuation added any header. */
  boolean hasAddedHeaders() {
    return added > 0;
  }

  private int added(String name) {
    if (name == null) return -1;
    for (int i = 0; i < added; i++) {
      if (names[i].equalsIgnoreCase(name)) return i;
    }
    return -1;
  }

  @Override
  public String getHeader(String name) {
    int i = added(name);
    return i >= 0 ? values[i] : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    int i = added(name);
    return i >= 0 ? Collections.enumeration(List.of(values[i])) : super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    List<String> all = new ArrayList<>();
    Enumeration<String> own = super.getHeaderNames();
    if (own != null) {
      while (own.hasMoreElements()) {
        String name = own.nextElement();
        if (added(name) < 0) all.add(name);
      }
    }
    for (int i = 0; i < added; i++) all.add(names[i]);
    return Collections.enumeration(all);
  }

  @Override
  public int getIntHeader(String name) {
    int i = added(name);
    return i >= 0 ? Integer.parseInt(values[i]) : super.getIntHeader(name); // NumberFormatException per the Servlet spec
  }

  @Override
  public long getDateHeader(String name) {
    if (added(name) >= 0) {
      // none of the added headers is a date: the Servlet spec's answer for such a value
      throw new IllegalArgumentException(name.toLowerCase(Locale.ROOT) + " is not a date header");
    }
    return super.getDateHeader(name);
  }
}
