package io.albtrace.tracers;

import org.slf4j.MDC;

/** The SLF4J MDC. Loaded only when {@link Tracers#slf4jPresent()}. */
final class Slf4jMdc {
  private Slf4jMdc() {}

  static String get(String key) {
    return MDC.get(key);
  }

  static void put(String key, String value) {
    MDC.put(key, value);
  }

  static void remove(String key) {
    MDC.remove(key);
  }
}
