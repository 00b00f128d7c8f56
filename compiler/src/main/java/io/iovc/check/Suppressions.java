package io.iovc.check;

import io.iovc.diag.Code;
import io.iovc.diag.CodeBook;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Severity;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UclParser;
import io.iovc.syntax.UclToken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppression comments (spec/ecosystem.md §3.5), shellcheck style:
 *
 * <ul>
 *   <li>{@code # iovc disable=IOV228,IOV221} on its own line: the next key or section (the whole
 *       block when it precedes {@code VF-3 {});
 *   <li>before the first key of the file, or {@code # iovc disable-file=…}: the whole file;
 *   <li>at the end of a line holding a key: that line;
 *   <li>{@code # iovc disable-next-line=…}: the next line.
 * </ul>
 *
 * Only warnings can be disabled: an error is something iovctl refuses, and a comment cannot change
 * that. Unknown codes, error codes and suppressions that silence nothing are reported.
 */
final class Suppressions {
  /**
   * Compiled when a file names iovc at all: a one-file check should compile no regular expression
   * (the first one compiled sets up the JVM's lambda machinery).
   */
  private static final class DirectivePattern {
    static final Pattern PATTERN =
        Pattern.compile(
            "(?:#|/\\*)\\s*iovc\\s+(disable|disable-next-line|disable-file)\\s*=\\s*([A-Za-z0-9_]+(?:\\s*,\\s*[A-Za-z0-9_]+)*)");
  }

  private record Directive(
      Span comment,
      boolean onlyDirective,
      Span codesSpan,
      List<String> codes,
      List<Span> codeSpans,
      Span scope,
      String kind) {}

  private Suppressions() {}

  /**
   * Hides the warnings a directive disables; {@code codes} are the codes a comment may name. Emits
   * IOV002 (a code that is unknown, or an error) and IOV001 (a directive that hides nothing).
   */
  static List<Diagnostic> apply(SyntaxTree tree, List<Diagnostic> diags, CodeBook codes) {
    List<Directive> directives = find(tree);
    if (directives.isEmpty()) return diags;
    Map<Directive, Set<String>> used = new HashMap<>();
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : diags) {
      boolean hidden = false;
      if (d.severity() != Severity.ERROR) {
        for (Directive dir : directives) {
          if (dir.codes.contains(d.code().id()) && inScope(dir.scope, d.span())) {
            used.computeIfAbsent(dir, k -> new LinkedHashSet<>()).add(d.code().id());
            hidden = true;
          }
        }
      }
      if (!hidden) out.add(d);
    }
    for (Directive dir : directives) {
      Set<String> u = used.getOrDefault(dir, Set.of());
      for (int ci = 0; ci < dir.codes.size(); ci++) {
        String id = dir.codes.get(ci);
        Span at = dir.codeSpans.get(ci);
        Code c = codes.lookup(id);
        if (c == null) {
          out.add(MetaDiagnostics.UnknownSuppression.unknownCode(at, id));
        } else if (c.severity() == Severity.ERROR) {
          out.add(MetaDiagnostics.UnknownSuppression.errorCode(at, id));
        } else if (!u.contains(id)) {
          out.add(
              MetaDiagnostics.unusedSuppression(
                  at,
                  id,
                  dir.kind.equals("file"),
                  dir.codes.size() == 1 ? dir.comment : null,
                  dir.onlyDirective));
        }
      }
    }
    return out;
  }

  private static boolean inScope(Span scope, Span s) {
    return s.start() >= scope.start() && s.start() <= scope.end();
  }

  private static List<Directive> find(SyntaxTree tree) {
    List<Directive> out = new ArrayList<>();
    SourceText src = tree.source();
    // every directive says `iovc disable…`
    if (!src.contains("iovc") || !src.contains("disable")) return out;
    List<UclToken> tokens = tree.tokens();
    int firstKey = src.length();
    for (UclToken t : tokens) {
      if (!t.isHidden() && !t.synthetic) {
        firstKey = t.startOffset();
        break;
      }
    }
    // made for the first directive that needs it: a file without one should not pay for a map of
    // every member (16 384 VF sections make 32 769)
    Map<Integer, Span> members = null;
    for (int idx = 0; idx < tokens.size(); idx++) {
      UclToken t = tokens.get(idx);
      if (t.getType() != UclParser.COMMENT) continue;
      String text = src.text(t.span());
      Matcher m = DirectivePattern.PATTERN.matcher(text);
      if (!m.find()) continue;
      List<String> codes = new ArrayList<>();
      List<Span> codeSpans = new ArrayList<>();
      int codesStart =
          t.startOffset()
              + text.substring(0, m.start(2))
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                  .length;
      int codesEnd =
          codesStart + m.group(2).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      Matcher cm = Pattern.compile("[A-Za-z0-9_]+").matcher(m.group(2));
      while (cm.find()) {
        codes.add(cm.group().toUpperCase(java.util.Locale.ROOT));
        codeSpans.add(
            new Span(codesStart + cm.start(), codesStart + cm.end())); // the list is ASCII
      }
      Span codesSpan = new Span(codesStart, codesEnd);
      int line = src.line(t.startOffset());
      Span scope;
      String kind;
      if (m.group(1).equals("disable-file") || t.endOffset() <= firstKey) {
        scope = new Span(0, src.length());
        kind = "file";
      } else if (m.group(1).equals("disable-next-line")) {
        scope =
            line < src.lineCount()
                ? new Span(src.lineStart(line + 1), src.lineEnd(line + 1))
                : Span.at(src.length());
        kind = "line";
      } else if (codeBefore(tokens, idx, src, line)) {
        scope = new Span(src.lineStart(line), src.lineEnd(line));
        kind = "line";
      } else {
        scope = Span.at(t.endOffset());
        for (int j = idx + 1; j < tokens.size(); j++) {
          UclToken n = tokens.get(j);
          if (n.getType() == UclParser.KEY) {
            if (members == null) {
              members = new HashMap<>();
              collect(tree.root(), members);
            }
            Span ms = members.get(n.startOffset());
            scope = ms != null ? ms : n.span();
            break;
          }
        }
        kind = "next";
      }
      String rest = text.substring(m.end()).strip();
      boolean onlyDirective = m.start() == 0 && (rest.isEmpty() || rest.equals("*/"));
      out.add(new Directive(t.span(), onlyDirective, codesSpan, codes, codeSpans, scope, kind));
    }
    return out;
  }

  private static boolean codeBefore(List<UclToken> tokens, int idx, SourceText src, int line) {
    for (int j = idx - 1; j >= 0; j--) {
      UclToken p = tokens.get(j);
      if (src.line(p.startOffset()) != line
          && src.line(Math.max(p.startOffset(), p.endOffset() - 1)) != line) return false;
      if (p.getType() != UclParser.WS && p.getType() != UclParser.NEWLINE && !(p.synthetic))
        return true;
    }
    return false;
  }

  /** Outermost member span by key start offset. */
  private static void collect(UValue v, Map<Integer, Span> out) {
    if (v instanceof UValue.UObject o) {
      for (UValue.UEntry e : o.entries()) {
        if (e instanceof UValue.UMember m) {
          out.putIfAbsent(m.key().span().start(), m.span());
          collect(m.value(), out);
        }
      }
    } else if (v instanceof UValue.UArray a) {
      for (UValue i : a.items()) collect(i, out);
    }
  }
}
