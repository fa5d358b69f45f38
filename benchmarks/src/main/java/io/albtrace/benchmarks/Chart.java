package io.albtrace.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns JMH's JSON results ({@code -rf json}) into an SVG bar chart: one group per benchmark class
 * (and parameter set), one bar per method, its length the cost relative to the fastest peer.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.albtrace.benchmarks.Chart \
 *     benchmarks/results/RESULTS.json benchmarks/results/RESULTS.svg "CPU, load, ..."
 * </pre>
 *
 * <p>With an output name ending in {@code .md} it writes the numbers as a Markdown table instead.
 *
 * <p>Methods named {@code albtrace…} are albtrace (blue), {@code proposed…} prototypes of a proposed
 * change (orange), {@code floor…} floors that only touch the input (green, never the reference);
 * every other method is a peer or baseline (grey). In a group without peers the
 * fastest method is the reference. Average-time results compare time per
 * operation; throughput results compare the inverse, so a longer bar is always slower.
 */
public final class Chart {
  private static final Map<String, String> TITLES = new LinkedHashMap<>();

  static {
    TITLES.put("AlbHeaderToDatadog", "ALB headers → dd_trace_id + _dd.p.tid (Root; Self;Root; + custom field)");
    TITLES.put("XrayHeaderToDatadog", "X-Ray SDK headers → dd_trace_id + _dd.p.tid (Root;Parent;Sampled …)");
    TITLES.put("ParseByShape", "albtrace's parse alone, by header shape (where its time and bytes go)");
    TITLES.put("RootToHeaders", "ALB header → x-datadog-* and traceparent (adapters' hot path)");
    TITLES.put("DatadogToRoot", "Datadog / W3C ids → X-Ray Root (reverse mapping)");
    TITLES.put("LogEnrichment", "ALB access-log lines → JSON with dd.trace_id (MB/s, one core)");
    TITLES.put("ServletAdapter", "Per request: servlet filter vs. pass-through (no container)");
    TITLES.put("NettyAdapter", "Per request: Netty pipeline with HttpServerCodec, with vs. without albtrace");
  }

  private static final int WIDTH = 1180;
  private static final int LABEL_WIDTH = 310;
  private static final int BAR_WIDTH = 380;
  /** Bars longer than this many times the reference are cut (marked with a break). */
  private static final double MAX_RATIO = 6;
  private static final int ROW = 22;
  private static final int GROUP_GAP = 34;

  private Chart() {}

  /** One benchmark result. */
  static final class Bar {
    final String method;
    final String label; // the parameter values when the benchmark has any, else the method
    final double score;
    final String unit;
    final boolean throughput;
    final double bytesPerOp; // NaN without -prof gc

    Bar(String method, String label, double score, String unit, boolean throughput, double bytesPerOp) {
      this.method = method;
      this.label = label;
      this.score = score;
      this.unit = unit;
      this.throughput = throughput;
      this.bytesPerOp = bytesPerOp;
    }

    boolean isAlbtrace() {
      return method.startsWith("albtrace");
    }

    /** A prototype of a proposed change: neither albtrace as shipped nor a peer. */
    boolean isProposal() {
      return method.startsWith("proposed");
    }

    /** A floor: work that only touches the input, the distance left to the limit. */
    boolean isFloor() {
      return method.startsWith("floor");
    }

    boolean isPeer() {
      return !isAlbtrace() && !isProposal() && !isFloor();
    }

    /** Smaller is better, whatever the mode. */
    double cost() {
      return throughput ? 1 / score : score;
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: Chart RESULTS.json OUT.svg [caption]   (OUT.md: a Markdown table)");
      System.exit(2);
    }
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    String caption = args.length > 2 ? args[2] : "";
    String out = args[1].endsWith(".md") ? table(results) : svg(results, caption);
    Files.writeString(Path.of(args[1]), out, StandardCharsets.UTF_8);
  }

