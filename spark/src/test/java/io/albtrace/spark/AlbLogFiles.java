package io.albtrace.spark;

import io.albtrace.testsupport.AlbLogCorpus;
import io.albtrace.testsupport.SampleLogGenerator;
import io.albtrace.testsupport.Seeded.Gen;
import io.albtrace.testsupport.TraceHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A folder of ALB access-log files as S3 holds them, and every line written: gzip files of one to
 * three members and plain ones, in nested folders, entries of every field-count era (18 fields in
 * 2016 to 33 now, and extra trailing ones), IPv6 clients and {@code \xHH} escapes (from
 * {@link SampleLogGenerator}), trace ids of every shape ({@link TraceHeaders}), and the edge lines of
 * {@link AlbLogCorpus}, lines cut short, garbage bytes, CRLF and a last line without {@code \n}.
 */
final class AlbLogFiles {
  /** Field counts AWS's entries have had over the years; 34 adds fields after the known ones. */
  static final int[] ERAS = {18, 21, 22, 25, 27, 29, 30, 33, 33, 33, 34};

  /** One file and its lines (without {@code \n}), in order. */
  record File(Path path, List<byte[]> lines) {}

  final List<File> files = new ArrayList<>();

  /** Writes {@code count} log files (and a plain test file) under {@code dir}. */
  static AlbLogFiles write(Path dir, Gen g, int count, int linesPerFile) throws IOException {
    AlbLogFiles out = new AlbLogFiles();
    List<AlbLogCorpus.Line> corpus = AlbLogCorpus.lines();
    SampleLogGenerator generator = new SampleLogGenerator(g.random().nextLong());
    for (int f = 0; f < count; f++) {
      boolean gzip = f % 3 != 2;
      Path path = dir.resolve(String.format("2026/09/%02d/123456789012_elasticloadbalancing_us-east-2_app.my-lb.50dc6c495c0c9188_20260929T23%02dZ_10.0.0.%d_x.log%s",
          1 + f % 2, f, f, gzip ? ".gz" : ""));
      List<byte[]> lines = new ArrayList<>();
      int n = g.ints(1, linesPerFile);
      for (int i = 0; i < n; i++) {
        // the first line is an entry: a file starting with the gzip magic bytes would be gzip to the CLI
        lines.add(i == 0 ? entry(g, generator) : line(g, generator, corpus));
      }
      // an empty last line without \n is no line at all
      boolean finalNewline = g.booleans() || lines.get(n - 1).length == 0;
      Files.createDirectories(path.getParent());
      Files.write(path, gzip ? gzip(lines, g.ints(1, 3), finalNewline) : join(lines, finalNewline));
      out.files.add(new File(path, lines));
    }
    Path test = dir.resolve("ELBAccessLogTestFile");
    List<byte[]> testLine = List.of("Enable AccessLog for ELB: my-lb at 2026-09-29T23:40:00.123Z".getBytes(StandardCharsets.UTF_8));
    Files.write(test, join(testLine, true));
    out.files.add(new File(test, testLine));
    return out;
  }

  static byte[] line(Gen g, SampleLogGenerator generator, List<AlbLogCorpus.Line> corpus) {
    int kind = g.random().nextInt(100);
    if (kind < 8) return g.pick(corpus).bytes();
    if (kind < 13) { // cut short anywhere: older eras, cut quotes, a lone field
      byte[] e = entry(g, generator);
      return java.util.Arrays.copyOf(e, g.random().nextInt(e.length + 1));
    }
    if (kind < 16) { // garbage, \r and invalid UTF-8 included, but no \n
      byte[] b = g.bytes(0, 300);
      for (int i = 0; i < b.length; i++) if (b[i] == '\n') b[i] = ' ';
      return b;
    }
    return entry(g, generator);
  }

  /** A generated entry of a random era, its trace id often replaced by one of any shape. */
  static byte[] entry(Gen g, SampleLogGenerator generator) {
    String e = generator.line();
    if (g.random().nextInt(3) == 0) {
      int start = e.indexOf("\"Self=") >= 0 ? e.indexOf("\"Self=") : e.indexOf("\"Root=");
      if (start >= 0) e = e.substring(0, start + 1) + TraceHeaders.any(g) + e.substring(e.indexOf('"', start + 1));
    }
    int era = g.pick(ERAS[0], ERAS[1], ERAS[2], ERAS[3], ERAS[4], ERAS[5], ERAS[6], ERAS[7], ERAS[8], ERAS[9], ERAS[10]);
    e = era > 33 ? e + " 10.0.0.9 \"-\" \"future\\x22field\"" : SampleLogGenerator.firstFields(e, era);
    return e.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] join(List<byte[]> lines, boolean finalNewline) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      b.writeBytes(lines.get(i));
      if (finalNewline || i < lines.size() - 1) b.write('\n');
    }
    return b.toByteArray();
  }

  /** The lines as {@code members} gzip members, cut anywhere (a line may cross members). */
  static byte[] gzip(List<byte[]> lines, int members, boolean finalNewline) throws IOException {
    byte[] all = join(lines, finalNewline);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int from = 0;
    for (int m = 1; m <= members; m++) {
      int to = m == members ? all.length : (int) ((long) all.length * m / members);
      ByteArrayOutputStream member = new ByteArrayOutputStream();
      try (OutputStream z = new GZIPOutputStream(member)) {
        z.write(all, from, to - from);
      }
      b.writeBytes(member.toByteArray());
      from = to;
    }
    return b.toByteArray();
  }

  /** Every line of every file. */
  List<byte[]> allLines() {
    List<byte[]> all = new ArrayList<>();
    for (File f : files) all.addAll(f.lines());
    return all;
  }

  List<Path> paths() {
    List<Path> p = new ArrayList<>();
    for (File f : files) p.add(f.path());
    return p;
  }
}
