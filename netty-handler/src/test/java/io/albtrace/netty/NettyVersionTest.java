package io.albtrace.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.util.Version;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The suite runs twice, on Netty 4.1 and on 4.2 (surefire execution netty42): check which. */
class NettyVersionTest {
  @Test
  void runsOnTheExpectedNettyVersion() {
    String expected = System.getProperty("albtrace.expected.netty");
    Set<String> versions = new TreeSet<>();
    for (Version v : Version.identify().values()) versions.add(v.artifactVersion());
    assertEquals(Set.of(expected), versions, Version.identify().toString());
    System.out.println("Netty " + versions);
  }
}
