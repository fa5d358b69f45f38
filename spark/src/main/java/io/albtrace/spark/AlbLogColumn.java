package io.albtrace.spark;

import io.albtrace.accesslog.AlbLogField;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The columns of AWS's Athena table for ALB access logs ("Create the table for ALB access logs" in
 * the Athena user guide), in its order, names and types, each with the {@link AlbLogField} it comes
 * from; then the three 2025 transform fields, which that table does not have yet.
 *
 * <pre>
 * client:port  2001:db8::1:51234            → client_ip "2001:db8::1", client_port 51234 (last colon)
 * request      "GET https://h:443/a HTTP/1.1" → request_verb, request_url, request_proto
 * error_reason                               → lambda_error_reason (Athena's name)
 * </pre>
 *
 * <p>Unlike Athena's regex, a value of {@code -} ("no value") is SQL NULL in every column, and
 * quoted values have ALB's {@code \xHH} escapes decoded, as in {@code albtrace enrich}'s output.
 */
enum AlbLogColumn {
  TYPE("type", Type.STRING, AlbLogField.TYPE, Part.WHOLE),
  TIME("time", Type.STRING, AlbLogField.TIME, Part.WHOLE),
  ELB("elb", Type.STRING, AlbLogField.ELB, Part.WHOLE),
  CLIENT_IP("client_ip", Type.STRING, AlbLogField.CLIENT_PORT, Part.HOST),
  CLIENT_PORT("client_port", Type.INT, AlbLogField.CLIENT_PORT, Part.PORT),
  TARGET_IP("target_ip", Type.STRING, AlbLogField.TARGET_PORT, Part.HOST),
  TARGET_PORT("target_port", Type.INT, AlbLogField.TARGET_PORT, Part.PORT),
  REQUEST_PROCESSING_TIME("request_processing_time", Type.DOUBLE, AlbLogField.REQUEST_PROCESSING_TIME, Part.WHOLE),
  TARGET_PROCESSING_TIME("target_processing_time", Type.DOUBLE, AlbLogField.TARGET_PROCESSING_TIME, Part.WHOLE),
  RESPONSE_PROCESSING_TIME("response_processing_time", Type.DOUBLE, AlbLogField.RESPONSE_PROCESSING_TIME, Part.WHOLE),
  ELB_STATUS_CODE("elb_status_code", Type.INT, AlbLogField.ELB_STATUS_CODE, Part.WHOLE),
  TARGET_STATUS_CODE("target_status_code", Type.STRING, AlbLogField.TARGET_STATUS_CODE, Part.WHOLE),
  RECEIVED_BYTES("received_bytes", Type.BIGINT, AlbLogField.RECEIVED_BYTES, Part.WHOLE),
  SENT_BYTES("sent_bytes", Type.BIGINT, AlbLogField.SENT_BYTES, Part.WHOLE),
  REQUEST_VERB("request_verb", Type.STRING, AlbLogField.REQUEST, Part.VERB),
  REQUEST_URL("request_url", Type.STRING, AlbLogField.REQUEST, Part.URL),
  REQUEST_PROTO("request_proto", Type.STRING, AlbLogField.REQUEST, Part.PROTO),
  USER_AGENT("user_agent", Type.STRING, AlbLogField.USER_AGENT, Part.WHOLE),
  SSL_CIPHER("ssl_cipher", Type.STRING, AlbLogField.SSL_CIPHER, Part.WHOLE),
  SSL_PROTOCOL("ssl_protocol", Type.STRING, AlbLogField.SSL_PROTOCOL, Part.WHOLE),
  TARGET_GROUP_ARN("target_group_arn", Type.STRING, AlbLogField.TARGET_GROUP_ARN, Part.WHOLE),
  TRACE_ID("trace_id", Type.STRING, AlbLogField.TRACE_ID, Part.WHOLE),
  DOMAIN_NAME("domain_name", Type.STRING, AlbLogField.DOMAIN_NAME, Part.WHOLE),
  CHOSEN_CERT_ARN("chosen_cert_arn", Type.STRING, AlbLogField.CHOSEN_CERT_ARN, Part.WHOLE),
  MATCHED_RULE_PRIORITY("matched_rule_priority", Type.STRING, AlbLogField.MATCHED_RULE_PRIORITY, Part.WHOLE),
  REQUEST_CREATION_TIME("request_creation_time", Type.STRING, AlbLogField.REQUEST_CREATION_TIME, Part.WHOLE),
  ACTIONS_EXECUTED("actions_executed", Type.STRING, AlbLogField.ACTIONS_EXECUTED, Part.WHOLE),
  REDIRECT_URL("redirect_url", Type.STRING, AlbLogField.REDIRECT_URL, Part.WHOLE),
  LAMBDA_ERROR_REASON("lambda_error_reason", Type.STRING, AlbLogField.ERROR_REASON, Part.WHOLE),
  TARGET_PORT_LIST("target_port_list", Type.STRING, AlbLogField.TARGET_PORT_LIST, Part.WHOLE),
  TARGET_STATUS_CODE_LIST("target_status_code_list", Type.STRING, AlbLogField.TARGET_STATUS_CODE_LIST, Part.WHOLE),
  CLASSIFICATION("classification", Type.STRING, AlbLogField.CLASSIFICATION, Part.WHOLE),
  CLASSIFICATION_REASON("classification_reason", Type.STRING, AlbLogField.CLASSIFICATION_REASON, Part.WHOLE),
  CONN_TRACE_ID("conn_trace_id", Type.STRING, AlbLogField.CONN_TRACE_ID, Part.WHOLE),
  TRANSFORMED_HOST("transformed_host", Type.STRING, AlbLogField.TRANSFORMED_HOST, Part.WHOLE),
  TRANSFORMED_URI("transformed_uri", Type.STRING, AlbLogField.TRANSFORMED_URI, Part.WHOLE),
  REQUEST_TRANSFORM_STATUS("request_transform_status", Type.STRING, AlbLogField.REQUEST_TRANSFORM_STATUS, Part.WHOLE);

  /** Athena's column types. */
  enum Type {
    STRING(DataTypes.StringType),
    INT(DataTypes.IntegerType),
    BIGINT(DataTypes.LongType),
    DOUBLE(DataTypes.DoubleType);

    final DataType sparkType;

    Type(DataType sparkType) {
      this.sparkType = sparkType;
    }
  }

  /** Which part of its field a column holds. */
  enum Part {
    WHOLE,
    /** {@code ip:port} split at the last colon (ALB writes IPv6 without brackets). */
    HOST,
    PORT,
    /** {@code "METHOD URL PROTOCOL"}: up to the first space, up to the last, the rest. */
    VERB,
    URL,
    PROTO
  }

  final String columnName;
  final Type type;
  final AlbLogField field;
  final Part part;

  AlbLogColumn(String columnName, Type type, AlbLogField field, Part part) {
    this.columnName = columnName;
    this.type = type;
    this.field = field;
    this.part = part;
  }
}
