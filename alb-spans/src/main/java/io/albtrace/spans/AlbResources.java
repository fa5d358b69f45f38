package io.albtrace.spans;

import io.albtrace.accesslog.AlbLogEntry;
import io.albtrace.accesslog.AlbLogField;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import java.util.HashMap;
import java.util.Map;

/**
 * The OpenTelemetry resource of an ALB span: the load balancer, named and placed from its log.
 *
 * <pre>
 * elb               app/my-loadbalancer/50dc6c495c0c9188
 * target_group_arn  arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067
 *  → service.name=my-loadbalancer, cloud.provider=aws, cloud.region=us-east-2,
 *    cloud.account.id=123456789012, aws.elb.load_balancer=app/my-loadbalancer/50dc6c495c0c9188,
 *    cloud.resource_id=arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/my-loadbalancer/50dc6c495c0c9188
 * </pre>
 *
 * <p>Region and account come from the target group ARN, else from {@code chosen_cert_arn} (an ACM
 * certificate of the same account and region); without either they are left out. One load balancer
 * writes thousands of lines with one resource, so resources are kept, at most {@value #MOST} (then
 * the cache starts again): spans of one balancer share one instance, which the exporter groups on.
 * Not thread-safe.
 */
final class AlbResources {
  private static final int MOST = 256;
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final AttributeKey<String> CLOUD_PROVIDER = AttributeKey.stringKey("cloud.provider");
  private static final AttributeKey<String> CLOUD_REGION = AttributeKey.stringKey("cloud.region");
  private static final AttributeKey<String> CLOUD_ACCOUNT = AttributeKey.stringKey("cloud.account.id");
  private static final AttributeKey<String> CLOUD_RESOURCE_ID = AttributeKey.stringKey("cloud.resource_id");
  private static final AttributeKey<String> LOAD_BALANCER = AttributeKey.stringKey("aws.elb.load_balancer");

  private final Map<String, Resource> cache = new HashMap<>();

  /** The resource for entry {@code e}. */
  Resource of(AlbLogEntry e) {
    String elb = e.text(AlbLogField.ELB);
    String arn = AlbSpanAttributes.text(e, AlbLogField.TARGET_GROUP_ARN);
    if (arn == null || !arn.startsWith("arn:")) arn = AlbSpanAttributes.text(e, AlbLogField.CHOSEN_CERT_ARN);
    String key = arn == null ? elb : elb + ' ' + arn.substring(0, Math.min(arn.length(), nthColon(arn, 5)));
    Resource r = cache.get(key);
    if (r == null) {
      if (cache.size() == MOST) cache.clear();
      r = create(elb, arn);
      cache.put(key, r);
    }
    return r;
  }

  private static Resource create(String elb, String arn) {
    // app/<name>/<id>: the name is what people call the balancer; anything else is kept whole
    int first = elb.indexOf('/');
    int second = first < 0 ? -1 : elb.indexOf('/', first + 1);
    String name = second > first + 1 ? elb.substring(first + 1, second) : elb;
    io.opentelemetry.api.common.AttributesBuilder b = Attributes.builder()
        .put(SERVICE_NAME, name)
        .put(CLOUD_PROVIDER, "aws")
        .put(LOAD_BALANCER, elb);
    // arn:<partition>:<service>:<region>:<account>:<resource>
    int c2 = nthColon(arn, 2), c3 = nthColon(arn, 3), c4 = nthColon(arn, 4), c5 = nthColon(arn, 5);
    if (arn != null && c5 > c4 + 1 && c4 > c3 + 1) {
      String region = arn.substring(c3 + 1, c4), account = arn.substring(c4 + 1, c5);
      b.put(CLOUD_REGION, region).put(CLOUD_ACCOUNT, account);
      b.put(CLOUD_RESOURCE_ID, arn.substring(0, c2) + ":elasticloadbalancing:"
          + region + ':' + account + ":loadbalancer/" + elb);
    }
    return Resource.create(b.build());
  }

  /** Index of the {@code n}th colon of {@code s} (1-based), or {@code s.length()}; -1 for null. */
  private static int nthColon(String s, int n) {
    if (s == null) return -1;
    int i = -1;
    for (int k = 0; k < n; k++) {
      i = s.indexOf(':', i + 1);
      if (i < 0) return s.length();
    }
    return i;
  }
}
