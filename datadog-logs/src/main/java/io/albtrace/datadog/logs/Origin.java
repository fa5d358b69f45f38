package io.albtrace.datadog.logs;

/**
 * Where a stream of log lines comes from: an S3 object (its bucket and key become {@code
 * aws.s3.bucket} and {@code aws.s3.key} on every entry), a file, or standard input. An ALB names
 * its objects after the load balancer, which names the service when a line cannot:
 *
 * <pre>
 * AWSLogs/123456789012/elasticloadbalancing/us-east-2/2026/09/29/
 *   123456789012_elasticloadbalancing_us-east-2_app.my-lb.50dc6c495c0c9188_20260929T2340Z_10.0.0.9_x.log.gz
 *                                                   └─┬─┘
 *                                            load balancer "my-lb"
 * </pre>
 */
public final class Origin {
  private final String bucket;
  private final String key;
  private final String name;
  private final String loadBalancer;

  private Origin(String bucket, String key, String name) {
    this.bucket = bucket;
    this.key = key;
    this.name = name;
    this.loadBalancer = loadBalancerOf(key != null ? key : name);
  }

  /** An S3 object (its key decoded, as S3 stores it). */
  public static Origin s3(String bucket, String key) {
    if (bucket == null || key == null) throw new NullPointerException("bucket and key");
    return new Origin(bucket, key, "s3://" + bucket + "/" + key);
  }

  /** A file (its name may tell the load balancer) or a stream. */
  public static Origin file(String name) {
    return new Origin(null, null, name);
  }

  /** The bucket, or null when not from S3. */
  public String bucket() {
    return bucket;
  }

  /** The key, or null when not from S3. */
  public String key() {
    return key;
  }

  /** The load balancer's name from an ALB log object's name, or null. */
  public String loadBalancer() {
    return loadBalancer;
  }

  @Override
  public String toString() {
    return name;
  }

  /** {@code …_app.<name>.<id>_…} in the last path segment: ALB names hold only letters, digits and hyphens. */
  static String loadBalancerOf(String path) {
    if (path == null) return null;
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    int at = path.indexOf("_elasticloadbalancing_", slash + 1);
    if (at < 0) return null;
    at = path.indexOf("_app.", at);
    if (at < 0) return null;
    int start = at + 5;
    int end = start;
    while (end < path.length() && isNameChar(path.charAt(end))) end++;
    return end > start && end < path.length() && path.charAt(end) == '.' ? path.substring(start, end) : null;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }
}
