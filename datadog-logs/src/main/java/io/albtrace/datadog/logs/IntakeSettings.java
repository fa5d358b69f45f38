package io.albtrace.datadog.logs;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the logs go and how hard to try: the Datadog Logs intake (HTTP API v2), its key, its
 * limits and the retry schedule. Immutable; made with {@link #builder}.
 *
 * <pre>
 * POST https://http-intake.logs.datadoghq.com/api/v2/logs
 * DD-API-KEY: &lt;key&gt;
 * Content-Type: application/json
 * Content-Encoding: gzip
 *
 * [{"message":"http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/…","ddsource":"elb",…},…]
 * </pre>
 *
 * <p>The limits are Datadog's documented ones, read as decimal megabytes (the stricter reading):
 * at most {@value #MAX_ENTRIES} entries and {@value #MAX_PAYLOAD_BYTES} bytes of uncompressed JSON
 * per request, {@value #MAX_ENTRY_BYTES} bytes per entry. They can be lowered, never raised.
 */
public final class IntakeSettings {
  /** The site when {@code DD_SITE} is not set. */
  public static final String DEFAULT_SITE = "datadoghq.com";
  public static final int MAX_ENTRIES = 1000;
  public static final int MAX_PAYLOAD_BYTES = 5_000_000;
  public static final int MAX_ENTRY_BYTES = 1_000_000;

  private final URI url;
  private final String apiKey;
  final int maxEntries;
  final int maxPayloadBytes;
  final int maxEntryBytes;
  final int maxAttempts;
  final Duration firstBackoff;
  final Duration maxBackoff;
  final Duration maxRetryAfter;
  final Duration connectTimeout;
  final Duration requestTimeout;

  private IntakeSettings(Builder b) {
    this.url = b.url;
    this.apiKey = b.apiKey;
    this.maxEntries = b.maxEntries;
    this.maxPayloadBytes = b.maxPayloadBytes;
    this.maxEntryBytes = b.maxEntryBytes;
    this.maxAttempts = b.maxAttempts;
    this.firstBackoff = b.firstBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
  }

  /** {@code https://http-intake.logs.<site>/api/v2/logs}, e.g. for {@code datadoghq.eu} or {@code us5.datadoghq.com}. */
  public static URI siteUrl(String site) {
    if (site == null || site.isBlank()) site = DEFAULT_SITE;
    return URI.create("https://http-intake.logs." + site.trim() + "/api/v2/logs");
  }

  /**
   * The intake URL from the environment: {@code DD_LOGS_URL} when set (a proxy, a test), else
   * {@link #siteUrl} of {@code DD_SITE}.
   */
  public static URI url(Map<String, String> env) {
    String explicit = env.get("DD_LOGS_URL");
    return explicit != null && !explicit.isBlank() ? URI.create(explicit.trim()) : siteUrl(env.get("DD_SITE"));
  }

  /** Settings for {@code url} with Datadog's limits and the default retry schedule. */
  public static Builder builder(URI url, String apiKey) {
    return new Builder(url, apiKey);
  }

  public URI url() {
    return url;
  }

  String apiKey() {
    return apiKey;
  }

  /** What to change from the defaults; every setter checks its value. */
  public static final class Builder {
    private final URI url;
    private final String apiKey;
    private int maxEntries = MAX_ENTRIES;
    private int maxPayloadBytes = MAX_PAYLOAD_BYTES;
    private int maxEntryBytes = MAX_ENTRY_BYTES;
    private int maxAttempts = 6;
    private Duration firstBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);

    private Builder(URI url, String apiKey) {
      String scheme = url.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme)) throw new IllegalArgumentException("not an http(s) URL: " + url);
      if (apiKey == null || apiKey.isBlank()) throw new IllegalArgumentException("no API key");
      this.url = url;
      this.apiKey = apiKey.trim();
    }

    /** Lower limits than Datadog's (a proxy with smaller ones; tests). */
    public Builder limits(int maxEntries, int maxPayloadBytes, int maxEntryBytes) {
      if (maxEntries < 1 || maxEntries > MAX_ENTRIES || maxPayloadBytes > MAX_PAYLOAD_BYTES
          || maxEntryBytes > MAX_ENTRY_BYTES || maxEntryBytes < 4096 || maxPayloadBytes < maxEntryBytes + 2) {
        throw new IllegalArgumentException("limits out of range");
      }
      this.maxEntries = maxEntries;
      this.maxPayloadBytes = maxPayloadBytes;
      this.maxEntryBytes = maxEntryBytes;
      return this;
    }

    /**
     * Tries per request (the first included) on 408, 429, 5xx and connection errors, waiting
     * {@code first}, then twice as long each time up to {@code max}, each wait jittered between
     * half and all of it; a {@code Retry-After} is honoured up to {@code maxRetryAfter}.
     */
    public Builder retries(int maxAttempts, Duration first, Duration max, Duration maxRetryAfter) {
      if (maxAttempts < 1 || first.isNegative() || max.compareTo(first) < 0 || maxRetryAfter.isNegative()) {
        throw new IllegalArgumentException("retry schedule out of range");
      }
      this.maxAttempts = maxAttempts;
      this.firstBackoff = first;
      this.maxBackoff = max;
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    /** How long to wait for a connection, and for a response once the request is sent. */
    public Builder timeouts(Duration connect, Duration request) {
      if (connect.isNegative() || connect.isZero() || request.isNegative() || request.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
      this.connectTimeout = connect;
      this.requestTimeout = request;
      return this;
    }

    public IntakeSettings build() {
      return new IntakeSettings(this);
    }
  }
}
