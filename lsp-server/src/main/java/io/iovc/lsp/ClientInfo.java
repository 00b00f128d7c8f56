package io.iovc.lsp;

import java.util.List;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.MarkupKind;

/** What the client said it supports, reduced to the few choices the server makes. */
record ClientInfo(
    Positions.Encoding encoding,
    boolean snippets,
    boolean markdown,
    boolean hierarchicalSymbols,
    boolean showDocument,
    boolean configurationPull,
    boolean lineFoldingOnly,
    boolean pullDiagnostics,
    boolean diagnosticRefresh) {

  /** Plain defaults: UTF-16, no snippets, plain text (also what tests start from). */
  static final ClientInfo BASIC =
      new ClientInfo(
          Positions.Encoding.UTF16, false, false, false, false, false, false, false, false);

  /** A client like VS Code. */
  static final ClientInfo RICH =
      new ClientInfo(Positions.Encoding.UTF16, true, true, true, true, true, true, true, true);

  static ClientInfo of(ClientCapabilities c) {
    if (c == null) return BASIC;
    Positions.Encoding enc = Positions.Encoding.UTF16;
    if (c.getGeneral() != null && c.getGeneral().getPositionEncodings() != null) {
      List<String> offered = c.getGeneral().getPositionEncodings();
      if (offered.contains("utf-8")) enc = Positions.Encoding.UTF8;
      else if (offered.contains("utf-32")) enc = Positions.Encoding.UTF32;
    }
    var td = c.getTextDocument();
    boolean snippets = false;
    boolean markdown = false;
    boolean hier = false;
    boolean lineFolding = false;
    if (td != null) {
      var comp = td.getCompletion();
      if (comp != null && comp.getCompletionItem() != null) {
        snippets = Boolean.TRUE.equals(comp.getCompletionItem().getSnippetSupport());
      }
      var hover = td.getHover();
      if (hover != null && hover.getContentFormat() != null)
        markdown = hover.getContentFormat().contains(MarkupKind.MARKDOWN);
      var sym = td.getDocumentSymbol();
      if (sym != null) hier = Boolean.TRUE.equals(sym.getHierarchicalDocumentSymbolSupport());
      var fold = td.getFoldingRange();
      if (fold != null) lineFolding = Boolean.TRUE.equals(fold.getLineFoldingOnly());
    }
    boolean show =
        c.getWindow() != null
            && c.getWindow().getShowDocument() != null
            && c.getWindow().getShowDocument().isSupport();
    boolean pull =
        c.getWorkspace() != null && Boolean.TRUE.equals(c.getWorkspace().getConfiguration());
    // textDocument/diagnostic: the client asks, the server stops pushing
    boolean pullDiags = td != null && td.getDiagnostic() != null;
    boolean refresh =
        c.getWorkspace() != null
            && c.getWorkspace().getDiagnostics() != null
            && Boolean.TRUE.equals(c.getWorkspace().getDiagnostics().getRefreshSupport());
    return new ClientInfo(
        enc, snippets, markdown, hier, show, pull, lineFolding, pullDiags, refresh);
  }
}
