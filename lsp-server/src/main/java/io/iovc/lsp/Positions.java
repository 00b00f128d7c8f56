package io.iovc.lsp;

import io.iovc.source.SourceText;
import io.iovc.source.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * LSP positions of one document: 0-based lines and columns counted in the negotiated encoding
 * (UTF-16 code units by default, or UTF-8 bytes, or code points), to and from iovc's byte offsets.
 * Out-of-range positions are clamped, never rejected.
 */
final class Positions {
  /** The position encodings of LSP 3.17. */
  enum Encoding {
    UTF8("utf-8"),
    UTF16("utf-16"),
    UTF32("utf-32");

    final String lspName;

    Encoding(String lspName) {
      this.lspName = lspName;
    }
  }

  private final SourceText src;
  private final Encoding enc;

  Positions(SourceText src, Encoding enc) {
    this.src = src;
    this.enc = enc;
  }

  Encoding encoding() {
    return enc;
  }

  Position position(int offset) {
    int o = Math.min(Math.max(offset, 0), src.length());
    int line = src.line(o);
    int col =
        switch (enc) {
          case UTF8 -> o - src.lineStart(line);
          case UTF16 -> src.utf16Column(o);
          case UTF32 -> src.column(o) - 1;
        };
    return new Position(line - 1, col);
  }

  Range range(Span s) {
    return new Range(position(s.start()), position(s.end()));
  }

  /** Byte offset of an LSP position; null positions give 0. */
  int offset(Position p) {
    if (p == null) return 0;
    int line0 = p.getLine();
    if (line0 < 0) return 0;
    if (line0 >= src.lineCount()) return src.length();
    int col = Math.max(p.getCharacter(), 0);
    int start = src.lineStart(line0 + 1);
    int end = src.lineEnd(line0 + 1);
    switch (enc) {
      case UTF8:
        {
          int o = Math.min(start + col, end);
          byte[] b = src.bytes();
          while (o > start && o < b.length && (b[o] & 0xC0) == 0x80)
            o--; // never inside a character
          return o;
        }
      case UTF32:
        {
          byte[] b = src.bytes();
          int o = start;
          int n = 0;
          while (o < end && n < col) {
            o++;
            while (o < end && (b[o] & 0xC0) == 0x80) o++;
            n++;
          }
          return o;
        }
      default:
        return src.offsetOfUtf16(line0, col);
    }
  }

  /** Offset of a range's start, clamped. */
  int start(Range r) {
    return r == null ? 0 : offset(r.getStart());
  }

  /** Offset of a range's end, never before its start. */
  int end(Range r) {
    return r == null ? src.length() : Math.max(start(r), offset(r.getEnd()));
  }
}
