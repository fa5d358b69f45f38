package io.albtrace.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.albtrace.testsupport.RawHttp;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection to 127.0.0.1 on a raw socket, so that a test can send header
 * bytes no HTTP client library would (non-ASCII, oversized) and know every request went over the
 * same connection. Each answer must be a 200 with a Content-Length (the echo's).
 */
final class RawClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream());
  }

  /** GET / with the given header lines ({@code "Name: value"}, sent as ISO-8859-1); the echo. */
  JsonNode get(String... headerLines) throws IOException {
    return getPath("/", headerLines);
  }

  /** GET {@code path} with the given header lines; the echo. */
  JsonNode getPath(String path, String... headerLines) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
    for (String line : headerLines) request.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    return send(request.toByteArray());
  }

  /** Sends {@code request} as is; the echo it answers. */
  JsonNode send(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    return JSON.readTree(RawHttp.readOkBody(in));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
