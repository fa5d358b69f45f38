package io.albtrace.servlet;

import io.albtrace.AmznTraceHeader;
import io.albtrace.Continuation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * A request that also carries the SPEC §4 propagation headers of its {@code X-Amzn-Trace-Id}, so a
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
 * of the same name.
 */
final class ContinuedRequest extends HttpServletRequestWrapper {
  private final String[] names; // as written by Continuation.writeHeaders: lowercase
  private final String[] values;

  private ContinuedRequest(HttpServletRequest request, String[] names, String[] values) {
    super(request);
    this.names = names;
    this.values = values;
  }

  /** {@code request} with the headers {@code continuation} writes for the valid {@code header}. */
  static ContinuedRequest of(HttpServletRequest request, AmznTraceHeader header, Continuation continuation) {
    List<String> n = new ArrayList<>(5);
    List<String> v = new ArrayList<>(5);
    continuation.writeHeaders(header, (name, value) -> {
      n.add(name);
      v.add(value);
    });
    return new ContinuedRequest(request, n.toArray(new String[0]), v.toArray(new String[0]));
  }

  private int added(String name) {
    if (name == null) return -1;
    for (int i = 0; i < names.length; i++) {
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
    Collections.addAll(all, names);
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
