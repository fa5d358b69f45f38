package io.albtrace.examples.spring;

import io.albtrace.AmznTraceHeader;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Distinct ALB Roots, and their ids through albtrace-core's own codec. */
final class Roots {
  private static final long RUN = ThreadLocalRandom.current().nextLong() >>> 32;
  private static final AtomicLong NEXT = new AtomicLong();

  private Roots() {}

  /** {@code Root=1-67891233-<8 hex of this run><16 hex counter>}: never the same twice in a run. */
  static String next() {
    return String.format("Root=1-67891233-%08x%016x", RUN, NEXT.incrementAndGet());
  }

  static AmznTraceHeader parse(String alb) {
    AmznTraceHeader h = AmznTraceHeader.parse(alb);
    if (!h.isValid()) throw new IllegalArgumentException(alb);
    return h;
  }

  static String hex(String alb) {
    return parse(alb).root().toHex();
  }

  static String xray(String alb) {
    return parse(alb).root().toXrayRoot();
  }
}
