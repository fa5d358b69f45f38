package io.albtrace;

import java.util.Locale;
import java.util.function.Function;

/**
 * How an adapter continues an ALB trace in the tracer that extracts after it (SPEC §4, §7): which
 * requests qualify and which propagation headers to add to them. Immutable and thread-safe.
 *
 * <p>A request is continued when its {@code X-Amzn-Trace-Id} is valid, the {@link TrustPolicy}
 * allows it, continuation is enabled, and the request carries no tracing context of its own
 * ({@code traceparent}, {@code x-datadog-trace-id}, {@code b3}, {@code X-B3-TraceId}): an upstream
 * tracer's context always wins.
 *
 * <p>Settings, each also readable from configuration by {@link #fromConfig} (system property name,
 * environment variable in brackets):
 *
 * <pre>
 * albtrace.trust-policy    (ALBTRACE_TRUST_POLICY)    always | alb-generated-only | never   [always]
 * albtrace.continue        (ALBTRACE_CONTINUE)        true | false                         [true]
 * albtrace.datadog         (ALBTRACE_DATADOG)         write x-datadog-* headers            [true]
 * albtrace.w3c             (ALBTRACE_W3C)             write traceparent                    [true]
 * albtrace.sample-deferred (ALBTRACE_SAMPLE_DEFERRED) traceparent flag when ALB deferred   [true]
 * </pre>
 */
public final class Continuation {
  /** Headers that mean "the request already has a trace": lowercase, compare ignoring case. */
  private static final String[] TRACING_CONTEXT_HEADERS = {
    "traceparent", "x-datadog-trace-id", "b3", "x-b3-traceid"
  };

  /** Receives the headers to add to a continued request. */
  @FunctionalInterface
  public interface HeaderSink {
    void header(String name, String value);
  }

  private static final Continuation DEFAULTS = builder().build();

  private final TrustPolicy trustPolicy;
  private final boolean enabled;
  private final boolean datadog;
  private final boolean w3c;
  private final boolean sampleDeferred;

  private Continuation(Builder b) {
    this.trustPolicy = b.trustPolicy;
    this.enabled = b.enabled;
    this.datadog = b.datadog;
    this.w3c = b.w3c;
    this.sampleDeferred = b.sampleDeferred;
  }

  /** Trust {@link TrustPolicy#ALWAYS}, continuation on, Datadog and W3C headers, sample deferred. */
  public static Continuation defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the settings from {@code lookup}, given the property names above ({@code
   * albtrace.trust-policy}, ...); a {@code null} answer keeps the default.
   *
   * @throws IllegalArgumentException on a value that is not one of the allowed ones
   */
  public static Continuation fromConfig(Function<String, String> lookup) {
    Builder b = builder();
    String v;
    if ((v = lookup.apply("albtrace.trust-policy")) != null) b.trustPolicy(TrustPolicy.parse(v));
    if ((v = lookup.apply("albtrace.continue")) != null) b.enabled(bool("albtrace.continue", v));
    if ((v = lookup.apply("albtrace.datadog")) != null) b.datadog(bool("albtrace.datadog", v));
    if ((v = lookup.apply("albtrace.w3c")) != null) b.w3c(bool("albtrace.w3c", v));
    if ((v = lookup.apply("albtrace.sample-deferred")) != null) {
      b.sampleDeferred(bool("albtrace.sample-deferred", v));
    }
    return b.build();
  }

  /** {@link #fromConfig} over system properties, then environment variables. */
  public static Continuation fromSystem() {
    return fromConfig(Continuation::systemSetting);
  }

  /**
   * The system property {@code name} ({@code albtrace.sample-deferred}), else the environment
   * variable derived from it ({@code ALBTRACE_SAMPLE_DEFERRED}), else {@code null}.
   */
  public static String systemSetting(String name) {
    String v = System.getProperty(name);
    if (v != null) return v;
    return System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
  }

