package io.albtrace.servlet;

import io.opentelemetry.api.trace.Tracer;
import java.nio.file.Files;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** {@link FilterContractTest} on embedded Tomcat: the first filter comes from the initializer. */
class TomcatFilterTest extends FilterContractTest {

  @Override
  Server start(Map<String, String> contextParams, Tracer tracer) throws Exception {
    Tomcat tomcat = TomcatServers.newTomcat();
    Context ctx = tomcat.addContext("", Files.createTempDirectory("albtrace-tomcat").toString());
    contextParams.forEach(ctx::addParameter);
    ctx.addServletContainerInitializer(new AlbTraceInitializer(), null);
    TomcatServers.addFilter(ctx, "otel", new OtelServerFilter(tracer));
    TomcatServers.addFilter(ctx, "albtrace-tags", new AlbTraceFilter());
    Tomcat.addServlet(ctx, "echo", new EchoServlet());
    ctx.addServletMappingDecoded("/*", "echo");
    return TomcatServers.start(tomcat);
  }
}
