package io.albtrace.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpToHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.InboundHttp2ToHttpAdapterBuilder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where {@link AlbTrace#install} puts the handlers, with and without agent-style handlers. */
class AlbTraceInstallTest {
  /** Stands for an agent's server handler: named after its class, inserted right after the codec. */
  static final class FakeAgentTracingHandler extends ChannelDuplexHandler {}

  static final class FakeAgentContextHandler extends ChannelInboundHandlerAdapter {}

  static List<String> names(ChannelPipeline p) {
    List<String> n = new ArrayList<>(p.names());
    n.removeIf(s -> s.startsWith("DefaultChannelPipeline$TailContext"));
    return n;
  }

  @Test
  void directlyAfterTheCodecWithoutAgents() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast("codec", new HttpServerCodec()).addLast("app", new ChannelInboundHandlerAdapter());
    AlbTrace.install(ch.pipeline());
    assertEquals(List.of("codec", "albtrace", "albtrace.tags", "app"), names(ch.pipeline()));
  }

  @Test
  void aroundAgentHandlersThatFollowTheCodec() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ChannelPipeline p = ch.pipeline();
    p.addLast("ssl-ish", new ChannelInboundHandlerAdapter());
    p.addLast("codec", new HttpServerCodec());
    // what dd-java-agent and the OpenTelemetry agent do when the codec is added
    p.addAfter("codec", FakeAgentTracingHandler.class.getName(), new FakeAgentTracingHandler());
    p.addAfter("codec", FakeAgentContextHandler.class.getName(), new FakeAgentContextHandler());
    p.addLast("agg", new HttpObjectAggregator(1024));
    p.addLast("app", new ChannelInboundHandlerAdapter());
    AlbTrace.install(p);
    assertEquals(List.of("ssl-ish", "codec", "albtrace", FakeAgentContextHandler.class.getName(),
        FakeAgentTracingHandler.class.getName(), "albtrace.tags", "agg", "app"), names(p));
  }

  @Test
  void separateDecoderAndEncoder() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast("enc", new HttpResponseEncoder()).addLast("dec", new HttpRequestDecoder() {});
    AlbTrace.install(ch.pipeline());
    assertEquals(List.of("enc", "dec", "albtrace", "albtrace.tags"), names(ch.pipeline()));
  }

  @Test
  void failsLoudlyWithoutACodecOrWhenInstalledTwice() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast("app", new ChannelInboundHandlerAdapter());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> AlbTrace.install(ch.pipeline()));
    assertTrue(e.getMessage().contains("no HTTP server codec"), e.getMessage());
    assertTrue(e.getMessage().contains("app"), e.getMessage());
    assertEquals(List.of("app"), names(ch.pipeline()));

    ch.pipeline().addFirst("codec", new HttpServerCodec());
    AlbTrace.install(ch.pipeline());
    assertThrows(IllegalStateException.class, () -> AlbTrace.install(ch.pipeline()));
  }

  @Test
  void http2StreamChildPipeline() {
    List<HttpRequest> seen = new ArrayList<>();
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast("h2-to-http", new Http2StreamFrameToHttpObjectCodec(true));
    AlbTrace.install(ch.pipeline());
    ch.pipeline().addLast("app", new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) seen.add((HttpRequest) msg);
        ReferenceCountUtil.release(msg);
      }
    });
    assertEquals(List.of("h2-to-http", "albtrace", "albtrace.tags", "app"), names(ch.pipeline()));
    DefaultHttp2Headers h = new DefaultHttp2Headers();
    h.method("GET").path("/").scheme("http").authority("a");
    h.add("x-amzn-trace-id", "Root=" + AlbTraceHandlerTest.ROOT);
    ch.writeInbound(new DefaultHttp2HeadersFrame(h, true));
    assertEquals(1, seen.size());
    assertEquals("2541551403134113400", seen.get(0).headers().get("x-datadog-trace-id"));
    assertEquals("00-67891233abcdef012345678912345678-00a80ccd5996a294-01",
        seen.get(0).headers().get("traceparent"));
    ch.finishAndReleaseAll();
  }

  @Test
  void httpToHttp2ConnectionHandler() {
    Http2Connection connection = new DefaultHttp2Connection(true);
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast("h2", new HttpToHttp2ConnectionHandlerBuilder().connection(connection)
        .frameListener(new InboundHttp2ToHttpAdapterBuilder(connection).maxContentLength(1024).build())
        .build());
    ch.pipeline().addLast("app", new ChannelInboundHandlerAdapter());
    AlbTrace.install(ch.pipeline());
    assertEquals(List.of("h2", "albtrace", "albtrace.tags", "app"), names(ch.pipeline()));
    assertInstanceOf(AlbTraceHandler.class, ch.pipeline().get("albtrace"));
    ch.finishAndReleaseAll();
  }

  @Test
  void anInvalidSettingTurnsContinuationOffInsteadOfFailingConnections() {
    Continuation c = Continuation.load(n -> n.equals("albtrace.trust-policy") ? "sometimes" : null);
    assertEquals(false, c.enabled());
    Continuation ok = Continuation.load(n -> n.equals("albtrace.trust-policy") ? "alb-generated-only" : null);
    assertEquals(TrustPolicy.ALB_GENERATED_ONLY, ok.trustPolicy());
    assertEquals(true, ok.enabled());
  }
}
