package io.albtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/spec.md §4: the Datadog and W3C headers written from a valid {@code X-Amzn-Trace-Id}. */
class PropagationHeadersTest {
  static final String ROOT = "Root=1-67891233-abcdef012345678912345678";

  static AmznTraceHeader h(String header) {
    AmznTraceHeader h = AmznTraceHeader.parse(header);
    assertTrue(h.isValid(), header);
    return h;
  }

  @Nested
  class Datadog {
    @Test
    void headerNames() {
      assertEquals("x-datadog-trace-id", DatadogHeaders.TRACE_ID);
      assertEquals("x-datadog-parent-id", DatadogHeaders.PARENT_ID);
      assertEquals("x-datadog-tags", DatadogHeaders.TAGS);
      assertEquals("x-datadog-sampling-priority", DatadogHeaders.SAMPLING_PRIORITY);
      assertEquals("_dd.p.tid", DatadogHeaders.TID_TAG);
    }

    @Test
    void albRootAlone() {
      AmznTraceHeader h = h(ROOT);
      assertEquals("2541551403134113400", DatadogHeaders.traceId(h));
      assertEquals("_dd.p.tid=67891233abcdef01", DatadogHeaders.tags(h));
      assertNull(DatadogHeaders.parentId(h), "no Parent: no x-datadog-parent-id");
      assertNull(DatadogHeaders.samplingPriority(h), "no Sampled: the tracer decides");
    }

    @Test
    void upperCaseRootGivesLowercaseTid() {
      AmznTraceHeader h = h("Root=1-6789ABCD-ABCDEF012345678912345678");
      assertEquals("_dd.p.tid=6789abcdabcdef01", DatadogHeaders.tags(h));
    }

    @Test
    void parentIdIsTheUnsignedDecimalOfAValidParent() {
      assertEquals(
          "6023947403358210776",
          DatadogHeaders.parentId(h(ROOT + ";Parent=53995c3f42cd8ad8")));
      assertEquals(
          "18446744073709551615", DatadogHeaders.parentId(h(ROOT + ";Parent=ffffffffffffffff")));
      assertEquals(
          "9223372036854775808", DatadogHeaders.parentId(h(ROOT + ";Parent=8000000000000000")));
      assertEquals("1", DatadogHeaders.parentId(h(ROOT + ";Parent=0000000000000001")));
    }

    @Test
    void noParentIdForAnInvalidParentOrASelf() {
      assertNull(DatadogHeaders.parentId(h(ROOT + ";Parent=0000000000000000")));
      assertNull(DatadogHeaders.parentId(h(ROOT + ";Parent=53995c3f42cd8ad")));
      assertNull(DatadogHeaders.parentId(h(ROOT + ";Parent=53995c3f42cd8ad8a")));
      assertNull(
          DatadogHeaders.parentId(h("Self=1-67891234-abcdef0123456789abcdef01;" + ROOT)),
          "a Self-derived parent span id is not a Datadog parent");
    }

    @ParameterizedTest
    @CsvSource(
        nullValues = "null",
        value = {"Sampled=1, 1", "Sampled=0, 0", "Sampled=?, null", "Sampled=x, null", "Foo=1, null"})
    void samplingPriorityOnlyForAnExplicitDecision(String field, String expected) {
      assertEquals(expected, DatadogHeaders.samplingPriority(h(ROOT + ";" + field)));
    }

    @Test
    void invalidHeaderIsRejected() {
      AmznTraceHeader bad = AmznTraceHeader.parse("Root=bad");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DatadogHeaders.traceId(bad));
      assertTrue(e.getMessage().contains("malformed Root"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> DatadogHeaders.tags(bad));
      assertThrows(IllegalArgumentException.class, () -> DatadogHeaders.parentId(bad));
      assertThrows(IllegalArgumentException.class, () -> DatadogHeaders.samplingPriority(bad));
    }

