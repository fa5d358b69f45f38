package io.albtrace.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.albtrace.datadog.logs.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * Handler for S3 notifications queued in SQS, directly or through an SNS topic ({@code
 * io.albtrace.lambda.SqsEventHandler::handleRequest}; what {@code lambda/template.yaml} deploys).
 * Each message is forwarded on its own; the ones that failed are reported as batch item failures
 * (the event source mapping needs {@code ReportBatchItemFailures}), so only they come back, and
 * after the queue's {@code maxReceiveCount} they go to its dead-letter queue.
 */
public final class SqsEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final S3LogForwarder forwarder;

  public SqsEventHandler() {
    this(S3LogForwarder.fromEnvironment(System.getenv()));
  }

  SqsEventHandler(S3LogForwarder forwarder) {
    this.forwarder = forwarder;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage m : event.getRecords()) {
      try {
        for (Origin o : S3Notifications.ofJson(m.getBody())) forwarder.forward(o, context.getLogger());
      } catch (RuntimeException e) { // a ForwardingException, or a body that is not a notification
        context.getLogger().log("message " + m.getMessageId() + " failed: " + e.getMessage());
        failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
