package io.albtrace.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stack this test JVM runs: each surefire execution of spring-boot-tests/boot3 and /boot4 puts
 * one server (tomcat, jetty, netty) and one tracer (none, otel, brave: Micrometer Tracing's bridges)
 * on the class path and names them in {@code albtrace.test.server} and {@code albtrace.test.tracer}.
 */
final class Stack {
  static final String SERVER = required("albtrace.test.server");
  static final String TRACER = required("albtrace.test.tracer");

  private Stack() {}

  static boolean reactive() {
    return SERVER.equals("netty");
  }

  static boolean traced() {
    return !TRACER.equals("none");
  }

  /** What the server reports about itself in the echo: a servlet container's info, or Reactor Netty. */
  static String serverInfoPrefix() {
    switch (SERVER) {
      case "tomcat": return "Apache Tomcat/";
      case "jetty": return "jetty/";
      default: return "reactor-netty";
    }
  }

  /** The properties every test app starts with, on 127.0.0.1 and a free port. */
  static Map<String, Object> appProperties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("server.port", "0");
    p.put("server.address", "127.0.0.1");
    p.put("spring.main.web-application-type", reactive() ? "reactive" : "servlet");
    p.put("spring.main.banner-mode", "off");
    p.put("management.tracing.sampling.probability", "1.0");
    p.put("logging.level.root", "warn");
    // room for the oversized X-Amzn-Trace-Id (over 8192 characters) that must pass untouched
    p.put("server.max-http-request-header-size", "32KB");
    // Reactor Netty: HTTP/2 cleartext next to HTTP/1.1 (prior knowledge and upgrade), for H2cTest
    if (reactive()) p.put("server.http2.enabled", "true");
    return p;
  }

  private static String required(String name) {
    String v = System.getProperty(name);
    if (v == null) throw new IllegalStateException(name + " not set: run through the surefire executions");
    return v;
  }
}
