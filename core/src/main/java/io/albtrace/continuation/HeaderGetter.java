package io.albtrace.continuation;

/**
 * Reads a request header from a framework's request, for {@link Continuation#continueTrace}: the
 * one thing an adapter supplies besides a {@link HeaderSetter}, in the manner of OpenTelemetry's
 * {@code TextMapGetter}.
 *
 * <pre>{@code
 * static final HeaderGetter<MimeHeaders> GETTER = (headers, name) -> {
 *   MessageBytes v = headers.getValue(name);
 *   return v == null ? null : v.toString();
 * };
 * }</pre>
 *
 * @param <C> the carrier: the request, its headers, or an adapter's own per-request object
 */
@FunctionalInterface
public interface HeaderGetter<C> {
  /**
   * The first value of header {@code name} in {@code carrier}, or {@code null}. HTTP header names
   * are case-insensitive: compare ignoring case, as every HTTP framework's header lookup does.
   */
  String get(C carrier, String name);
}
