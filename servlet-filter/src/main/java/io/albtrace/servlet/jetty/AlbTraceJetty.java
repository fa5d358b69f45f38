package io.albtrace.servlet.jetty;

import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.HeaderGetter;
import io.albtrace.continuation.HeaderSetter;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;

/**
 * Jetty 12 connector-level continuation: an {@link HttpConfiguration.Customizer}, which Jetty runs
 * on each request before {@code Server.handle} — and so before an agent that starts its span there
 * (the OpenTelemetry agent) extracts. It adds the docs/spec.md §4 headers to a request whose valid
 * {@code X-Amzn-Trace-Id} may be continued ({@link Continuation#continueTrace}).
 *
 * <pre>{@code
 * HttpConfiguration config = new HttpConfiguration();
 * config.addCustomizer(new AlbTraceJetty());
 * // or, for every HTTP connector of a configured server, before server.start():
 * AlbTraceJetty.install(server);
 * }</pre>
 *
 * <p>dd-java-agent extracts on Jetty 12 before customizers run, so there this only adds headers the
 * agent has already passed: keep {@link io.albtrace.servlet.AlbTraceFilter} for the tags (see the
 * support table in docs/servlet.md). An invalid setting is logged once and turns continuation off.
 */
public final class AlbTraceJetty implements HttpConfiguration.Customizer {
  private static final HeaderGetter<Headers> GETTER = (h, name) -> h.in.get(name);
  private static final HeaderSetter<Headers> SETTER = (h, name, value) -> {
    if (h.out == null) h.out = HttpFields.build(h.in);
    h.out.put(name, value);
  };

  /** The flow's carrier: the request's headers, and the copy that gets the added ones. */
  private static final class Headers {
    final HttpFields in;
    HttpFields.Mutable out;

    Headers(HttpFields in) {
      this.in = in;
    }
  }

  private final Continuation continuation;

  /** With the system settings ({@link Continuation#fromSystem()}). */
  public AlbTraceJetty() {
    this(Continuation.fromSystem());
  }

  public AlbTraceJetty(Continuation continuation) {
    if (continuation == null) throw new NullPointerException("continuation");
    this.continuation = continuation;
  }

  /**
   * Adds the customizer, with the system settings, to the HTTP configuration of each of {@code
   * server}'s connectors.
   */
  public static void install(Server server) {
    install(server, Continuation.fromSystem());
  }

  /**
   * Adds a customizer with {@code continuation} to the HTTP configuration of each of {@code
   * server}'s connectors that has none yet. Spring Boot's {@code JettyServerCustomizer} calls this.
   */
  public static void install(Server server, Continuation continuation) {
    AlbTraceJetty customizer = new AlbTraceJetty(continuation);
    for (Connector connector : server.getConnectors()) {
      HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
      if (http == null) continue;
      HttpConfiguration config = http.getHttpConfiguration();
      boolean present = false;
      for (HttpConfiguration.Customizer c : config.getCustomizers()) present |= c instanceof AlbTraceJetty;
      if (!present) config.addCustomizer(customizer);
    }
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    try {
      Headers headers = new Headers(request.getHeaders());
      continuation.continueTrace(headers, GETTER, SETTER);
      if (headers.out == null) return request;
      HttpFields fields = headers.out.asImmutable();
      return new Request.Wrapper(request) {
        @Override
        public HttpFields getHeaders() {
          return fields;
        }
      };
    } catch (RuntimeException | LinkageError e) { // never break a request: it goes on as it came
      return request;
    }
  }
}
