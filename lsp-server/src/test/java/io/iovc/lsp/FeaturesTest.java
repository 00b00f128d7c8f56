package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.format.Formatter;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SelectionRange;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/** Formatting, outline, folding, inlay hints and semantic tokens. */
class FeaturesTest {
  private final IovcLanguageService svc = Fixture.service(ClientInfo.RICH);

  @Test
  void formattingIsTheFormatter() throws Exception {
    String messy = "PF {device=\"ixl0\"\nnum_vfs : 2 }   # two\nVF-1 {passthrough=true}\n";
    Document d = Fixture.doc(messy);
    List<TextEdit> edits = svc.formatting(d);
    assertEquals(1, edits.size());
    String out = Fixture.apply(messy, edits);
    assertEquals(Formatter.formatText(svc.analyze(d).tree, d.vars), out);
    assertEquals(List.of(), svc.formatting(Fixture.doc(out)), "formatted text needs no edit");
    // only the part that changes is replaced
    String ixl = Fixture.IXL.replace(" = ", " : "); // the fixture in fmt's (the man page's) layout
    String almost = ixl.replace("\tnum-queues : 8;", "    num-queues   =   8;");
    edits = svc.formatting(Fixture.doc(almost));
    assertEquals(1, edits.size());
    assertEquals(7, edits.get(0).getRange().getStart().getLine() + 1);
    assertEquals(ixl, Fixture.apply(almost, edits));
    assertThrows(
        Formatter.FormatException.class,
        () -> svc.formatting(Fixture.doc("PF { device = \"ixl0\"")));
  }

  private static String show(SelectionRange r) {
    List<String> out = new java.util.ArrayList<>();
    for (; r != null; r = r.getParent()) {
      Range g = r.getRange();
      out.add(
          g.getStart().getLine()
              + ":"
              + g.getStart().getCharacter()
              + "-"
              + g.getEnd().getLine()
              + ":"
              + g.getEnd().getCharacter());
    }
    return String.join(" ", out);
  }

  private static boolean before(Position a, Position b) {
    return a.getLine() < b.getLine()
        || (a.getLine() == b.getLine() && a.getCharacter() <= b.getCharacter());
  }

  @Test
  void onTypeFormattingOfTheClosingBraceFormatsThatSectionOnly() throws Exception {
    String ixl = Fixture.IXL.replace(" = ", " : "); // fmt's (the man page's) layout
    String messy = ixl.replace("\tmac-addr : ", "   mac-addr   =   ");
    Document d = Fixture.doc(messy);
    // `}` closing VF-0 (line 11): the section is formatted
    List<TextEdit> edits = svc.onTypeFormatting(d, new Position(11, 1), "}");
    assertEquals(1, edits.size());
    assertEquals(ixl, Fixture.apply(messy, edits));
    // `}` closing DEFAULT (line 7) leaves VF-0 alone; other characters and other places: nothing
    assertEquals(List.of(), svc.onTypeFormatting(d, new Position(7, 1), "}"));
    assertEquals(List.of(), svc.onTypeFormatting(d, new Position(11, 1), ";"));
    assertEquals(List.of(), svc.onTypeFormatting(d, new Position(10, 5), "}"));
    assertEquals(
        List.of(), svc.onTypeFormatting(Fixture.doc(Fixture.IXL), new Position(11, 1), "}"));
  }

  @Test
  void selectionRangesGrowFromTheCaretToTheDocument() {
    Document d = Fixture.doc(Fixture.IXL);
    List<SelectionRange> r =
        svc.selectionRanges(
            d, List.of(new Position(10, 3), new Position(10, 16), new Position(6, 14)));
    // key `mac-addr`, `mac-addr = "…"`, the section VF-0 { … }, the document
    assertEquals("10:1-10:9 10:1-10:31 9:0-11:1 0:0-16:0", show(r.get(0)));
    // the value "02:00:00:00:00:01"
    assertEquals("10:12-10:31 10:1-10:31 9:0-11:1 0:0-16:0", show(r.get(1)));
    // the value 8 in DEFAULT
    assertEquals("6:14-6:15 6:1-6:15 5:0-7:1 0:0-16:0", show(r.get(2)));
    // a section with two members: the contents come between the member and the section
    String two = "PF {\n\tdevice = \"ixl0\";\n\tnum_vfs = 4;\n}\n";
    assertEquals(
        "2:1-2:8 2:1-2:12 1:1-2:12 0:0-3:1 0:0-4:0",
        show(svc.selectionRanges(Fixture.doc(two), List.of(new Position(2, 2))).get(0)));
    // everywhere in the file, each range strictly contains the one before and the caret
    String[] lines = Fixture.IXL.split("\n", -1);
    for (int l = 0; l < lines.length; l++) {
      for (int c = 0; c <= lines[l].length(); c++) {
        Position p = new Position(l, c);
        SelectionRange s = svc.selectionRanges(d, List.of(p)).get(0);
        assertTrue(
            before(s.getRange().getStart(), p) && before(p, s.getRange().getEnd()), l + ":" + c);
        for (SelectionRange q = s; q.getParent() != null; q = q.getParent()) {
          Range in = q.getRange();
          Range out = q.getParent().getRange();
          assertTrue(
              before(out.getStart(), in.getStart())
                  && before(in.getEnd(), out.getEnd())
                  && !in.equals(out),
              l + ":" + c + " " + show(s));
        }
      }
    }
  }

