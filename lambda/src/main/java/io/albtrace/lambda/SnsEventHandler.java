package io.albtrace.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.albtrace.datadog.logs.ForwardStats;
import io.albtrace.datadog.logs.Origin;

/**
 * Handler for S3 notifications published to an SNS topic the function subscribes to ({@code
 * io.albtrace.lambda.SnsEventHandler::handleRequest}): each message is S3's notification JSON. A
 * failure fails the invocation, which SNS retries.
 */
public final class SnsEventHandler implements RequestHandler<SNSEvent, String> {
  private final S3LogForwarder forwarder;

  public SnsEventHandler() {
    this(S3LogForwarder.fromEnvironment(System.getenv()));
  }

  SnsEventHandler(S3LogForwarder forwarder) {
    this.forwarder = forwarder;
  }

  @Override
  public String handleRequest(SNSEvent event, Context context) {
    ForwardStats total = ForwardStats.ZERO;
    for (SNSEvent.SNSRecord r : event.getRecords()) {
      for (Origin o : S3Notifications.ofJson(r.getSNS().getMessage())) {
        total = total.plus(forwarder.forward(o, context.getLogger()));
      }
    }
    return total.toString();
  }
}
