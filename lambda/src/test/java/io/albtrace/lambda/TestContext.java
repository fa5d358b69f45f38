package io.albtrace.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The invocation context the runtime passes, its log kept for assertions. */
final class TestContext implements Context {
  final List<String> log = new CopyOnWriteArrayList<>();

  private final LambdaLogger logger = new LambdaLogger() {
    @Override
    public void log(String message) {
      log.add(message);
    }

    @Override
    public void log(byte[] message) {
      log.add(new String(message, StandardCharsets.UTF_8));
    }
  };

  @Override public String getAwsRequestId() { return "5b2f3c4e-6a7d-4b8e-9f01-23456789abcd"; }
  @Override public String getLogGroupName() { return "/aws/lambda/albtrace-forwarder"; }
  @Override public String getLogStreamName() { return "2026/09/29/[$LATEST]0123456789abcdef"; }
  @Override public String getFunctionName() { return "albtrace-forwarder"; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-2:123456789012:function:albtrace-forwarder"; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return 900_000; }
  @Override public int getMemoryLimitInMB() { return 512; }
  @Override public LambdaLogger getLogger() { return logger; }
}
