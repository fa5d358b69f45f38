package io.albtrace.testsupport;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads HTTP/1.1 responses off a raw socket, for load tests that send bytes no HTTP client would
 * (hostile headers, deep pipelining).
 */
public final class RawHttp {
  private RawHttp() {}

  /** A 200 response's body, and whether the server said it closes the connection after it. */
  public static final class Response {
    public final byte[] body;
    public final boolean close;

    Response(byte[] body, boolean close) {
      this.body = body;
      this.close = close;
    }
  }

  /** The body of the next response, which must be a 200 with a Content-Length; else IOException. */
  public static byte[] readOkBody(InputStream in) throws IOException {
    return readOk(in).body;
  }

  /**
   * The next response, which must be a 200 with a Content-Length; else IOException. {@code close}
   * is set by {@code Connection: close}, which servers send when they end a keep-alive connection
   * (Tomcat after 100 requests by default).
   */
  public static Response readOk(InputStream in) throws IOException {
    String status = line(in);
    if (!status.startsWith("HTTP/1.1 200")) throw new IOException("status: " + status);
    int length = -1;
    boolean close = false;
    for (String l; !(l = line(in)).isEmpty(); ) {
      if (l.regionMatches(true, 0, "content-length:", 0, 15)) length = Integer.parseInt(l.substring(15).trim());
      if (l.regionMatches(true, 0, "connection:", 0, 11)) close = l.substring(11).trim().equalsIgnoreCase("close");
    }
    if (length < 0) throw new IOException("no content-length");
    byte[] body = in.readNBytes(length);
    if (body.length != length) throw new IOException("short body");
    return new Response(body, close);
  }

  /** One header line without its CR LF. */
  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) throw new IOException("connection closed");
      if (b != '\r') sb.append((char) b);
    }
    return sb.toString();
  }
}
