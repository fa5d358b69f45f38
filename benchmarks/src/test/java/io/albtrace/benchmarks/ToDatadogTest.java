package io.albtrace.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader;
import io.albtrace.TraceId128;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmarks compare like with like: every conversion that accepts a header agrees. */
class ToDatadogTest {
  private final DatadogIds out = new DatadogIds();

  private static Map<String, HeaderToDatadog.Conversion> everyPeer() {
    Map<String, HeaderToDatadog.Conversion> m = new LinkedHashMap<>();
    m.put("albtraceStrings", ToDatadog::albtraceStrings);
    m.put("albtraceParse", ToDatadog::albtraceParse);
    m.put("otel", ToDatadog::otel);
    m.put("xraySdk", ToDatadog::xraySdk);
    m.put("brave", ToDatadog::brave);
    m.put("handSplit", ToDatadog::handSplit);
    m.put("handRegex", ToDatadog::handRegex);
    return m;
  }

  @Test
  void albtraceWritesSpecExample() {
    assertTrue(ToDatadog.albtrace("Root=1-67891233-abcdef012345678912345678", out));
    assertEquals("2541551403134113400", out.traceIdString());
    assertEquals("67891233abcdef01", out.tidString());
  }

  @Test
  void albtraceMatchesCoreOnEveryBenchmarkHeader() {
    for (String[] set : new String[][] {Headers.ALB, Headers.XRAY}) {
      for (String h : set) {
        TraceId128 root = AmznTraceHeader.parse(h).root();
        assertTrue(ToDatadog.albtrace(h, out), h);
        assertEquals(root.datadogTraceId(), out.traceIdString(), h);
        assertEquals(root.datadogTid(), out.tidString(), h);
      }
    }
  }

  @Test
  void everyPeerAgreesOnXraySdkStyleHeaders() {
    for (String h : Headers.XRAY) {
      ToDatadog.albtrace(h, out);
      String traceId = out.traceIdString();
      String tid = out.tidString();
      everyPeer()
          .forEach(
              (name, c) -> {
                assertTrue(c.convert(h, out), name + " rejects " + h);
                assertEquals(traceId, out.traceIdString(), name + " on " + h);
                assertEquals(tid, out.tidString(), name + " on " + h);
              });
    }
  }

  @Test
  void everyPeerButOpenTelemetryAgreesOnAlbHeaders() {
    for (String h : Headers.ALB) {
      ToDatadog.albtrace(h, out);
      String traceId = out.traceIdString();
      String tid = out.tidString();
      everyPeer()
          .forEach(
              (name, c) -> {
                if (name.equals("otel")) return;
                assertTrue(c.convert(h, out), name + " rejects " + h);
                assertEquals(traceId, out.traceIdString(), name + " on " + h);
                assertEquals(tid, out.tidString(), name + " on " + h);
              });
    }
  }

  @Test
  void openTelemetryDropsEveryAlbHeader() {
    for (String h : Headers.ALB) {
      assertFalse(ToDatadog.otel(h, out), h);
      assertNull(out.traceIdString());
    }
  }

  @Test
  void readerPathAgreesWithTheObjectApiOnEdgeCases() {
    String[] headers = {
      "Root=1-67891233-abcdef012345678912345678",
      " Root = 1-67891233-ABCDEF012345678912345678 ;Sampled=1",
      "RootCause=x;Root=1-67891233-abcdef012345678912345678",
      "Root=1-67891233-abcdef01234567891234567x;Root=1-67891233-abcdef012345678912345678",
      "Root=1-67891233-abcdef010000000000000000",
      "root=1-67891233-abcdef012345678912345678",
      "Root=2-67891233-abcdef012345678912345678",
      "Root=1-67891233-abcdef0123456789123456789",
      "Self=1-67891233-abcdef012345678912345678",
      "",
      ";;Root=1-67891233-abcdef012345678912345678;",
      "Root=1-6789123\u0663-abcdef012345678912345678",
    };
    boolean[] valid = {true, true, true, false, false, false, false, false, false, false, true, false};
    DatadogIds albtrace = new DatadogIds();
    for (int i = 0; i < headers.length; i++) {
      String h = headers[i];
      assertEquals(valid[i], ToDatadog.albtrace(h, albtrace), h);
      assertEquals(valid[i], ToDatadog.albtraceStrings(h, out), h);
      assertEquals(out.traceIdString(), albtrace.traceIdString(), h);
      assertEquals(out.tidString(), albtrace.tidString(), h);
    }
  }

  @Test
  void everyParseShapeIsValid() throws Exception {
    String[] shapes =
        ParseByShape.class.getField("shape").getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
    for (String shape : shapes) {
      ParseByShape b = new ParseByShape();
      b.shape = shape;
      b.header();
      assertTrue(AmznTraceHeader.parse(ParseByShape.header(shape)).isValid(), shape);
      assertNotEquals(0, b.albtraceParse(), shape);
      assertEquals(b.albtraceParse(), b.albtraceReader(), shape);
    }
  }

  @Test
  void benchmarkSetupChecksPass() {
    new AlbHeaderToDatadog().checkConversions();
    new XrayHeaderToDatadog().checkConversions();
    new DatadogToRoot().ids();
  }

  @Test
  void xraySdkInventsAnIdForAMalformedRoot() {
    String malformed = "Root=1-67891233-abcdef01234567891234567x";
    assertFalse(ToDatadog.albtrace(malformed, out));
    assertTrue(ToDatadog.xraySdk(malformed, out));
    String first = out.traceIdString();
    assertTrue(ToDatadog.xraySdk(malformed, out));
    assertNotEquals(first, out.traceIdString()); // a fresh random id each time
  }

  @Test
  void handFormatMatchesTheReverseMapping() {
    for (String h : Headers.ALB) {
      TraceId128 root = AmznTraceHeader.parse(h).root();
      assertEquals(
          root.toXrayRoot(), DatadogToRoot.handFormat(root.datadogTraceId(), root.datadogTid()));
      assertEquals(
          root.toXrayRoot(),
          TraceId128.fromDatadog(root.datadogTraceId(), root.datadogTid()).toXrayRoot());
    }
  }

  @Test
  void rootToHeadersWritesEveryContinuationHeader() {
    RootToHeaders b = new RootToHeaders();
    // Root only, no Sampled: trace id, tags, traceparent.
    assertEquals(3, b.albtraceContinuation());
    assertEquals(
        "00-67891233abcdef012345678912345678-00a80ccd5996a294-01",
        new RootToHeaders().albtraceTraceparent());
    assertEquals("_dd.p.tid=67891233abcdef01", new RootToHeaders().albtraceDatadogHeaders());
  }
}
