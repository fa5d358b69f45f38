package io.albtrace.examples;

import io.albtrace.AmznTraceHeader;
import io.albtrace.netty.AlbTrace;
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
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar albtrace-demo.jar netty --port N [--host H]}: a Netty HTTP/1.1 server with
 * {@link AlbTrace#install} after its codec. Every request is answered with JSON:
 *
 * <pre>
 * {"x_amzn_trace_id":"Root=1-67891233-abcdef012345678912345678","valid":true,
 *  "aws.alb.trace_id":"1-67891233-abcdef012345678912345678","trace_id_128":"67891233abcdef012345678912345678",
 *  "dd_trace_id":"2541551403134113400","continued":true,
 *  "traceparent":"00-67891233abcdef012345678912345678-00a80ccd5996a294-01",
 *  "x-datadog-trace-id":"2541551403134113400","tracer_trace_id":"67891233abcdef012345678912345678"}
 * </pre>
 *
 * <p>{@code tracer_trace_id} is what a Java agent's server span got (OpenTelemetry
 * {@code Span.current()} or dd-java-agent's {@code CorrelationIdentifier}), {@code null} without
 * one: run it with {@code -javaagent:dd-java-agent.jar} or the OpenTelemetry agent to see the trace
 * continue.
 */
public final class NettyDemo {
  private NettyDemo() {}

  public static void run(String[] args) throws InterruptedException {
    int port = 8080;
    String host = "0.0.0.0";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) port = Integer.parseInt(args[++i]);
      else if (args[i].equals("--host") && i + 1 < args.length) host = args[++i];
      else {
        System.err.println("usage: albtrace-demo netty --port N [--host H]");
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
      System.out.println("albtrace netty demo listening on http://" + host + ":" + port + "/");
      ch.closeFuture().sync();
    } finally {
      boss.shutdownGracefully();
      workers.shutdownGracefully();
    }
  }

  @ChannelHandler.Sharable
  static final class Echo extends SimpleChannelInboundHandler<HttpObject> {
    static final Echo INSTANCE = new Echo();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (!(msg instanceof HttpRequest)) return;
      HttpRequest req = (HttpRequest) msg;
      HttpHeaders h = req.headers();
      AmznTraceHeader alb = AlbTrace.header(ctx.channel());
      StringBuilder json = new StringBuilder(512).append('{');
      field(json, "x_amzn_trace_id", h.get(AmznTraceHeader.NAME));
      json.append(",\"valid\":").append(alb != null && alb.isValid());
      if (alb != null && alb.isValid()) {
        json.append(',');
        field(json, "aws.alb.trace_id", alb.root().toXrayRoot());
        json.append(',');
        field(json, "trace_id_128", alb.root().toHex());
        json.append(',');
        field(json, "dd_trace_id", alb.root().datadogTraceId());
      } else if (alb != null) {
        json.append(',');
        field(json, "error", alb.invalid().reason());
      }
      json.append(",\"continued\":").append(AlbTrace.continued(ctx.channel())).append(',');
      field(json, "traceparent", h.get("traceparent"));
      json.append(',');
      field(json, "x-datadog-trace-id", h.get("x-datadog-trace-id"));
      json.append(',');
      field(json, "tracer_trace_id", tracerTraceId());
      json.append("}\n");
      ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
      FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      HttpUtil.setContentLength(res, body.readableBytes());
      HttpUtil.setKeepAlive(res, HttpUtil.isKeepAlive(req));
      ctx.writeAndFlush(res);
    }
  }

  /** The current server span's trace id from whichever agent is there, or {@code null}. */
  static String tracerTraceId() {
    try {
      Class<?> span = Class.forName("io.opentelemetry.api.trace.Span");
      Object sc = span.getMethod("getSpanContext").invoke(span.getMethod("current").invoke(null));
      if ((Boolean) sc.getClass().getMethod("isValid").invoke(sc)) {
        return (String) sc.getClass().getMethod("getTraceId").invoke(sc);
      }
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // no OpenTelemetry API
    }
    try {
      Method m = Class.forName("datadog.trace.api.CorrelationIdentifier").getMethod("getTraceId");
      String id = (String) m.invoke(null);
      if (id != null && !id.equals("0")) return id;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // no dd-java-agent
    }
    return null;
  }

  private static void field(StringBuilder json, String name, String value) {
    json.append('"').append(name).append("\":");
    if (value == null) {
      json.append("null");
      return;
    }
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') json.append('\\').append(c);
      else if (c < 0x20) json.append(String.format("\\u%04x", (int) c));
      else json.append(c);
    }
    json.append('"');
  }
}
