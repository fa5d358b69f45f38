package io.albtrace.spring;

import io.albtrace.continuation.Continuation;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * WebFlux on Reactor Netty: a server customizer that installs the Netty handlers ({@link
 * ReactorNettyHook}). Boot 4's {@code NettyServerCustomizer} lives in {@code
 * org.springframework.boot.reactor.netty}, Boot 3's in {@code
 * org.springframework.boot.web.embedded.netty}: one nested class each, only one loads.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = "reactor.netty.http.server.HttpServer")
class ReactiveConfiguration {
  @Bean
  ReactorNettyHook albtraceReactorNettyHook(Continuation continuation) {
    return new ReactorNettyHook(continuation);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.reactor.netty.NettyServerCustomizer")
  static class Boot4Netty {
    @Bean
    org.springframework.boot.reactor.netty.NettyServerCustomizer albtraceNettyServer(ReactorNettyHook hook) {
      return hook::apply;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.web.embedded.netty.NettyServerCustomizer")
  static class Boot3Netty {
    @Bean
    org.springframework.boot.web.embedded.netty.NettyServerCustomizer albtraceNettyServer(ReactorNettyHook hook) {
      return hook::apply;
    }
  }
}
