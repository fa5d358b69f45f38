package io.albtrace.testsupport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a realistic, reproducible ALB access-log file: AWS's own example entries first, then
 * generated traffic in the current format (33 fields) with the shapes real files hold — IPv6
 * clients, Lambda targets (no {@code target:port}), requests that never reached a target
 * ({@code -1} times, 460/502/504), {@code "- - -"} and unparsable requests, WebSocket and gRPC
 * lines, {@code \xHH}-escaped user agents and URLs, client-supplied {@code Self;Root} trace ids,
 * custom trace fields, ids from dd-trace-java's X-Ray injector, and {@code -} trace ids.
 *
 * <pre>
 * java -cp test-support/target/classes io.albtrace.testsupport.SampleLogGenerator \
 *     [--lines 2000] [--members 2] [--seed 42] samples/alb-access.log.gz
 * </pre>
 *
 * A name ending in {@code .gz} is written as gzip with {@code --members} members (S3 files may
 * hold several); anything else as plain text.
 */
public final class SampleLogGenerator {
  /** AWS's own example entries, from its access-log documentation. */
  public static final List<String> AWS_EXAMPLES = List.of(
      "http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\" TID_1234abcd5678ef90 \"-\" \"-\" \"-\"",
      "https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 \"GET https://www.example.com:443/ HTTP/1.1\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337281-1d84f3d73c47ec4e58577259\" \"www.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 1 2018-07-02T22:22:48.364000Z \"authenticate,forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\" TID_1234abcd5678ef90 \"m.example.com\" \"-\" \"TransformSuccess\"",
      "h2 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.1.252:48160 10.0.0.66:9000 0.000 0.002 0.000 200 200 5 257 \"GET https://10.0.2.105:773/ HTTP/2.0\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337327-72bd00b0343d75b906739c42\" \"-\" \"-\" 1 2018-07-02T22:22:48.364000Z \"redirect\" \"https://example.com:80/\" \"-\" \"10.0.0.66:9000\" \"200\" \"-\" \"-\" TID_1234abcd5678ef90 \"-\" \"-\" \"-\"",
      "ws 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.0.140:40914 10.0.1.192:8010 0.001 0.003 0.000 101 101 218 587 \"GET http://10.0.0.30:80/ HTTP/1.1\" \"-\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337364-23a8c76965a2ef7629b185e3\" \"-\" \"-\" 1 2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\" \"10.0.1.192:8010\" \"101\" \"-\" \"-\" TID_1234abcd5678ef90 \"-\" \"-\" \"-\"",
      "wss 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.0.140:44244 10.0.0.171:8010 0.000 0.001 0.000 101 101 218 786 \"GET https://10.0.0.30:443/ HTTP/1.1\" \"-\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337364-23a8c76965a2ef7629b185e3\" \"-\" \"-\" 1 2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\" \"10.0.0.171:8010\" \"101\" \"-\" \"-\" TID_1234abcd5678ef90 \"-\" \"-\" \"-\"",
      "http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - 0.000 0.001 0.000 200 200 34 366 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337364-23a8c76965a2ef7629b185e3\" \"-\" \"-\" 0 2018-11-30T22:22:48.364000Z \"forward\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\" TID_1234abcd5678ef90 \"-\" \"-\" \"-\"",
      "http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - 0.000 0.001 0.000 502 - 34 366 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337364-23a8c76965a2ef7629b185e3\" \"-\" \"-\" 0 2018-11-30T22:22:48.364000Z \"forward\" \"-\" \"LambdaInvalidResponse\" \"-\" \"-\" \"-\" \"-\" TID_1234abcd5678ef90 \"-\" \"-\" \"-\"");

