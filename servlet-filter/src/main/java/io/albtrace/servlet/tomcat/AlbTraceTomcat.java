package io.albtrace.servlet.tomcat;

import io.albtrace.continuation.Continuation;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.Server;
import org.apache.catalina.Service;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.Adapter;
import org.apache.coyote.ProtocolHandler;

/**
 * Tomcat connector-level continuation. dd-java-agent and the OpenTelemetry agent extract the trace
 * in {@code CoyoteAdapter.service}, before any Filter runs, so {@link
 * io.albtrace.servlet.AlbTraceFilter} can tag their span but not change its trace. This hook wraps
 * the connector's {@code org.apache.coyote.Adapter} once the connector has initialised, and adds the
 * docs/spec.md §4 headers (by default no {@code traceparent} under dd-java-agent) to each request
 * whose valid {@code X-Amzn-Trace-Id} may be continued, before the agent reads the headers.
 *
 * <pre>{@code
 * // embedded Tomcat, before tomcat.start()
 * AlbTraceTomcat.install(tomcat.getConnector());
 *
 * // Spring Boot (any version; the method reference is a TomcatConnectorCustomizer)
 * @Bean TomcatConnectorCustomizer albtraceConnector() { return AlbTraceTomcat::install; }
 * }</pre>
 *
 * <p>In {@code server.xml}, as a {@code <Listener className="io.albtrace.servlet.tomcat.AlbTraceTomcat"/>}
 * of the {@code Server}: every connector of every service is hooked.
 *
 * <p>Settings: system properties, then environment variables ({@code albtrace.trust-policy}, ...;
 * docs/configuration.md). An invalid setting is logged once and turns continuation off. Keep the
 * filter as well: it writes the span tags and the MDC key.
 */
public final class AlbTraceTomcat implements LifecycleListener {
  private final Continuation continuation;

  /** For {@code server.xml}: the system settings. */
  public AlbTraceTomcat() {
    this(null);
  }

  private AlbTraceTomcat(Continuation continuation) {
    this.continuation = continuation;
  }

  /** Hooks {@code connector} with the settings read from system properties and the environment. */
  public static void install(Connector connector) {
    install(connector, null);
  }

  /**
   * Hooks {@code connector}: now if it is initialised, else right after it initialises (also after
   * every later re-initialisation). Idempotent.
   *
   * @param continuation the settings, or {@code null} for the system settings
   */
  public static void install(Connector connector, Continuation continuation) {
    for (LifecycleListener l : connector.findLifecycleListeners()) {
      if (l instanceof AlbTraceTomcat) return;
    }
    AlbTraceTomcat listener = new AlbTraceTomcat(continuation);
    connector.addLifecycleListener(listener);
    wrap(connector, listener.settings()); // no-op until the connector has its adapter
  }

  /** Whether {@code connector}'s adapter is wrapped. */
  public static boolean isInstalled(Connector connector) {
    ProtocolHandler handler = connector.getProtocolHandler();
    return handler != null && handler.getAdapter() instanceof ContinuingAdapter;
  }

  @Override
  public void lifecycleEvent(LifecycleEvent event) {
    if (!Lifecycle.AFTER_INIT_EVENT.equals(event.getType())) return;
    Object source = event.getLifecycle();
    if (source instanceof Connector) {
      wrap((Connector) source, settings());
    } else if (source instanceof Server) {
      for (Service service : ((Server) source).findServices()) {
        for (Connector connector : service.findConnectors()) wrap(connector, settings());
      }
    }
  }

  /** The settings given to {@link #install}, else the system settings. */
  private Continuation settings() {
    return continuation != null ? continuation : Continuation.fromSystem();
  }

  private static void wrap(Connector connector, Continuation continuation) {
    ProtocolHandler handler = connector.getProtocolHandler();
    if (handler == null) return;
    Adapter adapter = handler.getAdapter();
    if (adapter == null || adapter instanceof ContinuingAdapter) return;
    handler.setAdapter(new ContinuingAdapter(adapter, continuation));
  }
}
