package io.albtrace.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.continuation.Continuation;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 (h2c, prior knowledge) on 127.0.0.1: each stream's child pipeline has
 * {@link Http2StreamFrameToHttpObjectCodec}, a tracing handler after it (as an agent would add it)
 * and {@link AlbTrace#install}. A real Netty HTTP/2 client sends 10 requests as 10 streams of one
 * connection, each with its own Root.
 */
class Http2ServerTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void eachStreamContinuesItsOwnRoot() throws Exception {
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    EventLoopGroup group = new NioEventLoopGroup(2);
    try {
      Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
              ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                  new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                      stream.pipeline().addLast("codec", new Http2StreamFrameToHttpObjectCodec(true));
                      TestTracingHandler.addAfterCodec(stream.pipeline(), otel);
                      AlbTrace.install(stream.pipeline(), Continuation.defaults());
                      stream.pipeline().addLast("app", new EchoServer.Echo());
                    }
                  }));
            }
          })
          .bind("127.0.0.1", 0).sync().channel();
      int port = ((InetSocketAddress) server.localAddress()).getPort();

      Channel conn = new Bootstrap().group(group).channel(NioSocketChannel.class)
          .handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
              ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                  new Http2MultiplexHandler(new SimpleChannelInboundHandler<Object>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {}
                  }));
            }
          })
          .connect("127.0.0.1", port).sync().channel();
      try {
        for (int i = 1; i <= 10; i++) {
          String unique = String.format("%024x", 0x42000L + i);
          JsonNode echo = JSON.readTree(get(conn, "Root=1-6789dddd-" + unique));
          assertEquals("6789dddd" + unique, echo.get("trace_id").asText(), echo.toString());
          assertEquals("1-6789dddd-" + unique, echo.get("alb_root").asText());
          assertTrue(echo.get("tagged").asBoolean(), echo.toString());
        }
      } finally {
        conn.close().sync();
        server.close().sync();
      }
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
      otel.close();
    }
  }

  /** One request on a new stream of {@code conn}; the response body. */
  static String get(Channel conn, String amzn) throws Exception {
    CompletableFuture<String> body = new CompletableFuture<>();
    Http2StreamChannel stream = new Http2StreamChannelBootstrap(conn)
        .handler(new ChannelInitializer<Http2StreamChannel>() {
          @Override
          protected void initChannel(Http2StreamChannel ch) {
            ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), new HttpObjectAggregator(1 << 16),
                new SimpleChannelInboundHandler<FullHttpResponse>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
                    body.complete(res.content().toString(StandardCharsets.UTF_8));
                  }

                  @Override
                  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    body.completeExceptionally(cause);
                  }
                });
          }
        })
        .open().sync().getNow();
    FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/echo", Unpooled.EMPTY_BUFFER);
    req.headers().set("host", "127.0.0.1");
    req.headers().set(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text(), "http");
    req.headers().set("x-amzn-trace-id", amzn);
    stream.writeAndFlush(req).sync();
    return body.get(30, TimeUnit.SECONDS);
  }
}
