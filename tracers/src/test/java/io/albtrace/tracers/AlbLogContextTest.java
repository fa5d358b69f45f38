package io.albtrace.tracers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.albtrace.AmznTraceHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class AlbLogContextTest {
  private static final AmznTraceHeader HEADER =
      AmznTraceHeader.parse("Root=1-67891233-ABCDEF012345678912345678");

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void putsTheLowercaseRootAndRemovesIt() {
    try (AlbLogContext.Scope ignored = AlbLogContext.put(HEADER)) {
      assertEquals("1-67891233-abcdef012345678912345678", MDC.get("aws.alb.trace_id"));
    }
    assertNull(MDC.get("aws.alb.trace_id"));
  }

  @Test
  void restoresThePreviousValueOnceEvenWhenClosedTwice() {
    MDC.put("aws.alb.trace_id", "outer");
    AlbLogContext.Scope scope = AlbLogContext.put(HEADER);
    assertEquals("1-67891233-abcdef012345678912345678", MDC.get("aws.alb.trace_id"));
    scope.close();
    assertEquals("outer", MDC.get("aws.alb.trace_id"));
    MDC.put("aws.alb.trace_id", "later");
    scope.close(); // idempotent: does not clobber what came after
    assertEquals("later", MDC.get("aws.alb.trace_id"));
  }

  @Test
  void restoresOnException() {
    try (AlbLogContext.Scope ignored = AlbLogContext.put(HEADER)) {
      throw new IllegalStateException("boom");
    } catch (IllegalStateException expected) {
      assertNull(MDC.get("aws.alb.trace_id"));
    }
  }

  @Test
  void invalidHeaderIsANoOp() {
    MDC.put("aws.alb.trace_id", "outer");
    try (AlbLogContext.Scope ignored = AlbLogContext.put(AmznTraceHeader.parse("Root=nope"))) {
      assertEquals("outer", MDC.get("aws.alb.trace_id"));
    }
    assertEquals("outer", MDC.get("aws.alb.trace_id"));
    AlbLogContext.put((AmznTraceHeader) null).close();
  }
}
