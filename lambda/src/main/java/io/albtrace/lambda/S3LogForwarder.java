package io.albtrace.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.albtrace.accesslog.GzipMembersInputStream;
import io.albtrace.datadog.logs.AlbLogForwarder;
import io.albtrace.datadog.logs.DeliveryException;
import io.albtrace.datadog.logs.ForwardStats;
import io.albtrace.datadog.logs.Origin;
import io.albtrace.internal.CountingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Streams one S3 object — gzip of any number of members, or plain — through {@link AlbLogForwarder}
 * to Datadog, in bounded memory whatever its size: GetObject's body is read as it arrives.
 *
 * <pre>
 * s3://alb-logs/AWSLogs/…/…_app.my-lb.50dc6c495c0c9188_….log.gz: 2000 lines (1976 with trace id, 24 without, 0 malformed), 2000 sent, 0 failed, …
 * </pre>
 *
 * <ul>
 *   <li>Entries not delivered, or a body cut short by the network (fewer bytes than its
 *       Content-Length), are a {@link ForwardingException}: the object is tried again.
 *   <li>An object whose every byte arrived but is not valid gzip is damaged for good: its lines
 *       before the damage and an {@code albtrace.error} entry were sent; logged, not retried.
 *   <li>{@code ELBAccessLogTestFile} (written when logging is enabled) and objects deleted before
 *       they were read are skipped.
 * </ul>
 */
final class S3LogForwarder {
  private final S3Client s3;
  private final AlbLogForwarder forwarder;

  S3LogForwarder(S3Client s3, AlbLogForwarder forwarder) {
    this.s3 = s3;
    this.forwarder = forwarder;
  }

  /** From the function's environment ({@link LambdaSettings}), with the SDK's URL-connection HTTP client. */
  static S3LogForwarder fromEnvironment(Map<String, String> env) {
    AlbLogForwarder forwarder = new AlbLogForwarder(
        LambdaSettings.intake(env, () -> SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()),
        LambdaSettings.options(env));
    return new S3LogForwarder(S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build(), forwarder);
  }

  ForwardStats forward(Origin object, LambdaLogger log) {
    if (object.key().endsWith("ELBAccessLogTestFile")) {
      log.log(object + ": skipped (ALB's test file)");
      return ForwardStats.ZERO;
    }
    try (ResponseInputStream<GetObjectResponse> body = s3.getObject(r -> r.bucket(object.bucket()).key(object.key()));
        CountingInputStream raw = new CountingInputStream(body);
        InputStream decoded = GzipMembersInputStream.decodeIfGzip(raw, 1 << 16)) {
      ForwardStats s = forwarder.forward(decoded, object);
      Long length = body.response().contentLength();
      // The decoder stops at the first damaged byte: read the rest, so that only a body the network
      // cut short (fewer bytes than Content-Length) is retried, never an object damaged in S3.
      if (s.readError() != null) raw.transferTo(OutputStream.nullOutputStream());
      if (s.readError() != null && length != null && raw.count() < length) {
        throw new ForwardingException(object + ": read " + raw.count() + " of " + length + " bytes (" + s.readError()
            + "); " + s + "; will be retried", null);
      }
      log.log(object + ": " + s + (s.readError() != null ? "; the object is damaged: " + s.readError() : ""));
      return s;
    } catch (NoSuchKeyException e) {
      log.log(object + ": skipped, no longer there");
      return ForwardStats.ZERO;
    } catch (DeliveryException e) {
      throw new ForwardingException(e.getMessage() + "; " + e.stats(), e); // the message names the object
    } catch (SdkException | IOException e) {
      throw new ForwardingException(object + ": cannot read: " + e, e);
    }
  }
}
