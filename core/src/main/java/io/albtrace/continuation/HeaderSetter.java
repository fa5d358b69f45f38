package io.albtrace.continuation;

/**
 * Adds a propagation header to a framework's request, for {@link Continuation#continueTrace}, in the
 * manner of OpenTelemetry's {@code TextMapSetter}. It must replace a header of the same name (names
 * compare ignoring case) rather than add a second value.
 *
 * <pre>{@code
 * static final HeaderSetter<MimeHeaders> SETTER = (headers, name, value) -> headers.setValue(name).setString(value);
 * }</pre>
 *
 * @param <C> the carrier, the same one the {@link HeaderGetter} reads
 */
@FunctionalInterface
public interface HeaderSetter<C> {
  /** Sets header {@code name} (lowercase, as docs/spec.md §4 writes it) to {@code value}. */
  void set(C carrier, String name, String value);
}
