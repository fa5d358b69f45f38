package io.albtrace.servlet;

import io.albtrace.internal.SystemSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Zero-config: registers {@link AlbTraceFilter} as {@code albtrace} for {@code /*}, before the
 * filters of {@code web.xml}, on REQUEST, ASYNC and ERROR dispatches. Found by the container through
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer} (Tomcat, Jetty with
 * annotations, ...; Spring Boot's embedded containers do not run it: use a {@code
 * FilterRegistrationBean}).
 *
 * <p>Nothing is registered when a filter named {@code albtrace} is already declared, or when {@code
 * albtrace.servlet.auto-register} is {@code false} (context parameter, system property, or
 * environment variable {@code ALBTRACE_SERVLET_AUTO_REGISTER}). Another {@link AlbTraceFilter}
 * declared later in the chain is harmless: it only tags (see {@link AlbTraceFilter}).
 */
public final class AlbTraceInitializer implements ServletContainerInitializer {
  /** The filter's registration name. */
  public static final String FILTER_NAME = "albtrace";
  /** Set to {@code false} to turn the automatic registration off. */
  public static final String AUTO_REGISTER = "albtrace.servlet.auto-register";

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    try {
      String enabled = context.getInitParameter(AUTO_REGISTER);
      if (enabled == null) enabled = SystemSettings.get(AUTO_REGISTER);
      if (enabled != null && enabled.trim().equalsIgnoreCase("false")) return;
      FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, AlbTraceFilter.class);
      if (filter == null) return; // a filter with that name exists
      filter.setAsyncSupported(true);
      filter.addMappingForUrlPatterns(
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR), false, "/*");
    } catch (RuntimeException e) { // e.g. a context that is already initialised: never fail startup
      context.log("albtrace: could not register " + FILTER_NAME + " filter: " + e);
    }
  }
}
