package io.albtrace.examples.spring;

import io.albtrace.AmznTraceHeader;
import io.albtrace.netty.AlbTrace;
import io.netty.channel.Channel;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;

/**
 * WebFlux on Reactor Netty: the demo JSON for any GET path, read from what the Netty handlers
 * recorded on the request's channel, plus (as the Netty demo) what albtrace added.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ReactiveEcho {
  @GetMapping("/**")
  Map<String, Object> echo(ServerWebExchange exchange) {
    HttpHeaders headers = exchange.getRequest().getHeaders();
    Channel channel = ((Connection) ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest())).channel();
    Map<String, Object> json = Echo.start("netty", channel.pipeline().get(AlbTrace.HANDLER_NAME) != null,
        headers.getFirst(AmznTraceHeader.NAME), null, AlbTrace.tagged(channel));
    json.put("headers_added", AlbTrace.continued(channel));
    json.put("traceparent", headers.getFirst("traceparent"));
    json.put("x-datadog-trace-id", headers.getFirst("x-datadog-trace-id"));
    return Echo.finish(json, AlbTrace.header(channel));
  }
}
