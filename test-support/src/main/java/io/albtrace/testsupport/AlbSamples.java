package io.albtrace.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The repository's sample ALB access log, {@code samples/alb-access.log.gz} (2000 realistic lines
 * of {@code app/my-loadbalancer}, two gzip members), as lines and as new {@code .gz} objects.
 *
 * <pre>
 * AlbSamples.gzip(AlbSamples.forLoadBalancer(AlbSamples.lines().subList(0, 300), "shop-lb"), 3)
 * </pre>
 */
public final class AlbSamples {
  public static final String LOAD_BALANCER = "my-loadbalancer";
  private static List<String> lines;

  private AlbSamples() {}

  /** The sample file, found from the working directory up. */
  public static Path file() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("samples/alb-access.log.gz");
      if (Files.isRegularFile(p)) return p;
    }
    throw new IllegalStateException("samples/alb-access.log.gz not found above " + Path.of("").toAbsolutePath());
  }

  /** Its 2000 lines, in order, each unique. */
  public static synchronized List<String> lines() {
    if (lines == null) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file()))) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        lines = List.of(text.split("\n"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lines;
  }

  /** The lines as written by load balancer {@code name} ({@code app/<name>/<id>}). */
  public static List<String> forLoadBalancer(List<String> source, String name) {
    List<String> out = new ArrayList<>(source.size());
    for (String l : source) out.add(l.replace(" app/" + LOAD_BALANCER + "/", " app/" + name + "/"));
    return out;
  }

  /** The lines, each ending in LF, as {@code members} gzip members of about equal line counts. */
  public static byte[] gzip(List<String> lines, int members) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int per = Math.max(1, (lines.size() + members - 1) / members);
      for (int i = 0; i < lines.size() || i == 0; i += per) {
        StringBuilder b = new StringBuilder();
        for (String l : lines.subList(i, Math.min(lines.size(), i + per))) b.append(l).append('\n');
        out.writeBytes(GzipBytes.gzip(b.toString()));
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An ALB object key for load balancer {@code name}, as ALB names them. */
  public static String key(String name, int n) {
    return "AWSLogs/123456789012/elasticloadbalancing/us-east-2/2026/09/29/123456789012_elasticloadbalancing_us-east-2_app."
        + name + ".50dc6c495c0c9188_20260929T23" + (10 + n % 50) + "Z_10.0.0." + (n % 250) + "_" + Integer.toString(n, 36)
        + "x.log.gz";
  }
}
