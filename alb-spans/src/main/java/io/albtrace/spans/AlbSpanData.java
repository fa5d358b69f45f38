package io.albtrace.spans;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.Collections;
import java.util.List;

/**
 * A finished span that was never live: the ALB hop, made whole from its access-log entry. The SDK
 * has no public value type for that (its own {@code SpanData} comes from a recording span), so this
 * holds the fields and answers the interface; exporters read nothing else. Immutable.
 */
final class AlbSpanData implements SpanData {
  private final String name;
  private final SpanContext spanContext;
  private final SpanContext parent;
  private final StatusData status;
  private final long start;
  private final long end;
  private final Attributes attributes;
  private final Resource resource;
  private final InstrumentationScopeInfo scope;

  AlbSpanData(String name, SpanContext spanContext, SpanContext parent, StatusData status, long start, long end,
      Attributes attributes, Resource resource, InstrumentationScopeInfo scope) {
    this.name = name;
    this.spanContext = spanContext;
    this.parent = parent;
    this.status = status;
    this.start = start;
    this.end = end;
    this.attributes = attributes;
    this.resource = resource;
    this.scope = scope;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public SpanKind getKind() {
    return SpanKind.SERVER;
  }

  @Override
  public SpanContext getSpanContext() {
    return spanContext;
  }

  @Override
  public SpanContext getParentSpanContext() {
    return parent;
  }

  @Override
  public StatusData getStatus() {
    return status;
  }

  @Override
  public long getStartEpochNanos() {
    return start;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public List<EventData> getEvents() {
    return Collections.emptyList();
  }

  @Override
  public List<LinkData> getLinks() {
    return Collections.emptyList();
  }

  @Override
  public long getEndEpochNanos() {
    return end;
  }

  @Override
  public boolean hasEnded() {
    return true;
  }

  @Override
  public int getTotalRecordedEvents() {
    return 0;
  }

  @Override
  public int getTotalRecordedLinks() {
    return 0;
  }

  @Override
  public int getTotalAttributeCount() {
    return attributes.size();
  }

  @Override
  @Deprecated
  public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion());
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public String toString() {
    return "AlbSpanData{name=" + name + ", traceId=" + spanContext.getTraceId() + ", spanId="
        + spanContext.getSpanId() + ", parentSpanId=" + parent.getSpanId() + ", status=" + status
        + ", start=" + start + ", end=" + end + ", attributes=" + attributes + ", resource=" + resource + '}';
  }
}
