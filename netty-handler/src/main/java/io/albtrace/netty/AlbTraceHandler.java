package io.albtrace.netty;

import io.albtrace.AmznTraceHeader;
import io.albtrace.Continuation;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AsciiString;

/**
 * Continues the ALB trace in the tracer that reads the request after it: for each
 * {@link HttpRequest} with a valid {@code X-Amzn-Trace-Id}, no tracing context of its own and a
 * {@link io.albtrace.TrustPolicy} that allows it, adds the SPEC §4 headers before passing the
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
 * <p>Invalid or absent headers pass untouched. Nothing is thrown into the pipeline: a failure here
 * leaves the request as it was. Per request it allocates the parsed header and the added header
 * values only. Sharable: one instance serves every channel.
 */
@Sharable
public final class AlbTraceHandler extends ChannelInboundHandlerAdapter {
  static final AsciiString X_AMZN_TRACE_ID = AsciiString.cached("x-amzn-trace-id");

  private static final AsciiString[] TRACING_CONTEXT_HEADERS = tracingContextHeaders();

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
        onRequest(RequestMapping.of(ctx.channel()), (HttpRequest) msg);
      } catch (RuntimeException | LinkageError e) {
        // The request goes on (recorded as not continued, still tagged when its header is valid):
        // tracing must never break serving.
      }
    }
    ctx.fireChannelRead(msg);
  }

  /** Decides, adds headers when continuing, and records the decision. Package-private for tests. */
  void onRequest(RequestMapping mapping, HttpRequest request) {
    HttpHeaders headers = request.headers();
    String value = headers.get(X_AMZN_TRACE_ID);
    if (value == null) {
      mapping.record(request, null, false);
      return;
    }
    AmznTraceHeader h = AmznTraceHeader.parse(value);
    mapping.record(request, h, false);
    if (h.isValid() && continuation.shouldContinue(h, hasTracingContext(headers))) {
      mapping.writeHeaders(continuation, h, headers);
      mapping.record(request, h, true);
    }
  }

  private static boolean hasTracingContext(HttpHeaders headers) {
    for (AsciiString name : TRACING_CONTEXT_HEADERS) {
      if (headers.contains(name)) return true;
    }
    return false;
  }

  private static AsciiString[] tracingContextHeaders() {
    String[] names = Continuation.tracingContextHeaders();
    AsciiString[] out = new AsciiString[names.length];
    for (int i = 0; i < names.length; i++) out[i] = AsciiString.cached(names[i]);
    return out;
  }

  @Override
  public String toString() {
    return "AlbTraceHandler{" + continuation + '}';
  }
}
