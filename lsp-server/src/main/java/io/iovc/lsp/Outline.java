package io.iovc.lsp;

import io.iovc.check.ConfigSection;
import io.iovc.check.ConfigTree;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import io.iovc.syntax.UclParser;
import io.iovc.syntax.UclToken;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Document symbols (PF, DEFAULT, each VF-n with its parameters) and folding ranges. */
final class Outline {
  private Outline() {}

  static List<Either<SymbolInformation, DocumentSymbol>> symbols(Analysis a, boolean hierarchical) {
    List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
    if (!(a.tree.root() instanceof UObject root)) return out;
    for (UMember m : root.members()) {
      DocumentSymbol s = symbol(a, m, 0);
      if (hierarchical) {
        out.add(Either.forRight(s));
      } else {
        flatten(a, s, null, out);
      }
    }
    return out;
  }

  private static DocumentSymbol symbol(Analysis a, UMember m, int depth) {
    String name = Ascii.display(Ascii.cString(m.key().name()));
    if (name.isEmpty()) name = "\"\"";
    ConfigSection.Kind kind =
        depth == 0 ? ConfigTree.sectionKind(Ascii.cString(m.key().name())) : null;
    SymbolKind sk;
    if (depth == 0) {
      sk =
          kind == null
              ? SymbolKind.Object
              : switch (kind) {
                case PF -> SymbolKind.Module;
                case DEFAULT -> SymbolKind.Namespace;
                case VF -> SymbolKind.Struct;
              };
    } else {
      sk = m.value() instanceof UObject ? SymbolKind.Object : SymbolKind.Property;
    }
    Span range = m.key().span().to(m.value().span());
    String detail = m.value() instanceof UObject ? "" : short40(a.src.text(m.value().span()));
    DocumentSymbol s =
        new DocumentSymbol(name, sk, a.pos.range(range), a.pos.range(m.key().span()), detail);
    if (m.value() instanceof UObject o && depth < 8) {
      List<DocumentSymbol> children = new ArrayList<>();
      for (UMember c : o.members()) children.add(symbol(a, c, depth + 1));
      s.setChildren(children);
    }
    return s;
  }

  private static void flatten(
      Analysis a,
      DocumentSymbol s,
      String container,
      List<Either<SymbolInformation, DocumentSymbol>> out) {
    SymbolInformation si =
        new SymbolInformation(
            s.getName(), s.getKind(), new Location(a.uri, s.getRange()), container);
    out.add(Either.forLeft(si));
    if (s.getChildren() != null)
      for (DocumentSymbol c : s.getChildren()) flatten(a, c, s.getName(), out);
  }

  private static String short40(String s) {
    String one = s.replace('\n', ' ').replace('\r', ' ');
    return one.length() > 40 ? one.substring(0, 39) + "…" : one;
  }

  /** Each block that spans lines, block comments that span lines, and runs of line comments. */
  static List<FoldingRange> folding(Analysis a) {
    List<FoldingRange> out = new ArrayList<>();
    SourceText src = a.src;
    blocks(a.tree.root(), src, out, 0);
    int runStart = -1;
    int runEnd = -1;
    for (UclToken t : a.tree.tokens()) {
      if (t.getType() != UclParser.COMMENT) continue;
      int l0 = src.line(t.startOffset()) - 1;
      int l1 = src.line(Math.max(t.startOffset(), t.endOffset() - 1)) - 1;
      if (l1 > l0) {
        FoldingRange r = new FoldingRange(l0, l1);
        r.setKind(FoldingRangeKind.Comment);
        out.add(r);
        continue;
      }
      boolean ownLine = src.text(new Span(src.lineStart(l0 + 1), t.startOffset())).isBlank();
      if (ownLine && runStart >= 0 && l0 == runEnd + 1) {
        runEnd = l0;
      } else {
        addRun(out, runStart, runEnd);
        runStart = ownLine ? l0 : -1;
        runEnd = ownLine ? l0 : -1;
      }
    }
    addRun(out, runStart, runEnd);
    out.sort(
        (x, y) ->
            x.getStartLine() != y.getStartLine()
                ? Integer.compare(x.getStartLine(), y.getStartLine())
                : Integer.compare(y.getEndLine(), x.getEndLine()));
    return out;
  }

  private static void addRun(List<FoldingRange> out, int start, int end) {
    if (start >= 0 && end > start) {
      FoldingRange r = new FoldingRange(start, end);
      r.setKind(FoldingRangeKind.Comment);
      out.add(r);
    }
  }

  private static void blocks(UValue v, SourceText src, List<FoldingRange> out, int depth) {
    if (depth > 64) return;
    if (v instanceof UObject o) {
      if (!o.implicit()) region(o.span(), src, out);
      for (UMember m : o.members()) blocks(m.value(), src, out, depth + 1);
    } else if (v instanceof UValue.UArray arr) {
      region(arr.span(), src, out);
      for (UValue i : arr.items()) blocks(i, src, out, depth + 1);
    }
  }

  /** A block from its opening line to the line before its closing bracket (which stays visible). */
  private static void region(Span s, SourceText src, List<FoldingRange> out) {
    int l0 = src.line(s.start()) - 1;
    int close = Math.max(s.start(), s.end() - 1);
    int l1 = src.line(close) - 1;
    boolean closeAlone = src.text(new Span(src.lineStart(l1 + 1), close)).isBlank();
    int end = closeAlone ? l1 - 1 : l1;
    if (end > l0) {
      FoldingRange r = new FoldingRange(l0, end);
      r.setKind(FoldingRangeKind.Region);
      out.add(r);
    }
  }
}
