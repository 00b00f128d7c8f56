package io.iovc.lsp;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.diag.Severity;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UclParser;
import io.iovc.syntax.UclToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Quick fixes: each {@link Fix} the checker attached to a diagnostic (did you mean, add num_vfs or
 * device, remove an ignored duplicate, {@code //} to {@code #}, 2.9 to 2…), preferred only when
 * machine-applicable, then for warnings "suppress CODE here" and "suppress CODE in this file" (a
 * {@code # iovc disable=CODE} comment, spec/ecosystem.md §3.5), then "explain CODE".
 */
final class CodeActions {
  static final String EXPLAIN = "iovc.explain";

  private final Diagnostics diagnostics;

  CodeActions(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  List<Either<Command, CodeAction>> actions(Analysis a, CodeActionParams params) {
    List<Either<Command, CodeAction>> out = new ArrayList<>();
    var ctx = params.getContext();
    List<String> only = ctx == null ? null : ctx.getOnly();
    boolean quickfix =
        only == null
            || only.isEmpty()
            || only.stream()
                .anyMatch(k -> k != null && (k.isEmpty() || CodeActionKind.QuickFix.startsWith(k)));
    if (!quickfix) return out;
    SourceText src = a.src;
    int s = a.pos.start(params.getRange());
    int e = a.pos.end(params.getRange());
    int fromLine = src.line(s);
    int toLine = src.line(e);
    List<org.eclipse.lsp4j.Diagnostic> sent =
        ctx == null || ctx.getDiagnostics() == null ? List.of() : ctx.getDiagnostics();
    Set<String> seen = new HashSet<>();
    List<Either<Command, CodeAction>> later = new ArrayList<>();
    for (Diagnostic d : a.diagnostics) {
      int dl = src.line(d.span().start());
      int dle = src.line(Math.max(d.span().start(), d.span().end() - 1));
      if (dle < fromLine || dl > toLine) continue;
      org.eclipse.lsp4j.Diagnostic ld = match(sent, diagnostics.map(a, d));
      for (Fix f : d.fixes()) {
        if (seen.add("fix:" + f.title() + f.edits()))
          out.add(Either.forRight(quickFix(d, f, ld, edit(a, f.edits()))));
      }
      String code = d.code().id();
      if (d.severity() != Severity.ERROR) {
        CodeAction here = suppressHere(a, d, ld);
        if (here != null && seen.add("here:" + code + here.getTitle()))
          later.add(Either.forRight(here));
        if (seen.add("file:" + code)) {
          CodeAction file = new CodeAction("Suppress " + code + " in this file");
          file.setKind(CodeActionKind.QuickFix);
          file.setDiagnostics(List.of(ld));
          file.setEdit(edit(a, List.of(new Edit(Span.at(0), "# iovc disable=" + code + "\n"))));
          later.add(Either.forRight(file));
        }
      }
      if (seen.add("explain:" + code)) {
        CodeAction ex = new CodeAction("Explain " + code);
        ex.setKind(CodeActionKind.QuickFix);
        ex.setDiagnostics(List.of(ld));
        ex.setCommand(new Command("Explain " + code, EXPLAIN, List.of(code)));
        later.add(Either.forRight(ex));
      }
    }
    out.addAll(later);
    return out;
  }

  /**
   * One of the checker's fixes as a quick fix. It is preferred (what an editor applies for "fix
   * all" or on save) only when it is machine-applicable and the diagnostic's only such fix: a guess
   * is offered, never preferred.
   */
  static CodeAction quickFix(
      Diagnostic d, Fix f, org.eclipse.lsp4j.Diagnostic ld, WorkspaceEdit edit) {
    CodeAction ca = new CodeAction(f.title());
    ca.setKind(CodeActionKind.QuickFix);
    ca.setDiagnostics(List.of(ld));
    ca.setEdit(edit);
    if (f.machineApplicable() && d.fixes().stream().filter(Fix::machineApplicable).count() == 1)
      ca.setIsPreferred(true);
    return ca;
  }

  /** The client's own copy of the diagnostic when it sent one (same code and start), else ours. */
  private static org.eclipse.lsp4j.Diagnostic match(
      List<org.eclipse.lsp4j.Diagnostic> sent, org.eclipse.lsp4j.Diagnostic ours) {
    for (org.eclipse.lsp4j.Diagnostic d : sent) {
      if (d == null || d.getRange() == null || d.getCode() == null) continue;
      Object code = d.getCode().isLeft() ? d.getCode().getLeft() : d.getCode().getRight();
      if (Objects.equals(String.valueOf(code), ours.getCode().getLeft())
          && Objects.equals(d.getRange().getStart(), ours.getRange().getStart())) return d;
    }
    return ours;
  }

  /**
   * {@code # iovc disable=CODE} on its own line above the key the diagnostic is about: it covers
   * that key (or the whole section before a section name). Offered only when that really covers the
   * diagnostic, and not above the first key (there it would cover the whole file).
   */
  private CodeAction suppressHere(Analysis a, Diagnostic d, org.eclipse.lsp4j.Diagnostic ld) {
    SourceText src = a.src;
    int line = src.line(d.span().start());
    int ls = src.lineStart(line);
    int le = src.lineEnd(line);
    UclToken first = null;
    UclToken firstOfFile = null;
    for (UclToken t : a.tree.tokens()) {
      if (t.isHidden() || t.synthetic) continue;
      if (firstOfFile == null) firstOfFile = t;
      if (t.startOffset() >= ls && t.startOffset() < le) {
        first = t;
        break;
      }
      if (t.startOffset() >= le) break;
    }
    if (first == null || first.getType() != UclParser.KEY) return null;
    if (firstOfFile == null || ls <= firstOfFile.startOffset()) return null;
    UMember m = memberAt(a.tree.root(), first.startOffset());
    if (m == null || d.span().start() < m.span().start() || d.span().start() > m.span().end())
      return null;
    String lineText = src.lineText(line);
    String indent = lineText.substring(0, lineText.length() - lineText.stripLeading().length());
    String code = d.code().id();
    CodeAction ca =
        new CodeAction("Suppress " + code + " for `" + Ascii.display(m.key().name()) + "`");
    ca.setKind(CodeActionKind.QuickFix);
    ca.setDiagnostics(List.of(ld));
    ca.setEdit(edit(a, List.of(new Edit(Span.at(ls), indent + "# iovc disable=" + code + "\n"))));
    return ca;
  }

  /** The member whose key starts at {@code keyStart}, outermost first. */
  private static UMember memberAt(UValue v, int keyStart) {
    if (v instanceof UValue.UObject o) {
      for (UMember m : o.members()) {
        if (m.key().span().start() == keyStart) return m;
        if (m.span().start() <= keyStart && keyStart <= m.span().end()) {
          UMember inner = memberAt(m.value(), keyStart);
          if (inner != null) return inner;
        }
      }
    }
    return null;
  }

  private static WorkspaceEdit edit(Analysis a, List<Edit> edits) {
    List<TextEdit> list = new ArrayList<>();
    for (Edit e : edits) list.add(new TextEdit(a.pos.range(e.span()), e.text()));
    return new WorkspaceEdit(Map.of(a.uri, list));
  }
}
