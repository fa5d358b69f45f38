package io.albtrace.examples;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code java -jar examples/target/albtrace-demo.jar <servlet|netty> --port N}: starts a demo server
 * whose endpoint echoes, as JSON, the trace id the tracer saw and the albtrace tags. Each demo is a
 * class {@code <Name>Demo} in this package with a {@code static void run(String[] args)}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].startsWith("-")) {
      System.err.println("usage: albtrace-demo <servlet|netty> --port N");
      System.exit(2);
    }
    String name = args[0].toLowerCase(Locale.ROOT);
    Class<?> demo;
    try {
      demo = Class.forName(
          "io.albtrace.examples." + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Demo");
    } catch (ClassNotFoundException e) {
      System.err.println("albtrace-demo: unknown demo '" + args[0] + "' (servlet, netty)");
      System.exit(2);
      return;
    }
    Method run = demo.getMethod("run", String[].class);
    run.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }
}
