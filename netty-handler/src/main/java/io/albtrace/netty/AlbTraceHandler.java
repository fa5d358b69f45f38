package io.albtrace.netty;

import io.albtrace.continuation.Continuation;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Continues the ALB trace in the tracer that reads the request after it: for each
 * {@link HttpRequest} with a valid {@code X-Amzn-Trace-Id}, no tracing context of its own and a
 * {@link io.albtrace.TrustPolicy} that allows it, adds the docs/spec.md §4 headers before passing the
 * request on:
 *
 * <pre>
 * X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678        (as received)
 * x-datadog-trace-id: 2541551403134113400                           (added)
 * x-datadog-tags: _dd.p.tid=67891233abcdef01                        (added)
 * traceparent: 00-67891233abcdef012345678912345678-00a80ccd5996a294-01   (added)
 * </pre>
 *
 * <p>It only works when it runs <em>before</em> the tracer's server handler, which is why
 * {@link AlbTrace#install} places it. It records what it did on the channel ({@link AlbTrace#header})
 * for {@link AlbSpanTagHandler}, which tags the server span once the tracer has started it.
 *
 * <p>The decision is {@link Continuation#continueTrace}, the flow every albtrace adapter shares.
 * Invalid or absent headers pass untouched. Nothing is thrown into the pipeline: a failure here
 * leaves the request as it was. Per request it allocates the parsed header and the added header
 * values only. Sharable: one instance serves every channel.
 */
@Sharable
public final class AlbTraceHandler extends ChannelInboundHandlerAdapter {
  private final Continuation continuation;

  /** With the given settings (trust policy, which headers to write). */
  public AlbTraceHandler(Continuation continuation) {
    if (continuation == null) throw new NullPointerException("continuation");
    this.continuation = continuation;
  }

  public Continuation continuation() {
    return continuation;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      try {
        RequestMapping.of(ctx.channel()).continueTrace(continuation, (HttpRequest) msg);
      } catch (RuntimeException | LinkageError e) {
        // Tracing must never break serving: the request goes on as it came.
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public String toString() {
    return "AlbTraceHandler{" + continuation + '}';
  }
}
