package io.albtrace.netty;

import io.albtrace.AmznTraceHeader;
import io.albtrace.continuation.Continuation;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A real Netty HTTP/1.1 server on 127.0.0.1 whose handler answers every request with the trace id
 * the tracer saw, as JSON: {@code {"trace_id":"<32 hex>","span_id":"<16 hex>","alb_root":"1-…",
 * "continued":true,"tagged":true,"mdc":"1-…"}}.
 * The tracer is OpenTelemetry ({@code Span.current()}: the SDK in-process, the agent through its
 * API bridge) or dd-java-agent ({@code CorrelationIdentifier}).
 */
class EchoServer implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel channel;

  /**
   * @param afterCodec called right after the codec is added, as an agent would (may be null)
   * @param install installs albtrace (e.g. {@code AlbTrace::install}), or null for none
   */
  EchoServer(Consumer<ChannelPipeline> afterCodec, Consumer<ChannelPipeline> install) throws InterruptedException {
    group = new NioEventLoopGroup(1);
    channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            p.addLast("codec", new HttpServerCodec());
            if (afterCodec != null) afterCodec.accept(p);
            if (install != null) install.accept(p);
            p.addLast("app", new Echo());
            afterInit(p);
          }
        })
        .bind("127.0.0.1", 0).sync().channel();
  }

  /** {@link AlbTrace#install} with {@code c}. */
  static Consumer<ChannelPipeline> with(Continuation c) {
    return p -> AlbTrace.install(p, c);
  }

  /** Called with each connection's finished pipeline. */
  void afterInit(ChannelPipeline p) {}

  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** The trace id and span id of the tracer's current span, or {@code null}. */
  static String[] currentIds() {
    SpanContext sc = Span.current().getSpanContext();
    if (sc.isValid()) return new String[] {sc.getTraceId(), sc.getSpanId()};
    try {
      String dd = datadog.trace.api.CorrelationIdentifier.getTraceId();
      if (dd != null && !dd.equals("0")) {
        return new String[] {dd, datadog.trace.api.CorrelationIdentifier.getSpanId()};
      }
    } catch (LinkageError e) {
      // no dd-trace-api
    }
    return null;
  }

  @ChannelHandler.Sharable
  static final class Echo extends SimpleChannelInboundHandler<HttpObject> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (!(msg instanceof HttpRequest)) return;
      HttpRequest req = (HttpRequest) msg;
      String[] ids = currentIds();
      AmznTraceHeader alb = AlbTrace.header(ctx.channel());
      StringBuilder json = new StringBuilder(160).append('{');
      json.append("\"trace_id\":").append(ids == null ? "null" : '"' + ids[0] + '"');
      json.append(",\"span_id\":").append(ids == null ? "null" : '"' + ids[1] + '"');
      json.append(",\"alb_root\":").append(
          alb != null && alb.isValid() ? '"' + alb.root().toXrayRoot() + '"' : "null");
      json.append(",\"continued\":").append(AlbTrace.continued(ctx.channel()));
      json.append(",\"tagged\":").append(AlbTrace.tagged(ctx.channel()));
      json.append(",\"client_port\":").append(((InetSocketAddress) ctx.channel().remoteAddress()).getPort());
      String mdc = org.slf4j.MDC.get("aws.alb.trace_id");
      json.append(",\"mdc\":").append(mdc == null ? "null" : '"' + mdc + '"');
      json.append('}');
      ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
      FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      HttpUtil.setContentLength(res, body.readableBytes());
      HttpUtil.setKeepAlive(res, HttpUtil.isKeepAlive(req));
      ctx.writeAndFlush(res);
    }
  }
}
