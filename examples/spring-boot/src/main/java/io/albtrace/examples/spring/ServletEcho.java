package io.albtrace.examples.spring;

import io.albtrace.AmznTraceHeader;
import io.albtrace.servlet.AlbTraceFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** MVC (Tomcat or Jetty): the demo JSON for any GET path, read from what the filter left on the request. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ServletEcho {
  private final boolean hook;

  /** {@code connector_hook}: the starter registered the Tomcat connector hook or the Jetty customizer. */
  ServletEcho(ListableBeanFactory beans) {
    this.hook = beans.containsBean("albtraceTomcatConnector") || beans.containsBean("albtraceJettyServer");
  }

  @GetMapping("/**")
  Map<String, Object> echo(HttpServletRequest request) {
    String info = request.getServletContext().getServerInfo().toLowerCase(Locale.ROOT);
    String server = info.contains("tomcat") ? "tomcat" : info.contains("jetty") ? "jetty" : info;
    String value = request.getHeader(AmznTraceHeader.NAME);
    Map<String, Object> json = Echo.start(server, hook, value, request.getAttribute("dd.trace_id"),
        request.getAttribute(AlbTraceFilter.TAGGED_ATTRIBUTE));
    Object seen = request.getAttribute(AlbTraceFilter.HEADER_ATTRIBUTE); // set for valid headers only
    return Echo.finish(json, seen instanceof AmznTraceHeader ? (AmznTraceHeader) seen : AmznTraceHeader.parse(value));
  }
}
