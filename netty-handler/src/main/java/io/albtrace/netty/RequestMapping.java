package io.albtrace.netty;

import io.albtrace.AmznTraceHeader;
import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.HeaderGetter;
import io.albtrace.continuation.HeaderSetter;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AttributeKey;

/**
 * What {@link AlbTraceHandler} decided for the request it saw last on a channel: the parsed
 * {@code X-Amzn-Trace-Id} and whether propagation headers were added. One per channel (an HTTP/2
 * stream is a channel of its own), created on the channel's first request and reused for every
 * later keep-alive or pipelined request, so recording a request allocates nothing.
 *
 * <p>It is also the carrier of the continuation flow: {@link #GETTER} reads the current request's
 * headers, {@link #SETTER} adds one and notes that the request was continued.
 *
 * <p>Netty hands an HTTP/1.1 connection's requests down the pipeline one at a time, in order, so
 * the request {@link AlbSpanTagHandler} sees is the one recorded here; it checks that by identity
 * and parses the header again for any other request object (say, one an aggregator rebuilt).
 */
final class RequestMapping {
  static final AttributeKey<RequestMapping> KEY = AttributeKey.valueOf("io.albtrace.netty.mapping");

  static final HeaderGetter<RequestMapping> GETTER = (m, name) -> m.request.headers().get(name);
  static final HeaderSetter<RequestMapping> SETTER = (m, name, value) -> {
    m.request.headers().set(name, value);
    m.continued = true;
  };

  private HttpRequest request;
  private AmznTraceHeader header;
  private boolean continued;
  private boolean tagged;

  static RequestMapping of(Channel channel) {
    RequestMapping m = channel.attr(KEY).get();
    if (m == null) {
      m = new RequestMapping();
      RequestMapping raced = channel.attr(KEY).setIfAbsent(m);
      if (raced != null) m = raced;
    }
    return m;
  }

  /** The mapping recorded on {@code channel}, or {@code null} when no request was seen yet. */
  static RequestMapping peek(Channel channel) {
    return channel.attr(KEY).get();
  }

  /** Runs the continuation flow on {@code request} and records what it decided. */
  void continueTrace(Continuation continuation, HttpRequest request) {
    this.request = request;
    this.continued = false;
    this.tagged = false;
    try {
      this.header = continuation.continueTrace(this, GETTER, SETTER);
    } catch (RuntimeException | LinkageError e) {
      // Say, read-only headers: the request goes on as it came, not continued but still tagged.
      this.header = parse(request);
      this.continued = false;
    }
  }

  /**
   * The header recorded for {@code request}, or {@code request}'s own header parsed again when
   * the recorded request is another object; {@code null} when it has none.
   */
  AmznTraceHeader headerFor(HttpRequest request) {
    return request == this.request ? header : parse(request);
  }

  private static AmznTraceHeader parse(HttpRequest request) {
    String value = request.headers().get(AmznTraceHeader.NAME);
    return value == null ? null : AmznTraceHeader.parse(value);
  }

  /**
   * Notes that {@link AlbSpanTagHandler} handled the request ({@code tagged}: a span got the tags)
   * and drops the reference to it, so it is not kept reachable.
   */
  void tagged(boolean tagged) {
    this.tagged = tagged;
    request = null;
  }

  /** Whether the last request's server span got the docs/spec.md §7 tags. */
  boolean tagged() {
    return tagged;
  }

  /** The last request's header, {@code null} when it had none. */
  AmznTraceHeader header() {
    return header;
  }

  /** Whether the last request got propagation headers. */
  boolean continued() {
    return continued;
  }
}
