package io.albtrace.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.albtrace.datadog.logs.ForwardStats;
import io.albtrace.datadog.logs.Origin;

/**
 * Handler for S3 event notifications sent straight to the function ({@code
 * io.albtrace.lambda.S3EventHandler::handleRequest}): forwards each created object. A failure fails
 * the invocation, which Lambda retries (asynchronous invocation: twice, then its on-failure
 * destination).
 */
public final class S3EventHandler implements RequestHandler<S3Event, String> {
  private final S3LogForwarder forwarder;

  /** Set up at cold start from the environment. */
  public S3EventHandler() {
    this(S3LogForwarder.fromEnvironment(System.getenv()));
  }

  S3EventHandler(S3LogForwarder forwarder) {
    this.forwarder = forwarder;
  }

  @Override
  public String handleRequest(S3Event event, Context context) {
    ForwardStats total = ForwardStats.ZERO;
    for (Origin o : S3Notifications.of(event)) total = total.plus(forwarder.forward(o, context.getLogger()));
    return total.toString();
  }
}
