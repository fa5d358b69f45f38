package io.albtrace.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * The fixed mix of ALB access-log lines the enrichment benchmark cycles through: the entry types of
 * AWS's documentation with production-like user agents and URLs, trace ids as an ALB writes them
 * (Root only, Self;Root, none), an IPv6 client, a Lambda target ({@code -}), an escaped quote in
 * a user agent, and the newer trailing fields ({@code conn_trace_id}, transform fields).
 */
final class AlbLogLines {
  private static final String ARN =
      "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067";
  private static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
  private static final String SAFARI =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

  static final String[] LINES = {
    "https 2026-11-26T06:00:00.186641Z app/shop-prod/50dc6c495c0c9188 203.0.113.17:52814 10.0.1.12:8080 0.000 0.012 0.000 200 200 512 4821 \"GET https://shop.example.com:443/api/v2/products?category=shoes&page=3&sort=price_asc HTTP/1.1\" \""
        + CHROME + "\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 " + ARN
        + " \"Root=1-67891233-abcdef012345678912345678\" \"shop.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 3 2026-11-26T06:00:00.174000Z \"forward\" \"-\" \"-\" \"10.0.1.12:8080\" \"200\" \"-\" \"-\" TID_1234abcd5678ef90 \"-\" \"-\" \"-\"",
    "h2 2026-11-26T06:00:00.201117Z app/shop-prod/50dc6c495c0c9188 2001:db8:4006:812::200e:49152 10.0.2.7:8080 0.000 0.034 0.000 200 200 733 12988 \"POST https://shop.example.com:443/api/v2/cart/items HTTP/2.0\" \""
        + SAFARI + "\" TLS_AES_128_GCM_SHA256 TLSv1.3 " + ARN
        + " \"Self=1-67891234-12456789abcdef0123456789;Root=1-5759e988-bd862e3fe1be46a994272793\" \"shop.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 7 2026-11-26T06:00:00.166000Z \"forward\" \"-\" \"-\" \"10.0.2.7:8080\" \"200\" \"-\" \"-\" TID_9a8b7c6d5e4f3a2b \"-\" \"-\" \"-\"",
    "http 2026-11-26T06:00:00.310552Z app/shop-prod/50dc6c495c0c9188 198.51.100.23:40022 - 0.000 0.000 0.000 301 - 112 298 \"GET http://shop.example.com:80/ HTTP/1.1\" \"curl/8.5.0\" - - - \"Root=1-6789a1b2-0123456789abcdef01234567\" \"-\" \"-\" 0 2026-11-26T06:00:00.310000Z \"redirect\" \"https://shop.example.com:443/\" \"-\" \"-\" \"-\" \"-\" \"-\" TID_0f1e2d3c4b5a6978 \"-\" \"-\" \"-\"",
    "https 2026-11-26T06:00:00.402233Z app/shop-prod/50dc6c495c0c9188 192.0.2.44:61000 10.0.1.12:8080 0.001 0.087 0.000 200 200 402 1530 \"GET https://shop.example.com:443/static/app.3f9c2d1e.js HTTP/1.1\" \"Mozilla/5.0 (compatible; \\x22Bot\\x22/2.1; +http://www.example.com/bot.html)\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
        + ARN
        + " \"Root=1-6789a1b0-fedcba9876543210fedcba98;CalledFrom=checkout-frontend\" \"shop.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 3 2026-11-26T06:00:00.314000Z \"forward\" \"-\" \"-\" \"10.0.1.12:8080\" \"200\" \"-\" \"-\" TID_1234abcd5678ef91 \"-\" \"-\" \"-\"",
    "https 2026-11-26T06:00:00.514990Z app/shop-prod/50dc6c495c0c9188 203.0.113.99:33012 10.0.3.21:8080 0.000 0.203 0.000 502 502 640 312 \"PUT https://shop.example.com:443/api/v2/orders/8f14e45f-ceea-467e-9a8b-1b3c2d4e5f60 HTTP/1.1\" \""
        + CHROME + "\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 " + ARN
        + " \"Root=1-6789a1b3-aaaabbbbccccddddeeeeffff\" \"shop.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 5 2026-11-26T06:00:00.311000Z \"forward\" \"-\" \"-\" \"10.0.3.21:8080\" \"502\" \"-\" \"-\" TID_1234abcd5678ef92 \"-\" \"-\" \"-\"",
    "https 2026-11-26T06:00:00.600001Z app/shop-prod/50dc6c495c0c9188 198.51.100.7:50123 - -1 -1 -1 460 - 0 0 \"GET https://shop.example.com:443/api/v2/search?q=red+running+shoes HTTP/1.1\" \""
        + SAFARI + "\" TLS_AES_128_GCM_SHA256 TLSv1.3 " + ARN
        + " \"-\" \"shop.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 3 2026-11-26T06:00:00.598000Z \"forward\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\" TID_1234abcd5678ef93 \"-\" \"-\" \"-\"",
    "wss 2026-11-26T06:00:01.100000Z app/shop-prod/50dc6c495c0c9188 192.0.2.200:44244 10.0.0.171:8010 0.000 0.001 0.000 101 101 218 786 \"GET https://shop.example.com:443/ws/notifications HTTP/1.1\" \"-\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
        + ARN
        + " \"Root=1-58337364-23a8c76965a2ef7629b185e3\" \"shop.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 1 2026-11-26T05:58:48.364000Z \"forward\" \"-\" \"-\" \"10.0.0.171:8010\" \"101\" \"-\" \"-\" TID_1234abcd5678ef94 \"-\" \"-\" \"-\"",
    "https 2026-11-26T06:00:01.250000Z app/shop-prod/50dc6c495c0c9188 203.0.113.17:52815 10.0.1.12:8080 0.000 0.009 0.000 200 200 498 2210 \"GET https://shop.example.com:443/api/v2/products/42/reviews?page=1 HTTP/1.1\" \""
        + CHROME + "\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 " + ARN
        + " \"Self=1-6789a1b4-0000111122223333444455ff;Root=1-6789a1b4-0123456789abcdef01234568\" \"shop.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 3 2026-11-26T06:00:01.240000Z \"forward\" \"-\" \"-\" \"10.0.1.12:8080\" \"200\" \"-\" \"-\" TID_1234abcd5678ef95 \"-\" \"-\" \"-\"",
  };

  private AlbLogLines() {}

  static byte[][] utf8() {
    byte[][] b = new byte[LINES.length][];
    for (int i = 0; i < LINES.length; i++) b[i] = LINES[i].getBytes(StandardCharsets.UTF_8);
    return b;
  }
}
