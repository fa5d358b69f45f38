package io.albtrace.lambda;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built {@code albtrace-lambda.zip} against {@code template.yaml}: what SAM would deploy links and matches. */
class LambdaPackageIT {
  static final Path ZIP = Path.of("target/albtrace-lambda.zip");
  static final Path TEMPLATE = Path.of("template.yaml");

  @TempDir Path tmp;

  @Test
  void theZipHoldsEveryJarTheHandlerNeedsUnderLambdasLimit() throws Exception {
    assertTrue(Files.isRegularFile(ZIP), ZIP + " built");
    assertTrue(Files.size(ZIP) < 50L << 20, "zipped, direct upload: under 50 MB");
    List<URL> jars = new ArrayList<>();
    long unzipped = 0;
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (e.isDirectory()) continue;
        assertTrue(e.getName().startsWith("lib/") && e.getName().endsWith(".jar"), e.getName());
        assertFalse(e.getName().matches("lib/(netty|apache|httpclient|httpcore|jackson-databind|junit).*"), e.getName());
        Path out = tmp.resolve(e.getName().substring(4));
        try (InputStream in = zip.getInputStream(e)) {
          Files.copy(in, out);
        }
        unzipped += Files.size(out);
        jars.add(out.toUri().toURL());
      }
    }
    assertTrue(unzipped < 250L << 20, "unzipped: under 250 MB");
    String template = Files.readString(TEMPLATE, StandardCharsets.UTF_8);
    Matcher handler = Pattern.compile("Handler: ([\\w.]+)::handleRequest").matcher(template);
    assertTrue(handler.find());
    try (URLClassLoader loader = new URLClassLoader(jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      for (String name : new String[] {handler.group(1), "io.albtrace.lambda.S3EventHandler", "io.albtrace.lambda.SnsEventHandler",
          "software.amazon.awssdk.services.s3.S3Client", "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient",
          "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
          "software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification",
          "com.amazonaws.services.lambda.runtime.events.SQSBatchResponse", "io.albtrace.datadog.logs.AlbLogForwarder"}) {
        Class<?> c = Class.forName(name, true, loader);
        assertSame(loader, c.getClassLoader(), name + " comes from the zip");
      }
      Class<?> h = Class.forName(handler.group(1), false, loader);
      assertTrue(Class.forName("com.amazonaws.services.lambda.runtime.RequestHandler", false, loader).isAssignableFrom(h));
    }
  }

  @Test
  void theTemplateSetsTheVariablesTheFunctionReads() throws IOException {
    String template = Files.readString(TEMPLATE, StandardCharsets.UTF_8);
    assertTrue(template.contains("CodeUri: target/albtrace-lambda.zip"));
    assertTrue(template.contains("FunctionResponseTypes: [ReportBatchItemFailures]"), "SqsEventHandler reports batch item failures");
    for (String v : new String[] {"DD_API_KEY_SECRET_ARN", "DD_SITE", "DD_TAGS", "ALBTRACE_LOG_FORMAT", "ALBTRACE_DD_TRACE_ID"}) {
      assertTrue(template.contains(v + ": "), v);
    }
    assertFalse(template.contains("DD_API_KEY: "), "the key stays in Secrets Manager");
  }
}
