package io.albtrace.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Property tests as plain JUnit tests over seeded random generators.
 *
 * <pre>{@code
 * @Test
 * void decimalReaderAgreesWithTheJdk() {
 *   Seeded.forAll(1000, g -> {
 *     long low = g.longs();
 *     g.assume(low != 0);
 *     assertEquals(low, parse(Long.toUnsignedString(low)));
 *   });
 * }
 * }</pre>
 *
 * <p>Each run has one base seed: {@code -Dalbtrace.seed=...} when set, else a fresh random one. Every
 * try gets its own {@link Random}, seeded from the base seed and the try's index, so the same base
 * seed replays the same run. A failing try ends the run with an {@link AssertionError} that names
 * the base seed, the try and how to replay it, with the original failure as its cause.
 *
 * <p>Edge values ({@code 0}, {@code ±1}, {@code ±2}, the bounds and their neighbours; both booleans;
 * all-{@code 0} and all-{@code f} hex) are always covered: in the first quarter of the tries every
 * {@link Gen#longs}, {@link Gen#ints}, {@link Gen#booleans} and {@link Gen#hex} draw (a collection's
 * or string's length included) is an edge value. The first draws of a try enumerate their edge values
 * and as many of their combinations as the quarter holds (so two longs see all 81 edge pairs in a
 * 1000-try run, the first long every edge value in the first 9 tries); later draws pick edge values
 * at random. In the remaining tries 1 draw in 16 is still an edge value.
 */
public final class Seeded {
  /** System property holding the base seed to replay (decimal, or hex with {@code 0x}). */
  public static final String SEED_PROPERTY = "albtrace.seed";

  /** Most tries {@link Gen#assume} may discard, per try asked for. */
  static final int MAX_DISCARD_RATIO = 5;

  private Seeded() {}

  /** The body of a property: one try, drawing its inputs from {@code g}. */
  @FunctionalInterface
  public interface Property {
    void check(Gen g) throws Exception;
  }

  /**
   * Runs {@code property} until it has passed {@code tries} times; tries discarded by {@link
   * Gen#assume} do not count. Throws an {@link AssertionError} naming the seed on the first failure.
   */
  public static void forAll(int tries, Property property) {
    String set = System.getProperty(SEED_PROPERTY);
    long seed = set == null || set.isBlank() ? new Random().nextLong() : Long.decode(set.trim());
    run(seed, tries, property, caller());
  }

  /** {@link #forAll} with an explicit base seed. */
  static void run(long seed, int tries, Property property, String where) {
    if (tries < 1) throw new IllegalArgumentException("tries: " + tries);
    int edgeTries = Math.max(1, tries / 4);
    int maxAttempts = tries * (1 + MAX_DISCARD_RATIO);
    int passed = 0;
    for (int attempt = 0; passed < tries; attempt++) {
      if (attempt == maxAttempts) {
        throw new AssertionError(
            where + ": too many tries discarded by assume(): " + (attempt - passed) + " discarded, "
                + passed + " of " + tries + " checked; " + replay(seed, where));
      }
      Gen g = new Gen(new Random(trySeed(seed, attempt)), attempt, attempt < edgeTries, edgeTries);
      try {
        property.check(g);
        passed++;
      } catch (Discarded d) {
        // regenerate: the try does not count
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable t) {
        throw new AssertionError(
            where + " failed on try " + (attempt + 1) + " (" + passed + " of " + tries + " tries passed, "
                + (attempt - passed) + " discarded), base seed " + seed + "; " + replay(seed, where)
                + "\n" + t,
            t);
      }
    }
  }

  private static String replay(long seed, String where) {
    return "replay with -D" + SEED_PROPERTY + "=" + seed + " (e.g. -Dtest='" + where + "' -D" + SEED_PROPERTY + "="
        + seed + ")";
  }

  /** Test class and method that called {@link #forAll}. */
  private static String caller() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(s -> s.filter(f -> f.getDeclaringClass() != Seeded.class).findFirst())
        .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "#" + f.getMethodName())
        .orElse("property");
  }

  /** SplitMix64 of the base seed and the try's index: independent, reproducible seeds per try. */
  static long trySeed(long seed, int attempt) {
    long z = seed + 0x9E3779B97F4A7C15L * (attempt + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static final class Discarded extends RuntimeException {
    Discarded() {
      super(null, null, false, false);
    }
  }

  /** A source of chars for {@link Gen#string}. */
  @FunctionalInterface
  public interface Chars {
    char next(Random random);

    /** Exactly these chars, each equally likely. */
    static Chars of(String alphabet) {
      if (alphabet.isEmpty()) throw new IllegalArgumentException("empty alphabet");
      return r -> alphabet.charAt(r.nextInt(alphabet.length()));
    }

    /** {@code lo} to {@code hi} inclusive, each equally likely. */
    static Chars range(char lo, char hi) {
      if (lo > hi) throw new IllegalArgumentException(lo + " > " + hi);
      return r -> (char) (lo + r.nextInt(hi - lo + 1));
    }

    /** One of {@code parts}, each part equally likely whatever its size, then a char of it. */
    static Chars anyOf(Chars... parts) {
      Chars[] p = parts.clone();
      return r -> p[r.nextInt(p.length)].next(r);
    }

    /** Every char: unpaired surrogates, noncharacters and private use included. */
    Chars ALL = range(Character.MIN_VALUE, Character.MAX_VALUE);

    /** Any BMP char that is not a surrogate, a noncharacter or private use: encodes to UTF-8 as is. */
    Chars UNICODE =
        r -> {
          while (true) {
            char c = (char) r.nextInt(0x10000);
            if (Character.isSurrogate(c)) continue;
            if (c >= '\uE000' && c <= '\uF8FF') continue; // private use
            if ((c >= '\uFDD0' && c <= '\uFDEF') || c >= '\uFFFE') continue; // noncharacters
            return c;
          }
        };

    Chars ALPHA = of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    Chars ALPHANUMERIC = of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  }

  /** Letter case of {@link Gen#hex}. */
  public enum HexCase {
    LOWER("0123456789abcdef", "0f"),
    UPPER("0123456789ABCDEF", "0F"),
    /** Either case, per digit. */
    MIXED("0123456789abcdefABCDEF", "0fF");

    final Chars chars;
    final String edges; // digits repeated over the whole length for the edge values

    HexCase(String alphabet, String edges) {
      this.chars = Chars.of(alphabet);
      this.edges = edges;
    }
  }

  /** The generators of one try. */
  public static final class Gen {
    private static final int EDGE_ODDS = 16;
    private static final int FILTER_LIMIT = 10_000;
    private static final long[] LONG_EDGES = {
      Long.MIN_VALUE, Long.MIN_VALUE + 1, -2, -1, 0, 1, 2, Long.MAX_VALUE - 1, Long.MAX_VALUE
    };

    private final Random random;
    private final int tryIndex;
    private final boolean edgeTry;
    private final int edgeTries;
    private long radix = 1; // combinations of the edge values drawn so far in this try

    Gen(Random random, int tryIndex, boolean edgeTry, int edgeTries) {
      this.random = random;
      this.tryIndex = tryIndex;
      this.edgeTry = edgeTry;
      this.edgeTries = edgeTries;
    }

    /** This try's own random source. */
    public Random random() {
      return random;
    }

    /** Index of this try in the run, from 0 (discarded tries included). */
    public int tryIndex() {
      return tryIndex;
    }

    /** Discards this try when {@code condition} is false; another try takes its place. */
    public void assume(boolean condition) {
      if (!condition) throw new Discarded();
    }

    /** Index into {@code n} edge values, or -1 for a random value. */
    private int edge(int n) {
      if (edgeTry) {
        if (radix * n <= edgeTries) {
          int i = (int) ((tryIndex / radix) % n);
          radix *= n;
          return i;
        }
        return random.nextInt(n);
      }
      return random.nextInt(EDGE_ODDS) == 0 ? random.nextInt(n) : -1;
    }

    public boolean booleans() {
      int e = edge(2);
      return e < 0 ? random.nextBoolean() : e == 1;
    }

    /**
     * Any long: half uniform over all 64 bits, half of a random bit length (so small values and every
     * decimal length are common), with the edge values.
     */
    public long longs() {
      int e = edge(LONG_EDGES.length);
      if (e >= 0) return LONG_EDGES[e];
      return random.nextBoolean() ? random.nextLong() : smallish();
    }

    /** {@code min} to {@code max} inclusive: uniform, or of a random bit length, and the edge values. */
    public long longs(long min, long max) {
      if (min > max) throw new IllegalArgumentException(min + " > " + max);
      long[] edges = edges(min, max);
      int e = edge(edges.length);
      if (e >= 0) return edges[e];
      if (random.nextBoolean()) {
        long v = smallish();
        if (v >= min && v <= max) return v;
      }
      if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) return random.nextLong();
      if (max < Long.MAX_VALUE) return random.nextLong(min, max + 1);
      return random.nextLong(min - 1, max) + 1;
    }

    /** {@code min} to {@code max} inclusive, edge values included. */
    public int ints(int min, int max) {
      return (int) longs(min, max);
    }

    private long smallish() {
      int bits = random.nextInt(64);
      long v = bits == 0 ? 0 : random.nextLong() >>> (64 - bits);
      return random.nextBoolean() ? v : -v;
    }

    /** min, min+1, -2..2, max-1, max: those within [min, max], distinct, ascending. */
    static long[] edges(long min, long max) {
      return Arrays.stream(new long[] {min, min + 1, -2, -1, 0, 1, 2, max - 1, max})
          .filter(v -> v >= min && v <= max)
          .distinct()
          .sorted()
          .toArray();
    }

    /** One of {@code values}, each equally likely. */
    @SafeVarargs
    public final <T> T pick(T... values) {
      return values[random.nextInt(values.length)];
    }

    public <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    /** The value of one of {@code generators}, each equally likely. */
    @SafeVarargs
    public final <T> T oneOf(Supplier<? extends T>... generators) {
      return generators[random.nextInt(generators.length)].get();
    }

    /** A value of {@code generator} that {@code keep} accepts (regenerated until it does). */
    public <T> T filter(Supplier<T> generator, Predicate<? super T> keep) {
      for (int i = 0; i < FILTER_LIMIT; i++) {
        T v = generator.get();
        if (keep.test(v)) return v;
      }
      throw new IllegalStateException("filter rejected " + FILTER_LIMIT + " values in a row");
    }

    /** {@code generator}'s value or, one time in two, null (absent). */
    public <T> T maybe(Supplier<T> generator) {
      return random.nextBoolean() ? generator.get() : null;
    }

    public <T> List<T> list(int minSize, int maxSize, Supplier<T> element) {
      int n = ints(minSize, maxSize);
      List<T> l = new ArrayList<>(n);
      for (int i = 0; i < n; i++) l.add(element.get());
      return l;
    }

    /** Distinct values, in generation order. */
    public <T> Set<T> set(int minSize, int maxSize, Supplier<T> element) {
      int n = ints(minSize, maxSize);
      Set<T> s = new LinkedHashSet<>();
      for (int i = 0; s.size() < n; i++) {
        if (i == FILTER_LIMIT) {
          if (s.size() >= minSize) break;
          throw new IllegalStateException("could not draw " + minSize + " distinct values");
        }
        s.add(element.get());
      }
      return s;
    }

    /** {@code minLength} to {@code maxLength} bytes, each uniform. */
    public byte[] bytes(int minLength, int maxLength) {
      byte[] b = new byte[ints(minLength, maxLength)];
      random.nextBytes(b);
      return b;
    }

    public String string(Chars chars, int minLength, int maxLength) {
      return string(chars, ints(minLength, maxLength));
    }

    public String string(Chars chars, int length) {
      char[] c = new char[length];
      for (int i = 0; i < length; i++) c[i] = chars.next(random);
      return new String(c);
    }

    /** {@code length} hex digits; edge values: all {@code 0}, all {@code f} (or {@code F}). */
    public String hex(int length, HexCase letterCase) {
      int e = edge(letterCase.edges.length());
      if (e >= 0) return String.valueOf(letterCase.edges.charAt(e)).repeat(length);
      return string(letterCase.chars, length);
    }
  }
}
