package io.iovc.lsp;

import io.iovc.format.Formatter;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SelectionRange;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The language service, independent of JSON-RPC (the LemMinX shape): each feature takes a document
 * and returns lsp4j values. It adds no rule of its own: diagnostics, fixes and docs come from the
 * checker, the schema and the plugins, formatting from {@link Formatter}.
 */
final class IovcLanguageService {
  final PluginRegistry registry;
  final Settings settings;
  private final Function<String, Schema> live;
  private final Diagnostics diagnostics;
  private final Completions completions;
  private final Hovers hovers = new Hovers();
  private final CodeActions codeActions;
  private final Explanations explanations;
  volatile ClientInfo client = ClientInfo.BASIC;

  /** This host's view of a file's PF, for the code lens ({@link HostView#NONE} in tests). */
  volatile HostView host = HostView.NONE;

  IovcLanguageService(
      PluginRegistry registry,
      Settings settings,
      Explanations explanations,
      Function<String, Schema> live) {
    this.registry = registry;
    this.settings = settings;
    this.live = live;
    this.diagnostics = new Diagnostics(explanations);
    this.completions = new Completions(registry);
    this.codeActions = new CodeActions(diagnostics);
    this.explanations = explanations;
  }

  /** The analysis of the document's current text (cached until the text or the settings change). */
  Analysis analyze(Document d) {
    Analysis a = d.analysis;
    if (a != null && a.version == d.version && a.pos.encoding() == client.encoding()) return a;
    if (d.text == null || d.size > settings.maxFileSize) {
      a =
          Analysis.tooLarge(
              d.uri,
              d.version,
              d.name(),
              d.size,
              settings.maxFileSize,
              d.text == null ? d.dropped : null,
              client.encoding());
    } else {
      a =
          Analysis.of(
              d.uri,
              d.version,
              d.name(),
              d.text,
              d.vars,
              registry,
              live,
              settings.driver,
              client.encoding());
    }
    d.analysis = a;
    retain(d, a);
    return a;
  }

  /** Heap an analysis holds, roughly (measured: about 75 bytes per byte of text). */
  static long weight(Analysis a) {
    return 4096 + 80L * a.src.length();
  }

  /** Analyses kept, least recently used first; the oldest are dropped beyond the budget. */
  private final java.util.LinkedHashMap<Document, Long> retained =
      new java.util.LinkedHashMap<>(16, 0.75f, true);

  private long retainedWeight;

  /** Heap the kept analyses may take; the rest of the heap is for messages and work. */
  long retainBudget = Runtime.getRuntime().maxMemory() / 2;

  private void retain(Document d, Analysis a) {
    Long old = retained.put(d, weight(a));
    retainedWeight += weight(a) - (old == null ? 0 : old);
    var it = retained.entrySet().iterator();
    while (retainedWeight > retainBudget && it.hasNext()) {
      var e = it.next();
      if (e.getKey() == d) continue;
      e.getKey().analysis = null;
      retainedWeight -= e.getValue();
      it.remove();
    }
  }

  /** Forgets a document (closed). */
  void forget(Document d) {
    Long w = retained.remove(d);
    if (w != null) retainedWeight -= w;
    d.analysis = null;
  }

  PublishDiagnosticsParams diagnostics(Document d) {
    Analysis a = analyze(d);
    return new PublishDiagnosticsParams(d.uri, diagnostics.map(a), d.version);
  }

  CompletionList completion(Document d, Position p) {
    Analysis a = analyze(d);
    if (a.tooLarge) return new CompletionList(false, List.of());
    return completions.complete(a, p, client);
  }

  Hover hover(Document d, Position p) {
    Analysis a = analyze(d);
    return a.tooLarge ? null : hovers.hover(a, p, client);
  }

  List<Either<Command, CodeAction>> codeActions(Document d, CodeActionParams p) {
    return codeActions.actions(analyze(d), p);
  }

