package io.albtrace.lambda;

import io.albtrace.accesslog.AlbLogEnricher;
import io.albtrace.datadog.logs.EntryOptions;
import io.albtrace.datadog.logs.IntakeSettings;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The function's environment, read once per cold start:
 *
 * <pre>
 * DD_API_KEY_SECRET_ARN   the Secrets Manager secret holding the API key as plain text (recommended), or
 * DD_API_KEY              the key itself
 * DD_SITE                 datadoghq.com (default), datadoghq.eu, us5.datadoghq.com, …
 * DD_LOGS_URL             an explicit intake URL instead (a proxy)
 * DD_TAGS                 env:prod,team:web — added to every entry's ddtags
 * DD_SERVICE              a fixed service (default: the load balancer's name)
 * DD_SOURCE               ddsource (default elb)
 * ALBTRACE_LOG_FORMAT     raw (default) or parsed
 * ALBTRACE_DD_TRACE_ID    decimal (default) or hex
 * </pre>
 *
 * The key is fetched with the SDK's Secrets Manager client rather than resolved by CloudFormation
 * into the environment, so it never shows in the function's configuration.
 */
final class LambdaSettings {
  private LambdaSettings() {}

  static IntakeSettings intake(Map<String, String> env, Supplier<SecretsManagerClient> secrets) {
    return IntakeSettings.builder(IntakeSettings.url(env), apiKey(env, secrets)).build();
  }

  static String apiKey(Map<String, String> env, Supplier<SecretsManagerClient> secrets) {
    String arn = env.get("DD_API_KEY_SECRET_ARN");
    if (arn != null && !arn.isBlank()) {
      try (SecretsManagerClient client = secrets.get()) {
        String key = client.getSecretValue(r -> r.secretId(arn.trim())).secretString();
        if (key == null || key.isBlank()) throw new IllegalStateException("secret " + arn + " holds no SecretString");
        return key.trim();
      }
    }
    String key = env.get("DD_API_KEY");
    if (key == null || key.isBlank()) throw new IllegalStateException("set DD_API_KEY_SECRET_ARN (or DD_API_KEY)");
    return key.trim();
  }

  static EntryOptions options(Map<String, String> env) {
    EntryOptions o = EntryOptions.defaults()
        .withTags(env.get("DD_TAGS"))
        .withService(env.get("DD_SERVICE"));
    String source = env.get("DD_SOURCE");
    if (source != null && !source.isBlank()) o = o.withSource(source);
    String format = env.getOrDefault("ALBTRACE_LOG_FORMAT", "raw").trim();
    if (!format.equals("raw") && !format.equals("parsed")) {
      throw new IllegalStateException("ALBTRACE_LOG_FORMAT must be raw or parsed, not " + format);
    }
    o = o.withFormat(format.equals("parsed") ? EntryOptions.Format.PARSED : EntryOptions.Format.RAW);
    String id = env.getOrDefault("ALBTRACE_DD_TRACE_ID", "decimal").trim();
    if (!id.equals("decimal") && !id.equals("hex")) {
      throw new IllegalStateException("ALBTRACE_DD_TRACE_ID must be decimal or hex, not " + id);
    }
    return o.withTraceIdFormat(id.equals("hex") ? AlbLogEnricher.TraceIdFormat.HEX : AlbLogEnricher.TraceIdFormat.DECIMAL);
  }
}
