package io.albtrace.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.albtrace.AmznTraceHeader;
import io.albtrace.continuation.Continuation;
import io.albtrace.continuation.TrustPolicy;
import io.albtrace.netty.AlbTrace;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the Netty adapter in an {@link EmbeddedChannel}: {@code HttpServerCodec → albtrace →
 * application}, with the fuzzer's bytes fed to the codec twice — once as the value of an {@code
 * X-Amzn-Trace-Id} line of a well-formed request, once as raw header lines after a request line
 * (so CR/LF, several {@code X-Amzn-Trace-Id} lines, tracing headers and pipelined requests all
 * occur). For every request the codec delivers, compared with a snapshot of its headers taken just
 * before albtrace:
 *
 * <ul>
 *   <li>nothing is thrown into the pipeline, and a response goes out for every request;
 *   <li>the request is continued exactly when docs/spec.md §7 says (valid Root, the trust policy picked by
 *       the input's length allows it, no tracing context of its own), and then carries exactly the
 *       docs/spec.md §4 headers of the Root it carried; otherwise its headers are untouched;
 *   <li>nothing albtrace added holds CR, LF or any other control or non-ASCII char.
 * </ul>
 *
 * Seeds: {@code src/test/resources/io/albtrace/reliability/NettyHandlerFuzzTestInputs/nettyHandler/}.
 */
class NettyHandlerFuzzTest {
  private static final TrustPolicy[] POLICIES = TrustPolicy.values();
  private static final byte[] VALUE_PREFIX =
      "GET /v HTTP/1.1\r\nHost: a\r\nX-Amzn-Trace-Id: ".getBytes(ISO_8859_1);
  private static final byte[] VALUE_SUFFIX = "\r\n\r\n".getBytes(ISO_8859_1);
  private static final byte[] RAW_PREFIX = "GET /raw HTTP/1.1\r\n".getBytes(ISO_8859_1);

  @FuzzTest(maxDuration = "30m")
  void nettyHandler(byte[] data) {
    TrustPolicy policy = POLICIES[data.length % POLICIES.length];
    exchange(policy, VALUE_PREFIX, data, VALUE_SUFFIX);
    exchange(policy, RAW_PREFIX, data, VALUE_SUFFIX);
  }

  static void exchange(TrustPolicy policy, byte[] prefix, byte[] data, byte[] suffix) {
    Continuation continuation = Continuation.builder().trustPolicy(policy).build();
    List<String> failures = new ArrayList<>();
    Checker checker = new Checker(continuation, failures);
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast("codec", new HttpServerCodec());
    AlbTrace.install(ch.pipeline(), continuation);
    ch.pipeline().addBefore(AlbTrace.HANDLER_NAME, "snapshot", checker.snapshot);
    ch.pipeline().addLast("app", checker);
    try {
      ch.writeInbound(Unpooled.wrappedBuffer(prefix, data, suffix));
      ch.checkException();
      assertTrue(failures.isEmpty(), () -> failures.toString());
      // A request line always yields a request, even a bad one (DecoderResult failure).
      assertTrue(checker.requests >= 1, "no request delivered");
      assertEquals(checker.requests, checker.responses);
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  /** Records each request's headers as decoded, before albtrace sees them. */
  static final class Snapshot extends ChannelInboundHandlerAdapter {
    List<Map.Entry<String, String>> headers;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) headers = ((HttpRequest) msg).headers().entries();
      ctx.fireChannelRead(msg);
    }
  }

  /** The application: checks the request albtrace passed on, answers it. */
  static final class Checker extends ChannelInboundHandlerAdapter {
    final Snapshot snapshot = new Snapshot();
    final Continuation continuation;
    final List<String> failures;
    int requests;
    int responses;

    Checker(Continuation continuation, List<String> failures) {
      this.continuation = continuation;
      this.failures = failures;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof HttpRequest) {
          requests++;
          try {
            check(ctx, (HttpRequest) msg);
          } catch (AssertionError e) {
            failures.add(e.getMessage());
          }
          DefaultFullHttpResponse res =
              new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
          res.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
          ctx.writeAndFlush(res);
          responses++;
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failures.add("exception in pipeline: " + cause);
    }

    private void check(ChannelHandlerContext ctx, HttpRequest req) {
      List<Map.Entry<String, String>> before = snapshot.headers;
      String amzn = first(before, AmznTraceHeader.NAME);
      boolean tracingContext = false;
      for (Map.Entry<String, String> h : before) tracingContext |= Requests.isTracingContextHeader(h.getKey());
      SpecOracle.Expected e = amzn == null ? null : SpecOracle.expect(amzn);
      boolean valid = e != null && e.valid();
      boolean continued = valid && !tracingContext
          && (continuation.trustPolicy() == TrustPolicy.ALWAYS
              || (continuation.trustPolicy() == TrustPolicy.ALB_GENERATED_ONLY && !e.selfField));

      assertEquals(continued, AlbTrace.continued(ctx.channel()), "continued");
      AmznTraceHeader recorded = AlbTrace.header(ctx.channel());
      if (amzn == null) {
        assertNull(recorded);
      } else {
        assertEquals(AmznTraceHeader.parse(amzn).toString(), recorded.toString());
      }
      List<Map.Entry<String, String>> after = req.headers().entries();
      if (!continued) {
        assertEquals(before.toString(), after.toString(), "headers changed on a request not continued");
        return;
      }
      assertEquals(e.ddTraceId(), req.headers().get("x-datadog-trace-id"));
      assertEquals("_dd.p.tid=" + e.ddPTid(), req.headers().get("x-datadog-tags"));
      assertEquals(e.traceparent(), req.headers().get("traceparent"));
      assertEquals(e.parentHex == null ? null : Long.toUnsignedString(Long.parseUnsignedLong(e.parentHex, 16)),
          req.headers().get("x-datadog-parent-id"));
      assertEquals(e.sampled == '1' ? "1" : e.sampled == '0' ? "0" : null,
          req.headers().get("x-datadog-sampling-priority"));
      // Compare by name and value: Netty's entries are views without value equality.
      java.util.Set<String> beforeEntries = new java.util.HashSet<>();
      for (Map.Entry<String, String> h : before) beforeEntries.add(h.getKey() + '\0' + h.getValue());
      for (Map.Entry<String, String> h : after) {
        if (!beforeEntries.contains(h.getKey() + '\0' + h.getValue())) {
          Checks.assertSafeHeaderValue("added header name", h.getKey());
          Checks.assertSafeHeaderValue(h.getKey(), h.getValue());
        }
      }
      assertFalse(after.size() < before.size(), "headers removed");
    }

    private static String first(List<Map.Entry<String, String>> headers, String name) {
      for (Map.Entry<String, String> h : headers) if (h.getKey().equalsIgnoreCase(name)) return h.getValue();
      return null;
    }
  }
}
