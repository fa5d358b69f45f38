package io.albtrace.accesslog;

/**
 * The parts of an entry's {@code request} field, located in place (no copy) and reusable: what the
 * enricher's {@code http.*} attributes and the ALB span's {@code url.*} attributes are cut from.
 *
 * <pre>
 * "GET http://www.example.com:80/a/b?q=1 HTTP/1.1"
 *  ^^^ method
 *      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ url: between the first and the last space (never a blind split)
 *      ^^^^ scheme  ^^^^^^^^^^^^^^^ host ^^ port  ^^^^ path  ^^^ query (after '?', before '#')
 *                                                           protocol: after the last space ^^^^^^^^
 * "- http://host:80- -"    no method, url http://host:80- (host host:80-), no protocol (ALB's form
 *                          of a malformed request); "- - -" has neither method nor url
 * </pre>
 *
 * <p>A part that is absent has {@code start == end == -1}; {@code -} as method, url or protocol
 * counts as absent. A URL without {@code ://} has only a path (and query), and only when it starts
 * with {@code /}. Positions index {@link AlbLogEntry#line()}; the text is still ALB-escaped
 * ({@link AlbLogValues#text}). Not thread-safe.
 */
public final class AlbRequest {
  private static final int REQUEST = AlbLogField.REQUEST.ordinal();

  int methodStart, methodEnd, urlStart, urlEnd, protocolStart, protocolEnd;
  int schemeStart, schemeEnd, hostStart, hostEnd, portStart, portEnd, pathStart, pathEnd, queryStart, queryEnd;

  /**
   * Locates the parts of {@code e}'s request field.
   *
   * @return whether it has a method or a URL
   */
  public boolean read(AlbLogEntry e) {
    methodStart = methodEnd = urlStart = urlEnd = protocolStart = protocolEnd = -1;
    schemeStart = schemeEnd = hostStart = hostEnd = portStart = portEnd = -1;
    pathStart = pathEnd = queryStart = queryEnd = -1;
    if (e.isAbsent(REQUEST)) return false;
    byte[] s = e.line();
    int from = e.start(REQUEST), to = e.end(REQUEST);
    int last = to;
    if (last > from && s[last - 1] == ' ') last--; // a space may follow the protocol
    int firstSpace = from;
    while (firstSpace < last && s[firstSpace] != ' ') firstSpace++;
    int lastSpace = last - 1;
    while (lastSpace > firstSpace && s[lastSpace] != ' ') lastSpace--;
    if (firstSpace >= last || lastSpace <= firstSpace) return false; // fewer than two spaces
    if (isValue(s, from, firstSpace)) {
      methodStart = from;
      methodEnd = firstSpace;
    }
    if (isValue(s, lastSpace + 1, last)) {
      protocolStart = lastSpace + 1;
      protocolEnd = last;
    }
    if (isValue(s, firstSpace + 1, lastSpace)) {
      urlStart = firstSpace + 1;
      urlEnd = lastSpace;
      url(s, urlStart, urlEnd);
    }
    return methodStart >= 0 || urlStart >= 0;
  }

  /** {@code scheme://host:port/path?query#fragment}: scheme, host, port (digits), path, query. */
  private void url(byte[] s, int from, int to) {
    int pathFrom = from;
    int schemeTo = from;
    while (schemeTo < to && schemeTo - from < 16 && isSchemeChar(s[schemeTo])) schemeTo++;
    if (schemeTo > from && schemeTo + 2 < to && s[schemeTo] == ':' && s[schemeTo + 1] == '/'
        && s[schemeTo + 2] == '/') {
      schemeStart = from;
      schemeEnd = schemeTo;
      int h = schemeTo + 3;
      int authorityEnd = h;
      while (authorityEnd < to && s[authorityEnd] != '/' && s[authorityEnd] != '?' && s[authorityEnd] != '#') {
        authorityEnd++;
      }
      int colon = authorityEnd - 1;
      while (colon >= h && s[colon] >= '0' && s[colon] <= '9') colon--;
      boolean hasPort = colon >= h && colon < authorityEnd - 1 && s[colon] == ':'
          && AlbLogEntry.isJsonNumber(s, colon + 1, authorityEnd, false);
      int hostTo = hasPort ? colon : authorityEnd;
      if (hostTo > h) {
        hostStart = h;
        hostEnd = hostTo;
      }
      if (hasPort) {
        portStart = colon + 1;
        portEnd = authorityEnd;
      }
      pathFrom = authorityEnd;
    } else if (s[from] != '/') {
      return;
    }
    int p = pathFrom;
    while (p < to && s[p] != '?' && s[p] != '#') p++;
    if (p > pathFrom) {
      pathStart = pathFrom;
      pathEnd = p;
    }
    if (p < to && s[p] == '?') {
      int q = p + 1;
      while (q < to && s[q] != '#') q++;
      queryStart = p + 1;
      queryEnd = q;
    }
  }

  private static boolean isSchemeChar(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '+'
        || b == '-' || b == '.';
  }

  private static boolean isValue(byte[] s, int from, int to) {
    return to > from && !(to - from == 1 && s[from] == '-');
  }

  public int methodStart() { return methodStart; }
  public int methodEnd() { return methodEnd; }
  public int urlStart() { return urlStart; }
  public int urlEnd() { return urlEnd; }
  public int protocolStart() { return protocolStart; }
  public int protocolEnd() { return protocolEnd; }
  public int schemeStart() { return schemeStart; }
  public int schemeEnd() { return schemeEnd; }
  public int hostStart() { return hostStart; }
  public int hostEnd() { return hostEnd; }
  public int portStart() { return portStart; }
  public int portEnd() { return portEnd; }
  public int pathStart() { return pathStart; }
  public int pathEnd() { return pathEnd; }
  /** Start of the query, after its {@code ?}; an empty query ({@code /a?}) has start == end. */
  public int queryStart() { return queryStart; }
  public int queryEnd() { return queryEnd; }
}
