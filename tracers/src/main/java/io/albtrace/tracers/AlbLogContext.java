package io.albtrace.tracers;

import io.albtrace.AmznTraceHeader;

/**
 * Puts {@code aws.alb.trace_id} (the Root, {@code 1-67891233-abcdef012345678912345678}) into the
 * SLF4J MDC for the duration of a request, so every log line of the request carries the id the ALB
 * access log has:
 *
 * <pre>{@code
 * try (AlbLogContext.Scope scope = AlbLogContext.put(header)) {
 *   chain.doFilter(request, response);
 * } // the previous value (usually none) is back, also on exceptions
 * }</pre>
 *
 * <p>A no-op when SLF4J is absent or the header invalid. MDC is per thread: an adapter puts the key
 * on each thread that works on the request and closes the scope on that same thread.
 */
public final class AlbLogContext {
  /** The MDC key, the same as the span tag {@link AlbSpanTags#TRACE_ID}. */
  public static final String KEY = AlbSpanTags.TRACE_ID;

  /** Restores the MDC as it was before {@link #put}; idempotent, never throws. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  private static final Scope NOOP = () -> {};

  private AlbLogContext() {}

  /** Puts the Root of a valid {@code header} into the MDC. Never throws. */
  public static Scope put(AmznTraceHeader header) {
    if (header == null || !header.isValid() || !Tracers.slf4jPresent()) return NOOP;
    try {
      return put(header.root().toXrayRoot());
    } catch (RuntimeException | LinkageError e) {
      return NOOP;
    }
  }

  /** Puts {@code root} (an already formatted Root id) into the MDC. Never throws. */
  public static Scope put(String root) {
    if (root == null || !Tracers.slf4jPresent()) return NOOP;
    try {
      String previous = Slf4jMdc.get(KEY);
      Slf4jMdc.put(KEY, root);
      return new Restore(previous);
    } catch (RuntimeException | LinkageError e) { // e.g. an MDC adapter that refuses: logging must not break the request
      return NOOP;
    }
  }

  private static final class Restore implements Scope {
    private final String previous;
    private boolean closed;

    Restore(String previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (closed) return;
      closed = true;
      try {
        if (previous == null) Slf4jMdc.remove(KEY);
        else Slf4jMdc.put(KEY, previous);
      } catch (RuntimeException | LinkageError e) {
        // never throws
      }
    }
  }
}
