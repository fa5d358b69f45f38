package io.albtrace.spring;

import io.albtrace.continuation.InvalidSettingException;
import io.albtrace.internal.SystemSettings;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Boot's report for a bad {@code albtrace.*} value, in its usual shape:
 *
 * <pre>
 * Description:
 *
 * Invalid value 'sometimes' for albtrace.trust-policy: albtrace.trust-policy: unknown trust policy 'sometimes': use always, alb-generated-only or never
 *
 * Action:
 *
 * Set albtrace.trust-policy to one of always, alb-generated-only, never (application properties or YAML,
 * -Dalbtrace.trust-policy=..., or the environment variable ALBTRACE_TRUST_POLICY), or remove it to use the default.
 * </pre>
 */
final class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
    String name = cause.setting();
    String description = "Invalid value '" + cause.value() + "' for " + name + ": " + cause.getMessage();
    String action = "Set " + name + " to one of " + String.join(", ", cause.allowedValues())
        + " (application properties or YAML, -D" + name + "=..., or the environment variable "
        + SystemSettings.environmentName(name) + "), or remove it to use the default.";
    return new FailureAnalysis(description, action, cause);
  }
}
