package io.albtrace.benchmarks;

import io.albtrace.continuation.Continuation;
import io.albtrace.netty.AlbTrace;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 5, Netty: what albtrace adds to one request in a pipeline, against the same pipeline
 * without it. An {@link EmbeddedChannel} with {@link HttpServerCodec} is fed the raw bytes of a
 * request carrying the {@link Headers#ALB} mix plus the usual headers behind an ALB; albtrace is
 * {@link AlbTrace#install installed} after the codec; the last handler reads the continuation
 * headers, as a tracer would. HTTP decoding is part of both sides.
 *
 * <p>No tracer runs (only the OpenTelemetry API, without SDK, is on the classpath): span tagging
 * finds no span, and without SLF4J the MDC step is skipped, so this is albtrace's own cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NettyAdapter {
  private final byte[][] rawRequests = new byte[Headers.ALB.length][];
  private int next;

  // What the last handler saw.
  String traceId;
  String tags;
  String traceparent;

  final EmbeddedChannel withAlbtrace = channel(true);
  final EmbeddedChannel withoutAlbtrace = channel(false);

  public NettyAdapter() {
    for (int i = 0; i < Headers.ALB.length; i++) {
      rawRequests[i] =
          ("GET /api/v2/products?page=3 HTTP/1.1\r\n"
                  + "Host: shop.example.com\r\n"
                  + "User-Agent: " + Headers.USER_AGENT + "\r\n"
                  + "Accept: application/json\r\n"
                  + "Accept-Encoding: gzip, deflate, br\r\n"
                  + "X-Forwarded-For: 203.0.113.17\r\n"
                  + "X-Forwarded-Proto: https\r\n"
                  + "X-Forwarded-Port: 443\r\n"
                  + "X-Amzn-Trace-Id: " + Headers.ALB[i] + "\r\n"
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII);
    }
  }

  private EmbeddedChannel channel(boolean albtrace) {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast("codec", new HttpServerCodec());
    if (albtrace) AlbTrace.install(ch.pipeline(), Continuation.defaults());
    ch.pipeline()
        .addLast(
            "app",
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                  HttpRequest r = (HttpRequest) msg;
                  traceId = r.headers().get("x-datadog-trace-id");
                  tags = r.headers().get("x-datadog-tags");
                  traceparent = r.headers().get("traceparent");
                }
                ReferenceCountUtil.release(msg);
              }
            });
    return ch;
  }

  private byte[] nextRequest() {
    return rawRequests[next++ & (rawRequests.length - 1)];
  }

  @Benchmark
  public String albtraceHandler() {
    withAlbtrace.writeInbound(Unpooled.wrappedBuffer(nextRequest()));
    return traceId;
  }

  @Benchmark
  public String passThrough() {
    withoutAlbtrace.writeInbound(Unpooled.wrappedBuffer(nextRequest()));
    return traceId;
  }

  @TearDown
  public void close() {
    withAlbtrace.finishAndReleaseAll();
    withoutAlbtrace.finishAndReleaseAll();
  }
}
