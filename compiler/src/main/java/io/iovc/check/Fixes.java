package io.iovc.check;

import io.iovc.diag.Edit;
import io.iovc.plugin.DriverPlugin;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import io.iovc.syntax.UclToken;
import java.util.List;

/**
 * Where a fix edits and what it may guess: the place to add a statement to a section, the whole
 * lines of an entry to delete, a device name or VF count to write. The fixes themselves (title,
 * edits, applicability) are built with their diagnostics, in the {@code *Diagnostics} classes.
 */
final class Fixes {
  private Fixes() {}

  /**
   * The edit adding {@code stmt} as the last entry of a section (on its own line when the closing
   * brace is on its own line), or null when the section has no braces to insert into.
   */
  static Edit addToSection(SourceText src, UMember section, String stmt) {
    if (section == null || !(section.value() instanceof UObject o) || o.implicit()) return null;
    int close = o.span().end() - 1;
    if (close <= o.span().start() || close >= src.length() || src.bytes()[close] != '}')
      return null;
    int line = src.line(close);
    int lineStart = src.lineStart(line);
    String before = src.text(new Span(lineStart, close));
    if (before.isBlank() && src.line(o.span().start()) != line) {
      String indent = "\t";
      List<UMember> ms = o.members();
      if (!ms.isEmpty()) {
        int kl = src.line(ms.get(ms.size() - 1).key().span().start());
        String t = src.lineText(kl);
        String ws = t.substring(0, t.length() - t.stripLeading().length());
        if (!ws.isEmpty() && kl != src.line(o.span().start())) indent = ws;
      }
      return new Edit(Span.at(lineStart), indent + stmt + "\n");
    }
    String sep = before.endsWith(" ") || before.endsWith("\t") ? "" : " ";
    return new Edit(Span.at(close), sep + stmt + " ");
  }

  /** The span of whole lines covering {@code s}, for fixes that delete an entry. */
  static Span wholeLines(SourceText src, Span s) {
    int startLine = src.line(s.start());
    int endLine = src.line(Math.max(s.start(), s.end() - 1));
    int a = src.lineStart(startLine);
    int b = endLine < src.lineCount() ? src.lineStart(endLine + 1) : src.length();
    String before = src.text(new Span(a, s.start())).strip();
    String after = src.text(new Span(s.end(), Math.min(b, src.length()))).strip();
    if (!before.isEmpty() || !(after.isEmpty() || after.equals(";") || after.equals(","))) return s;
    return new Span(a, b);
  }

  /**
   * The device a fix may write: the file's own name when it is one the driver serves (or, without a
   * driver, looks like a device: {@code /etc/iov/ixl0.conf}), else the driver's first example name;
   * null when nothing says which device is meant.
   */
  static String deviceGuess(SourceText src, Schema schema) {
    String n = src.name() == null ? "" : src.name();
    n = n.substring(n.lastIndexOf('/') + 1);
    if (n.endsWith(".conf")) n = n.substring(0, n.length() - 5);
    boolean looksLikeDevice = n.matches("[a-z][a-z0-9_]*[0-9]+");
    DriverPlugin p = schema == null ? null : schema.plugin();
    if (p == null) return looksLikeDevice ? n : null;
    for (String pat : p.devicePatterns()) {
      if (looksLikeDevice && n.matches(pat)) return n;
    }
    List<String> examples = p.exampleDevices();
    return examples.isEmpty() ? null : examples.get(0);
  }

  /** num_vfs for a fix: one more than the highest VF-n section written, at least 1. */
  static int vfCountGuess(SyntaxTree tree) {
    int max = -1;
    if (tree.root() instanceof UObject o) {
      for (UMember m : o.members()) {
        int i = ConfigTree.vfIndexOf(Ascii.cString(m.key().name()));
        if (i >= 0 && i < 0xFFFF) max = Math.max(max, i);
      }
    }
    return max + 1 < 1 ? 1 : max + 1;
  }

  /** Start of the line holding the first key of the file (where a new first section goes). */
  static int firstKeyLineStart(SyntaxTree tree) {
    SourceText src = tree.source();
    for (UclToken t : tree.tokens()) {
      if (!t.isHidden() && !t.synthetic) return src.lineStart(src.line(t.startOffset()));
    }
    return src.length();
  }
}
