package io.albtrace.benchmarks;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The smallest real {@link HttpServletRequest} a filter can run on, without a container or a mock
 * library: a fixed list of headers (names compared ignoring case, as containers do), attributes in
 * a {@link HashMap} cleared by {@link #recycle()} (as Tomcat recycles its requests), and a GET of
 * {@code /}. Everything else is unsupported and throws, so a filter that needed more would show up
 * in {@code AdaptersTest} rather than silently measure less.
 */
final class MinimalRequest implements HttpServletRequest {
  private final String[] headers; // name, value, name, value, ...
  private final Map<String, Object> attributes = new HashMap<>();

  MinimalRequest(String... headers) {
    if (headers.length % 2 != 0) throw new IllegalArgumentException("name/value pairs");
    this.headers = headers.clone();
  }

  /** Forgets the attributes of the previous request. */
  void recycle() {
    attributes.clear();
  }

  @Override
  public String getHeader(String name) {
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase(name)) return headers[i + 1];
    }
    return null;
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    String v = getHeader(name);
    return v == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(v));
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) names.add(headers[i]);
    return Collections.enumeration(names);
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    return Collections.enumeration(attributes.keySet());
  }

  @Override
  public void setAttribute(String name, Object o) {
    if (o == null) attributes.remove(name);
    else attributes.put(name, o);
  }

  @Override
  public void removeAttribute(String name) {
    attributes.remove(name);
  }

  @Override
  public String getMethod() {
    return "GET";
  }

  @Override
  public String getRequestURI() {
    return "/";
  }

  @Override
  public String getProtocol() {
    return "HTTP/1.1";
  }

  @Override
  public String getScheme() {
    return "http";
  }

  @Override
  public DispatcherType getDispatcherType() {
    return DispatcherType.REQUEST;
  }

  @Override
  public boolean isAsyncStarted() {
    return false;
  }

  @Override
  public ServletContext getServletContext() {
    return null;
  }

  // ---- Not needed by a filter that only reads headers and attributes ----

  @Override
  public String getAuthType() {
    throw new UnsupportedOperationException("getAuthType");
  }

  @Override
  public Cookie[] getCookies() {
    throw new UnsupportedOperationException("getCookies");
  }

  @Override
  public long getDateHeader(String a0) {
    return -1;
  }

  @Override
  public int getIntHeader(String a0) {
    return -1;
  }

  @Override
  public String getPathInfo() {
    throw new UnsupportedOperationException("getPathInfo");
  }

  @Override
  public String getPathTranslated() {
    throw new UnsupportedOperationException("getPathTranslated");
  }

  @Override
  public String getContextPath() {
    throw new UnsupportedOperationException("getContextPath");
  }

  @Override
  public String getQueryString() {
    throw new UnsupportedOperationException("getQueryString");
  }

  @Override
  public String getRemoteUser() {
    throw new UnsupportedOperationException("getRemoteUser");
  }

  @Override
  public boolean isUserInRole(String a0) {
    return false;
  }

  @Override
  public Principal getUserPrincipal() {
    throw new UnsupportedOperationException("getUserPrincipal");
  }

  @Override
  public String getRequestedSessionId() {
    throw new UnsupportedOperationException("getRequestedSessionId");
  }

  @Override
  public StringBuffer getRequestURL() {
    throw new UnsupportedOperationException("getRequestURL");
  }

  @Override
  public String getServletPath() {
    throw new UnsupportedOperationException("getServletPath");
  }

  @Override
  public HttpSession getSession(boolean a0) {
    throw new UnsupportedOperationException("getSession");
  }

  @Override
  public HttpSession getSession() {
    throw new UnsupportedOperationException("getSession");
  }

  @Override
  public String changeSessionId() {
    throw new UnsupportedOperationException("changeSessionId");
  }

  @Override
  public boolean isRequestedSessionIdValid() {
    return false;
  }

  @Override
  public boolean isRequestedSessionIdFromCookie() {
    return false;
  }

  @Override
  public boolean isRequestedSessionIdFromURL() {
    return false;
  }

  @Override
  public boolean authenticate(HttpServletResponse a0) {
    return false;
  }

  @Override
  public void login(String a0, String a1) {
    throw new UnsupportedOperationException("login");
  }

  @Override
  public void logout() {
    throw new UnsupportedOperationException("logout");
  }

  @Override
  public Collection<Part> getParts() {
    throw new UnsupportedOperationException("getParts");
  }

  @Override
  public Part getPart(String a0) {
    throw new UnsupportedOperationException("getPart");
  }

  @Override
  public <T extends jakarta.servlet.http.HttpUpgradeHandler> T upgrade(Class<T> a0) {
    throw new UnsupportedOperationException("upgrade");
  }

  @Override
  public String getCharacterEncoding() {
    throw new UnsupportedOperationException("getCharacterEncoding");
  }

  @Override
  public void setCharacterEncoding(String a0) {
    throw new UnsupportedOperationException("setCharacterEncoding");
  }

  @Override
  public int getContentLength() {
    return -1;
  }

  @Override
  public long getContentLengthLong() {
    return -1;
  }

  @Override
  public String getContentType() {
    throw new UnsupportedOperationException("getContentType");
  }

  @Override
  public ServletInputStream getInputStream() {
    throw new UnsupportedOperationException("getInputStream");
  }

  @Override
  public String getParameter(String a0) {
    throw new UnsupportedOperationException("getParameter");
  }

  @Override
  public Enumeration<String> getParameterNames() {
    throw new UnsupportedOperationException("getParameterNames");
  }

  @Override
  public String[] getParameterValues(String a0) {
    throw new UnsupportedOperationException("getParameterValues");
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    throw new UnsupportedOperationException("getParameterMap");
  }

  @Override
  public String getServerName() {
    throw new UnsupportedOperationException("getServerName");
  }

  @Override
  public int getServerPort() {
    return -1;
  }

  @Override
  public BufferedReader getReader() {
    throw new UnsupportedOperationException("getReader");
  }

  @Override
  public String getRemoteAddr() {
    throw new UnsupportedOperationException("getRemoteAddr");
  }

  @Override
  public String getRemoteHost() {
    throw new UnsupportedOperationException("getRemoteHost");
  }

  @Override
  public Locale getLocale() {
    throw new UnsupportedOperationException("getLocale");
  }

  @Override
  public Enumeration<Locale> getLocales() {
    throw new UnsupportedOperationException("getLocales");
  }

  @Override
  public boolean isSecure() {
    return false;
  }

  @Override
  public RequestDispatcher getRequestDispatcher(String a0) {
    throw new UnsupportedOperationException("getRequestDispatcher");
  }

  @Override
  public int getRemotePort() {
    return -1;
  }

  @Override
  public String getLocalName() {
    throw new UnsupportedOperationException("getLocalName");
  }

  @Override
  public String getLocalAddr() {
    throw new UnsupportedOperationException("getLocalAddr");
  }

  @Override
  public int getLocalPort() {
    return -1;
  }

  @Override
  public AsyncContext startAsync() {
    throw new UnsupportedOperationException("startAsync");
  }

  @Override
  public AsyncContext startAsync(ServletRequest a0, ServletResponse a1) {
    throw new UnsupportedOperationException("startAsync");
  }

  @Override
  public boolean isAsyncSupported() {
    return false;
  }

  @Override
  public AsyncContext getAsyncContext() {
    throw new UnsupportedOperationException("getAsyncContext");
  }

  @Override
  public String getRequestId() {
    throw new UnsupportedOperationException("getRequestId");
  }

  @Override
  public String getProtocolRequestId() {
    throw new UnsupportedOperationException("getProtocolRequestId");
  }

  @Override
  public ServletConnection getServletConnection() {
    throw new UnsupportedOperationException("getServletConnection");
  }

}