    @Test
    void bufferForms() {
      byte[] buf = "..........................".getBytes(StandardCharsets.US_ASCII);
      int start = DatadogHeaders.writeTraceId(0x2345678912345678L, buf, 24);
      assertEquals(5, start);
      assertEquals(".....2541551403134113400..", new String(buf, StandardCharsets.US_ASCII));
      assertEquals(0, DatadogHeaders.writeTraceId(-1L, buf, 20));
      assertEquals("18446744073709551615", new String(buf, 0, 20, StandardCharsets.US_ASCII));
      assertEquals(19, DatadogHeaders.writeTraceId(0, buf, 20));
      assertEquals("0", new String(buf, 19, 1, StandardCharsets.US_ASCII));

      byte[] tid = "_dd.p.tid=................".getBytes(StandardCharsets.US_ASCII);
      DatadogHeaders.writeTid(1, tid, 10);
      assertEquals("_dd.p.tid=0000000000000001", new String(tid, StandardCharsets.US_ASCII));
    }
  }

  @Nested
  class W3C {
    @Test
    void albRootIsSampledByDefault() {
      assertEquals("traceparent", W3CTraceContext.TRACEPARENT);
      assertTrue(W3CTraceContext.DEFAULT_SAMPLE_DEFERRED);
      assertEquals(
          "00-67891233abcdef012345678912345678-00a80ccd5996a294-01",
          W3CTraceContext.traceparent(h(ROOT)));
    }

    @ParameterizedTest
    @CsvSource({
      // field,       sampleDeferred, flags
      "Sampled=1, true, 01",
      "Sampled=1, false, 01",
      "Sampled=0, true, 00",
      "Sampled=0, false, 00",
      "Sampled=?, true, 01",
      "Sampled=?, false, 00",
      "Foo=bar, true, 01",
      "Foo=bar, false, 00",
      "Sampled=maybe, true, 01",
      "Sampled=maybe, false, 00",
    })
    void flags(String field, boolean sampleDeferred, String flags) {
      AmznTraceHeader h = h(ROOT + ";" + field);
      assertEquals(
          "00-67891233abcdef012345678912345678-00a80ccd5996a294-" + flags,
          W3CTraceContext.traceparent(h, sampleDeferred));
      assertEquals(flags.equals("01"), W3CTraceContext.isSampled(h, sampleDeferred));
    }

    @Test
    void defaultIsSampleDeferred() {
      assertEquals(
          W3CTraceContext.traceparent(h(ROOT + ";Sampled=?"), true),
          W3CTraceContext.traceparent(h(ROOT + ";Sampled=?")));
      assertEquals(
          "00-67891233abcdef012345678912345678-00a80ccd5996a294-00",
          W3CTraceContext.traceparent(h(ROOT + ";Sampled=0")));
    }

    @Test
    void parentAndSelfGoIntoTheParentIdField() {
      assertEquals(
          "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01",
          W3CTraceContext.traceparent(
              h("Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8;Sampled=1")));
      assertEquals(
          "00-67891233abcdef012345678912345678-6443a3d926ba27a1-01",
          W3CTraceContext.traceparent(h("Self=1-67891234-abcdef0123456789abcdef01;" + ROOT)));
    }

    @Test
    void fromPrimitives() {
      assertEquals(
          "00-00000000000000010000000000000002-0000000000000003-00",
          W3CTraceContext.traceparent(1, 2, 3, false));
      assertEquals(
          "00-ffffffffffffffffffffffffffffffff-ffffffffffffffff-01",
          W3CTraceContext.traceparent(-1, -1, -1, true));
    }

    @Test
    void invalidHeaderIsRejected() {
      AmznTraceHeader bad = AmznTraceHeader.parse("Root=1-00000000-000000000000000000000000");
      assertFalse(bad.isValid());
      assertThrows(IllegalArgumentException.class, () -> W3CTraceContext.traceparent(bad));
      assertThrows(IllegalArgumentException.class, () -> W3CTraceContext.traceparent(bad, false));
    }
  }
}
