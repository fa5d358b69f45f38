package io.albtrace.cli;

import io.albtrace.accesslog.GzipMembersInputStream;
import io.albtrace.internal.CountingInputStream;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The access-log inputs of {@code enrich} and {@code spans}: each {@code FILE}, or stdin for
 * {@code -}, checked before anything is read and then opened on {@link EnrichPipeline}'s reader
 * thread — gzip when it starts with {@code 1f 8b} (every member, {@link GzipMembersInputStream}),
 * plain otherwise.
 *
 * <pre>
 * albtrace enrich a.log.gz - &lt;(aws s3 cp s3://bucket/b.log.gz -)   files, stdin, a pipe
 * albtrace enrich: cannot read x.log: no such file                 (checked first: exit 1)
 * </pre>
 */
final class LogInputs {
  /** An input that cannot be used, found before reading: a usage error or an unreadable file. */
  static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean usage;

    Unusable(boolean usage, String message) {
      super(message);
      this.usage = usage;
    }
  }

  final List<Source> sources = new ArrayList<>();
  /** Bytes of all inputs as stored, when {@link #allFiles}: the progress bar's total. */
  long totalBytes;
  /** Whether every input is a regular file (no stdin, no pipe): only then is progress known. */
  boolean allFiles = true;

  private LogInputs() {}

  /**
   * Checks {@code inputs} ({@code -} is {@code stdin}): each exists, is no directory, is readable,
   * and is not {@code output}.
   */
  static LogInputs check(List<String> inputs, String output, InputStream stdin) throws Unusable {
    LogInputs in = new LogInputs();
    for (String input : inputs) {
      in.sources.add(new Source(input, stdin));
      if (input.equals("-")) {
        in.allFiles = false;
        continue;
      }
      Path p = Path.of(input);
      String problem = !Files.exists(p) ? "no such file"
          : Files.isDirectory(p) ? "is a directory"
          : !Files.isReadable(p) ? "permission denied"
          : null;
      if (problem != null) throw new Unusable(false, "cannot read " + input + ": " + problem);
      try {
        if (output != null && Files.exists(Path.of(output)) && Files.isSameFile(p, Path.of(output))) {
          throw new Unusable(true, "output " + output + " is also an input");
        }
        if (Files.isRegularFile(p)) {
          in.totalBytes += Files.size(p);
        } else {
          in.allFiles = false; // a pipe such as <(aws s3 cp … -): readable, but no size for progress
        }
      } catch (IOException e) {
        throw new Unusable(false, "cannot read " + input + ": " + e.getMessage());
      }
    }
    return in;
  }

  /** An input, opened on the pipeline's reader thread: gzip (by magic bytes) or plain. */
  static final class Source implements EnrichPipeline.Input {
    final String input;
    final String name;
    final InputStream stdin;
    private volatile CountingInputStream counting;

    Source(String input, InputStream stdin) {
      this.input = input;
      this.name = input.equals("-") ? "stdin" : input;
      this.stdin = stdin;
    }

    @Override
    public InputStream open() throws IOException {
      // java.io rather than Files.newInputStream: setting up a FileChannel's classes costs a
      // short run several milliseconds before its first chunk.
      InputStream raw = input.equals("-") ? new NonClosing(stdin) : new FileInputStream(input);
      CountingInputStream c = new CountingInputStream(raw);
      counting = c;
      try {
        return GzipMembersInputStream.decodeIfGzip(c, 1 << 16);
      } catch (IOException | RuntimeException e) {
        c.close();
        throw e;
      }
    }

    @Override
    public long position() {
      CountingInputStream c = counting;
      return c == null ? 0 : c.count();
    }
  }


  /** Stdin belongs to the caller: reading it to the end is fine, closing it is not. */
  private static final class NonClosing extends FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }

    @Override
    public void close() {}
  }
}
