package io.albtrace.datadog.logs;

import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.accesslog.AlbLogEntry;
import io.albtrace.accesslog.AlbLogField;
import io.albtrace.internal.JsonBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the Datadog log entry of one line: core's object ({@link AlbLogEnricher#link} for RAW,
 * {@link AlbLogEnricher#enrich} for PARSED — never a copy of their rules) with Datadog's reserved
 * attributes added before its closing brace:
 *
 * <pre>
 * {"message":"http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 …","dd.trace_id":"6744582656697819988",
 *  "ddsource":"elb","service":"my-loadbalancer","ddtags":"env:prod,elb:my-loadbalancer",
 *  "aws.s3.bucket":"alb-logs","aws.s3.key":"AWSLogs/…_app.my-loadbalancer.50dc6c495c0c9188_….log.gz"}
 * </pre>
 *
 * The load balancer is the line's {@code elb} field ({@code app/<name>/<id>}), else the
 * {@link Origin}'s; {@code service} is that name unless set, else {@code elb}. An entry over
 * {@code maxEntryBytes} is never dropped: it is sent in RAW form with its {@code message} cut at a
 * character boundary to fit, and {@code "albtrace.truncated":true}.
 */
final class EntryWriter {
  private static final byte[] MESSAGE_START = "{\"message\":\"".getBytes(StandardCharsets.UTF_8);
  private static final JsonBuffer.Key TRUNCATED = JsonBuffer.commaKey("albtrace.truncated");
  private static final JsonBuffer.Key SOURCE = JsonBuffer.commaKey("ddsource");
  private static final JsonBuffer.Key SERVICE = JsonBuffer.commaKey("service");
  private static final JsonBuffer.Key TAGS = JsonBuffer.commaKey("ddtags");
  private static final JsonBuffer.Key BUCKET = JsonBuffer.commaKey("aws.s3.bucket");
  private static final JsonBuffer.Key KEY = JsonBuffer.commaKey("aws.s3.key");
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final int ELB = AlbLogField.ELB.ordinal();

  private final AlbLogEnricher enricher;
  private final EntryOptions options;
  private final int maxEntryBytes;
  private final AlbLogEnricher.Buffer scratch = new AlbLogEnricher.Buffer(1 << 14);
  private final JsonBuffer entry = new JsonBuffer(1 << 14);
  private final JsonBuffer members = new JsonBuffer(256); // the reserved attributes of the current line
  private byte[] origin = new byte[0]; // ,"aws.s3.bucket":…,"aws.s3.key":…
  private String originLoadBalancer;
  private byte[] lastName; // the load balancer the cached service members are for (none yet: null)
  private byte[] lastServiceMembers; // ,"service":…,"ddtags":… for lastName
  private byte[] originServiceMembers; // … for lines without a load balancer of their own
  private boolean truncated;

  EntryWriter(EntryOptions options, int maxEntryBytes) {
    this.enricher = new AlbLogEnricher(options.traceIdFormat);
    this.options = options;
    this.maxEntryBytes = maxEntryBytes;
    origin(Origin.file("-"));
  }

  /** Sets the origin of the lines that follow. */
  void origin(Origin o) {
    JsonBuffer b = new JsonBuffer(256);
    if (o.bucket() != null) {
      b.key(BUCKET);
      string(b, o.bucket());
      b.key(KEY);
      string(b, o.key());
    }
    origin = Arrays.copyOf(b.bytes(), b.length());
    originLoadBalancer = o.loadBalancer();
    originServiceMembers = serviceMembers(originLoadBalancer);
  }

  /** Writes the entry of {@code line[from, to)}; what core made of the line. */
  AlbLogEnricher.Result line(byte[] line, int from, int to) {
    scratch.clear();
    AlbLogEnricher.Result r = options.format == EntryOptions.Format.PARSED
        ? enricher.enrich(line, from, to - from, scratch)
        : enricher.link(line, from, to - from, scratch);
    boolean malformed = r == AlbLogEnricher.Result.MALFORMED;
    // A parsed entry is cut in its raw form, which link writes; any other object already is that form
    boolean parsedEntry = !malformed && options.format == EntryOptions.Format.PARSED;
    finish(line, from, to, malformed ? originServiceMembers : lineServiceMembers(scratch.entry()), parsedEntry);
    return r;
  }

  /** Writes a line that is not an ALB entry for a reason found outside it (cut, unreadable input). */
  void error(byte[] line, int from, int to, String reason) {
    scratch.clear();
    enricher.malformed(line, from, to - from, reason, scratch);
    finish(line, from, to, originServiceMembers, false);
  }

  private void finish(byte[] line, int from, int to, byte[] service, boolean parsedEntry) {
    members.setLength(0);
    members.key(SOURCE);
    string(members, options.source);
    members.raw(service, 0, service.length).raw(origin, 0, origin.length);
    entry.setLength(0);
    entry.raw(scratch.bytes(), 0, scratch.length() - 1); // core's object without its '}'
    entry.raw(members.bytes(), 0, members.length()).put('}');
    truncated = entry.length() > maxEntryBytes;
    if (truncated) truncate(line, from, to, parsedEntry);
  }

  /**
   * RAW form, message cut so the whole entry fits: {"message":"<cut>"<rest>,"albtrace.truncated":true<members>}.
   * A malformed line keeps its {@code albtrace.error} in {@code <rest>}.
   */
  private void truncate(byte[] line, int from, int to, boolean parsedEntry) {
    if (parsedEntry) {
      scratch.clear();
      enricher.link(line, from, to - from, scratch);
    }
    byte[] s = scratch.bytes();
    int bodyStart = MESSAGE_START.length; // link's object starts with the message, always
    int bodyEnd = JsonText.stringEnd(s, bodyStart, scratch.length());
    int rest = scratch.length() - 1 - (bodyEnd + 1); // after the closing quote, before '}'
    int budget = maxEntryBytes - (bodyStart + 1 + rest + TRUNCATED.length() + 4 + members.length() + 1);
    int cut = JsonText.cutPoint(s, bodyStart, bodyEnd, Math.max(0, budget));
    entry.setLength(0);
    entry.raw(s, 0, cut).put('"').raw(s, bodyEnd + 1, bodyEnd + 1 + rest);
    entry.key(TRUNCATED).raw(TRUE, 0, 4).raw(members.bytes(), 0, members.length()).put('}');
  }

  /** The service members for the load balancer in the entry's {@code elb} field ({@code app/<name>/<id>}). */
  private byte[] lineServiceMembers(AlbLogEntry e) {
    byte[] s = e.line();
    int from = e.start(ELB), to = e.end(ELB);
    int slash = from;
    while (slash < to && s[slash] != '/') slash++;
    if (slash < to) {
      int second = slash + 1;
      while (second < to && s[second] != '/') second++;
      from = slash + 1;
      to = second;
    }
    if (to == from) return originServiceMembers; // "app//id": no name of its own
    if (lastName != null && Arrays.equals(s, from, to, lastName, 0, lastName.length)) return lastServiceMembers;
    lastName = Arrays.copyOfRange(s, from, to);
    lastServiceMembers = serviceMembers(new String(lastName, StandardCharsets.UTF_8));
    return lastServiceMembers;
  }

  /** {@code ,"service":…,"ddtags":…} for a load balancer name (or none). */
  private byte[] serviceMembers(String loadBalancer) {
    JsonBuffer b = new JsonBuffer(256);
    b.key(SERVICE);
    string(b, options.service != null ? options.service : loadBalancer != null ? loadBalancer : options.source);
    StringBuilder tags = new StringBuilder();
    for (String t : options.tags) tags.append(tags.length() > 0 ? "," : "").append(t);
    if (loadBalancer != null) tags.append(tags.length() > 0 ? "," : "").append("elb:").append(loadBalancer);
    if (tags.length() > 0) {
      b.key(TAGS);
      string(b, tags.toString());
    }
    return Arrays.copyOf(b.bytes(), b.length());
  }

  private static void string(JsonBuffer b, String s) {
    byte[] u = s.getBytes(StandardCharsets.UTF_8);
    b.string(u, 0, u.length, true);
  }

  byte[] bytes() {
    return entry.bytes();
  }

  int length() {
    return entry.length();
  }

  /** Whether the entry just written had to be cut to fit. */
  boolean truncated() {
    return truncated;
  }
}
