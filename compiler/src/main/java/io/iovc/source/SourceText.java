package io.iovc.source;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one configuration file and a table of line starts. libucl and iovctl work on bytes,
 * so iovc does too: offsets are byte offsets. Lines are 1-based; columns are 1-based and count
 * Unicode code points of the UTF-8 decoded line (what a reader sees), with a UTF-16 variant for the
 * language server.
 */
public final class SourceText {
  private final String name;
  private final byte[] bytes;
  private final int[] lineStarts;

  public SourceText(String name, byte[] bytes) {
    this.name = name;
    this.bytes = bytes;
    int n = 1;
    for (byte b : bytes) {
      if (b == '\n') n++;
    }
    int[] starts = new int[n];
    int line = 1;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') starts[line++] = i + 1;
    }
    this.lineStarts = starts;
  }

  public static SourceText of(String name, String utf8Text) {
    return new SourceText(name, utf8Text.getBytes(StandardCharsets.UTF_8));
  }

  /** The file name as the user gave it (used in diagnostics). */
  public String name() {
    return name;
  }

  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return bytes.length;
  }

  /**
   * The bytes hold {@code ascii} (ASCII only) somewhere. A pass over the bytes that lets a check
   * skip a walk over every token of a file that cannot have what it looks for.
   */
  public boolean contains(String ascii) {
    int n = ascii.length();
    if (n == 0) return true;
    byte first = (byte) ascii.charAt(0);
    outer:
    for (int i = 0, last = bytes.length - n; i <= last; i++) {
      if (bytes[i] != first) continue;
      for (int k = 1; k < n; k++) {
        if (bytes[i + k] != (byte) ascii.charAt(k)) continue outer;
      }
      return true;
    }
    return false;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** 1-based line of a byte offset. */
  public int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, Math.min(Math.max(offset, 0), bytes.length));
    return i >= 0 ? i + 1 : -i - 1;
  }

  public int lineStart(int line) {
    return lineStarts[line - 1];
  }

  /** End of the line's content (before '\n', and before a '\r' that precedes it). */
  public int lineEnd(int line) {
    int e = line < lineStarts.length ? lineStarts[line] - 1 : bytes.length;
    if (e > lineStart(line) && bytes[e - 1] == '\r') e--;
    return e;
  }

  /** The text of a line as UTF-8 (invalid bytes become U+FFFD), without the line terminator. */
  public String lineText(int line) {
    int s = lineStart(line);
    return new String(bytes, s, lineEnd(line) - s, StandardCharsets.UTF_8);
  }

  // Last column computed: diagnostics come in file order, so counting on from it keeps
  // column lookups linear even on a file that is one 10 MB line.
  private int cacheLine = -1;
  private int cacheOffset;
  private int cacheColumn;

  /** 1-based column in code points of the decoded line prefix. */
  public synchronized int column(int offset) {
    int line = line(offset);
    int s = lineStart(line);
    int o = Math.min(Math.max(offset, s), bytes.length);
    int col;
    if (line == cacheLine && o >= cacheOffset) {
      col = cacheColumn + codePoints(cacheOffset, o);
    } else {
      col = codePoints(s, o);
    }
    cacheLine = line;
    cacheOffset = o;
    cacheColumn = col;
    return col + 1;
  }

  /** 0-based column in UTF-16 code units (the LSP default position encoding). */
  public int utf16Column(int offset) {
    int line = line(offset);
    int s = lineStart(line);
    int o = Math.min(Math.max(offset, s), bytes.length);
    return new String(bytes, s, o - s, StandardCharsets.UTF_8).length();
  }

  /** Byte offset of a 0-based line and 0-based UTF-16 column (LSP positions), clamped. */
  public int offsetOfUtf16(int line0, int utf16Col) {
    if (line0 < 0) return 0;
    if (line0 >= lineStarts.length) return bytes.length;
    int s = lineStarts[line0];
    int e = line0 + 1 < lineStarts.length ? lineStarts[line0 + 1] - 1 : bytes.length;
    String text = new String(bytes, s, e - s, StandardCharsets.UTF_8);
    int col = Math.min(Math.max(utf16Col, 0), text.length());
    return s + text.substring(0, col).getBytes(StandardCharsets.UTF_8).length;
  }

  private int codePoints(int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if ((bytes[i] & 0xC0) != 0x80) n++;
    }
    return n;
  }

  /** Raw bytes of a span as an ISO-8859-1 string (one char per byte). */
  public String raw(Span span) {
    int s = Math.min(span.start(), bytes.length);
    int e = Math.min(span.end(), bytes.length);
    return new String(bytes, s, e - s, StandardCharsets.ISO_8859_1);
  }

  /** A span's text decoded as UTF-8, for messages. */
  public String text(Span span) {
    int s = Math.min(span.start(), bytes.length);
    int e = Math.min(span.end(), bytes.length);
    return new String(bytes, s, e - s, StandardCharsets.UTF_8);
  }
}