  @Test
  void symbols() {
    List<DocumentSymbol> s =
        svc.symbols(Fixture.doc(Fixture.IXL)).stream().map(e -> e.getRight()).toList();
    assertEquals(
        List.of("PF", "DEFAULT", "VF-0", "VF-2"), s.stream().map(DocumentSymbol::getName).toList());
    assertEquals(
        List.of(SymbolKind.Module, SymbolKind.Namespace, SymbolKind.Struct, SymbolKind.Struct),
        s.stream().map(DocumentSymbol::getKind).toList());
    DocumentSymbol pf = s.get(0);
    assertEquals(
        List.of("device", "num_vfs"),
        pf.getChildren().stream().map(DocumentSymbol::getName).toList());
    assertEquals("\"ixl0\"", pf.getChildren().get(0).getDetail());
    assertEquals(0, pf.getRange().getStart().getLine());
    assertEquals(3, pf.getRange().getEnd().getLine());
    // clients without hierarchy get a flat list with containers
    IovcLanguageService flat = Fixture.service(ClientInfo.BASIC);
    var info = flat.symbols(Fixture.doc(Fixture.IXL)).stream().map(e -> e.getLeft()).toList();
    assertEquals("num_vfs", info.get(2).getName());
    assertEquals("PF", info.get(2).getContainerName());
  }

  @Test
  void folding() {
    String text = "# one\n# two\n# three\n" + Fixture.IXL + "/* a\n   block */\n";
    List<FoldingRange> f = svc.folding(Fixture.doc(text));
    List<String> r =
        f.stream().map(x -> x.getStartLine() + "-" + x.getEndLine() + ":" + x.getKind()).toList();
    assertEquals(
        List.of(
            "0-2:comment",
            "3-5:region",
            "8-9:region",
            "12-13:region",
            "16-17:region",
            "19-20:comment"),
        r);
  }

  @Test
  void inlayHints() {
    List<InlayHint> h = svc.inlayHints(Fixture.doc(Fixture.IXL), null);
    assertEquals(3, h.size(), h.toString());
    assertEquals("2 of 4 VF sections written (2 use DEFAULT only)", h.get(0).getLabel().getLeft());
    assertEquals(2, h.get(0).getPosition().getLine());
    assertEquals(
        "from DEFAULT: num-queues = 8 · kernel defaults: passthrough = false, mac-anti-spoof = true, allow-set-mac = false, …",
        h.get(1).getLabel().getLeft());
    assertEquals(11, h.get(1).getPosition().getLine());
    assertEquals(1, h.get(1).getPosition().getCharacter(), "after the closing brace");
    assertTrue(h.get(1).getTooltip().getRight().getValue().contains("`allow-promisc = false`"));
    assertTrue(
        h.get(2)
            .getLabel()
            .getLeft()
            .startsWith("from DEFAULT: num-queues = 8 · kernel defaults: mac-anti-spoof = true"),
        h.get(2).getLabel().getLeft());
    // with an error only the num_vfs hint remains (iovctl would send nothing)
    List<InlayHint> broken =
        svc.inlayHints(Fixture.doc(Fixture.IXL.replace("passthrough", "passthru")), null);
    assertEquals(1, broken.size());
    // all VFs written
    String all = "PF {\n\tdevice = \"ixl0\";\n\tnum_vfs = 1;\n}\nVF-0 { num-queues = 2; }\n";
    assertEquals(
        "all 1 VF sections written",
        svc.inlayHints(Fixture.doc(all), null).get(0).getLabel().getLeft());
    // the range limits the hints
    var range =
        new org.eclipse.lsp4j.Range(
            new org.eclipse.lsp4j.Position(9, 0), new org.eclipse.lsp4j.Position(12, 0));
    assertEquals(1, svc.inlayHints(Fixture.doc(Fixture.IXL), range).size());
  }

  @Test
  void semanticTokens() {
    SemanticTokens t = svc.semanticTokens(Fixture.doc("PF {\n\tdevice = \"ixl0\"; # x\n}\n"));
    List<Integer> d = t.getData();
    // PF: namespace; device: property; =: operator; "ixl0": string; # x: comment
    assertEquals(
        List.of(0, 0, 2, 0, 0, 1, 1, 6, 1, 0, 0, 7, 1, 7, 0, 0, 2, 6, 2, 0, 0, 8, 3, 5, 0), d);
    // a block comment over lines is split per line
    SemanticTokens c = svc.semanticTokens(Fixture.doc("/* a\nbc */\n"));
    assertEquals(List.of(0, 0, 4, 5, 0, 1, 0, 5, 5, 0), c.getData());
  }

  @Test
  void explanationFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Settings s = new Settings();
    Explanations e = new Explanations(s, dir, Fixture.PLUGINS.codes());
    String href = e.href("IOV201");
    assertTrue(href.startsWith("file:"), href);
    String text = java.nio.file.Files.readString(java.nio.file.Path.of(java.net.URI.create(href)));
    assertTrue(text.startsWith("IOV201 (error): unknown parameter\n\n"), text);
    s.explainUrl = "https://example.org/iovc/{code}.html";
    assertEquals("https://example.org/iovc/IXL001.html", e.href("IXL001"));
    assertNotNull(e.text("IOV228"));
    // plugin codes come from the registry the server was given
    assertTrue(
        e.text("IXL001").startsWith("IXL001 (warning): num-queues outside 1..16 is clamped\n\n"));
    assertNull(new Explanations(s, dir, io.iovc.diag.CodeBook.CORE).text("IXL001"));
    Explanations none = new Explanations(new Settings(), null, Fixture.PLUGINS.codes());
    assertEquals(Explanations.FALLBACK + "IOV100", none.href("IOV100"));
  }
}
