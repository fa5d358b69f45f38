package io.albtrace.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe's S3Mock, a real S3-API server, run from its executable jar (copied by the build into
 * {@code target/s3mock/s3mock.jar}) as its own JVM on 127.0.0.1: its Spring Boot and AWS SDK
 * versions stay out of the test's classpath. Ports are chosen by the OS and read from its log.
 */
final class S3MockServer implements AutoCloseable {
  private static final Pattern STARTED = Pattern.compile("Tomcat started on ports? .*?(\\d+) \\(http\\)");

  private final Process process;
  private final URI endpoint;

  S3MockServer(Path root, String... buckets) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("albtrace.s3mock.jar", "target/s3mock/s3mock.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " missing: run the build's process-test-resources");
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
        "--server.port=0", "--http.port=0", "--vectors.http.port=0", "--vectors.https.port=0",
        "--com.adobe.testing.s3mock.store.root=" + root,
        "--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", buckets),
        "--spring.main.banner-mode=off");
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    Integer port = null;
    for (String line; port == null && (line = log.readLine()) != null; ) {
      seen.append(line).append('\n');
      Matcher m = STARTED.matcher(line);
      if (m.find()) port = Integer.valueOf(m.group(1));
    }
    if (port == null) {
      process.destroyForcibly();
      throw new IllegalStateException("S3Mock did not start:\n" + seen);
    }
    // Drain the rest of its output so it never blocks on a full pipe.
    Thread drain = new Thread(() -> {
      try {
        while (log.readLine() != null) {}
      } catch (IOException e) {
        // closed
      }
    }, "s3mock-log");
    drain.setDaemon(true);
    drain.start();
    endpoint = URI.create("http://127.0.0.1:" + port);
  }

  URI endpoint() {
    return endpoint;
  }

  /** The SDK's S3 client as the function builds it, pointed at S3Mock (path-style, any credentials). */
  S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
