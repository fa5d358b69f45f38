package io.albtrace.spring.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.AmznTraceHeader;
import io.albtrace.netty.AlbTrace;
import io.albtrace.servlet.AlbTraceFilter;
import io.netty.channel.Channel;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;

/**
 * A Boot application with nothing but auto-configuration (albtrace's starter among it), an echo
 * endpoint per stack and {@link CapturedSpans}. {@code GET /} answers, as JSON, what the
 * application saw of the request:
 *
 * <pre>
 * {"server": "Apache Tomcat/11.0.22", "protocol": "HTTP/1.1",
 *  "headers": {"x-amzn-trace-id": "Root=1-…", "traceparent": "00-…", "x-datadog-trace-id": "…", …},
 *  "container_headers": {…},   the same names read from the container's own request, unwrapped
 *  "mdc": "1-67891233-…", "tagged": false, "pipeline": [...]}
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({TestApp.ServletEcho.class, TestApp.ReactiveEcho.class, CapturedSpans.Configurations.class})
public class TestApp {
  static final String[] HEADERS = {
    "x-amzn-trace-id", "traceparent", "x-datadog-trace-id", "x-datadog-tags", "x-datadog-parent-id",
    "x-datadog-sampling-priority", "b3"
  };
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Starts the app with {@link Stack#appProperties()} plus {@code overrides}. */
  static ConfigurableApplicationContext start(Map<String, Object> overrides) {
    SpringApplication app = new SpringApplication(TestApp.class);
    Map<String, Object> properties = Stack.appProperties();
    properties.putAll(overrides);
    app.setDefaultProperties(properties);
    return app.run();
  }

  /** The app in a JVM of its own ({@link AgentTest}: under a Java agent); prints {@code PORT <n>} once it serves. */
  public static void main(String[] args) {
    System.out.println("PORT " + port(start(Map.of())));
  }

  static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  static ResponseEntity<byte[]> echo(String server, String protocol, Function<String, String> headers,
      Function<String, String> containerHeaders, Object tagged, Object pipeline) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("server", server);
    json.put("protocol", protocol);
    json.put("headers", pick(headers));
    json.put("container_headers", pick(containerHeaders));
    json.put("mdc", MDC.get("aws.alb.trace_id"));
    json.put("tagged", tagged);
    json.put("pipeline", pipeline);
    try {
      byte[] body = JSON.writeValueAsBytes(json);
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).contentLength(body.length).body(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> pick(Function<String, String> headers) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String name : HEADERS) {
      String v = headers.apply(name);
      if (v != null) m.put(name, v);
    }
    return m;
  }

  @RestController
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class ServletEcho {
    @GetMapping("/**")
    ResponseEntity<byte[]> echo(HttpServletRequest request) {
      ServletRequest container = request;
      while (container instanceof ServletRequestWrapper) container = ((ServletRequestWrapper) container).getRequest();
      HttpServletRequest base = (HttpServletRequest) container;
      return TestApp.echo(request.getServletContext().getServerInfo(), request.getProtocol(), request::getHeader,
          base::getHeader, request.getAttribute(AlbTraceFilter.TAGGED_ATTRIBUTE), null);
    }
  }

  @RestController
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  static class ReactiveEcho {
    @GetMapping("/**")
    ResponseEntity<byte[]> echo(ServerWebExchange exchange) {
      ServerHttpRequest request = exchange.getRequest();
      Channel channel = ((Connection) ServerHttpRequestDecorator.getNativeRequest(request)).channel();
      AmznTraceHeader header = AlbTrace.header(channel);
      return TestApp.echo("reactor-netty", channel.getClass().getSimpleName().contains("Http2") ? "HTTP/2.0" : "HTTP/1.1",
          request.getHeaders()::getFirst, request.getHeaders()::getFirst,
          header == null ? null : AlbTrace.tagged(channel), channel.pipeline().names());
    }
  }
}
