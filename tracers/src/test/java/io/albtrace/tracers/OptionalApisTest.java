package io.albtrace.tracers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.albtrace.AmznTraceHeader;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Loads core + tracers in an isolated class loader (parent: the platform loader) with only some of
 * the optional APIs, and runs every public entry point there: nothing may throw, least of all
 * {@link NoClassDefFoundError}.
 */
class OptionalApisTest {

  /** Runs inside the isolated loader; reports what it saw. */
  public static final class Probe implements Supplier<String> {
    @Override
    public String get() {
      AmznTraceHeader h = AmznTraceHeader.parse("Self=1-67891233-12456789abcdef0123456789;Root=1-67891233-abcdef012345678912345678");
      boolean tagged = AlbSpanTags.tagCurrentSpan(h);
      String traceId = AlbSpanTags.currentTraceId();
      String mdc;
      try (AlbLogContext.Scope ignored = AlbLogContext.put(h)) {
        mdc = Tracers.slf4jPresent() ? Mdc.get() : "-";
      }
      String after = Tracers.slf4jPresent() ? Mdc.get() : "-";
      return "otel=" + Tracers.openTelemetryApiPresent()
          + " dd=" + Tracers.datadogApiPresent()
          + " ot=" + Tracers.openTracingPresent()
          + " slf4j=" + Tracers.slf4jPresent()
          + " agent=" + Tracers.datadogPresent()
          + " tagged=" + tagged
          + " traceId=" + traceId
          + " mdc=" + mdc
          + " after=" + after;
    }
  }

  /** Touches SLF4J only when the probe has checked it is there. */
  static final class Mdc {
    static String get() {
      return org.slf4j.MDC.get("aws.alb.trace_id");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "none,                   false, false, false, false",
    "otel,                   true,  false, false, false",
    "dd,                     false, true,  false, false",
    "opentracing,            false, false, true,  false",
    "slf4j,                  false, false, false, true",
    "dd+opentracing,         false, true,  true,  false",
    "otel+dd+opentracing+slf4j, true, true, true, true",
  })
  void loadsAndWorksWithAnySubset(String name, boolean otel, boolean dd, boolean ot, boolean slf4j)
      throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(jarOf(AmznTraceHeader.class));
    urls.add(jarOf(Tracers.class));
    urls.add(jarOf(OptionalApisTest.class));
    if (otel) {
      urls.add(jarOf(io.opentelemetry.api.trace.Span.class));
      urls.add(jarOf(io.opentelemetry.context.Context.class));
    }
    if (dd) urls.add(jarOf(datadog.trace.api.CorrelationIdentifier.class));
    if (ot) {
      urls.add(jarOf(io.opentracing.Span.class));
      urls.add(jarOf(io.opentracing.util.GlobalTracer.class));
      urls.add(jarOf(io.opentracing.noop.NoopTracer.class));
    }
    if (slf4j) {
      urls.add(jarOf(org.slf4j.MDC.class));
      urls.add(jarOf(org.slf4j.jul.JULServiceProvider.class));
    }
    String result;
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      @SuppressWarnings("unchecked")
      Supplier<String> probe =
          (Supplier<String>) loader.loadClass(Probe.class.getName()).getConstructor().newInstance();
      result = probe.get();
    }
    String root = "1-67891233-abcdef012345678912345678";
    assertEquals(
        "otel=" + otel + " dd=" + dd + " ot=" + ot + " slf4j=" + slf4j
            + " agent=false tagged=false traceId=null"
            + " mdc=" + (slf4j ? root : "-") + " after=" + (slf4j ? "null" : "-"),
        result);
  }

  private static URL jarOf(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }
}
