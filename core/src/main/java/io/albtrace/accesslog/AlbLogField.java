package io.albtrace.accesslog;

/**
 * The fields of an Application Load Balancer access-log entry, in the order AWS writes them, each
 * under its name in AWS's documentation ("Access logs for your Application Load Balancer").
 *
 * <pre>
 * http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817
 * 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1"
 * "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067
 * "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-"
 * "10.0.0.1:80" "200" "-" "-" TID_1234abcd5678ef90 "-" "-" "-"
 * </pre>
 *
 * <p>AWS appends fields over time: older entries stop earlier (after {@link #TRACE_ID},
 * {@link #MATCHED_RULE_PRIORITY} or {@link #REQUEST_CREATION_TIME}), newer ones carry fields after
 * {@link #REQUEST_TRANSFORM_STATUS} that this enum does not name yet; {@link AlbLogEntry} keeps
 * those as extra fields.
 */
public enum AlbLogField {
  TYPE("type", Kind.TEXT),
  TIME("time", Kind.TEXT),
  ELB("elb", Kind.TEXT),
  CLIENT_PORT("client:port", Kind.TEXT),
  TARGET_PORT("target:port", Kind.TEXT),
  REQUEST_PROCESSING_TIME("request_processing_time", Kind.SECONDS),
  TARGET_PROCESSING_TIME("target_processing_time", Kind.SECONDS),
  RESPONSE_PROCESSING_TIME("response_processing_time", Kind.SECONDS),
  ELB_STATUS_CODE("elb_status_code", Kind.INTEGER),
  TARGET_STATUS_CODE("target_status_code", Kind.INTEGER),
  RECEIVED_BYTES("received_bytes", Kind.INTEGER),
  SENT_BYTES("sent_bytes", Kind.INTEGER),
  REQUEST("request", Kind.TEXT),
  USER_AGENT("user_agent", Kind.TEXT),
  SSL_CIPHER("ssl_cipher", Kind.TEXT),
  SSL_PROTOCOL("ssl_protocol", Kind.TEXT),
  TARGET_GROUP_ARN("target_group_arn", Kind.TEXT),
  TRACE_ID("trace_id", Kind.TEXT),
  DOMAIN_NAME("domain_name", Kind.TEXT),
  CHOSEN_CERT_ARN("chosen_cert_arn", Kind.TEXT),
  MATCHED_RULE_PRIORITY("matched_rule_priority", Kind.INTEGER),
  REQUEST_CREATION_TIME("request_creation_time", Kind.TEXT),
  ACTIONS_EXECUTED("actions_executed", Kind.TEXT),
  REDIRECT_URL("redirect_url", Kind.TEXT),
  ERROR_REASON("error_reason", Kind.TEXT),
  TARGET_PORT_LIST("target:port_list", Kind.TEXT),
  TARGET_STATUS_CODE_LIST("target_status_code_list", Kind.TEXT),
  CLASSIFICATION("classification", Kind.TEXT),
  CLASSIFICATION_REASON("classification_reason", Kind.TEXT),
  CONN_TRACE_ID("conn_trace_id", Kind.TEXT),
  TRANSFORMED_HOST("transformed_host", Kind.TEXT),
  TRANSFORMED_URI("transformed_uri", Kind.TEXT),
  REQUEST_TRANSFORM_STATUS("request_transform_status", Kind.TEXT);

  /** How a field's value is checked and written to JSON. */
  enum Kind {
    /** Any text; written as a JSON string. */
    TEXT,
    /** Decimal seconds such as {@code 0.086} or {@code -1}; written as a JSON number. */
    SECONDS,
    /** A decimal integer such as {@code 200}; written as a JSON number. */
    INTEGER
  }

  /**
   * Fields every entry must have: AWS has written these since ALB launched. Later ones may be
   * missing from older entries and are then absent, not an error.
   */
  public static final int REQUIRED = TRACE_ID.ordinal() + 1;

  private static final AlbLogField[] VALUES = values();

  private final String awsName;
  private final Kind kind;

  AlbLogField(String awsName, Kind kind) {
    this.awsName = awsName;
    this.kind = kind;
  }

  /** The field's name in AWS's documentation, which is also its JSON key: {@code client:port}. */
  public String awsName() {
    return awsName;
  }

  Kind kind() {
    return kind;
  }

  /** The field at {@code index} (0-based) of an entry, or {@code null} past the known ones. */
  public static AlbLogField at(int index) {
    return index >= 0 && index < VALUES.length ? VALUES[index] : null;
  }

  /** How many fields this version of albtrace names. */
  public static int count() {
    return VALUES.length;
  }
}
