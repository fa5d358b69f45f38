package io.albtrace.servlet.jetty;

import io.albtrace.AmznTraceHeader;
import io.albtrace.Continuation;
import io.albtrace.tracers.ContinuationSettings;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;

/**
 * Jetty 12 connector-level continuation: an {@link HttpConfiguration.Customizer}, which Jetty runs
 * on each request before {@code Server.handle} — and so before an agent that starts its span there
 * (the OpenTelemetry agent) extracts. It adds the SPEC §4 headers (those of {@link
 * ContinuationSettings}) to a request whose valid {@code X-Amzn-Trace-Id} may be continued.
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
 * README's support table).
 */
public final class AlbTraceJetty implements HttpConfiguration.Customizer {
  private static final String[] TRACING_CONTEXT_HEADERS = Continuation.tracingContextHeaders();

  private final Continuation continuation;

  /** With the system settings ({@link ContinuationSettings#fromSystem()}). */
  public AlbTraceJetty() {
    this(ContinuationSettings.fromSystem());
  }

  public AlbTraceJetty(Continuation continuation) {
    if (continuation == null) throw new NullPointerException("continuation");
    this.continuation = continuation;
  }

  /** Adds the customizer to the HTTP configuration of each of {@code server}'s connectors. */
  public static void install(Server server) {
    AlbTraceJetty customizer = new AlbTraceJetty();
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
      HttpFields headers = request.getHeaders();
      String value = headers.get(AmznTraceHeader.NAME);
      if (value == null || !continuation.enabled()) return request;
      AmznTraceHeader header = AmznTraceHeader.parse(value);
      if (!header.isValid() || !continuation.shouldContinue(header, hasTracingContext(headers))) return request;
      HttpFields.Mutable continued = HttpFields.build(headers);
      continuation.writeHeaders(header, continued::put);
      HttpFields fields = continued.asImmutable();
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

  private static boolean hasTracingContext(HttpFields headers) {
    for (String name : TRACING_CONTEXT_HEADERS) {
      if (headers.get(name) != null) return true;
    }
    return false;
  }
}
