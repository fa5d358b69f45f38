package io.albtrace.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.albtrace.AmznTraceHeader;
import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import io.albtrace.netty.AlbTrace;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Netty adapter on a real server on 127.0.0.1 under concurrent keep-alive load: 10^5 requests
 * of {@link HostileMix} over 4 connections, pipelined, trust policy {@code ALB_GENERATED_ONLY}.
 * Zero errors (no exception in the pipeline, every response a 200), every response echoes exactly
 * its own request's ids, and heap after GC does not grow between a warm-up and the end.
 */
class NettyStressTest {
  static final int CONNECTIONS = 4;
  static final int PER_CONNECTION = 25_000;
  static final long MAX_HEAP_GROWTH = 16L << 20;

  @Test
  void hostileMixUnderKeepAliveLoad() throws Exception {
    TrustPolicy policy = TrustPolicy.ALB_GENERATED_ONLY;
    AtomicInteger pipelineErrors = new AtomicInteger();
    try (Server server = new Server(policy, pipelineErrors)) {
      KeepAliveLoad.Result warmUp = KeepAliveLoad.run(server.port, 2, 5_000, 0, policy);
      assertEquals(0, warmUp.errors, warmUp::toString);
      long heapBefore = KeepAliveLoad.heapAfterGc();

      KeepAliveLoad.Result r = KeepAliveLoad.run(server.port, CONNECTIONS, PER_CONNECTION, 5_000, policy);
      long heapAfter = KeepAliveLoad.heapAfterGc();

      assertEquals(0, r.errors, r::toString);
      assertEquals(CONNECTIONS * PER_CONNECTION, r.ok);
      assertEquals(0, pipelineErrors.get(), "exceptions in the pipeline");
      assertTrue(heapAfter - heapBefore < MAX_HEAP_GROWTH,
          "heap after GC grew from " + heapBefore + " to " + heapAfter + " bytes over 10^5 requests");
      System.out.printf("netty stress: %d requests, heap after GC %d -> %d KB%n",
          r.ok, heapBefore >> 10, heapAfter >> 10);
    }
  }

  /** docs/spec.md §7 through the real handler under the other two policies ({@link HostileMix} encodes them). */
  @ParameterizedTest
  @EnumSource(value = TrustPolicy.class, names = {"ALWAYS", "NEVER"})
  void trustPolicyOnHostileMix(TrustPolicy policy) throws Exception {
    AtomicInteger pipelineErrors = new AtomicInteger();
    try (Server server = new Server(policy, pipelineErrors)) {
      KeepAliveLoad.Result r = KeepAliveLoad.run(server.port, 2, 20 * HostileMix.KINDS, 0, policy);
      assertEquals(0, r.errors, r::toString);
      assertEquals(40 * HostileMix.KINDS, r.ok);
      assertEquals(0, pipelineErrors.get());
    }
  }

  /** {@code HttpServerCodec → albtrace → echo} on 127.0.0.1, a free port. */
  static final class Server implements AutoCloseable {
    final EventLoopGroup boss = new NioEventLoopGroup(1);
    final EventLoopGroup workers = new NioEventLoopGroup(2);
    final Channel channel;
    final int port;

    Server(TrustPolicy policy, AtomicInteger pipelineErrors) throws InterruptedException {
      Continuation continuation = Continuation.builder().trustPolicy(policy).build();
      channel = new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast("codec", new HttpServerCodec());
              AlbTrace.install(ch.pipeline(), continuation);
              ch.pipeline().addLast("echo", new Echo(pipelineErrors));
            }
          })
          .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
      port = ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() throws InterruptedException {
      channel.close().sync();
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  /** Echoes what a tracer after albtrace would read: {@code id dd tags traceparent root}. */
  static final class Echo extends ChannelInboundHandlerAdapter {
    private final AtomicInteger errors;

    Echo(AtomicInteger errors) {
      this.errors = errors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (!(msg instanceof HttpRequest)) return;
        HttpRequest req = (HttpRequest) msg;
        HttpHeaders h = req.headers();
        AmznTraceHeader recorded = AlbTrace.header(ctx.channel());
        String body = req.uri().substring("/echo/".length())
            + "\n" + orDash(h.get("x-datadog-trace-id"))
            + "\n" + orDash(h.get("x-datadog-tags"))
            + "\n" + orDash(h.get("traceparent"))
            + "\n" + (recorded != null && recorded.isValid() ? recorded.root().toXrayRoot() : "-");
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        DefaultFullHttpResponse res = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        ctx.writeAndFlush(res);
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      errors.incrementAndGet();
      cause.printStackTrace();
      ctx.close();
    }

    private static String orDash(String s) {
      return s == null ? "-" : s;
    }
  }
}