  private static boolean bool(String name, String v) {
    String t = v.trim();
    if (t.equalsIgnoreCase("true")) return true;
    if (t.equalsIgnoreCase("false")) return false;
    throw new IllegalArgumentException(name + " must be true or false, not '" + v + "'");
  }

  public TrustPolicy trustPolicy() {
    return trustPolicy;
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean datadog() {
    return datadog;
  }

  public boolean w3c() {
    return w3c;
  }

  public boolean sampleDeferred() {
    return sampleDeferred;
  }

  /** Whether {@code name} is a header that carries an upstream tracer's context. */
  public static boolean isTracingContextHeader(CharSequence name) {
    for (String h : TRACING_CONTEXT_HEADERS) {
      if (equalsIgnoreAsciiCase(h, name)) return true;
    }
    return false;
  }

  /** The lowercase names of the headers {@link #isTracingContextHeader} recognises. */
  public static String[] tracingContextHeaders() {
    return TRACING_CONTEXT_HEADERS.clone();
  }

  /**
   * Whether to continue {@code header} in the tracer.
   *
   * @param requestHasTracingContext whether the request has any {@link #isTracingContextHeader}
   */
  public boolean shouldContinue(AmznTraceHeader header, boolean requestHasTracingContext) {
    return enabled && !requestHasTracingContext && trustPolicy.allows(header);
  }

  /**
   * Writes the SPEC §4 headers for a valid {@code header}: the Datadog ones when {@link #datadog()},
   * {@code traceparent} when {@link #w3c()}. Absent optional headers are not written.
   */
  public void writeHeaders(AmznTraceHeader header, HeaderSink sink) {
    if (datadog) {
      sink.header(DatadogHeaders.TRACE_ID, DatadogHeaders.traceId(header));
      sink.header(DatadogHeaders.TAGS, DatadogHeaders.tags(header));
      String parent = DatadogHeaders.parentId(header);
      if (parent != null) sink.header(DatadogHeaders.PARENT_ID, parent);
      String priority = DatadogHeaders.samplingPriority(header);
      if (priority != null) sink.header(DatadogHeaders.SAMPLING_PRIORITY, priority);
    }
    if (w3c) sink.header(W3CTraceContext.TRACEPARENT, W3CTraceContext.traceparent(header, sampleDeferred));
  }

  private static boolean equalsIgnoreAsciiCase(String lower, CharSequence s) {
    int n = lower.length();
    if (s.length() != n) return false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') c = (char) (c + ('a' - 'A'));
      if (c != lower.charAt(i)) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return "Continuation{trustPolicy=" + trustPolicy + ", enabled=" + enabled + ", datadog=" + datadog
        + ", w3c=" + w3c + ", sampleDeferred=" + sampleDeferred + '}';
  }

  /** Builds a {@link Continuation}; starts from the defaults. */
  public static final class Builder {
    private TrustPolicy trustPolicy = TrustPolicy.ALWAYS;
    private boolean enabled = true;
    private boolean datadog = true;
    private boolean w3c = true;
    private boolean sampleDeferred = W3CTraceContext.DEFAULT_SAMPLE_DEFERRED;

    private Builder() {}

    public Builder trustPolicy(TrustPolicy trustPolicy) {
      if (trustPolicy == null) throw new NullPointerException("trustPolicy");
      this.trustPolicy = trustPolicy;
      return this;
    }

    /** Continue traces at all; off means the adapter only tags. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Write {@code x-datadog-trace-id}, {@code x-datadog-tags} and friends. */
    public Builder datadog(boolean datadog) {
      this.datadog = datadog;
      return this;
    }

    /** Write {@code traceparent}. */
    public Builder w3c(boolean w3c) {
      this.w3c = w3c;
      return this;
    }

    /** The {@code traceparent} sampled flag when the ALB left the decision open. */
    public Builder sampleDeferred(boolean sampleDeferred) {
      this.sampleDeferred = sampleDeferred;
      return this;
    }

    public Continuation build() {
      return new Continuation(this);
    }
  }
}
