package io.albtrace.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Views of a {@code byte[]} as little-endian words at any byte offset, for the code that reads or
 * writes eight (or four) bytes a step: the header scanner, {@link ByteScan}, {@link Hex},
 * {@link UnsignedDecimal} and {@link JsonBuffer}. Each keeps its own {@code static final} copy of
 * the handle, a constant the JIT compiles to a bounds-checked load or store.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class LittleEndian {
  /** {@code long}s: {@code (long) LONGS.get(bytes, offset)}, {@code LONGS.set(bytes, offset, v)}. */
  public static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** {@code int}s: {@code (int) INTS.get(bytes, offset)}. */
  public static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}
}
