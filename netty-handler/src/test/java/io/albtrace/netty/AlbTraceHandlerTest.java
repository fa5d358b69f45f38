package io.albtrace.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader;
import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The handler's header decisions, through a real {@link HttpServerCodec} in an EmbeddedChannel. */
class AlbTraceHandlerTest {
  static final String ROOT = "1-67891233-abcdef012345678912345678";

  /** Records each request's headers and what albtrace recorded for it, as the app would see it. */
  static final class Probe extends ChannelInboundHandlerAdapter {
    final List<Map<String, String>> headers = new ArrayList<>();
    final List<AmznTraceHeader> mapped = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) {
        Map<String, String> m = new TreeMap<>();
        for (Map.Entry<String, String> e : ((HttpRequest) msg).headers()) {
          m.put(e.getKey().toLowerCase(), e.getValue());
        }
        headers.add(m);
        mapped.add(AlbTrace.header(ctx.channel()));
      }
      ReferenceCountUtil.release(msg);
    }
  }

  static EmbeddedChannel server(Continuation c, Probe probe) {
    EmbeddedChannel ch = new EmbeddedChannel();
    // header limit above AmznTraceHeader.MAX_LENGTH, so that a too-long header reaches albtrace
    ch.pipeline().addLast("codec", new HttpServerCodec(4096, 16384, 8192));
    AlbTrace.install(ch.pipeline(), c);
    ch.pipeline().addLast("app", probe);
    return ch;
  }

  static void send(EmbeddedChannel ch, String... traceHeaders) {
    StringBuilder sb = new StringBuilder();
    for (String h : traceHeaders) {
      sb.append("GET /x HTTP/1.1\r\nHost: a\r\n");
      if (h != null) sb.append(h).append("\r\n");
      sb.append("\r\n");
    }
    ch.writeInbound(Unpooled.copiedBuffer(sb, StandardCharsets.ISO_8859_1));
  }

  static Map<String, String> only(Continuation c, String headerLine) {
    Probe p = new Probe();
    EmbeddedChannel ch = server(c, p);
    send(ch, headerLine);
    assertEquals(1, p.headers.size());
    ch.finishAndReleaseAll();
    return p.headers.get(0);
  }

  static String udec(String hex16) {
    return Long.toUnsignedString(Long.parseUnsignedLong(hex16, 16));
  }

  @Test
  void albGeneratedRootGetsDatadogAndW3cHeaders() {
    Map<String, String> h = only(Continuation.defaults(), "X-Amzn-Trace-Id: Root=" + ROOT);
    assertEquals(udec("2345678912345678"), h.get("x-datadog-trace-id"));
    assertEquals("2541551403134113400", h.get("x-datadog-trace-id"));
    assertEquals("_dd.p.tid=67891233abcdef01", h.get("x-datadog-tags"));
    assertEquals("00-67891233abcdef012345678912345678-00a80ccd5996a294-01", h.get("traceparent"));
    assertFalse(h.containsKey("x-datadog-parent-id"));
    assertFalse(h.containsKey("x-datadog-sampling-priority"));
    assertEquals("Root=" + ROOT, h.get("x-amzn-trace-id"));
  }

  @Test
  void parentAndSampledAreForwarded() {
    Map<String, String> h = only(Continuation.defaults(),
        "X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
    assertEquals(udec("e1be46a994272793"), h.get("x-datadog-trace-id"));
    assertEquals("_dd.p.tid=5759e988bd862e3f", h.get("x-datadog-tags"));
    assertEquals(udec("53995c3f42cd8ad8"), h.get("x-datadog-parent-id"));
    assertEquals("0", h.get("x-datadog-sampling-priority"));
    assertEquals("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00", h.get("traceparent"));
  }

  @Test
  void upstreamTracingContextWins() {
    for (String upstream : new String[] {
        "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "X-Datadog-Trace-Id: 42", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1",
        "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7"}) {
      Probe p = new Probe();
      EmbeddedChannel ch = server(Continuation.defaults(), p);
      ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nX-Amzn-Trace-Id: Root=" + ROOT + "\r\n"
          + upstream + "\r\n\r\n", StandardCharsets.ISO_8859_1));
      Map<String, String> h = p.headers.get(0);
      assertEquals(2, h.size(), upstream + " → " + h);
      assertFalse(AlbTrace.continued(ch));
      assertTrue(p.mapped.get(0).isValid(), "still tagged");
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void invalidOrAbsentHeadersPassUntouched() {
    String[] bad = {
      null,
      "X-Amzn-Trace-Id: Root=1-67891233-0000000000000000000000000",
      "X-Amzn-Trace-Id: root=1-67891233-abcdef012345678912345678",
      "X-Amzn-Trace-Id: Root=1-67891233-abcdef010000000000000000",
      "X-Amzn-Trace-Id: Root=1-6789123g-abcdef012345678912345678",
      "X-Amzn-Trace-Id: Root=" + ROOT + "x".repeat(8200),
      "X-Amzn-Trace-Id: ;;;=;Self=1-67891233-12456789abcdef012345",
    };
    Probe p = new Probe();
    EmbeddedChannel ch = server(Continuation.defaults(), p);
    send(ch, bad);
    assertEquals(bad.length, p.headers.size());
    for (int i = 0; i < bad.length; i++) {
      Map<String, String> h = p.headers.get(i);
      assertEquals(bad[i] == null ? 1 : 2, h.size(), "request " + i + ": " + h);
      if (bad[i] == null) {
        assertNull(p.mapped.get(i));
      } else {
        assertFalse(p.mapped.get(i).isValid());
      }
    }
    ch.finishAndReleaseAll();
  }

  @Test
  void trustPolicyAndSettings() {
    String clientRoot = "X-Amzn-Trace-Id: Self=1-67891233-12456789abcdef012345678a;Root=" + ROOT;
    Continuation albOnly = Continuation.builder().trustPolicy(TrustPolicy.ALB_GENERATED_ONLY).build();
    assertFalse(only(albOnly, clientRoot).containsKey("x-datadog-trace-id"));
    assertTrue(only(albOnly, "X-Amzn-Trace-Id: Root=" + ROOT).containsKey("x-datadog-trace-id"));
    Continuation never = Continuation.builder().trustPolicy(TrustPolicy.NEVER).build();
    assertEquals(2, only(never, "X-Amzn-Trace-Id: Root=" + ROOT).size());
    Continuation off = Continuation.builder().enabled(false).build();
    assertEquals(2, only(off, "X-Amzn-Trace-Id: Root=" + ROOT).size());

    Map<String, String> ddOnly = only(Continuation.builder().w3c(false).build(), "X-Amzn-Trace-Id: Root=" + ROOT);
    assertFalse(ddOnly.containsKey("traceparent"));
    assertEquals("2541551403134113400", ddOnly.get("x-datadog-trace-id"));
    Map<String, String> w3cOnly = only(Continuation.builder().datadog(false).sampleDeferred(false).build(),
        "X-Amzn-Trace-Id: Root=" + ROOT);
    assertFalse(w3cOnly.containsKey("x-datadog-trace-id"));
    assertEquals("00-67891233abcdef012345678912345678-00a80ccd5996a294-00", w3cOnly.get("traceparent"));
  }

  @Test
  void keepAliveAndPipelinedRequestsEachGetTheirOwnMapping() {
    Probe p = new Probe();
    EmbeddedChannel ch = server(Continuation.defaults(), p);
    String[] lines = new String[50];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = i % 7 == 3 ? null
          : String.format("X-Amzn-Trace-Id: Root=1-67891233-%024x", 0x1000L + i);
    }
    send(ch, lines); // all 50 in one buffer: pipelined
    for (int i = 0; i < lines.length; i += 5) send(ch, lines[i]); // one by one: keep-alive
    assertEquals(lines.length + 10, p.headers.size());
    for (int k = 0; k < p.headers.size(); k++) {
      int i = k < lines.length ? k : (k - lines.length) * 5;
      Map<String, String> h = p.headers.get(k);
      if (lines[i] == null) {
        assertFalse(h.containsKey("traceparent"));
        assertNull(p.mapped.get(k));
      } else {
        String tp = String.format("00-67891233%024x-", 0x1000L + i);
        assertTrue(h.get("traceparent").startsWith(tp), h.get("traceparent"));
        assertEquals(udec(String.format("%016x", 0x1000L + i)), h.get("x-datadog-trace-id"));
        assertEquals(String.format("1-67891233-%024x", 0x1000L + i), p.mapped.get(k).root().toXrayRoot());
      }
    }
    ch.finishAndReleaseAll();
  }

  @Test
  void aggregatedRequestsAreMappedToo() {
    EmbeddedChannel ch = new EmbeddedChannel();
    Probe p = new Probe();
    ch.pipeline().addLast("codec", new HttpServerCodec());
    AlbTrace.install(ch.pipeline());
    ch.pipeline().addLast("agg", new HttpObjectAggregator(1024));
    ch.pipeline().addLast("app", p);
    ch.writeInbound(Unpooled.copiedBuffer("POST / HTTP/1.1\r\nX-Amzn-Trace-Id: Root=" + ROOT
        + "\r\nContent-Length: 3\r\n\r\nabc", StandardCharsets.ISO_8859_1));
    assertEquals(1, p.headers.size());
    assertEquals("2541551403134113400", p.headers.get(0).get("x-datadog-trace-id"));
    assertEquals(ROOT, p.mapped.get(0).root().toXrayRoot());
    ch.finishAndReleaseAll();
  }

  @Test
  void aFailureInsideTheHandlerNeverReachesThePipeline() {
    // Read-only headers: adding the propagation headers throws inside the handler.
    HttpHeaders ro = new ReadOnlyHttpHeaders(true, "X-Amzn-Trace-Id", "Root=" + ROOT);
    HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/", ro);
    List<Object> seen = new ArrayList<>();
    EmbeddedChannel ch = new EmbeddedChannel(new AlbTraceHandler(Continuation.defaults()),
        AlbSpanTagHandler.INSTANCE, new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen.add(msg);
          }
        });
    ch.writeInbound(req); // EmbeddedChannel rethrows anything thrown into the pipeline
    ch.checkException();
    assertEquals(1, seen.size());
    assertSame(req, seen.get(0));
    assertEquals(1, req.headers().size());
    assertFalse(AlbTrace.continued(ch));
    assertEquals(ROOT, AlbTrace.header(ch).root().toXrayRoot(), "recorded, so it can still be tagged");
    ch.finishAndReleaseAll();
  }

  @Test
  void nonRequestMessagesPassThrough() {
    List<Object> seen = new ArrayList<>();
    EmbeddedChannel ch = new EmbeddedChannel(new AlbTraceHandler(Continuation.defaults()),
        AlbSpanTagHandler.INSTANCE, new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen.add(msg);
          }
        });
    Object m = "not http";
    ch.writeInbound(m);
    assertSame(m, seen.get(0));
    assertNull(AlbTrace.header(ch));
    FullHttpRequest full = new io.netty.handler.codec.http.DefaultFullHttpRequest(
        HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
    full.headers().set("x-amzn-trace-id", "Root=" + ROOT);
    ch.writeInbound(full);
    assertSame(full, seen.get(1));
    assertTrue(AlbTrace.continued(ch));
    assertEquals("2541551403134113400", full.headers().get("x-datadog-trace-id"));
    full.release();
    ch.finishAndReleaseAll();
  }
}
