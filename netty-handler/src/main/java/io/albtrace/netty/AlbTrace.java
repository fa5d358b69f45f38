package io.albtrace.netty;

import io.albtrace.AmznTraceHeader;
import io.albtrace.continuation.Continuation;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.List;

/**
 * Puts albtrace into a Netty server pipeline, where ordering is everything:
 *
 * <pre>
 * HttpServerCodec → albtrace → [tracer's server handlers] → albtrace.tags → application
 * </pre>
 *
 * <p>{@link AlbTraceHandler} ({@value #HANDLER_NAME}) must run before the tracer extracts the trace
 * context from the request, {@link AlbSpanTagHandler} ({@value #TAG_HANDLER_NAME}) after the tracer
 * has started the server span. Java agents insert their handlers right after the HTTP codec when
 * the codec is added to the pipeline, named after their own class; {@link #install} therefore goes
 * directly after the codec and in front of any such handler (by name, with {@code addBefore}: the
 * OpenTelemetry agent turns {@code addAfter(codec, …)} into "after the agent's handler"), and puts
 * the tag handler after the last of them.
 *
 * <pre>
 * ch.pipeline().addLast("codec", new HttpServerCodec());
 * AlbTrace.install(ch.pipeline());
 * ch.pipeline().addLast("app", new MyHandler());
 * </pre>
 *
 * <p>Recognised codecs: {@link HttpServerCodec}, {@link HttpRequestDecoder} (and subclasses), and
 * for HTTP/2 {@code Http2StreamFrameToHttpObjectCodec} (in a stream's child pipeline) and
 * {@code HttpToHttp2ConnectionHandler} (with {@code InboundHttp2ToHttpAdapter}).
 */
public final class AlbTrace {
  /** The name of the {@link AlbTraceHandler} in the pipeline. */
  public static final String HANDLER_NAME = "albtrace";

  /** The name of the {@link AlbSpanTagHandler} in the pipeline. */
  public static final String TAG_HANDLER_NAME = "albtrace.tags";

  private static final String[] HTTP2_CODECS = {
    "io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec",
    "io.netty.handler.codec.http2.HttpToHttp2ConnectionHandler"
  };

  private static volatile AlbTraceHandler defaultHandler;

  private AlbTrace() {}

  /**
   * {@link #install(ChannelPipeline, AlbTraceHandler)} with one shared handler configured from
   * system properties / environment, read once ({@link Continuation#fromSystem()}; under
   * dd-java-agent {@code albtrace.w3c} defaults to {@code false}, so the server span gets
   * {@code parent_id=0} and the agent's own sampling decision). An invalid setting is logged once
   * and turns continuation off (tags only), the safe side of a trust decision, rather than failing
   * every connection.
   */
  public static void install(ChannelPipeline pipeline) {
    install(pipeline, defaultHandler());
  }

  /** {@link #install(ChannelPipeline, AlbTraceHandler)} with a handler for {@code continuation}. */
  public static void install(ChannelPipeline pipeline, Continuation continuation) {
    install(pipeline, new AlbTraceHandler(continuation));
  }

  /**
   * Inserts {@code handler} directly after the HTTP codec, before any tracer handler that follows
   * the codec, and {@link AlbSpanTagHandler} after those tracer handlers. Call it once per channel,
   * after the codec has been added (typically in {@code initChannel}).
   *
   * @throws IllegalStateException when the pipeline has no HTTP server codec, or albtrace is
   *     already installed
   */
  public static void install(ChannelPipeline pipeline, AlbTraceHandler handler) {
    if (pipeline.get(HANDLER_NAME) != null || pipeline.get(TAG_HANDLER_NAME) != null) {
      throw new IllegalStateException("albtrace is already installed in " + pipeline.names());
    }
    // names() lists every handler, the OpenTelemetry agent's too (it hides them from toMap() only)
    List<String> names = pipeline.names();
    int codec = codecIndex(pipeline, names);
    if (codec < 0) {
      throw new IllegalStateException(
          "no HTTP server codec (HttpServerCodec, HttpRequestDecoder, Http2StreamFrameToHttpObjectCodec,"
              + " HttpToHttp2ConnectionHandler) in pipeline " + names
              + ": add the codec first, then call AlbTrace.install");
    }
    int lastTracer = codec;
    while (lastTracer + 1 < names.size() && isAgentHandler(pipeline, names.get(lastTracer + 1))) {
      lastTracer++;
    }
    if (lastTracer > codec) {
      pipeline.addBefore(names.get(codec + 1), HANDLER_NAME, handler);
      pipeline.addAfter(names.get(lastTracer), TAG_HANDLER_NAME, AlbSpanTagHandler.INSTANCE);
    } else {
      pipeline.addAfter(names.get(codec), HANDLER_NAME, handler);
      pipeline.addAfter(HANDLER_NAME, TAG_HANDLER_NAME, AlbSpanTagHandler.INSTANCE);
    }
  }

  /**
   * The {@code X-Amzn-Trace-Id} of the request that last passed {@link AlbTraceHandler} on
   * {@code channel} (valid or not), or {@code null} when it had none or none passed yet. While a
   * request is being handled, that request's header.
   */
  public static AmznTraceHeader header(Channel channel) {
    RequestMapping m = RequestMapping.peek(channel);
    return m == null ? null : m.header();
  }

  /** Whether {@link AlbTraceHandler} added propagation headers to the last request on {@code channel}. */
  public static boolean continued(Channel channel) {
    RequestMapping m = RequestMapping.peek(channel);
    return m != null && m.continued();
  }

  /** Whether {@link AlbSpanTagHandler} wrote the docs/spec.md §7 tags on a span for the last request on {@code channel}. */
  public static boolean tagged(Channel channel) {
    RequestMapping m = RequestMapping.peek(channel);
    return m != null && m.tagged();
  }

  /** The index in {@code names} of the first HTTP server codec, or -1. */
  static int codecIndex(ChannelPipeline pipeline, List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      ChannelHandler h = pipeline.get(names.get(i));
      if (h != null && isServerCodec(h)) return i;
    }
    return -1;
  }

  private static boolean isServerCodec(ChannelHandler h) {
    if (h instanceof HttpServerCodec || h instanceof HttpRequestDecoder) return true;
    // by name: netty-codec-http2 is optional
    for (Class<?> c = h.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (String name : HTTP2_CODECS) {
        if (name.equals(c.getName())) return true;
      }
    }
    return false;
  }

  /**
   * Handlers a Java agent inserted: dd-java-agent's ({@code datadog.trace.…}, auto-generated names
   * such as {@code HttpServerTracingHandler#0}) and the OpenTelemetry agent's
   * ({@code io.opentelemetry.…}, named after their class). Any handler named after its own class is
   * taken for one too, as that is how agents name what they add.
   */
  private static boolean isAgentHandler(ChannelPipeline pipeline, String name) {
    ChannelHandler h = pipeline.get(name);
    if (h == null || h instanceof AlbTraceHandler || h instanceof AlbSpanTagHandler) return false;
    String cls = h.getClass().getName();
    return name.equals(cls)
        || cls.startsWith("datadog.trace.")
        || cls.startsWith("io.opentelemetry.javaagent.")
        || cls.startsWith("io.opentelemetry.instrumentation.");
  }

  private static AlbTraceHandler defaultHandler() {
    AlbTraceHandler h = defaultHandler;
    if (h == null) {
      synchronized (AlbTrace.class) {
        h = defaultHandler;
        if (h == null) defaultHandler = h = new AlbTraceHandler(Continuation.fromSystem());
      }
    }
    return h;
  }
}
