package io.albtrace.spring;

import io.albtrace.continuation.Continuation;
import io.albtrace.netty.AlbTrace;
import io.albtrace.netty.AlbTraceHandler;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.util.function.UnaryOperator;
import reactor.netty.ConnectionObserver;
import reactor.netty.http.server.HttpServer;

/**
 * Puts {@link AlbTrace#install} into every pipeline a Reactor Netty server reads requests from:
 *
 * <pre>
 * HTTP/1.1 connection   reactor.left.httpCodec → albtrace → [agent] → albtrace.tags → …   (doOnChannelInit)
 * HTTP/2 stream (h2c)   reactor.left.h2ToHttp11Codec → albtrace → [agent] → albtrace.tags → …   (stream connected)
 * </pre>
 *
 * <p>Reactor Netty builds each HTTP/2 stream's pipeline itself and runs {@code doOnChannelInit}
 * only for the connection, so streams are hooked when their channel becomes active, which
 * happens before the stream's first frame is read. A connection without an HTTP/1.1 codec (an
 * HTTP/2-only one) is left as it is: its streams get the handlers. One {@link AlbTraceHandler}
 * serves every pipeline.
 */
final class ReactorNettyHook implements UnaryOperator<HttpServer> {
  private final AlbTraceHandler handler;

  ReactorNettyHook(Continuation continuation) {
    this.handler = new AlbTraceHandler(continuation);
  }

  @Override
  public HttpServer apply(HttpServer server) {
    return server
        .doOnChannelInit((observer, channel, remoteAddress) -> install(channel))
        .childObserve((connection, state) -> {
          if (state == ConnectionObserver.State.CONNECTED && connection.channel() instanceof Http2StreamChannel) {
            install(connection.channel());
          }
        });
  }

  private void install(Channel channel) {
    try {
      AlbTrace.install(channel.pipeline(), handler);
    } catch (IllegalStateException e) {
      // no HTTP/1.1 codec on this connection (HTTP/2 only, or protocol still to be negotiated):
      // its requests arrive on streams, which are hooked one by one
    }
  }
}
