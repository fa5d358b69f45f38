package io.albtrace.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which command lines {@link QuickJit} relaunches: short enrich runs over regular files only. */
class QuickJitTest {
  @TempDir Path tmp;

  @Test
  void onlyEnrichOverSmallRegularFiles() throws Exception {
    Path a = tmp.resolve("a.log.gz");
    Files.write(a, new byte[1000]);
    Path big = tmp.resolve("big.log.gz");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(QuickJit.MAX_BYTES + 1); // sparse: no disk used
    }
    String p = a.toString();
    assertTrue(QuickJit.isShortEnrich(new String[] {"enrich", p}));
    assertTrue(QuickJit.isShortEnrich(new String[] {"enrich", "-o", "out.ndjson", "--threads", "2", p, p}));
    assertTrue(QuickJit.isShortEnrich(new String[] {"enrich", "--dd-trace-id", "hex", "--", p}));
    assertFalse(QuickJit.isShortEnrich(new String[] {"enrich"}), "stdin");
    assertFalse(QuickJit.isShortEnrich(new String[] {"enrich", p, "-"}), "stdin");
    assertFalse(QuickJit.isShortEnrich(new String[] {"enrich", "-o", p}), "only an output");
    assertFalse(QuickJit.isShortEnrich(new String[] {"enrich", big.toString()}), "large");
    assertFalse(QuickJit.isShortEnrich(new String[] {"enrich", p, tmp.resolve("missing").toString()}));
    assertFalse(QuickJit.isShortEnrich(new String[] {"enrich", tmp.toString()}), "a directory");
    assertFalse(QuickJit.isShortEnrich(new String[] {"enrich", "--help", p}));
    assertFalse(QuickJit.isShortEnrich(new String[] {"convert", p}));
  }

  @Test
  void aCompilerChoiceOfTheUsersOwnMeansNoRelaunch() {
    assertTrue(QuickJit.choosesCompiler(new String[] {"-Xmx64m", "-XX:TieredStopAtLevel=1", "-jar", "a.jar"}));
    assertTrue(QuickJit.choosesCompiler(new String[] {"-XX:-TieredCompilation", "-cp", "a.jar", "io.albtrace.cli.Main"}));
    assertTrue(QuickJit.choosesCompiler(new String[] {"-Xint", "-jar", "a.jar"}));
    assertFalse(QuickJit.choosesCompiler(new String[] {"-jar", "a.jar", "enrich", "x.gz"}));
    assertTrue(QuickJit.isHotSpot(), System.getProperty("java.vm.name"));
  }

  @Test
  void aCollectorOfTheUsersOwnIsKept() {
    assertTrue(QuickJit.choosesCollector(new String[] {"-Xmx1g", "-XX:+UseG1GC", "-jar", "albtrace.jar"}));
    assertTrue(QuickJit.choosesCollector(new String[] {"-XX:+UseParallelGC"}));
    assertFalse(QuickJit.choosesCollector(new String[] {"-Xmx1g", "-XX:+UseCompressedOops", "-jar", "albtrace.jar"}));
  }
}
