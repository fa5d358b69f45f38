package io.albtrace.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@code java [-javaagent:…] -jar albtrace-spring-demo.jar --server.port=N
 * [--spring.main.web-application-type=reactive] [--albtrace.…=…]}: a Spring Boot 4 service whose
 * only albtrace line is the starter dependency. MVC runs on Tomcat (Jetty: see
 * application.properties), WebFlux on Reactor Netty; every GET path answers, as JSON, what the
 * tracer saw ({@link ServletEcho}, {@link ReactiveEcho}). Prints {@code albtrace-spring-demo
 * listening on http://127.0.0.1:<port>/} once it serves.
 */
@SpringBootApplication
public class SpringDemo {
  public static void main(String[] args) {
    SpringApplication.run(SpringDemo.class, args);
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> announce() {
    return event -> {
      Environment env = event.getApplicationContext().getEnvironment();
      System.out.println("albtrace-spring-demo listening on http://" + env.getProperty("server.address", "127.0.0.1")
          + ":" + env.getProperty("local.server.port") + "/");
      System.out.flush();
    };
  }
}
