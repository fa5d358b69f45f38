package io.albtrace.spring;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer Tracing (Boot's observation with the OpenTelemetry or the Brave bridge): the tags on
 * the server observation's span. Boot registers every {@code ObservationFilter} bean with its
 * {@code ObservationRegistry}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {
  "io.micrometer.observation.ObservationFilter",
  "io.micrometer.tracing.handler.TracingObservationHandler"
})
class ObservationConfiguration {
  @Bean
  ServerSpanTags albtraceServerSpanTags() {
    return new ServerSpanTags();
  }
}
