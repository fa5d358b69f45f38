package io.albtrace.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * A tracer's server handler, built on the OpenTelemetry SDK the way the agents build theirs:
 * extracts the context from the request headers, starts a SERVER span, makes it current while the
 * request travels on. Tests insert it right after the codec under its class name, as agents do.
 */
final class TestTracingHandler extends ChannelInboundHandlerAdapter {
  private static final TextMapGetter<HttpRequest> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(HttpRequest carrier) {
      return carrier.headers().names();
    }

    @Override
    public String get(HttpRequest carrier, String key) {
      return carrier == null ? null : carrier.headers().get(key);
    }
  };

  private final OpenTelemetry otel;
  private final Tracer tracer;

  TestTracingHandler(OpenTelemetry otel) {
    this.otel = otel;
    this.tracer = otel.getTracer("test-netty-server");
  }

  static void addAfterCodec(io.netty.channel.ChannelPipeline p, OpenTelemetry otel) {
    p.addAfter("codec", TestTracingHandler.class.getName(), new TestTracingHandler(otel));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest)) {
      ctx.fireChannelRead(msg);
      return;
    }
    HttpRequest req = (HttpRequest) msg;
    Context parent = otel.getPropagators().getTextMapPropagator().extract(Context.root(), req, GETTER);
    Span span = tracer.spanBuilder(req.method().name()).setParent(parent).setSpanKind(SpanKind.SERVER)
        .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      ctx.fireChannelRead(msg);
    } finally {
      span.end();
    }
  }
}
