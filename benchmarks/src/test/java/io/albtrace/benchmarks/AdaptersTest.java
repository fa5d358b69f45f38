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
    ServletAdapter b = new ServletAdapter();
    for (int round = 0; round < 2; round++) { // recycled requests are continued again
      for (String header : Headers.ALB) {
        AmznTraceHeader h = AmznTraceHeader.parse(header);
        assertEquals(DatadogHeaders.traceId(h), b.albtraceFilter());
        assertEquals(DatadogHeaders.tags(h), b.tags);
        assertEquals(W3CTraceContext.traceparent(h), b.traceparent);
      }
    }
  }

  @Test
  void nettyHandlerContinuesEveryRequestOfTheMix() {
    NettyAdapter b = new NettyAdapter();
    for (int round = 0; round < 2; round++) { // the channel keeps serving
      for (String header : Headers.ALB) {
        AmznTraceHeader h = AmznTraceHeader.parse(header);
        assertEquals(DatadogHeaders.traceId(h), b.albtraceHandler());
        assertEquals(DatadogHeaders.tags(h), b.tags);
        assertEquals(W3CTraceContext.traceparent(h), b.traceparent);
      }
    }
    b.close();
  }

  @Test
  void passThroughLeavesRequestsAlone() throws Exception {
    ServletAdapter servlet = new ServletAdapter();
    NettyAdapter netty = new NettyAdapter();
    for (int i = 0; i < Headers.ALB.length; i++) {
      assertNull(servlet.passThrough());
      assertNull(servlet.traceparent);
      assertNull(netty.passThrough());
      assertNull(netty.traceparent);
    }
    netty.close();
  }
}
