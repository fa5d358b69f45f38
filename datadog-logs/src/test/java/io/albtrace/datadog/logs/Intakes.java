package io.albtrace.datadog.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.testsupport.FakeDatadogLogsIntake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Forwarders for tests: a fake intake, retries in milliseconds, the waits asked for recorded. */
final class Intakes {
  static final String API_KEY = "0123456789abcdef0123456789abcdef";
  static final ObjectMapper JSON = new ObjectMapper();

  private Intakes() {}

  /** Short backoffs (1–4 ms), Retry-After honoured up to 5 s, 4 attempts, 2 s timeouts. */
  static IntakeSettings.Builder settings(URI url) {
    return IntakeSettings.builder(url, API_KEY)
        .retries(4, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(5))
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  /** Records each wait asked for; sleeps at most 5 ms of it. */
  static final class Sleeper implements LogsIntakeClient.Sleeper {
    final List<Long> asked = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(long millis) throws InterruptedException {
      asked.add(millis);
      Thread.sleep(Math.min(millis, 5));
    }
  }

  static AlbLogForwarder forwarder(IntakeSettings s, EntryOptions o, Sleeper sleeper) {
    return new AlbLogForwarder(s, o, new LogsIntakeClient(s, sleeper, new SplittableRandom(1)));
  }

  static AlbLogForwarder forwarder(FakeDatadogLogsIntake intake) {
    return forwarder(settings(intake.url()).build(), EntryOptions.defaults(), new Sleeper());
  }

  /** The dd.trace_id {@code albtrace enrich} writes for a line, or null. */
  static Function<String, String> enrichTraceId(AlbLogEnricher.TraceIdFormat format) {
    AlbLogEnricher enricher = new AlbLogEnricher(format);
    return line -> {
      try {
        JsonNode id = JSON.readTree(enricher.enrich(line)).get("dd.trace_id");
        return id == null ? null : id.asText();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
