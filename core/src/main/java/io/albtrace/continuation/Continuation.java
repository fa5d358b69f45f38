package io.albtrace.continuation;

import io.albtrace.AmznTraceHeader;
import io.albtrace.DatadogHeaders;
import io.albtrace.W3CTraceContext;
import io.albtrace.internal.DatadogAgent;
import java.util.function.Function;

/**
 * How an adapter continues an ALB trace in the tracer that extracts after it (docs/spec.md §4, §7),
 * and the one flow every adapter runs for that: {@link #continueTrace}. Immutable and thread-safe.
 *
 * <p>A request is continued when its {@code X-Amzn-Trace-Id} is valid, continuation is enabled, the
 * {@link TrustPolicy} allows the Root, and the request carries no tracing context of its own
 * ({@code traceparent}, {@code x-datadog-trace-id}, {@code b3}, {@code X-B3-TraceId}): an upstream
 * tracer's context always wins. Continuing means adding the §4 propagation headers to the request:
 *
 * <pre>
 * X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678        (as received)
 * x-datadog-trace-id: 2541551403134113400                           (added when datadog)
 * x-datadog-tags: _dd.p.tid=67891233abcdef01                        (added when datadog)
 * traceparent: 00-67891233abcdef012345678912345678-00a80ccd5996a294-01   (added when w3c)
 * </pre>
 *
 * <p>Settings (docs/configuration.md): {@code albtrace.trust-policy}, {@code albtrace.continue},
 * {@code albtrace.datadog}, {@code albtrace.datadog.parent}, {@code albtrace.w3c}, {@code albtrace.sample-deferred}. Adapters read
 * them with {@link #load}, which never fails: an invalid value is logged once and turns continuation
 * off, the safe side of a trust decision, while spans and logs are still tagged.
 */
public final class Continuation {
  /** Headers that mean "the request already has a trace": lowercase, looked up ignoring case. */
  private static final String[] TRACING_CONTEXT_HEADERS = {
    "traceparent", DatadogHeaders.TRACE_ID, "b3", "x-b3-traceid"
  };

  private final TrustPolicy trustPolicy;
  private final boolean enabled;
  private final boolean datadog;
  private final DatadogParent datadogParent;
  private final boolean w3c;
  private final boolean sampleDeferred;

  private Continuation(Builder b) {
    this.trustPolicy = b.trustPolicy;
    this.enabled = b.enabled;
    this.datadog = b.datadog;
    this.datadogParent = b.datadogParent;
    this.w3c = b.w3c;
    this.sampleDeferred = b.sampleDeferred;
  }

  /** The defaults: see {@link Builder}. */
  public static Continuation defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the settings: each from {@code lookup} (the adapter's own configuration; {@code null}
   * means not set there), else the system property, else the environment variable
   * ({@code ALBTRACE_TRUST_POLICY}, ...), else the default.
   *
   * @throws InvalidSettingException naming the setting whose value is not one of the allowed ones
   */
  public static Continuation fromConfig(Function<String, String> lookup) {
    return ContinuationConfig.read(lookup);
  }

  /**
   * {@link #fromConfig}, except that an invalid value does not throw: it is logged once and
   * continuation is off. What every adapter uses.
   */
  public static Continuation load(Function<String, String> lookup) {
    return ContinuationConfig.readOrOff(lookup);
  }

  /** {@link #load} from system properties and environment variables only. */
  public static Continuation fromSystem() {
    return load(name -> null);
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

  /** Which {@code x-datadog-parent-id} the Datadog headers carry. */
  public DatadogParent datadogParent() {
    return datadogParent;
  }

  public boolean w3c() {
    return w3c;
  }

  public boolean sampleDeferred() {
    return sampleDeferred;
  }

  /**
   * The continuation flow, for any framework: reads {@code X-Amzn-Trace-Id} from {@code carrier},
   * parses it, and when it may be continued writes the propagation headers through {@code setter}.
   * Never throws on content.
   *
   * @return the parsed header (valid or not), or {@code null} when the request has none
   */
  public <C> AmznTraceHeader continueTrace(C carrier, HeaderGetter<C> getter, HeaderSetter<C> setter) {
    String value = getter.get(carrier, AmznTraceHeader.NAME);
    if (value == null) return null;
    AmznTraceHeader header = AmznTraceHeader.parse(value);
    if (enabled && trustPolicy.allows(header) && !hasTracingContext(carrier, getter)) {
      writeHeaders(header, carrier, setter);
    }
    return header;
  }

  private static <C> boolean hasTracingContext(C carrier, HeaderGetter<C> getter) {
    for (String name : TRACING_CONTEXT_HEADERS) {
      if (getter.get(carrier, name) != null) return true;
    }
    return false;
  }

  /**
   * Writes the docs/spec.md §4 headers for a valid {@code header}: the Datadog ones when
   * {@link #datadog()} ({@code x-datadog-parent-id} as {@link #datadogParent()} says),
   * {@code traceparent} when {@link #w3c()}. Absent optional headers are not written.
   *
   * @throws IllegalArgumentException when {@code header} is invalid
   */
  public <C> void writeHeaders(AmznTraceHeader header, C carrier, HeaderSetter<C> setter) {
    if (datadog) {
      setter.set(carrier, DatadogHeaders.TRACE_ID, DatadogHeaders.traceId(header));
      setter.set(carrier, DatadogHeaders.TAGS, DatadogHeaders.tags(header));
      String parent = datadogParent.value(header);
      if (parent != null) setter.set(carrier, DatadogHeaders.PARENT_ID, parent);
      String priority = DatadogHeaders.samplingPriority(header);
      if (priority != null) setter.set(carrier, DatadogHeaders.SAMPLING_PRIORITY, priority);
    }
    if (w3c) {
      setter.set(carrier, W3CTraceContext.TRACEPARENT, W3CTraceContext.traceparent(header, sampleDeferred));
    }
  }

  @Override
  public String toString() {
    return "Continuation{trustPolicy=" + trustPolicy + ", enabled=" + enabled + ", datadog=" + datadog
        + ", datadogParent=" + datadogParent + ", w3c=" + w3c + ", sampleDeferred=" + sampleDeferred + '}';
  }

  /**
   * Builds a {@link Continuation}. Defaults: trust policy {@link TrustPolicy#ALWAYS}, continuation
   * on, Datadog headers on, {@code traceparent} on except when dd-java-agent runs in this JVM
   * (it would take its parent and its sampling decision from {@code traceparent}; the Datadog
   * headers alone continue the 128-bit trace with {@code parent_id=0} and leave sampling to the
   * agent), deferred sampling decisions kept as sampled.
   */
  public static final class Builder {
    private TrustPolicy trustPolicy = TrustPolicy.ALWAYS;
    private boolean enabled = true;
    private boolean datadog = true;
    private DatadogParent datadogParent = DatadogParent.HEADER;
    private boolean w3c = !DatadogAgent.running();
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

    /** Which {@code x-datadog-parent-id} to write with the Datadog headers. */
    public Builder datadogParent(DatadogParent datadogParent) {
      if (datadogParent == null) throw new NullPointerException("datadogParent");
      this.datadogParent = datadogParent;
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
