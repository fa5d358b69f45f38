package io.albtrace.lambda;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.albtrace.datadog.logs.Origin;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * The objects an S3 notification announces as created, however it was routed: straight to Lambda
 * (an {@link S3Event}), or as text in an SQS message body or an SNS message — S3's own JSON, or
 * SNS's envelope around it when SNS fans out to SQS:
 *
 * <pre>
 * {"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"alb-logs"},"object":{"key":"AWSLogs/…log.gz",…}}}]}
 * {"Type":"Notification","MessageId":"…","TopicArn":"…","Message":"{\"Records\":[…]}",…}
 * {"Service":"Amazon S3","Event":"s3:TestEvent",…}                 (sent once when notifications are set up: no object)
 * </pre>
 *
 * Keys arrive URL-encoded ({@code +} for a space) and are decoded; events other than {@code
 * ObjectCreated:*} are ignored.
 */
final class S3Notifications {
  private static final JsonNodeParser PARSER = JsonNodeParser.create();

  private S3Notifications() {}

  /** The created objects of a notification Lambda received directly. */
  static List<Origin> of(S3Event event) {
    List<Origin> out = new ArrayList<>();
    if (event.getRecords() == null) return out;
    for (S3EventNotificationRecord r : event.getRecords()) {
      if (isCreated(r.getEventName()) && r.getS3() != null) {
        out.add(Origin.s3(r.getS3().getBucket().getName(), r.getS3().getObject().getUrlDecodedKey()));
      }
    }
    return out;
  }

  /** The created objects of a notification as text: S3's JSON, or an SNS envelope around it. */
  static List<Origin> ofJson(String text) {
    List<Origin> out = new ArrayList<>();
    if (text == null || text.isBlank()) return out;
    JsonNode n = PARSER.parse(text);
    if (n.isObject() && n.field("Message").isPresent() && n.field("Type").map(JsonNode::text).orElse("").equals("Notification")) {
      return ofJson(n.field("Message").get().text());
    }
    S3EventNotification notification = S3EventNotification.fromJson(text);
    if (notification.getRecords() == null) return out;
    for (var r : notification.getRecords()) {
      if (isCreated(r.getEventName()) && r.getS3() != null) {
        out.add(Origin.s3(r.getS3().getBucket().getName(), r.getS3().getObject().getUrlDecodedKey()));
      }
    }
    return out;
  }

  private static boolean isCreated(String eventName) {
    return eventName != null && eventName.startsWith("ObjectCreated:");
  }
}
