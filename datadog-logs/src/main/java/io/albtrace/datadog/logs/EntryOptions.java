package io.albtrace.datadog.logs;

import io.albtrace.accesslog.AlbLogEnricher;
import java.util.ArrayList;
import java.util.List;

/**
 * What each Datadog log entry holds, besides the line. Immutable; each {@code with…} returns a copy.
 *
 * <pre>
 * RAW (default)  {"message":"&lt;the ALB line&gt;","dd.trace_id":"…","ddsource":"elb","service":"my-lb",
 *                 "ddtags":"env:prod,elb:my-lb","aws.s3.bucket":"…","aws.s3.key":"…"}
 * PARSED         {&lt;albtrace enrich's object: every field, dd.trace_id, standard attributes&gt;,
 *                 "ddsource":"elb","service":"my-lb","ddtags":"env:prod,elb:my-lb",…}
 * </pre>
 *
 * RAW keeps Datadog's own ELB pipeline (parsing, facets, dashboards) working and adds the trace
 * link; PARSED needs no pipeline. {@code service} defaults to the load balancer's name; {@code
 * ddtags} are the given tags plus {@code elb:<name>}.
 */
public final class EntryOptions {
  /** How the line is sent. */
  public enum Format {
    /** The line as {@code message}, for Datadog's ELB pipeline, plus {@code dd.trace_id}. */
    RAW,
    /** albtrace's parsed attributes, as {@code albtrace enrich} writes them. */
    PARSED
  }

  /** Longest {@code ddtags} accepted: tags are sent with every entry. */
  static final int MAX_TAGS_LENGTH = 4096;

  private static final EntryOptions DEFAULTS =
      new EntryOptions(Format.RAW, AlbLogEnricher.TraceIdFormat.DECIMAL, null, List.of(), "elb");

  final Format format;
  final AlbLogEnricher.TraceIdFormat traceIdFormat;
  final String service;
  final List<String> tags;
  final String source;

  private EntryOptions(Format format, AlbLogEnricher.TraceIdFormat traceIdFormat, String service, List<String> tags,
      String source) {
    this.format = format;
    this.traceIdFormat = traceIdFormat;
    this.service = service;
    this.tags = tags;
    this.source = source;
  }

  /** RAW, decimal {@code dd.trace_id}, service from the load balancer, no extra tags, {@code ddsource:elb}. */
  public static EntryOptions defaults() {
    return DEFAULTS;
  }

  public EntryOptions withFormat(Format format) {
    return new EntryOptions(nonNull(format, "format"), traceIdFormat, service, tags, source);
  }

  /** {@code dd.trace_id} as the decimal low 64 bits (default) or as 32 hex digits, as for {@code enrich}. */
  public EntryOptions withTraceIdFormat(AlbLogEnricher.TraceIdFormat traceIdFormat) {
    return new EntryOptions(format, nonNull(traceIdFormat, "traceIdFormat"), service, tags, source);
  }

  /** A fixed {@code service}; null or blank: the load balancer's name. */
  public EntryOptions withService(String service) {
    return new EntryOptions(format, traceIdFormat, service == null || service.isBlank() ? null : service.trim(), tags,
        source);
  }

  /** Tags as {@code DD_TAGS} writes them: {@code env:prod,team:web} (comma- or space-separated). */
  public EntryOptions withTags(String tags) {
    List<String> list = new ArrayList<>();
    int length = 0;
    if (tags != null) {
      for (String t : tags.split("[,\\s]+")) {
        if (t.isEmpty()) continue;
        list.add(t);
        length += t.length() + 1;
      }
    }
    if (length > MAX_TAGS_LENGTH) throw new IllegalArgumentException("tags longer than " + MAX_TAGS_LENGTH + " characters");
    return new EntryOptions(format, traceIdFormat, service, List.copyOf(list), source);
  }

  public EntryOptions withSource(String source) {
    if (source == null || source.isBlank()) throw new IllegalArgumentException("empty source");
    return new EntryOptions(format, traceIdFormat, service, tags, source.trim());
  }

  public Format format() {
    return format;
  }

  private static <T> T nonNull(T v, String name) {
    if (v == null) throw new NullPointerException(name);
    return v;
  }
}
