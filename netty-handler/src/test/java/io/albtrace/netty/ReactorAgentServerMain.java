package io.albtrace.netty;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A Reactor Netty server with {@code doOnChannelInit(… AlbTrace.install(channel.pipeline()))}, for
 * {@link ForkedServer} under a real agent. Prints {@code PIPELINE [names]} and {@code PORT <n>};
 * answers {@code {"alb_root":"1-…","tagged":true}}; serves until stdin closes.
 */
public final class ReactorAgentServerMain {
  private ReactorAgentServerMain() {}

  public static void main(String[] args) throws Exception {
    AtomicBoolean printed = new AtomicBoolean();
    DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
        .doOnChannelInit((observer, channel, remote) -> {
          AlbTrace.install(channel.pipeline());
          if (printed.compareAndSet(false, true)) System.out.println("PIPELINE " + channel.pipeline().names());
        })
        .handle((req, res) -> {
          boolean[] tagged = new boolean[1];
          req.withConnection(c -> tagged[0] = AlbTrace.tagged(c.channel()));
          return res.header("content-type", "application/json")
              .sendString(Mono.just("{\"tagged\":" + tagged[0] + "}"));
        })
        .bindNow();
    System.out.println("PORT " + server.port());
    System.out.flush();
    try {
      while (System.in.read() >= 0) {
        // serve until the test closes our stdin
      }
    } catch (IOException e) {
      // parent gone
    }
    server.disposeNow();
    System.exit(0);
  }
}
