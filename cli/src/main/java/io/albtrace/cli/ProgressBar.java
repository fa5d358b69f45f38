package io.albtrace.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A one-line progress bar on stderr, redrawn in place at most 4 times a second:
 *
 * <pre>
 *  37% [#########----------------]  46.2 / 125.0 MB   1.21 M lines/s  ETA 0:07
 * </pre>
 *
 * Progress is in input bytes as stored (compressed for {@code .gz}), so the total is known up
 * front from the file sizes.
 */
final class ProgressBar {
  private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final int WIDTH = 25;

  private final PrintStream err;
  private final long totalBytes;
  private final long startNanos = System.nanoTime();
  private long nextDraw = startNanos + INTERVAL_NANOS;
  private int drawnLength;

  ProgressBar(PrintStream err, long totalBytes) {
    this.err = err;
    this.totalBytes = Math.max(1, totalBytes);
  }

  /** Redraws when due; cheap to call often. */
  void update(long doneBytes, long lines) {
    long now = System.nanoTime();
    if (now < nextDraw) return;
    nextDraw = now + INTERVAL_NANOS;
    double seconds = (now - startNanos) / 1e9;
    double fraction = Math.min(1.0, (double) doneBytes / totalBytes);
    int filled = (int) (fraction * WIDTH);
    StringBuilder sb = new StringBuilder(100).append('\r');
    sb.append(String.format(Locale.ROOT, "%3d%% [", (int) (fraction * 100)));
    for (int i = 0; i < WIDTH; i++) sb.append(i < filled ? '#' : '-');
    sb.append(String.format(Locale.ROOT, "] %6.1f / %.1f MB  %6.2f M lines/s",
        doneBytes / 1e6, totalBytes / 1e6, lines / seconds / 1e6));
    if (fraction > 0) {
      long eta = (long) (seconds / fraction - seconds);
      sb.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
    }
    int length = sb.length();
    for (int i = length; i < drawnLength; i++) sb.append(' ');
    drawnLength = length;
    err.print(sb);
    err.flush();
  }

  /** Erases the bar so the summary line starts clean. */
  void clear() {
    if (drawnLength == 0) return;
    StringBuilder sb = new StringBuilder(drawnLength + 2).append('\r');
    for (int i = 1; i < drawnLength; i++) sb.append(' ');
    err.print(sb.append('\r'));
    err.flush();
    drawnLength = 0;
  }

  /**
   * True when file descriptor 2 is a terminal: on Linux from {@code /proc/self/fd/2}, elsewhere by
   * asking {@code sh -c 'test -t 2'} with our stderr. False when neither can tell.
   */
  static boolean stderrIsTerminal() {
    try {
      Path fd2 = Path.of("/proc/self/fd/2");
      if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
            || target.equals("/dev/console");
      }
      Process p = new ProcessBuilder("sh", "-c", "test -t 2")
          .redirectInput(ProcessBuilder.Redirect.INHERIT)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (Exception | LinkageError e) {
      return false;
    }
  }
}
