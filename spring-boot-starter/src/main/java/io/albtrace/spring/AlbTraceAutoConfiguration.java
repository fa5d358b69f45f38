package io.albtrace.spring;

import io.albtrace.continuation.Continuation;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * albtrace for a Spring Boot 3.5 or 4 web application, from the one dependency {@code
 * io.albtrace:albtrace-spring-boot-starter}:
 *
 * <pre>
 * MVC on Tomcat     AlbTraceFilter first (REQUEST, ASYNC, ERROR) + AlbTraceTomcat on every connector
 * MVC on Jetty      AlbTraceFilter first (REQUEST, ASYNC, ERROR) + AlbTraceJetty on every connector
 * WebFlux on Netty  AlbTrace.install in every connection's pipeline and every HTTP/2 stream's
 * Micrometer        the aws.alb.* tags on the server observation's span
 * </pre>
 *
 * <p>The settings are {@link AlbTraceProperties} ({@code albtrace.*}); a {@link Continuation} bean
 * of the application's own replaces them. {@code albtrace.enabled=false} turns everything off.
 * See docs/spring-boot.md.
 */
@AutoConfiguration
@Conditional(AlbTraceAutoConfiguration.Enabled.class)
@EnableConfigurationProperties(AlbTraceProperties.class)
@Import({ServletConfiguration.class, ReactiveConfiguration.class, ObservationConfiguration.class})
public class AlbTraceAutoConfiguration {
  /** The settings every albtrace component of the application uses. */
  @Bean
  @ConditionalOnMissingBean
  public Continuation albtraceContinuation(AlbTraceProperties properties, Environment environment) {
    return properties.continuation(environment::getProperty);
  }

  /**
   * Off only for {@code albtrace.enabled=false}: any other value keeps the configuration, so that a
   * misspelt one fails startup ({@link AlbTraceProperties#continuation}) instead of turning albtrace
   * off unnoticed.
   */
  static final class Enabled extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String value = context.getEnvironment().getProperty(AlbTraceProperties.ENABLED);
      return AlbTraceProperties.isFalse(value)
          ? ConditionOutcome.noMatch(AlbTraceProperties.ENABLED + " is false")
          : ConditionOutcome.match(AlbTraceProperties.ENABLED + " is not false");
    }
  }
}