  /** The results as a Markdown table: score ± 99.9% error, and B/op when measured. */
  static String table(JsonNode results) {
    StringBuilder t = new StringBuilder("| benchmark | score | ± (99.9%) | unit | B/op |\n|---|---:|---:|---|---:|\n");
    for (JsonNode r : results) {
      String[] parts = r.get("benchmark").asText().split("\\.");
      JsonNode metric = r.get("primaryMetric");
      String unit = metric.get("scoreUnit").asText();
      JsonNode secondary = r.get("secondaryMetrics");
      String bytes = "";
      if (secondary != null && secondary.has("bytes") && secondary.get("bytes").get("scoreUnit").asText().equals("ops/us")) {
        metric = secondary.get("bytes");
        unit = "MB/s";
      } else if (secondary != null && secondary.has("gc.alloc.rate.norm")) {
        bytes = String.valueOf(Math.round(secondary.get("gc.alloc.rate.norm").get("score").asDouble()));
      }
      StringBuilder name = new StringBuilder(parts[parts.length - 2]).append('.').append(parts[parts.length - 1]);
      JsonNode params = r.get("params");
      if (params != null) params.fields().forEachRemaining(e -> name.append(' ').append(e.getValue().asText()));
      t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", name,
          number(metric.get("score").asDouble()), number(metric.get("scoreError").asDouble()), unit, bytes));
    }
    return t.toString();
  }

  static String svg(JsonNode results, String caption) {
    Map<String, List<Bar>> groups = new LinkedHashMap<>();
    // A recorded run may join JMH runs of different settings (more forks for the headline rows):
    // each distinct one is named
    Set<String> jvms = new LinkedHashSet<>();
    Set<String> runs = new LinkedHashSet<>();
    for (JsonNode r : results) {
      String benchmark = r.get("benchmark").asText();
      String[] parts = benchmark.split("\\.");
      String group = parts[parts.length - 2];
      String method = parts[parts.length - 1];
      String label = method;
      JsonNode params = r.get("params");
      if (params != null) { // one bar per parameter value, in the same group
        StringBuilder p = new StringBuilder();
        params.fields().forEachRemaining(e -> p.append(p.length() == 0 ? "" : ", ").append(e.getValue().asText()));
        if (p.length() > 0) label = p + " · " + method;
      }
      JsonNode primary = r.get("primaryMetric");
      double score = primary.get("score").asDouble();
      String unit = primary.get("scoreUnit").asText();
      double bytes = Double.NaN;
      JsonNode secondary = r.get("secondaryMetrics");
      if (secondary != null) {
        for (String key : new String[] {"gc.alloc.rate.norm", "·gc.alloc.rate.norm"}) {
          if (secondary.has(key)) bytes = secondary.get(key).get("score").asDouble();
        }
        // LogEnrichment's byte counter, in bytes per microsecond: MB/s
        if (secondary.has("bytes") && secondary.get("bytes").get("scoreUnit").asText().equals("ops/us")) {
          score = secondary.get("bytes").get("score").asDouble();
          unit = "MB/s";
          bytes = Double.NaN; // per line, not per byte: the README gives it
        }
      }
      groups
          .computeIfAbsent(group, g -> new ArrayList<>())
          .add(new Bar(method, label, score, unit, r.get("mode").asText().equals("thrpt"), bytes));
      jvms.add(String.format(Locale.ROOT, "JDK %s (%s), %d thread(s)",
          r.get("jdkVersion").asText(), r.get("vmName").asText(), r.get("threads").asInt()));
      runs.add(String.format(Locale.ROOT, "%d × (%d×%s + %d×%s)", r.get("forks").asInt(),
          r.get("warmupIterations").asInt(), r.get("warmupTime").asText(),
          r.get("measurementIterations").asInt(), r.get("measurementTime").asText()));
    }
    String settings = String.join(", ", jvms) + "; forks × (warmup + measurement): " + String.join(", ", runs);

    groups = ordered(groups);
    int rows = 0;
    for (List<Bar> bars : groups.values()) rows += bars.size();
    int height = 50 + groups.size() * GROUP_GAP + rows * ROW + 50;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
        WIDTH, height, WIDTH, height));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", WIDTH, height));
    text(s, 10, 22, "albtrace vs. peers: bar length = time per operation relative to the fastest peer (dashed line); shorter is faster", "font-size=\"14\" font-weight=\"bold\"");

    int y = 50;
    for (Map.Entry<String, List<Bar>> g : groups.entrySet()) {
      List<Bar> bars = g.getValue();
      String name = g.getKey();
      text(s, 10, y + 8, TITLES.getOrDefault(name, name), "font-weight=\"bold\"");
      y += 18;
      Bar reference = null;
      for (Bar b : bars) {
        if (b.isPeer() && (reference == null || b.cost() < reference.cost())) reference = b;
      }
      if (reference == null) {
        for (Bar b : bars) if (reference == null || b.cost() < reference.cost()) reference = b;
      }
      double ref = reference.cost();
      double max = 1;
      for (Bar b : bars) max = Math.max(max, Math.min(MAX_RATIO, b.cost() / ref));
      double scale = BAR_WIDTH / max;
      bars.sort((a, b) -> a.isPeer() != b.isPeer() ? (a.isPeer() ? 1 : -1) : Double.compare(a.cost(), b.cost()));
      int top = y;
      for (Bar b : bars) {
        double ratio = b.cost() / ref;
        boolean cut = ratio > MAX_RATIO;
        int w = (int) Math.max(1, Math.round(Math.min(ratio, MAX_RATIO) * scale));
        text(s, LABEL_WIDTH - 8, y + 15, b.label, "text-anchor=\"end\"");
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
            LABEL_WIDTH, y + 4, w, ROW - 6, b.isAlbtrace() ? "#2b6cb0" : b.isProposal() ? "#dd6b20" : b.isFloor() ? "#9ae6b4" : "#a0aec0"));
        if (cut) {
          s.append(String.format(Locale.ROOT,
              "<path d=\"M%d %d l6 -8 M%d %d l6 -8\" stroke=\"#ffffff\" stroke-width=\"2\"/>\n",
              LABEL_WIDTH + w - 14, y + 20, LABEL_WIDTH + w - 8, y + 20));
        }
        StringBuilder label = new StringBuilder(number(b.score)).append(' ').append(b.unit);
        if (!Double.isNaN(b.bytesPerOp)) label.append(" · ").append(Math.round(b.bytesPerOp)).append(" B/op");
        if (b != reference) label.append(" · ").append(relation(ratio, reference.label));
        text(s, LABEL_WIDTH + w + 6, y + 15, label.toString(), b.isAlbtrace() ? "font-weight=\"bold\"" : "");
        y += ROW;
      }
      int x1 = LABEL_WIDTH + (int) Math.round(scale);
      s.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e53e3e\" stroke-dasharray=\"4,3\"/>\n", x1, top, x1, y));
      y += GROUP_GAP - 18;
    }
    text(s, 10, height - 30, settings, "fill=\"#4a5568\"");
    text(s, 10, height - 12, caption, "fill=\"#4a5568\"");
    return s.append("</svg>\n").toString();
  }

  /** The groups in {@link #TITLES} order, then any others. */
  private static Map<String, List<Bar>> ordered(Map<String, List<Bar>> groups) {
    Map<String, List<Bar>> out = new LinkedHashMap<>();
    for (String cls : TITLES.keySet()) {
      groups.forEach((name, bars) -> {
        if (name.equals(cls)) out.put(name, bars);
      });
    }
    groups.forEach(out::putIfAbsent);
    return out;
  }

  private static String relation(double ratio, String reference) {
    if (ratio < 1) return number(1 / ratio) + "× faster than " + reference;
    return number(ratio) + "× the time of " + reference;
  }

  private static String number(double v) {
    if (v >= 100) return String.format(Locale.ROOT, "%.0f", v);
    if (v >= 10) return String.format(Locale.ROOT, "%.1f", v);
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static void text(StringBuilder s, int x, int y, String text, String attributes) {
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s>", x, y, attributes)).append(escape(text)).append("</text>\n");
  }

  private static String escape(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
