package io.albtrace.netty;

import io.albtrace.continuation.Continuation;
import io.netty.channel.ChannelPipeline;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The servers that {@link ForkedServer} runs in a JVM of its own, under a real Java agent. Prints
 * {@code PIPELINE [names]} for the first connection and three ports, then serves until stdin
 * closes ({@code NETTY <versions>} first):
 *
 * <pre>
 * PORT n           AlbTrace.install(pipeline): settings from the system, the tracer's defaults
 *                  (no traceparent under dd-java-agent)
 * PORT_BOTH n      AlbTrace.install with w3c on: Datadog headers and traceparent
 * PORT_PLAIN n     no albtrace
 * PORT_NAIVE n     AlbTraceHandler added by hand with addAfter("codec", …), no tag handler
 * </pre>
 */
public final class AgentServerMain {
  private AgentServerMain() {}

  public static void main(String[] args) throws Exception {
    AtomicBoolean printed = new AtomicBoolean();
    try (EchoServer server = new EchoServer(null, AlbTrace::install) {
          @Override
          void afterInit(ChannelPipeline p) {
            if (printed.compareAndSet(false, true)) System.out.println("PIPELINE " + p.names());
          }
        };
        EchoServer both = new EchoServer(null, EchoServer.with(Continuation.builder().w3c(true).build()));
        EchoServer plain = new EchoServer(null, null);
        EchoServer naive = new EchoServer(
            p -> p.addAfter("codec", "albtrace", new AlbTraceHandler(Continuation.builder().w3c(true).build())), null)) {
      java.util.Set<String> netty = new java.util.TreeSet<>();
      for (io.netty.util.Version v : io.netty.util.Version.identify().values()) netty.add(v.artifactVersion());
      System.out.println("NETTY " + String.join(",", netty));
      System.out.println("PORT_NAIVE " + naive.port());
      System.out.println("PORT_BOTH " + both.port());
      System.out.println("PORT_PLAIN " + plain.port());
      System.out.println("PORT " + server.port());
      System.out.flush();
      try {
        while (System.in.read() >= 0) {
          // serve until the test closes our stdin
        }
      } catch (IOException e) {
        // parent gone
      }
    }
    System.exit(0);
  }
}
