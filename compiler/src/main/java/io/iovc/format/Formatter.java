package io.iovc.format;

import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UEntry;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import io.iovc.syntax.Ucl;
import io.iovc.syntax.UclModel;
import io.iovc.syntax.UclParser;
import io.iovc.syntax.UclToken;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The canonical layout of an iovctl.conf ({@code iovc fmt}, editor formatting), the one of
 * iovctl.conf(5)'s EXAMPLES, so that the man page's own example is already formatted:
 *
 * <pre>
 * PF {
 * 	device : "ixl0";
 * 	num_vfs : 2;
 * }
 *
 * VF-0 {
 * 	mac-addr : "02:00:00:00:00:01";	# a comment stays where it was
 * }
 * </pre>
 *
 * One tab per level, {@code key : value;}, one blank line between sections, blank lines inside a
 * section kept (at most one), every comment kept on its line. Values are copied byte for byte and
 * not re-spelled; the only values written quoted are unquoted ones whose meaning depends on what
 * followed them (a number-like text that was a string, a backslash that ended the file). Objects
 * that libucl opens implicitly ({@code a b { }}) get their braces written out. Before returning,
 * the result is parsed again and must give the same libucl tree as the input; otherwise formatting
 * is refused, so {@code fmt} can never change what a file means (or the bytes it compiles to).
 */
