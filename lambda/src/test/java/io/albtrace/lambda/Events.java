package io.albtrace.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Event JSON as AWS sends it (S3 notification structure 2.1; SQS and SNS records with their
 * documented fields), turned into aws-lambda-java-events objects by the Lambda Java runtime's own
 * deserializer.
 */
final class Events {
  static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  /** S3's notification for objects created in {@code bucket}; keys URL-encoded as S3 writes them. */
  static String s3(String bucket, String... keys) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode records = root.putArray("Records");
    int i = 0;
    for (String key : keys) {
      ObjectNode r = records.addObject();
      r.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", "us-east-2")
          .put("eventTime", "2026-09-29T23:40:1" + (i % 10) + ".345Z").put("eventName", "ObjectCreated:Put");
      r.putObject("userIdentity").put("principalId", "AWS:AROAEXAMPLE:elb-logs");
      r.putObject("requestParameters").put("sourceIPAddress", "10.0.0.9");
      r.putObject("responseElements").put("x-amz-request-id", "C3D13FE58DE4C81" + i)
          .put("x-amz-id-2", "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD");
      ObjectNode s3 = r.putObject("s3");
      s3.put("s3SchemaVersion", "1.0").put("configurationId", "albtrace-forwarder");
      s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket)
          .putObject("ownerIdentity").put("principalId", "A3NL1KOZZKExample");
      s3.putObject("object").put("key", java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8)
              .replace("%2F", "/")).put("size", 1024 + i).put("eTag", "0123456789abcdef0123456789abcdef")
          .put("sequencer", "0A1B2C3D4E5F67890" + i);
      i++;
    }
    return root.toString();
  }

  /** S3's one-off test message, sent when a notification is set up. */
  static String s3TestEvent(String bucket) {
    return "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-09-29T23:00:00.000Z\",\"Bucket\":\""
        + bucket + "\",\"RequestId\":\"5582815E1AEA5ADF\",\"HostId\":\"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE\"}";
  }

  /** An SNS notification envelope around {@code message}, as SNS delivers it to SQS. */
  static String snsEnvelope(String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("Type", "Notification").put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324")
        .put("TopicArn", "arn:aws:sns:us-east-2:123456789012:alb-logs").put("Subject", "Amazon S3 Notification")
        .put("Message", message).put("Timestamp", "2026-09-29T23:40:13.000Z").put("SignatureVersion", "1")
        .put("Signature", "EXAMPLEpH+..").put("SigningCertURL", "https://sns.us-east-2.amazonaws.com/cert.pem")
        .put("UnsubscribeURL", "https://sns.us-east-2.amazonaws.com/?Action=Unsubscribe");
    return n.toString();
  }

  /** An SQS event, one message per body, ids {@code m0}, {@code m1}, …. */
  static String sqs(String... bodies) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode records = root.putArray("Records");
    int i = 0;
    for (String body : bodies) {
      ObjectNode r = records.addObject();
      r.put("messageId", "m" + i++).put("receiptHandle", "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...").put("body", body);
      r.putObject("attributes").put("ApproximateReceiveCount", "1").put("SentTimestamp", "1790725213000")
          .put("SenderId", "AIDAIENQZJOLO23YVJ4VO").put("ApproximateFirstReceiveTimestamp", "1790725213010");
      r.putObject("messageAttributes");
      r.put("md5OfBody", "e4e68fb7bd0e697a0ae8f1bb342846b3").put("eventSource", "aws:sqs")
          .put("eventSourceARN", "arn:aws:sqs:us-east-2:123456789012:alb-logs").put("awsRegion", "us-east-2");
    }
    return root.toString();
  }

  /** An SNS event with one record carrying {@code message}. */
  static String sns(String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode r = root.putArray("Records").addObject();
    r.put("EventVersion", "1.0").put("EventSource", "aws:sns")
        .put("EventSubscriptionArn", "arn:aws:sns:us-east-2:123456789012:alb-logs:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55");
    ObjectNode sns = r.putObject("Sns");
    sns.put("SignatureVersion", "1").put("Timestamp", "2026-09-29T23:40:13.000Z").put("Signature", "tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==")
        .put("SigningCertUrl", "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem")
        .put("MessageId", "95df01b4-ee98-5cb9-9903-4c221d41eb5e").put("Message", message).put("Type", "Notification")
        .put("UnsubscribeUrl", "https://sns.us-east-2.amazonaws.com/?Action=Unsubscribe")
        .put("TopicArn", "arn:aws:sns:us-east-2:123456789012:alb-logs").put("Subject", "Amazon S3 Notification");
    sns.putObject("MessageAttributes");
    return root.toString();
  }

  /** {@code json} as the Lambda Java runtime hands it to a handler taking {@code type}. */
  static <T> T read(String json, Class<T> type) {
    PojoSerializer<T> s = LambdaEventSerializers.serializerFor(type, Events.class.getClassLoader());
    return s.fromJson(json);
  }
}
