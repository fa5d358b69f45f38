package io.albtrace.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code java -jar albtrace-demo.jar servlet --port 0} with no agent: tags computed, no tracer span. */
class DemoIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void servesWithoutAnyAgent() throws Exception {
    try (DemoProcess demo = new DemoProcess(List.of())) {
      JsonNode r = JSON.readTree(demo.get("Self=1-67891233-12456789abcdef0123456789;Root=1-67891233-ABCDEF012345678912345678"));
      assertEquals("tomcat", r.get("server").asText());
      assertEquals(false, r.get("datadog_agent").asBoolean());
      assertTrue(r.get("trace_id").isNull(), r.toString());
      assertEquals(false, r.get("tagged").asBoolean(), r.toString());
      assertEquals("1-67891233-abcdef012345678912345678", r.get("aws.alb.trace_id").asText());
      assertEquals("1-67891233-12456789abcdef0123456789", r.get("aws.alb.self").asText());
      assertEquals(false, r.get("aws.alb.continued").asBoolean());
      assertEquals("1-67891233-abcdef012345678912345678", r.get("mdc").asText());

      r = JSON.readTree(demo.get("Root=1-67891233-abcdef01234567891234567"));
      assertEquals("malformed Root", r.get("albtrace.error").asText());
      assertTrue(r.get("tagged").isNull());
      assertTrue(r.get("mdc").isNull());
    }
  }
}
