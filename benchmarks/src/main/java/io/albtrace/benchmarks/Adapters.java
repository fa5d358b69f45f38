package io.albtrace.benchmarks;

import io.albtrace.Continuation;
import io.albtrace.netty.AlbTrace;
import io.albtrace.servlet.AlbTraceFilter;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
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
 * Benchmark 5: what an adapter adds to one request, against the same request passing without it.
 * Requests carry the {@link Headers#ALB} mix plus the usual browser headers, so every request is
 * continued (Datadog headers and traceparent added). Whatever runs after the adapter reads the
 * continuation headers, as a tracer would.
 *
 * <ul>
 *   <li>Servlet: {@link AlbTraceFilter} on a {@link MinimalRequest} (no container), chain = a
 *       lambda reading the headers; pass-through calls the chain directly.
 *   <li>Netty: an {@link EmbeddedChannel} with {@link HttpServerCodec}, fed the raw request bytes,
 *       with albtrace {@link AlbTrace#install installed} after the codec; pass-through is the same
 *       pipeline without it. HTTP decoding is part of both.
 * </ul>
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
public class Adapters {
  private static final String USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

  private int next;

  // ---- What the server's code after the adapter sees ----

  String traceId;
  String tags;
  String traceparent;

  // ---- Servlet ----

  private final AlbTraceFilter filter = new AlbTraceFilter(Continuation.defaults());
  private final MinimalRequest[] requests = new MinimalRequest[Headers.ALB.length];
  final FilterChain chain =
      (request, response) -> {
        HttpServletRequest http = (HttpServletRequest) request;
        traceId = http.getHeader("x-datadog-trace-id");
        tags = http.getHeader("x-datadog-tags");
        traceparent = http.getHeader("traceparent");
      };

  // ---- Netty ----

  private final byte[][] rawRequests = new byte[Headers.ALB.length][];
  final EmbeddedChannel nettyWithAlbtrace = nettyChannel(true);
  final EmbeddedChannel nettyPassThrough = nettyChannel(false);

  public Adapters() {
    for (int i = 0; i < Headers.ALB.length; i++) {
      requests[i] =
          new MinimalRequest(
              "Host", "shop.example.com",
              "User-Agent", USER_AGENT,
              "Accept", "application/json",
              "Accept-Encoding", "gzip, deflate, br",
              "X-Forwarded-For", "203.0.113.17",
              "X-Forwarded-Proto", "https",
              "X-Forwarded-Port", "443",
              "X-Amzn-Trace-Id", Headers.ALB[i]);
      rawRequests[i] =
          ("GET /api/v2/products?page=3 HTTP/1.1\r\n"
                  + "Host: shop.example.com\r\n"
                  + "User-Agent: " + USER_AGENT + "\r\n"
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

  private EmbeddedChannel nettyChannel(boolean albtrace) {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast("codec", new HttpServerCodec());
    if (albtrace) AlbTrace.install(ch.pipeline(), Continuation.defaults());
    ch.pipeline().addLast("app", new ChannelInboundHandlerAdapter() {
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

  private int nextIndex() {
    return next++ & (Headers.ALB.length - 1);
  }

  @Benchmark
  public String albtraceServletFilter() throws IOException, ServletException {
    MinimalRequest r = requests[nextIndex()];
    r.recycle();
    filter.doFilter(r, null, chain);
    return traceId;
  }

  @Benchmark
  public String servletPassThrough() throws IOException, ServletException {
    MinimalRequest r = requests[nextIndex()];
    r.recycle();
    chain.doFilter(r, null);
    return traceId;
  }

  @Benchmark
  public String albtraceNettyHandler() {
    nettyWithAlbtrace.writeInbound(Unpooled.wrappedBuffer(rawRequests[nextIndex()]));
    return traceId;
  }

  @Benchmark
  public String nettyPassThrough() {
    nettyPassThrough.writeInbound(Unpooled.wrappedBuffer(rawRequests[nextIndex()]));
    return traceId;
  }

  @TearDown
  public void close() {
    nettyWithAlbtrace.finishAndReleaseAll();
    nettyPassThrough.finishAndReleaseAll();
  }
}
