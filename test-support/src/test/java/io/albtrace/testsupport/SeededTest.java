package io.albtrace.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeededTest {
  private static final long[] LONG_EDGES = {
    Long.MIN_VALUE, Long.MIN_VALUE + 1, -2, -1, 0, 1, 2, Long.MAX_VALUE - 1, Long.MAX_VALUE
  };

  @Test
  void aFailureNamesTheSeedTheTryAndHowToReplay() {
    AssertionError original = new AssertionError("boom");
    Seeded.Property failsSometimes = g -> {
      if (g.longs() % 97 == 13) throw original;
    };
    AssertionError e =
        assertThrows(AssertionError.class, () -> Seeded.run(42, 100_000, failsSometimes, "T#m"));
    assertSame(original, e.getCause());
    assertTrue(e.getMessage().startsWith("T#m failed on try "), e.getMessage());
    assertTrue(e.getMessage().contains("base seed 42;"), e.getMessage());
    assertTrue(e.getMessage().contains("-Dalbtrace.seed=42"), e.getMessage());
    assertTrue(e.getMessage().contains("-Dtest='T#m'"), e.getMessage());
    assertTrue(e.getMessage().endsWith("java.lang.AssertionError: boom"), e.getMessage());
    // The same seed fails on the same try.
    AssertionError again =
        assertThrows(AssertionError.class, () -> Seeded.run(42, 100_000, failsSometimes, "T#m"));
    assertEquals(e.getMessage(), again.getMessage());
  }

  @Test
  void forAllNamesTheCallingTestMethod() {
    try {
      Seeded.forAll(10, g -> assertTrue(g.tryIndex() < 3, "third try"));
    } catch (AssertionError e) {
      assertTrue(e.getMessage().startsWith("SeededTest#forAllNamesTheCallingTestMethod failed on try 4 "), e.getMessage());
      assertTrue(e.getMessage().contains("-Dtest='SeededTest#forAllNamesTheCallingTestMethod'"), e.getMessage());
      return;
    }
    throw new AssertionError("did not fail");
  }

  @Test
  void theSeedPropertyReplaysARun() {
    String before = System.getProperty(Seeded.SEED_PROPERTY);
    try {
      System.setProperty(Seeded.SEED_PROPERTY, "0x2a");
      List<Long> first = new ArrayList<>(), second = new ArrayList<>();
      Seeded.forAll(300, g -> first.add(g.longs()));
      Seeded.forAll(300, g -> second.add(g.longs()));
      assertEquals(first, second);
      List<Long> direct = new ArrayList<>();
      Seeded.run(42, 300, g -> direct.add(g.longs()), "T#m");
      assertEquals(first, direct);
    } finally {
      if (before == null) System.clearProperty(Seeded.SEED_PROPERTY);
      else System.setProperty(Seeded.SEED_PROPERTY, before);
    }
  }

  @Test
  void freshSeedsWithoutTheProperty() {
    if (System.getProperty(Seeded.SEED_PROPERTY) != null) return;
    Set<Long> firstRandom = new HashSet<>();
    for (int run = 0; run < 5; run++) {
      List<Long> values = new ArrayList<>();
      Seeded.forAll(100, g -> values.add(g.random().nextLong()));
      firstRandom.add(values.get(0));
    }
    assertEquals(5, firstRandom.size());
  }

  @Test
  void everyEdgeValueOfEveryDrawComesInTheFirstQuarter() {
    List<long[]> draws = new ArrayList<>();
    Seeded.run(7, 1000, g -> draws.add(new long[] {g.longs(), g.longs(), g.longs()}), "T#m");
    assertEquals(1000, draws.size());
    Set<List<Long>> pairs = new HashSet<>();
    List<Set<Long>> perDraw = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>());
    for (long[] d : draws.subList(0, 250)) {
      pairs.add(List.of(d[0], d[1]));
      for (int k = 0; k < 3; k++) {
        assertTrue(contains(LONG_EDGES, d[k]), "an edge try draws edge values only");
        perDraw.get(k).add(d[k]);
      }
    }
    assertEquals(81, pairs.size(), "all pairs of the first two draws");
    for (Set<Long> s : perDraw) assertEquals(9, s.size());
    // The first draw sees every edge value in the first 9 tries.
    long[] firstNine = draws.subList(0, 9).stream().mapToLong(d -> d[0]).toArray();
    assertArrayEquals(LONG_EDGES, firstNine);
    // Afterwards mostly random values, with edge values mixed in.
    long edgesLater = draws.subList(250, 1000).stream().filter(d -> contains(LONG_EDGES, d[0])).count();
    assertTrue(edgesLater > 10 && edgesLater < 150, "edge values later: " + edgesLater);
  }

  @Test
  void rangesStayInBoundsAndReachTheirBounds() {
    Set<Integer> seen = new HashSet<>();
    Seeded.run(
        3,
        1000,
        g -> {
          int v = g.ints(-3, 20_000);
          assertTrue(v >= -3 && v <= 20_000, "" + v);
          seen.add(v);
          long epoch = g.longs(0, 0xFFFFFFFFL);
          assertTrue(epoch >= 0 && epoch <= 0xFFFFFFFFL);
          long nonNegative = g.longs(0, Long.MAX_VALUE);
          assertTrue(nonNegative >= 0);
          String s = g.string(Seeded.Chars.of(";="), 2, 5);
          assertTrue(s.length() >= 2 && s.length() <= 5 && s.matches("[;=]*"), s);
          assertTrue(g.hex(8, Seeded.HexCase.LOWER).matches("[0-9a-f]{8}"));
          assertTrue(g.hex(8, Seeded.HexCase.UPPER).matches("[0-9A-F]{8}"));
          assertEquals(3, g.set(3, 3, () -> g.pick("a", "b", "c", "d")).size());
        },
        "T#m");
    for (int v : new int[] {-3, -2, -1, 0, 1, 2, 19_999, 20_000}) assertTrue(seen.contains(v), "" + v);
    assertArrayEquals(new long[] {5, 6, 7, 8}, Seeded.Gen.edges(5, 8));
  }

  @Test
  void discardedTriesAreReplaced() {
    int[] checked = {0};
    Seeded.run(
        11,
        500,
        g -> {
          g.assume(g.random().nextBoolean());
          checked[0]++;
        },
        "T#m");
    assertEquals(500, checked[0]);
    AssertionError e =
        assertThrows(AssertionError.class, () -> Seeded.run(11, 10, g -> g.assume(false), "T#m"));
    assertTrue(e.getMessage().contains("too many tries discarded"), e.getMessage());
  }

  private static boolean contains(long[] values, long v) {
    for (long x : values) if (x == v) return true;
    return false;
  }
}
