package io.albtrace.servlet;

import jakarta.servlet.Filter;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Embedded Tomcat on 127.0.0.1, a free port. */
final class TomcatServers {
  private TomcatServers() {}

  static Tomcat newTomcat() throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("albtrace-tomcat-base").toString());
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    tomcat.getConnector().setProperty("maxHttpRequestHeaderSize", "65536"); // room for hostile headers
    return tomcat;
  }

  /** Declares {@code filter} for {@code /*} after those declared so far, as {@code web.xml} does. */
  static void addFilter(Context ctx, String name, Filter filter) {
    FilterDef def = new FilterDef();
    def.setFilterName(name);
    def.setFilter(filter);
    def.setAsyncSupported("true");
    ctx.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName(name);
    map.addURLPattern("/*");
    ctx.addFilterMap(map);
  }

  static FilterContractTest.Server start(Tomcat tomcat) throws LifecycleException {
    tomcat.start();
    int port = tomcat.getConnector().getLocalPort();
    return new FilterContractTest.Server() {
      @Override
      public int port() {
        return port;
      }

      @Override
      public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
      }
    };
  }
}
