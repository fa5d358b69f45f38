package io.albtrace.spring;

import io.albtrace.continuation.Continuation;
import io.albtrace.servlet.AlbTraceFilter;
import io.albtrace.servlet.AlbTraceInitializer;
import io.albtrace.servlet.jetty.AlbTraceJetty;
import io.albtrace.servlet.tomcat.AlbTraceTomcat;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * MVC: {@link AlbTraceFilter} as the first filter, and the container hook that adds the headers
 * before a Java agent extracts (docs/servlet.md). Spring Boot 4 moved the embedded-server
 * customizers into per-server packages; each pair of nested classes below is the same bean for
 * Boot 4 and for Boot 3, and only the one whose interface exists loads.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
class ServletConfiguration {
  /**
   * First in the chain (before Boot's server observation filter, which then extracts the continued
   * context), on REQUEST, ASYNC and ERROR dispatches, named like the filter {@link
   * AlbTraceInitializer} registers so that a WAR deployment still gets one.
   */
  @Bean
  @ConditionalOnMissingBean(name = "albtraceFilter")
  FilterRegistrationBean<AlbTraceFilter> albtraceFilter(Continuation continuation) {
    FilterRegistrationBean<AlbTraceFilter> bean = new FilterRegistrationBean<>(new AlbTraceFilter(continuation));
    bean.setName(AlbTraceInitializer.FILTER_NAME);
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
    bean.setAsyncSupported(true);
    bean.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
    return bean;
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.springframework.boot.tomcat.TomcatConnectorCustomizer", "org.apache.catalina.connector.Connector"})
  static class Boot4Tomcat {
    @Bean
    org.springframework.boot.tomcat.TomcatConnectorCustomizer albtraceTomcatConnector(Continuation continuation) {
      return connector -> AlbTraceTomcat.install(connector, continuation);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer", "org.apache.catalina.connector.Connector"})
  static class Boot3Tomcat {
    @Bean
    org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer albtraceTomcatConnector(Continuation continuation) {
      return connector -> AlbTraceTomcat.install(connector, continuation);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.springframework.boot.jetty.JettyServerCustomizer", "org.eclipse.jetty.server.Server"})
  static class Boot4Jetty {
    @Bean
    org.springframework.boot.jetty.JettyServerCustomizer albtraceJettyServer(Continuation continuation) {
      return server -> AlbTraceJetty.install(server, continuation);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.springframework.boot.web.embedded.jetty.JettyServerCustomizer", "org.eclipse.jetty.server.Server"})
  static class Boot3Jetty {
    @Bean
    org.springframework.boot.web.embedded.jetty.JettyServerCustomizer albtraceJettyServer(Continuation continuation) {
      return server -> AlbTraceJetty.install(server, continuation);
    }
  }
}
