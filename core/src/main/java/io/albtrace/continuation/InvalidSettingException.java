package io.albtrace.continuation;

import java.util.List;

/**
 * A setting whose value is not one of the allowed ones, as {@link Continuation#fromConfig} reports
 * it. The message names the setting, the value and what is allowed:
 *
 * <pre>
 * albtrace.w3c must be true or false, not 'maybe'
 * albtrace.trust-policy: unknown trust policy 'sometimes': use always, alb-generated-only or never
 * </pre>
 *
 * <p>The parts are kept apart for frameworks that report bad configuration in their own words
 * (Spring Boot's failure analysis, for one).
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String value;
  private final List<String> allowedValues;

  /**
   * @param setting the setting's name, {@code albtrace.w3c}
   * @param value the value as given
   * @param allowedValues the values it may take, spelled as documented
   */
  public InvalidSettingException(String setting, String value, List<String> allowedValues, String message) {
    super(message);
    this.setting = setting;
    this.value = value;
    this.allowedValues = List.copyOf(allowedValues);
  }

  /** The setting's name, {@code albtrace.trust-policy}. */
  public String setting() {
    return setting;
  }

  /** The rejected value, as given. */
  public String value() {
    return value;
  }

  /** The allowed values, spelled as documented: {@code [true, false]}. */
  public List<String> allowedValues() {
    return allowedValues;
  }
}
