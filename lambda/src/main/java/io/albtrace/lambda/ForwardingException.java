package io.albtrace.lambda;

/**
 * An object that was not forwarded whole: thrown out of a handler so Lambda marks the invocation
 * (or, from SQS, the message) failed and delivers it again — the entries already sent may then
 * arrive twice, never zero times.
 */
public final class ForwardingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ForwardingException(String message, Throwable cause) {
    super(message, cause);
  }
}