  /** One edit replacing what changes, or none; throws when the formatter refuses the file. */
  List<TextEdit> formatting(Document d) throws Formatter.FormatException {
    Analysis a = analyze(d);
    if (a.tooLarge) return List.of();
    String original = d.text;
    String formatted = Formatter.formatText(a.tree, d.vars);
    if (formatted.equals(original)) return List.of();
    int p = 0;
    int max = Math.min(original.length(), formatted.length());
    while (p < max && original.charAt(p) == formatted.charAt(p)) p++;
    if (p > 0 && Character.isHighSurrogate(original.charAt(p - 1))) p--;
    int s = 0;
    while (s < max - p
        && original.charAt(original.length() - 1 - s)
            == formatted.charAt(formatted.length() - 1 - s)) s++;
    if (s > 0 && Character.isLowSurrogate(original.charAt(original.length() - s))) s--;
    int from = utf8Length(original, 0, p);
    int to = from + utf8Length(original, p, original.length() - s);
    Range r = new Range(a.pos.position(from), a.pos.position(to));
    return List.of(new TextEdit(r, formatted.substring(p, formatted.length() - s)));
  }

  List<Either<SymbolInformation, DocumentSymbol>> symbols(Document d) {
    return Outline.symbols(analyze(d), client.hierarchicalSymbols());
  }

  List<FoldingRange> folding(Document d) {
    return Outline.folding(analyze(d));
  }

  /**
   * On-type formatting after a {@code }} that closes a section: the formatter's edit, only when it
   * lies within that section (nothing elsewhere in the file moves while the user types).
   */
  List<TextEdit> onTypeFormatting(Document d, Position p, String ch)
      throws Formatter.FormatException {
    if (!"}".equals(ch)) return List.of();
    Analysis a = analyze(d);
    if (a.tooLarge || !(a.tree.root() instanceof io.iovc.syntax.UValue.UObject root)) {
      return List.of();
    }
    int off = a.pos.offset(p);
    Range section = null;
    for (io.iovc.syntax.UValue.UEntry e : root.entries()) {
      if (e instanceof io.iovc.syntax.UValue.UMember m
          && m.value() instanceof io.iovc.syntax.UValue.UObject o
          && !o.implicit()
          && o.span().end() == off) {
        section = a.pos.range(m.span());
      }
    }
    if (section == null) return List.of();
    List<TextEdit> out = new java.util.ArrayList<>();
    for (TextEdit e : formatting(d)) {
      Range r = e.getRange();
      if (r.getStart().getLine() >= section.getStart().getLine()
          && r.getEnd().getLine() <= section.getEnd().getLine()) {
        out.add(e);
      }
    }
    return out;
  }

  List<SelectionRange> selectionRanges(Document d, List<Position> positions) {
    return SelectionRanges.ranges(analyze(d), positions);
  }

  List<InlayHint> inlayHints(Document d, Range r) {
    return InlayHints.hints(analyze(d), r, client.markdown());
  }

  List<org.eclipse.lsp4j.CodeLens> codeLenses(Document d) {
    Analysis a = analyze(d);
    return CodeLenses.lenses(a, a.tooLarge ? null : host.look(a));
  }

  List<org.eclipse.lsp4j.DocumentLink> documentLinks(Document d) {
    return DocumentLinks.links(analyze(d), registry.codes(), explanations);
  }

  org.eclipse.lsp4j.PrepareRenameResult prepareRename(Document d, Position p) {
    return Renames.prepare(analyze(d), p);
  }

  Renames.Result rename(Document d, Position p, String newName) {
    return Renames.rename(analyze(d), p, newName);
  }

  SemanticTokens semanticTokens(Document d) {
    return SemanticTokensBuilder.build(analyze(d));
  }

  /** UTF-8 length of {@code s[from, to)} without encoding it. */
  static int utf8Length(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n++; // an unpaired surrogate becomes '?' in String.getBytes
      } else {
        n += 3;
      }
    }
    return n;
  }

  static long utf8Length(String s) {
    return s.length() < 1 << 20
        ? s.getBytes(StandardCharsets.UTF_8).length
        : utf8Length(s, 0, s.length());
  }
}
