package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.source.SourceText;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;

/** Byte offsets to LSP positions and back, in the three encodings. */
class PositionsTest {
  // "a😀é" : a = 1 byte, 😀 = 4 bytes (2 UTF-16 units, 1 code point), é = 2 bytes
  private final SourceText src = SourceText.of("x", "k = \"a😀é\";\r\nnext\n");

  @Test
  void utf16() {
    Positions p = new Positions(src, Positions.Encoding.UTF16);
    assertEquals(new Position(0, 8), p.position(10)); // after the emoji: `k = "a` + 2 units
    assertEquals(10, p.offset(new Position(0, 8)));
    assertEquals(new Position(0, 9), p.position(12));
    assertEquals(12, p.offset(new Position(0, 9)));
    assertEquals(new Position(1, 0), p.position(16));
    assertEquals(16, p.offset(new Position(1, 0)));
  }

  @Test
  void utf8() {
    Positions p = new Positions(src, Positions.Encoding.UTF8);
    assertEquals(new Position(0, 10), p.position(10));
    assertEquals(10, p.offset(new Position(0, 10)));
    assertEquals(6, p.offset(new Position(0, 7)), "never inside a character");
  }

  @Test
  void utf32() {
    Positions p = new Positions(src, Positions.Encoding.UTF32);
    assertEquals(new Position(0, 7), p.position(10));
    assertEquals(10, p.offset(new Position(0, 7)));
    assertEquals(new Position(0, 8), p.position(12));
    assertEquals(12, p.offset(new Position(0, 8)));
    assertEquals(14, p.offset(new Position(0, 99)), "end of the line, before \\r\\n");
  }

  @Test
  void clamped() {
    Positions p = new Positions(src, Positions.Encoding.UTF16);
    assertEquals(src.length(), p.offset(new Position(99, 0)));
    assertEquals(0, p.offset(new Position(-1, 5)));
    assertEquals(15, p.offset(new Position(0, 999)), "end of line 1 (before \\n)");
    assertEquals(0, p.offset(null));
  }
}
