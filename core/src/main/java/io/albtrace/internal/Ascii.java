package io.albtrace.internal;

/**
 * Safe quoting of untrusted input in error messages.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class Ascii {
  private static final int MAX_QUOTED = 64;

  private Ascii() {}

  /**
   * {@code "text"} for an error message, cut after 64 chars and with control chars shown as
   * {@code ?}, so an attacker's megabyte or a terminal escape never lands in a log.
   */
  public static String quote(CharSequence s, int from, int to) {
    StringBuilder sb = new StringBuilder(Math.min(to - from, MAX_QUOTED) + 8).append('"');
    for (int i = from; i < to && i < from + MAX_QUOTED; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (to - from > MAX_QUOTED) sb.append("...");
    return sb.append('"').toString();
  }
}
