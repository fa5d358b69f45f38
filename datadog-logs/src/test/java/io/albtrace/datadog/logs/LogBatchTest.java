package io.albtrace.datadog.logs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogBatchTest {
  private static byte[] entry(int n) {
    return ("{\"m\":\"" + "x".repeat(n - 8) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static String payload(LogBatch b, int from, int to) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    b.writePayload(from, to, out);
    assertEquals(out.size(), b.payloadBytes(from, to));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void holdsAJsonArrayAndAnyRunOfIt() throws IOException {
    LogBatch b = new LogBatch(10, 1000);
    for (String e : new String[] {"{\"a\":1}", "{\"b\":2}", "{\"c\":3}"}) {
      byte[] bytes = e.getBytes(StandardCharsets.UTF_8);
      b.add(bytes, 0, bytes.length);
    }
    assertEquals("[{\"a\":1},{\"b\":2},{\"c\":3}]", payload(b, 0, 3));
    assertEquals("[{\"b\":2}]", payload(b, 1, 2));
    assertEquals("[{\"b\":2},{\"c\":3}]", payload(b, 1, 3));
    b.clear();
    assertEquals(0, b.size());
    b.add(entry(20), 0, 20);
    assertEquals(22, payload(b, 0, 1).length());
  }

  @Test
  void neverOverItsLimits() {
    LogBatch byCount = new LogBatch(3, 1000);
    for (int i = 0; i < 3; i++) {
      assertTrue(byCount.fits(10));
      byCount.add(entry(10), 0, 10);
    }
    assertFalse(byCount.fits(10));
    assertThrows(IllegalStateException.class, () -> byCount.add(entry(10), 0, 10));

    LogBatch bySize = new LogBatch(100, 100); // [e,e,…]: 2 + 10k + (k-1)
    int k = 0;
    while (bySize.fits(10)) {
      bySize.add(entry(10), 0, 10);
      k++;
    }
    assertEquals(9, k, "[e,…,e] of 9 entries of 10 bytes is 100 bytes; 10 would be 111");
  }
}
