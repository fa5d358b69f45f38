package io.albtrace.examples;

import io.albtrace.AmznTraceHeader;
import io.albtrace.netty.AlbTrace;
import io.albtrace.tracers.AlbLogContext;
import io.albtrace.tracers.AlbSpanTags;
import io.albtrace.tracers.Tracers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code albtrace-demo netty [--port N] [--host H]}: a Netty HTTP/1.1 server (127.0.0.1 unless
 * {@code --host}) with {@link AlbTrace#install} after its codec. Every path answers with the same
 * JSON as the servlet demo, plus what the handler did ({@code headers_added}):
 *
 * <pre>
 * curl -s -H 'X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678' http://127.0.0.1:8080/
 * {"server": "netty", "datadog_agent": false, "opentelemetry_api": true,
 *  "x_amzn_trace_id": "Root=1-…", "trace_id": "67891233abcdef012345678912345678",
 *  "tagged": true, "headers_added": true, "traceparent": "00-6789…-00a80ccd5996a294-01",
 *  "x-datadog-trace-id": "2541551403134113400", "aws.alb.trace_id": "1-67891233-…",
 *  "aws.alb.self": null, "aws.alb.continued": true, "mdc": "1-67891233-…"}
 * </pre>
 *
 * Run it under {@code -javaagent:dd-java-agent.jar} or {@code -javaagent:opentelemetry-javaagent.jar};
 * without an agent {@code trace_id} is {@code null}. Prints {@code albtrace-demo listening on
 * http://<host>:<port>/} once it serves.
 */
public final class NettyDemo {
  private NettyDemo() {}

  public static void run(String[] args) throws InterruptedException {
    int port = 8080;
    String host = "127.0.0.1";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) port = Integer.parseInt(args[++i]);
      else if (args[i].equals("--host") && i + 1 < args.length) host = args[++i];
      else {
        System.err.println("usage: albtrace-demo netty [--port N] [--host H]");
        System.exit(2);
      }
    }
    EventLoopGroup boss = new NioEventLoopGroup(1);
    EventLoopGroup workers = new NioEventLoopGroup();
    try {
      Channel ch = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
              c.pipeline().addLast("codec", new HttpServerCodec());
              AlbTrace.install(c.pipeline());
              c.pipeline().addLast("echo", Echo.INSTANCE);
            }
          })
          .bind(host, port).sync().channel();
      int actual = ((InetSocketAddress) ch.localAddress()).getPort();
      System.out.println("albtrace-demo listening on http://" + host + ":" + actual + "/");
      System.out.flush();
      ch.closeFuture().sync();
    } finally {
      boss.shutdownGracefully();
      workers.shutdownGracefully();
    }
  }

  /** Answers what the tracer saw for this request; runs after the tracer's handler. */
  @ChannelHandler.Sharable
  static final class Echo extends SimpleChannelInboundHandler<HttpObject> {
    static final Echo INSTANCE = new Echo();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (!(msg instanceof HttpRequest)) return;
      HttpRequest req = (HttpRequest) msg;
      HttpHeaders h = req.headers();
      AmznTraceHeader header = AlbTrace.header(ctx.channel());
      String traceId = AlbSpanTags.currentTraceId();
      Json json = new Json()
          .put("server", "netty")
          .put("datadog_agent", Tracers.datadogPresent())
          .put("opentelemetry_api", Tracers.openTelemetryApiPresent())
          .put("x_amzn_trace_id", h.get(AmznTraceHeader.NAME))
          .put("trace_id", traceId)
          .put("tagged", AlbTrace.tagged(ctx.channel()))
          .put("headers_added", AlbTrace.continued(ctx.channel()))
          .put("traceparent", h.get("traceparent"))
          .put("x-datadog-trace-id", h.get("x-datadog-trace-id"));
      if (header != null && header.isValid()) {
        json.put(AlbSpanTags.TRACE_ID, header.root().toXrayRoot())
            .put(AlbSpanTags.SELF, header.hasSelf() ? header.self().toXrayRoot() : null)
            .put(AlbSpanTags.CONTINUED, AlbSpanTags.isContinued(traceId, header));
      } else {
        json.put("albtrace.error", (header == null ? AmznTraceHeader.parse(null) : header).invalid().reason());
      }
      json.put("mdc", Tracers.slf4jPresent() ? org.slf4j.MDC.get(AlbLogContext.KEY) : null);
      ByteBuf body = Unpooled.copiedBuffer(json + "\n", StandardCharsets.UTF_8);
      FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      HttpUtil.setContentLength(res, body.readableBytes());
      HttpUtil.setKeepAlive(res, HttpUtil.isKeepAlive(req));
      ctx.writeAndFlush(res);
    }
  }
}