  private static final String ELB = "app/my-loadbalancer/50dc6c495c0c9188";
  private static final String TG = "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/";
  private static final String CERT =
      "arn:aws:acm:us-east-2:123456789012:certificate/3f2a1c4e-8b7d-4e2f-9a61-0c5d7e8f9a1b";
  private static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "okhttp/4.12.0",
    "Apache-HttpClient/5.4.1 (Java/21.0.4)",
    "aws-sdk-java/2.31.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/21.0.4 Java/21.0.4",
    "ELB-HealthChecker/2.0",
    "curl/8.9.1",
    "python-requests/2.32.3",
    "grpc-java-netty/1.68.0",
    "Mozilla/5.0 (compatible; \\x22QuotedBot\\x22/1.0; +https://bot.example.com)",
    "caf\\xC3\\xA9-client/2.1 (\\xE6\\x97\\xA5\\xE6\\x9C\\xAC)",
  };
  private static final String[] PATHS = {
    "/", "/api/v1/orders", "/api/v1/orders/%d", "/api/v1/users/%d/profile", "/api/v2/search?q=shoes&page=%d",
    "/static/app.%d.js", "/health", "/login", "/api/v1/cart/%d/items", "/images/p/%d.webp",
    "/api/v1/search?q=\\x22red+shoes\\x22&lang=fr", "/ws/notifications", "/checkout?step=%d",
  };
  private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"};
  private static final int[] STATUS = {200, 200, 200, 200, 200, 200, 201, 204, 301, 302, 304, 400, 401, 403, 404, 404, 500, 503};

  private final SplittableRandom r;
  private long micros; // the response time of the current line, in µs since the epoch

  public SampleLogGenerator(long seed) {
    this.r = new SplittableRandom(seed);
    this.micros = Instant.parse("2026-09-29T23:35:00Z").toEpochMilli() * 1000;
  }

  public static void main(String[] args) throws IOException {
    int lines = 2000, members = 2;
    long seed = 42;
    String out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--lines": lines = Integer.parseInt(args[++i]); break;
        case "--members": members = Integer.parseInt(args[++i]); break;
        case "--seed": seed = Long.parseLong(args[++i]); break;
        default: out = args[i];
      }
    }
    if (out == null) {
      System.err.println("usage: SampleLogGenerator [--lines N] [--members N] [--seed N] FILE[.gz]");
      System.exit(2);
    }
    write(Path.of(out), lines, members, seed);
  }

  /** Writes {@code lines} lines (AWS's examples included) to {@code file}. */
  public static void write(Path file, int lines, int members, long seed) throws IOException {
    SampleLogGenerator g = new SampleLogGenerator(seed);
    boolean gzip = file.getFileName().toString().endsWith(".gz");
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      int perMember = gzip ? Math.max(1, (lines + members - 1) / members) : lines;
      int written = 0;
      while (written < lines || written == 0) {
        OutputStream o = gzip ? new GZIPOutputStream(nonClosing(raw), 1 << 16) : nonClosing(raw);
        int end = Math.min(lines, written + perMember);
        StringBuilder sb = new StringBuilder(1 << 16);
        for (; written < end; written++) {
          sb.append(written < AWS_EXAMPLES.size() ? AWS_EXAMPLES.get(written) : g.line()).append('\n');
          if (sb.length() > 60_000) {
            o.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            sb.setLength(0);
          }
        }
        o.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        o.close();
        if (lines == 0) break;
      }
    }
  }

  private static OutputStream nonClosing(OutputStream o) {
    return new java.io.FilterOutputStream(o) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /** One generated entry in the current 33-field format. */
  public String line() {
    micros += 200 + r.nextInt(4000);
    double u = r.nextDouble();
    String type = u < 0.55 ? "https" : u < 0.83 ? "h2" : u < 0.93 ? "http" : u < 0.96 ? "wss" : u < 0.98 ? "ws" : "grpcs";
    boolean tls = !type.equals("http") && !type.equals("ws");
    boolean lambda = r.nextInt(20) == 0;
    boolean undispatched = !lambda && r.nextInt(100) == 0;
    String client = r.nextInt(20) == 0
        ? "2001:db8:" + hex(4) + "::" + hex(2) + ":" + (1024 + r.nextInt(64000))
        : (r.nextBoolean() ? "203.0.113." : "198.51.100.") + r.nextInt(256) + ":" + (1024 + r.nextInt(64000));
    String target = lambda || undispatched ? "-" : "10.0." + r.nextInt(4) + "." + (10 + r.nextInt(40)) + ":8080";

    int status = type.startsWith("ws") ? 101 : STATUS[r.nextInt(STATUS.length)];
    String targetStatus = String.valueOf(status);
    String reqTime = "0.00" + r.nextInt(3);
    String targetTime = String.format(java.util.Locale.ROOT, "%.3f", Math.min(29.9, Math.exp(r.nextGaussian() * 1.2 - 3.5)));
    String respTime = "0.000";
    String errorReason = "-";
    if (undispatched) {
      int[] codes = {460, 502, 504};
      status = codes[r.nextInt(3)];
      targetStatus = "-";
      reqTime = targetTime = respTime = "-1";
    } else if (lambda && r.nextInt(10) == 0) {
      status = 502;
      targetStatus = "-";
      errorReason = "LambdaInvalidResponse";
    }

    String request;
    String method = METHODS[r.nextInt(METHODS.length)];
    String host = type.equals("grpcs") ? "grpc.example.com" : "api.example.com";
    int port = tls ? 443 : 80;
    String scheme = tls ? "https" : "http";
    int shape = r.nextInt(500);
    if (shape == 0) {
      request = "- - - ";
      status = 400;
      targetStatus = "-";
    } else if (shape == 1) {
      request = "- " + scheme + "://" + host + ":" + port + "- -";
      status = 400;
      targetStatus = "-";
    } else {
      String path = String.format(PATHS[r.nextInt(PATHS.length)], r.nextInt(100000));
      if (type.startsWith("ws")) path = "/ws/notifications";
      if (type.equals("grpcs")) {
        method = "POST";
        path = "/orders.OrderService/GetOrder";
      }
      String proto = type.equals("h2") || type.equals("grpcs") ? "HTTP/2.0" : "HTTP/1.1";
      request = method + " " + scheme + "://" + host + ":" + port + path + " " + proto;
    }
    String ua = r.nextInt(50) == 0 ? "-" : USER_AGENTS[r.nextInt(USER_AGENTS.length)];

    long epoch = micros / 1_000_000;
    String trace;
    int t = r.nextInt(100);
    if (t == 0) {
      trace = "-";
    } else if (t < 10) {
      String root = "1-" + hex8(epoch - r.nextInt(5)) + "-" + hex(24);
      trace = "Self=1-" + hex8(epoch) + "-" + hex(24) + ";Root=" + root + (t < 3 ? ";CalledFrom=app" : "");
    } else if (t < 13) {
      trace = "Root=1-" + hex8(epoch) + "-00000000" + hex(16) + ";Parent=" + hex(16) + ";Sampled=1";
    } else {
      trace = "Root=1-" + hex8(epoch) + "-" + hex(24);
    }

    String actions = lambda ? "forward" : r.nextInt(10) == 0 ? "waf,forward" : r.nextInt(30) == 0 ? "authenticate,forward" : "forward";
    String redirect = "-";
    if (!lambda && !undispatched && r.nextInt(80) == 0 && !type.startsWith("ws")) {
      actions = "redirect";
      redirect = "https://" + host + ":443/";
      status = 301;
      targetStatus = "-";
      target = "-";
    }
    long total = undispatched ? 0 : Math.round(Double.parseDouble(targetTime) * 1_000_000) + 1000;
    String targetGroup = TG + (lambda ? "my-lambda/0a1b2c3d4e5f6a7b" : "my-targets/73e2d6bc24d8a067");
    String transform = r.nextInt(25) == 0 ? "\"api-internal.example.com\" \"-\" \"TransformSuccess\"" : "\"-\" \"-\" \"-\"";
    boolean ambiguous = r.nextInt(400) == 0;

    StringBuilder sb = new StringBuilder(640);
    sb.append(type).append(' ').append(iso(micros)).append(' ').append(ELB).append(' ')
        .append(client).append(' ').append(target).append(' ')
        .append(reqTime).append(' ').append(targetTime).append(' ').append(respTime).append(' ')
        .append(status).append(' ').append(targetStatus).append(' ')
        .append(undispatched ? 0 : 80 + r.nextInt(2000)).append(' ').append(r.nextInt(50000)).append(' ')
        .append('"').append(request).append("\" \"").append(ua).append("\" ")
        .append(tls ? (r.nextBoolean() ? "TLS_AES_128_GCM_SHA256 TLSv1.3" : "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2") : "- -")
        .append(' ').append(undispatched ? "-" : targetGroup).append(" \"").append(trace).append("\" ")
        .append(tls ? "\"" + host + "\" \"" + (r.nextInt(5) == 0 ? "session-reused" : CERT) + "\"" : "\"-\" \"-\"")
        .append(' ').append(undispatched ? "-" : String.valueOf(r.nextInt(4) == 0 ? 10 : 0)).append(' ')
        .append(iso(micros - total)).append(" \"").append(undispatched ? "-" : actions).append("\" \"")
        .append(redirect).append("\" \"").append(errorReason).append("\" \"")
        .append(target).append("\" \"").append(targetStatus).append("\" \"")
        .append(ambiguous ? "Ambiguous" : "-").append("\" \"")
        .append(ambiguous ? "UndefinedContentLengthSemantics" : "-").append("\" TID_")
        .append(hex(32)).append(' ').append(transform);
    return sb.toString();
  }

  private static String iso(long micros) {
    Instant i = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    String s = i.toString(); // 2026-09-29T23:35:00.123456Z, or without fraction at .000000
    if (s.length() == 20) return s.substring(0, 19) + ".000000Z";
    StringBuilder sb = new StringBuilder(s.substring(0, s.length() - 1));
    while (sb.length() < 26) sb.append('0');
    return sb.append('Z').toString();
  }

  private String hex(int digits) {
    char[] c = new char[digits];
    for (int i = 0; i < digits; i++) c[i] = "0123456789abcdef".charAt(r.nextInt(16));
    return new String(c);
  }

  private static String hex8(long v) {
    String s = Long.toHexString(v);
    return "00000000".substring(s.length()) + s;
  }

  /**
   * The first {@code n} fields of {@code entry}, one of this generator's lines: the entry as an ALB
   * of an earlier era wrote it (18 fields through {@code trace_id} in 2016, 21, 22, 25, 27, 29 and
   * 30 later; 33 now). The whole entry when it has {@code n} fields or fewer.
   */
  public static String firstFields(String entry, int n) {
    int i = 0;
    for (int field = 0; field < n; field++) {
      if (field > 0) i++; // the space before the field
      if (i >= entry.length()) return entry;
      // generated values never hold a raw quote (ALB writes \x22), so a quoted one ends at the next
      i = entry.charAt(i) == '"' ? entry.indexOf('"', i + 1) + 1 : end(entry, i);
    }
    return entry.substring(0, i);
  }

  private static int end(String entry, int from) {
    int space = entry.indexOf(' ', from);
    return space < 0 ? entry.length() : space;
  }

  /** {@link #line()} n times, for tests. */
  public List<String> lines(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(line());
    return out;
  }
}
