package io.albtrace.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.albtrace.AmznTraceHeader;
import io.albtrace.DatadogHeaders;
import io.albtrace.W3CTraceContext;
import org.junit.jupiter.api.Test;

/** The adapter benchmarks measure continued requests, and pass-through measures untouched ones. */
class AdaptersTest {
  @Test
  void servletFilterContinuesEveryRequestOfTheMix() throws Exception {
    Adapters b = new Adapters();
    for (String header : Headers.ALB) {
      assertEquals(DatadogHeaders.traceId(AmznTraceHeader.parse(header)), b.albtraceServletFilter());
      assertEquals(DatadogHeaders.tags(AmznTraceHeader.parse(header)), b.tags);
      assertEquals(W3CTraceContext.traceparent(AmznTraceHeader.parse(header)), b.traceparent);
    }
    b.close();
  }

  @Test
  void nettyHandlerContinuesEveryRequestOfTheMix() {
    Adapters b = new Adapters();
    for (int round = 0; round < 2; round++) { // the channel keeps serving
      for (String header : Headers.ALB) {
        assertEquals(DatadogHeaders.traceId(AmznTraceHeader.parse(header)), b.albtraceNettyHandler());
        assertEquals(W3CTraceContext.traceparent(AmznTraceHeader.parse(header)), b.traceparent);
      }
    }
    b.close();
  }

  @Test
  void passThroughLeavesRequestsAlone() throws Exception {
    Adapters b = new Adapters();
    for (int i = 0; i < Headers.ALB.length; i++) {
      assertNull(b.servletPassThrough());
      assertNull(b.nettyPassThrough());
      assertNull(b.traceparent);
    }
    b.close();
  }
}
