package io.iovc.lsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Keeps messages too large for the heap away from lsp4j, which reads each message into memory
 * whole. It reads the LSP framing ({@code Content-Length} headers) itself and passes messages up to
 * the limit through untouched. A larger message is read and dropped as it streams by, keeping only
 * its {@code method}, {@code id}, {@code uri} and {@code version}; lsp4j then receives a small
 * {@code $/iovc/tooLarge} notification instead (or a {@code $/iovc/tooLargeRequest} request, which
 * is answered with an error), so the server stays up and can tell the user.
 */
final class MessageGuard extends InputStream {
  private static final int MAX_HEADER = 16 << 10;

  private final InputStream in;
  private final long limit;

  /** Bytes to hand out before reading on (a header, or a replacement message). */
  private byte[] pending = new byte[0];

  private int pendingPos;

  /** Body bytes still to pass through from {@link #in}. */
  private long passThrough;

  MessageGuard(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (true) {
      if (pendingPos < pending.length) {
        int n = Math.min(len, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, b, off, n);
        pendingPos += n;
        return n;
      }
      if (passThrough > 0) {
        int n = in.read(b, off, (int) Math.min(len, passThrough));
        if (n > 0) passThrough -= n;
        return n;
      }
      if (!nextMessage()) return -1;
    }
  }

  @Override
  public int available() throws IOException {
    if (pendingPos < pending.length) return pending.length - pendingPos;
    return passThrough > 0 ? (int) Math.min(passThrough, in.available()) : 0;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Reads the next header; queues it (and passes the body through) or a replacement. */
  private boolean nextMessage() throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    int c;
    int state = 0; // counts \r\n\r\n (or \n\n)
    while ((c = in.read()) >= 0) {
      header.write(c);
      if (c == '\n') {
        state++;
        if (state == 2) break;
      } else if (c != '\r') {
        state = 0;
      }
      if (header.size() > MAX_HEADER) break; // not a header: hand it over as it is
    }
    if (header.size() == 0) return false;
    byte[] h = header.toByteArray();
    long length = contentLength(h);
    if (length < 0 || length <= limit || c < 0) {
      pending = h;
      pendingPos = 0;
      passThrough = Math.max(length, 0);
      return true;
    }
    Sniffer s = new Sniffer();
    byte[] buf = new byte[64 << 10];
    long left = length;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) break;
      s.feed(buf, n);
      left -= n;
    }
    byte[] body = replacement(s, length).getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    pending = new byte[head.length + body.length];
    System.arraycopy(head, 0, pending, 0, head.length);
    System.arraycopy(body, 0, pending, head.length, body.length);
    pendingPos = 0;
    passThrough = 0;
    return true;
  }

  private static long contentLength(byte[] header) {
    String text = new String(header, StandardCharsets.US_ASCII);
    for (String line : text.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
        try {
          return Long.parseLong(line.substring(colon + 1).strip());
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  static String replacement(Sniffer s, long size) {
    StringBuilder params = new StringBuilder("{\"size\":").append(size);
    if (s.method != null) params.append(",\"method\":\"").append(s.method).append('"');
    if (s.uri != null) params.append(",\"uri\":\"").append(s.uri).append('"');
    if (s.version != null) params.append(",\"version\":").append(s.version);
    params.append('}');
    if (s.id != null) {
      return "{\"jsonrpc\":\"2.0\",\"id\":"
          + s.id
          + ",\"method\":\"$/iovc/tooLargeRequest\",\"params\":"
          + params
          + "}";
    }
    return "{\"jsonrpc\":\"2.0\",\"method\":\"$/iovc/tooLarge\",\"params\":" + params + "}";
  }

  /**
   * A streaming look at JSON: remembers the first {@code method}, {@code uri}, {@code version} and
   * {@code id} values (strings kept in their escaped JSON form, at most 4 KiB), nothing else.
   */
  static final class Sniffer {
    String method;
    String uri;
    String version;
    String id;

    private boolean inString;
    private boolean escape;
    private final StringBuilder str = new StringBuilder();
    private boolean strTooLong;
    private String lastString;
    private String key;
    private boolean afterColon;
    private final StringBuilder scalar = new StringBuilder();

    void feed(byte[] b, int n) {
      for (int i = 0; i < n; i++) step((char) (b[i] & 0xff));
    }

    private void step(char c) {
      if (inString) {
        if (escape) {
          escape = false;
        } else if (c == '\\') {
          escape = true;
        } else if (c == '"') {
          inString = false;
          String s = strTooLong ? null : str.toString();
          if (afterColon && key != null) {
            value(key, s, true);
            key = null;
            afterColon = false;
          } else {
            lastString = s;
          }
          return;
        }
        if (str.length() < 4096) str.append(c);
        else strTooLong = true;
        return;
      }
      switch (c) {
        case '"' -> {
          if (scalar.length() > 0) flushScalar();
          inString = true;
          str.setLength(0);
          strTooLong = false;
        }
        case ':' -> {
          key = lastString;
          lastString = null;
          afterColon = true;
          scalar.setLength(0);
        }
        case ',', '}', ']' -> flushScalar();
        case '{', '[' -> {
          afterColon = false;
          key = null;
        }
        default -> {
          if (afterColon && !Character.isWhitespace(c) && scalar.length() < 32) scalar.append(c);
        }
      }
    }

    private void flushScalar() {
      if (afterColon && key != null && scalar.length() > 0) value(key, scalar.toString(), false);
      scalar.setLength(0);
      afterColon = false;
      key = null;
    }

    private void value(String k, String v, boolean string) {
      if (v == null) return;
      switch (k) {
        case "method" -> {
          if (method == null && string) method = v;
        }
        case "uri" -> {
          if (uri == null && string) uri = v;
        }
        case "version" -> {
          if (version == null && !string && v.matches("-?[0-9]{1,10}")) version = v;
        }
        case "id" -> {
          if (id == null) id = string ? "\"" + v + "\"" : v.matches("-?[0-9]{1,18}") ? v : null;
        }
        default -> {
          // not needed
        }
      }
    }
  }
}
