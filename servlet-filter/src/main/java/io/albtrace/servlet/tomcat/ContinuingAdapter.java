package io.albtrace.servlet.tomcat;

import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.HeaderGetter;
import io.albtrace.continuation.HeaderSetter;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.net.SocketEvent;

/**
 * Wraps a connector's {@code CoyoteAdapter}: before the request reaches it — and so before any agent
 * that extracts in {@code CoyoteAdapter.service} — adds the docs/spec.md §4 headers to a request whose valid
 * {@code X-Amzn-Trace-Id} may be continued. Everything else is delegated unchanged.
 */
final class ContinuingAdapter implements Adapter {
  private static final HeaderGetter<MimeHeaders> GETTER = (headers, name) -> {
    MessageBytes value = headers.getValue(name); // names compare ignoring case
    return value == null ? null : value.toString();
  };
  private static final HeaderSetter<MimeHeaders> SETTER =
      (headers, name, value) -> headers.setValue(name).setString(value);

  private final Adapter delegate;
  private final Continuation continuation;

  ContinuingAdapter(Adapter delegate, Continuation continuation) {
    this.delegate = delegate;
    this.continuation = continuation;
  }

  Adapter delegate() {
    return delegate;
  }

  @Override
  public void service(Request req, Response res) throws Exception {
    try {
      continueTrace(req.getMimeHeaders());
    } catch (RuntimeException | LinkageError e) {
      // never break a request: it goes on as it came
    }
    delegate.service(req, res);
  }

  void continueTrace(MimeHeaders headers) {
    continuation.continueTrace(headers, GETTER, SETTER);
  }

  @Override
  public boolean prepare(Request req, Response res) throws Exception {
    return delegate.prepare(req, res);
  }

  @Override
  public boolean asyncDispatch(Request req, Response res, SocketEvent status) throws Exception {
    return delegate.asyncDispatch(req, res, status);
  }

  @Override
  public void log(Request req, Response res, long time) {
    delegate.log(req, res, time);
  }

  @Override
  public void checkRecycled(Request req, Response res) {
    delegate.checkRecycled(req, res);
  }

  @Override
  public String getDomain() {
    return delegate.getDomain();
  }
}
