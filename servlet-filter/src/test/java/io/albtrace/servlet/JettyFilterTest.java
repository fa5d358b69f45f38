package io.albtrace.servlet;

import io.opentelemetry.api.trace.Tracer;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/** {@link FilterContractTest} on embedded Jetty 12 (ee10): the first filter comes from the initializer. */
class JettyFilterTest extends FilterContractTest {

  @Override
  Server start(Map<String, String> contextParams, Tracer tracer) throws Exception {
    org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
    HttpConfiguration config = new HttpConfiguration();
    config.setRequestHeaderSize(65536); // room for hostile headers
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler ctx = new ServletContextHandler();
    ctx.setContextPath("/");
    contextParams.forEach(ctx::setInitParameter);
    ctx.addServletContainerInitializer(new AlbTraceInitializer());
    EnumSet<DispatcherType> request = EnumSet.of(DispatcherType.REQUEST);
    ctx.addFilter(new FilterHolder(new OtelServerFilter(tracer)), "/*", request);
    ctx.addFilter(new FilterHolder(new AlbTraceFilter()), "/*", request);
    ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
    jetty.setHandler(ctx);
    jetty.start();
    int port = connector.getLocalPort();
    return new Server() {
      @Override
      public int port() {
        return port;
      }

      @Override
      public void close() throws Exception {
        jetty.stop();
      }
    };
  }
}
