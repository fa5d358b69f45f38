package io.albtrace.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;

/**
 * The filter declared as {@code web.xml} declares it: by class name, with init parameters, the
 * container instantiating it. Init parameters win over context parameters.
 */
class WebXmlDeclarationTest {

  @Test
  void declaredByClassNameWithInitParameters() throws Exception {
    Tomcat tomcat = TomcatServers.newTomcat();
    Context ctx = tomcat.addContext("", Files.createTempDirectory("albtrace-tomcat").toString());
    ctx.addParameter("albtrace.w3c", "true");
    ctx.addParameter("albtrace.trust-policy", "alb-generated-only");
    FilterDef def = new FilterDef();
    def.setFilterName("alb");
    def.setFilterClass(AlbTraceFilter.class.getName());
    def.addInitParameter("albtrace.w3c", "false");
    ctx.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName("alb");
    map.addURLPattern("/*");
    ctx.addFilterMap(map);
    Tomcat.addServlet(ctx, "echo", new EchoServlet());
    ctx.addServletMappingDecoded("/*", "echo");
    try (FilterContractTest.Server server = TomcatServers.start(tomcat)) {
      JsonNode r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", FilterContractTest.ALB);
      assertEquals("2541551403134113400", r.get("getHeader").get("x-datadog-trace-id").asText());
      assertFalse(r.get("headers").has("traceparent")); // the init parameter won
      assertEquals(FilterContractTest.ROOT, r.get("mdc").asText());

      r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", FilterContractTest.WITH_SELF);
      assertFalse(r.get("headers").has("x-datadog-trace-id")); // the context parameter's policy
      assertTrue(r.get("mdc").isTextual());
    }
  }

  @Test
  void anInvalidSettingTurnsContinuationOffButKeepsServing() throws Exception {
    Tomcat tomcat = TomcatServers.newTomcat();
    Context ctx = tomcat.addContext("", Files.createTempDirectory("albtrace-tomcat").toString());
    ctx.addParameter("albtrace.trust-policy", "sometimes");
    ctx.addServletContainerInitializer(new AlbTraceInitializer(), null);
    Tomcat.addServlet(ctx, "echo", new EchoServlet());
    ctx.addServletMappingDecoded("/*", "echo");
    try (FilterContractTest.Server server = TomcatServers.start(tomcat)) {
      JsonNode r = Http.get(server.port(), "/", "X-Amzn-Trace-Id", FilterContractTest.ALB);
      assertFalse(r.get("headers").has("x-datadog-trace-id"));
      assertEquals(FilterContractTest.ROOT, r.get("mdc").asText());
    }
  }
}