public final class Formatter {
  /** Formatting is not possible (syntax errors) or not safe for this input. */
  public static final class FormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public FormatException(String message) {
      super(message);
    }
  }

  private final SyntaxTree tree;
  private final SourceText src;
  private final List<UclToken> tokens;
  private final StringBuilder out = new StringBuilder();

  /** The line being written ends in a # comment: nothing more may go on it. */
  private boolean lineHasHash;

  /** The entry just written is a macro. */
  private boolean afterMacro;

  /** An unfinished macro at the end of the file, written last (see {@link #entry}). */
  private String trailingMacro;

  /** Indentation of the entry being written, for comments moved onto their own line. */
  private String entryIndent = "";

  private Formatter(SyntaxTree tree) {
    this.tree = tree;
    this.src = tree.source();
    this.tokens = tree.tokens();
  }

  /** The formatted file as bytes. The variables are those the file was parsed with. */
  public static byte[] format(SyntaxTree tree, Map<String, String> vars) throws FormatException {
    if (tree.hasErrors())
      throw new FormatException(
          "the file has syntax errors; fix them first (iovc check shows them)");
    if (!(tree.root() instanceof UObject root)) {
      return tree.source().bytes().clone();
    }
    if (hasDeep(root)) {
      // Content nested deeper than the parser builds a tree for is one opaque token; re-laying
      // the braces around it can change how libucl reads it (found by fuzzing). No iovctl.conf
      // nests that deep, so such a file is left as it is, with a reason.
      throw new FormatException(
          "the file nests deeper than "
              + Ucl.MAX_DEPTH
              + " levels; iovc does not reformat it, it was left as it is");
    }
    byte[] result = layoutUnchecked(tree);
    SyntaxTree again = Ucl.parse(new SourceText(tree.source().name(), result), vars);
    // Comments moved on the first pass (from between a key and its value) are ordinary comments
    // on the next; a second pass settles them, so fmt is idempotent.
    for (int pass = 0; pass < 2 && !again.hasErrors(); pass++) {
      byte[] next = layoutUnchecked(again);
      if (java.util.Arrays.equals(next, result)) break;
      result = next;
      again = Ucl.parse(new SourceText(tree.source().name(), result), vars);
    }
    if (again.hasErrors() || !UclModel.fingerprint(again).equals(UclModel.fingerprint(tree))) {
      throw new FormatException(
          "iovc cannot format this file without changing its meaning; it was left as it is");
    }
    if (comments(again).equals(comments(tree))) return result;
    throw new FormatException(
        "iovc cannot format this file without losing a comment; it was left as it is");
  }

  /** The layout alone, without the safety check: for tests and for investigating a refusal. */
  public static byte[] layoutUnchecked(SyntaxTree tree) {
    if (!(tree.root() instanceof UObject root)) return tree.source().bytes().clone();
    Formatter f = new Formatter(tree);
    f.file(root);
    if (f.trailingMacro != null) {
      if (f.out.length() > 0 && f.out.charAt(f.out.length() - 1) != '\n') f.out.append('\n');
      f.out.append(f.trailingMacro);
    }
    return f.out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Formats and returns text (for editors); the input bytes are read as UTF-8. */
  public static String formatText(SyntaxTree tree, Map<String, String> vars)
      throws FormatException {
    return new String(format(tree, vars), StandardCharsets.UTF_8);
  }

  /** The tree holds content collapsed into a DEEP token. Depth is bounded by the scanner. */
  public static boolean hasDeep(UValue v) {
    if (v instanceof UValue.UDeep) return true;
    if (v instanceof UObject o) {
      for (UEntry e : o.entries()) if (e instanceof UMember m && hasDeep(m.value())) return true;
    }
    if (v instanceof UValue.UArray a) {
      for (UValue i : a.items()) if (hasDeep(i)) return true;
    }
    return false;
  }

  private static List<String> comments(SyntaxTree t) {
    List<String> c = new ArrayList<>();
    for (UclToken k : t.tokens()) {
      if (k.getType() == UclParser.COMMENT) c.add(k.getText().strip());
    }
    return c;
  }

  // ---------------------------------------------------------------- layout

  private void file(UObject root) {
    if (root.implicit()) {
      members(root, 0, 0, src.length(), true, false);
    } else {
      // What precedes the file's `{` is copied as it is: libucl reads a blank line or a block
      // comment there differently from a `#` line, so re-spacing it could change the verdict.
      int open = root.span().start();
      out.append(src.raw(new Span(0, open)));
      out.append('{');
      int close = root.span().end() - 1;
      members(root, 1, open + 1, close, true, true);
      out.append("}\n");
      int rest = root.span().end();
      if (rest < src.length()) {
        String tail = src.raw(new Span(rest, src.length()));
        String trimmed = tail.replaceFirst("^[ \t]*\r?\n?", "");
        out.append(trimmed);
        if (!trimmed.isEmpty() && !trimmed.endsWith("\n")) out.append('\n');
      }
    }
    // exactly one newline at the end
    while (out.length() > 1
        && out.charAt(out.length() - 1) == '\n'
        && out.charAt(out.length() - 2) == '\n') {
      out.setLength(out.length() - 1);
    }
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append('\n');
    if (out.length() == 1) out.setLength(0);
    // libucl ignores a macro name cut off by the end of the file; a newline would make it a call.
    if (endsInOpenMacro() && out.length() > 0 && out.charAt(out.length() - 1) == '\n')
      out.setLength(out.length() - 1);
  }

  private boolean endsInOpenMacro() {
    for (int i = tokens.size() - 1; i >= 0; i--) {
      UclToken t = tokens.get(i);
      if (t.isHidden() || t.synthetic) continue;
      return t.getType() == UclParser.MACRO
          && t.macroValue == null
          && t.endOffset() == src.length();
    }
    return false;
  }

  /** Hidden tokens whose start lies in [from, to). */
  private List<UclToken> hiddenIn(int from, int to) {
    List<UclToken> r = new ArrayList<>();
    int i = firstTokenAt(from);
    for (; i < tokens.size(); i++) {
      UclToken t = tokens.get(i);
      if (t.startOffset() >= to) break;
      if (t.startOffset() >= from && t.isHidden()) r.add(t);
    }
    return r;
  }

  private int firstTokenAt(int offset) {
    int lo = 0;
    int hi = tokens.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens.get(mid).startOffset() < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A comment and what surrounds it. */
  private record Comment(
      String text, boolean ownLine, boolean blankBefore, String lead, boolean glued) {}

  private List<Comment> commentsIn(List<UclToken> hidden, boolean startsAfterCode) {
    List<Comment> r = new ArrayList<>();
    int newlines = startsAfterCode ? 0 : 1;
    String ws = " ";
    boolean glued = startsAfterCode;
    for (UclToken t : hidden) {
      if (t.getType() == UclParser.NEWLINE) {
        newlines++;
        ws = " ";
        glued = false;
      } else if (t.getType() == UclParser.WS) {
        String w = t.getText();
        ws = blanks(w) ? w : " ";
        glued = false;
      } else if (t.getType() == UclParser.COMMENT) {
        String text = t.getText();
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        r.add(new Comment(text.stripTrailing(), newlines > 0, newlines > 1, ws, glued));
        newlines = 0;
        ws = " ";
        glued = false;
      } else {
        ws = " ";
      }
    }
    return r;
  }

  private static int newlines(List<UclToken> hidden) {
    int n = 0;
    for (UclToken t : hidden) {
      if (t.getType() == UclParser.NEWLINE) n++;
      else if (t.getType() == UclParser.COMMENT) n = 0;
    }
    return n;
  }

  /**
   * The entries of an object, one per line, with the comments and blank lines between them.
   * {@code afterOpen}: the current output line already holds code (an object's {@code {}), so a
   * comment on the same line in the input stays on it.
   */
  private void members(
      UObject o, int depth, int innerStart, int innerEnd, boolean topLevel, boolean afterOpen) {
    String ind = "\t".repeat(depth);
    int cursor = innerStart;
    boolean first = true;
    boolean afterCode = afterOpen;
    boolean previousWasMacro = false;
    for (UEntry e : o.entries()) {
      List<UclToken> gap = hiddenIn(cursor, e.span().start());
      List<Comment> cs = commentsIn(gap, afterCode);
      int k = 0;
      if (afterCode && !cs.isEmpty() && !cs.get(0).ownLine) {
        trailing(cs.get(0));
        k = 1;
      }
      if (afterCode) nl();
      // At the top level a blank line goes before each section, or before the macro lines that
      // precede it (.priority applies to what follows), never between them.
      boolean sectionStart =
          topLevel && (e instanceof UValue.UMacro || e instanceof UMember m && isBlock(m.value()));
      boolean blank =
          !first
              && !previousWasMacro
              && (sectionStart
                  || (k < cs.size() ? cs.get(k).blankBefore : newlinesBeforeKey(gap) > 1));
      if (blank) nl();
      for (int i = k; i < cs.size(); i++) {
        if (i > k && cs.get(i).blankBefore) nl();
        out.append(ind).append(cs.get(i).text);
        nl();
      }
      if (k < cs.size() && newlines(gap) > 1) nl();
      entry(e, depth);
      cursor = e.span().end();
      first = false;
      afterCode = true;
      previousWasMacro = topLevel && e instanceof UValue.UMacro;
    }
    List<UclToken> gap = hiddenIn(cursor, innerEnd);
    List<Comment> cs = commentsIn(gap, afterCode);
    int k = 0;
    if (afterCode && !cs.isEmpty() && !cs.get(0).ownLine) {
      trailing(cs.get(0));
      k = 1;
    }
    if (afterCode) nl();
    for (int i = k; i < cs.size(); i++) {
      if ((afterCode || i > k) && cs.get(i).blankBefore) nl();
      out.append(ind).append(cs.get(i).text);
      nl();
    }
  }

  private void nl() {
    out.append('\n');
    lineHasHash = false;
  }

  private int newlinesBeforeKey(List<UclToken> gap) {
    return newlines(gap);
  }

  private static boolean isBlock(UValue v) {
    return v instanceof UObject || (v instanceof UValue.UDeep d && !d.array());
  }

  /**
   * A comment after code on the same line keeps the blanks before it (aligned comments stay). A
   * line already ending in a {@code #} comment cannot take another one: it goes on its own line.
   */
  private void trailing(Comment c) {
    if (lineHasHash) {
      nl();
      out.append(entryIndent).append(c.text);
    } else {
      // libucl refuses a blank between a macro's value and a comment (`.priority 5 # c`), so a
      // comment glued to a macro stays glued.
      out.append(c.glued && afterMacro ? "" : c.lead).append(c.text);
    }
    if (c.text.startsWith("#") || c.text.contains("\n")) lineHasHash = true;
  }

  private void entry(UEntry e, int depth) {
    String ind = "\t".repeat(depth);
    entryIndent = ind;
    afterMacro = e instanceof UValue.UMacro;
    if (e instanceof UValue.UMacro m) {
      if (m.span().end() == src.length() && ind.length() > 0) {
        // A macro that runs into the end of the file is never finished, and libucl ignores it,
        // but only there: written inside the braces of an implicit object it would be read.
        // It goes, as written, to the very end of the output.
        trailingMacro = src.raw(m.span());
        return;
      }
      out.append(ind).append(src.raw(m.span()).stripTrailing());
      return;
    }
    UMember m = (UMember) e;
    out.append(ind).append(src.raw(m.key().span()));
    UValue v = m.value();
    // Comments between the key and its value move behind the entry.
    List<Comment> inner = commentsIn(hiddenIn(m.key().span().end(), v.span().start()), true);
    String dangling =
        v instanceof UValue.UString str && str.kind() == UValue.StringKind.UNQUOTED
            ? quotedWithDanglingBackslash(str, scalarText(v))
            : null;
    if (v instanceof UObject o) {
      out.append(' ');
      object(o, depth, inner); // comments between the name and `{` go behind the `{`
    } else if (v instanceof UValue.UString str
        && str.kind() == UValue.StringKind.UNQUOTED
        && Ucl.readsAsNumber(scalarText(v))
        && numberLike(scalarText(v))) {
      // Text that is a string only because of what followed it (`2  /* c */` is the string "2"):
      // quoted, it is the same string wherever it stands.
      out.append(" : \"").append(scalarText(v)).append("\";");
      entryIndent = ind;
      for (Comment c : inner) trailing(c);
    } else if (dangling != null) {
      // An unquoted value that ends the file with a lone `\` keeps it (`a = b\` is "b\"); with a
      // `;` after it, the `\` would escape the `;`. Quoted, the `\` is written as `\\`.
      out.append(" : ").append(dangling).append(';');
      entryIndent = ind;
      for (Comment c : inner) trailing(c);
    } else if (startsWithSeparatorOrBlank(scalarText(v))
        || v instanceof UValue.UArray && !inner.isEmpty()) {
      // (An array keeps its comments inside; comments before it stay before it, in order.)
      // `key <CR>= x` (libucl took `= x` as the value) or a value that keeps the blanks after a
      // comment (`key # c<LF><TAB>x` is "\tx"; also a form feed or any other control character
      // there): only the original spelling says that.
      out.setLength(out.length() - src.raw(m.key().span()).length());
      out.append(src.raw(new Span(m.key().span().start(), v.span().end()))).append(';');
    } else {
      out.append(" : ").append(scalarText(v)).append(';');
      entryIndent = ind;
      for (Comment c : inner) trailing(c);
    }
  }

  private void object(UObject o, int depth, List<Comment> afterBrace) {
    String ind = "\t".repeat(depth);
    if (o.implicit()) {
      // `a b { … }`: libucl made `a` an object holding `b`; write the braces out.
      out.append('{');
      afterOpen(afterBrace, ind);
      members(o, depth + 1, o.span().start(), o.span().end(), false, true);
      out.append("\t".repeat(depth)).append('}');
      return;
    }
    int open = o.span().start();
    int close = o.span().end() - 1;
    if (o.entries().isEmpty()
        && afterBrace.isEmpty()
        && commentsIn(hiddenIn(open + 1, close), true).isEmpty()) {
      out.append("{ }");
      return;
    }
    out.append('{');
    afterOpen(afterBrace, ind);
    members(o, depth + 1, open + 1, close, false, true);
    out.append("\t".repeat(depth)).append('}');
  }

  private void afterOpen(List<Comment> comments, String ind) {
    entryIndent = ind + "\t";
    for (Comment c : comments) trailing(c);
  }

  /**
   * For an unquoted value whose last backslash escapes nothing (an odd run of them ends the text):
   * its decoded value as a double-quoted string, else null. Decoded means variables already
   * expanded and escapes already resolved, so nothing of the original has to be understood twice:
   * {@code "} and {@code \\} are escaped, control characters and {@code $} written as {@code
   * \\u00XX} (libucl expands variables only where the text has a literal {@code $}).
   */
  static String quotedWithDanglingBackslash(UValue.UString str, String t) {
    int n = 0;
    while (n < t.length() && t.charAt(t.length() - 1 - n) == '\\') n++;
    if (n % 2 == 0) return null;
    String v = str.value();
    StringBuilder q = new StringBuilder(v.length() + 8).append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\') q.append('\\').append(c);
      else if (c < 0x20 || c == 0x7f || c == '$') q.append(String.format("\\u%04x", (int) c));
      else q.append(c);
    }
    return q.append('"').toString();
  }

  private String scalarText(UValue v) {
    if (v instanceof UValue.UNull n && n.implicit()) return "null";
    if (v instanceof UValue.UMissing) return "null";
    return src.raw(v.span());
  }

  // Three tests that were regular expressions, written out: fmt --check on a clean file compiles
  // none (the first one a run compiles sets up the JVM's lambda machinery).

  /** {@code w.matches("[ \t]{1,16}")}. */
  static boolean blanks(String w) {
    if (w.isEmpty() || w.length() > 16) return false;
    for (int i = 0; i < w.length(); i++) {
      if (w.charAt(i) != ' ' && w.charAt(i) != '\t') return false;
    }
    return true;
  }

  /** {@code s.matches("[-+.0-9A-Za-z]+")}. */
  static boolean numberLike(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          c == '-'
              || c == '+'
              || c == '.'
              || (c >= '0' && c <= '9')
              || (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z');
      if (!ok) return false;
    }
    return true;
  }

  /** {@code s.matches("(?s)[=:\\x00-\\x20].*")}. */
  static boolean startsWithSeparatorOrBlank(String s) {
    if (s.isEmpty()) return false;
    char c = s.charAt(0);
    return c == '=' || c == ':' || c <= 0x20;
  }
}
