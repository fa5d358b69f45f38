package io.albtrace.lambda;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.albtrace.datadog.logs.EntryOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The function's environment; the API key fetched by the SDK's Secrets Manager client (AWS JSON 1.1, as documented). */
class LambdaSettingsTest {
  static final String ARN = "arn:aws:secretsmanager:us-east-2:123456789012:secret:datadog/api-key-AbCdEf";

  @Test
  void theKeyComesFromSecretsManagerWhenItsArnIsSet() throws Exception {
    List<JsonNode> asked = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", x -> {
      assertEquals("secretsmanager.GetSecretValue", x.getRequestHeaders().getFirst("X-Amz-Target"));
      asked.add(Events.JSON.readTree(x.getRequestBody().readAllBytes()));
      byte[] b = ("{\"ARN\":\"" + ARN + "\",\"Name\":\"datadog/api-key\",\"SecretString\":\" 0123456789abcdef\\n\","
          + "\"VersionId\":\"EXAMPLE1-90ab-cdef-fedc-ba987SECRET1\",\"CreatedDate\":1.790725213E9}").getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
      x.sendResponseHeaders(200, b.length);
      x.getResponseBody().write(b);
      x.close();
    });
    server.start();
    try {
      Supplier<SecretsManagerClient> client = () -> SecretsManagerClient.builder()
          .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
          .region(Region.US_EAST_2)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
          .httpClient(UrlConnectionHttpClient.create())
          .build();
      assertEquals("0123456789abcdef", LambdaSettings.apiKey(Map.of("DD_API_KEY_SECRET_ARN", ARN, "DD_API_KEY", "ignored"), client));
      assertEquals(1, asked.size());
      assertEquals(ARN, asked.get(0).get("SecretId").asText());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void withoutASecretTheKeyItselfOrAClearFailure() {
    Supplier<SecretsManagerClient> none = () -> {
      throw new AssertionError("no secret to fetch");
    };
    assertEquals("k", LambdaSettings.apiKey(Map.of("DD_API_KEY", " k "), none));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LambdaSettings.apiKey(Map.of(), none));
    assertEquals("set DD_API_KEY_SECRET_ARN (or DD_API_KEY)", e.getMessage());
    assertEquals(URI.create("https://http-intake.logs.datadoghq.eu/api/v2/logs"),
        LambdaSettings.intake(Map.of("DD_API_KEY", "k", "DD_SITE", "datadoghq.eu"), none).url());
  }

  @Test
  void optionsFromTheEnvironment() {
    EntryOptions o = LambdaSettings.options(Map.of("ALBTRACE_LOG_FORMAT", "parsed", "ALBTRACE_DD_TRACE_ID", "hex"));
    assertEquals(EntryOptions.Format.PARSED, o.format());
    assertEquals(EntryOptions.Format.RAW, LambdaSettings.options(Map.of()).format());
    assertThrows(IllegalStateException.class, () -> LambdaSettings.options(Map.of("ALBTRACE_LOG_FORMAT", "xml")));
    assertThrows(IllegalStateException.class, () -> LambdaSettings.options(Map.of("ALBTRACE_DD_TRACE_ID", "octal")));
  }
}
