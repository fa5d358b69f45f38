package io.albtrace.netty;

import io.albtrace.AmznTraceHeader;

/** The one place where this module calls the shared span-tag and log-context code. */
final class SpanTagging {
  private SpanTagging() {}

  static boolean tagCurrentSpan(AmznTraceHeader h) {
    return false; // TODO albtrace-tracers AlbSpanTags.tagCurrentSpan once merged
  }

  static AutoCloseable putLogContext(AmznTraceHeader h) {
    return null; // TODO albtrace-tracers AlbLogContext.put once merged
  }

  static void close(AutoCloseable scope) {
    if (scope == null) return;
    try {
      scope.close();
    } catch (Exception e) {
      // a log context that cannot be removed must not fail the request
    }
  }
}
