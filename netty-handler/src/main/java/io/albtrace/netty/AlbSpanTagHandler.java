package io.albtrace.netty;

import io.albtrace.AmznTraceHeader;
import io.albtrace.tracers.AlbLogContext;
import io.albtrace.tracers.AlbSpanTags;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Writes the docs/spec.md §7 tags on the server span and the log context, for the request that
 * {@link AlbTraceHandler} recorded on the channel:
 *
 * <pre>
 * aws.alb.trace_id  = 1-67891233-abcdef012345678912345678
 * aws.alb.self      = 1-67891233-12456789abcdef012345   (when Self is valid)
 * aws.alb.continued = true                              (the span's trace id is the Root's)
 * </pre>
 *
 * <p>It must sit <em>after</em> the tracer's server handler: tracers make the server span current
 * (OpenTelemetry {@code Span.current()}, Datadog's active span) only while that handler passes the
 * request on. {@link AlbTrace#install} places it there. The log context ({@code aws.alb.trace_id}
 * in the SLF4J MDC) is set while the request travels further down the pipeline, that is for the
 * synchronous part of the application's handling. Sharable; never throws into the pipeline.
 */
@Sharable
public final class AlbSpanTagHandler extends ChannelInboundHandlerAdapter {
  /** The one instance: the handler has no state of its own. */
  public static final AlbSpanTagHandler INSTANCE = new AlbSpanTagHandler();

  private AlbSpanTagHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest)) {
      ctx.fireChannelRead(msg);
      return;
    }
    AlbLogContext.Scope logContext = null;
    try {
      RequestMapping m = RequestMapping.of(ctx.channel());
      AmznTraceHeader h = m.headerFor((HttpRequest) msg);
      boolean tagged = false;
      if (h != null && h.isValid()) {
        tagged = AlbSpanTags.tagCurrentSpan(h); // never throws
        logContext = AlbLogContext.put(h); // never throws
      }
      m.tagged(tagged);
    } catch (RuntimeException | LinkageError e) {
      // Tags are best effort: the request is served whatever happens here.
    }
    try {
      ctx.fireChannelRead(msg);
    } finally {
      if (logContext != null) logContext.close();
    }
  }
}
