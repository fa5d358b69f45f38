package io.albtrace.examples.spring;

import io.albtrace.AmznTraceHeader;
import io.albtrace.tracers.AlbLogContext;
import io.albtrace.tracers.AlbSpanTags;
import io.albtrace.tracers.Tracers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The answer of both endpoints: the servlet demo's JSON (examples/…/ServletDemo.java), the same
 * keys in the same order:
 *
 * <pre>
 * {"server": "tomcat", "connector_hook": true, "datadog_agent": true, "opentelemetry_api": true,
 *  "x_amzn_trace_id": "Root=1-…", "trace_id": "67891233abcdef012345678912345678", "dd.trace_id": "…",
 *  "tagged": true, "aws.alb.trace_id": "1-67891233-…", "aws.alb.self": null,
 *  "aws.alb.continued": true, "mdc": "1-67891233-…"}
 * </pre>
 *
 * With an invalid header {@code albtrace.error} (the reason) takes the place of the {@code aws.alb.*} keys.
 */
final class Echo {
  private Echo() {}

  /** The keys up to {@code tagged}; {@link #finish} adds the rest. */
  static Map<String, Object> start(String server, boolean hook, String value, Object ddTraceId, Object tagged) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("server", server);
    json.put("connector_hook", hook);
    json.put("datadog_agent", Tracers.datadogPresent());
    json.put("opentelemetry_api", Tracers.openTelemetryApiPresent());
    json.put("x_amzn_trace_id", value);
    json.put("trace_id", AlbSpanTags.currentTraceId());
    json.put("dd.trace_id", ddTraceId);
    json.put("tagged", tagged);
    return json;
  }

  /** The {@code aws.alb.*} keys (or {@code albtrace.error}) and {@code mdc}. */
  static Map<String, Object> finish(Map<String, Object> json, AmznTraceHeader header) {
    if (header == null) header = AmznTraceHeader.parse(null);
    if (header.isValid()) {
      json.put(AlbSpanTags.TRACE_ID, header.root().toXrayRoot());
      json.put(AlbSpanTags.SELF, header.hasSelf() ? header.self().toXrayRoot() : null);
      json.put(AlbSpanTags.CONTINUED, AlbSpanTags.isContinued((String) json.get("trace_id"), header));
    } else {
      json.put("albtrace.error", header.invalid().reason());
    }
    json.put("mdc", Tracers.slf4jPresent() ? MDC.get(AlbLogContext.KEY) : null);
    return json;
  }
}
