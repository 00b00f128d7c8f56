package io.iovc.lsp;

import io.iovc.check.ConfigSection;
import io.iovc.check.ConfigTree;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import io.iovc.syntax.UclParser;
import io.iovc.syntax.UclToken;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the caret is, in the terms completion needs: at the top level (a section name goes here),
 * at a key inside a section, or at a value after {@code key =}; with the typed prefix, so that an
 * edit replaces exactly what was typed. Works on half-typed text: the section comes from the tree
 * (which always exists), the position on the line from the bytes before the caret.
 */
final class Caret {
  enum Where {
    TOP,
    KEY,
    VALUE,
    NONE
  }

  /**
   * {@code key = prefix}, {@code key: prefix} or {@code key prefix} at the end of the text before
   * the caret.
   */
  private static final Pattern VALUE =
      Pattern.compile(
          "^(?:.*[{;,]\\s*|\\s*)(\"[^\"]*\"|[A-Za-z0-9_][A-Za-z0-9_.-]*)(?:\\s*[=:]\\s*|\\s+)(\"[^\"]*|[^\\s;,{}\"\\[\\]]*)$");

  /** A key being typed: at the start of a line or after {@code { ; , }}. */
  private static final Pattern KEY = Pattern.compile("^(?:.*[{};,]\\s*|\\s*)([A-Za-z0-9_.-]*)$");

  final Where where;
  final int offset;

  /** Byte offset where the typed prefix starts (a value's prefix includes its opening quote). */
  final int prefixStart;

  final String prefix;

  /** The innermost enclosing member that names a section (or the top-level one), or null. */
  final UMember section;

  /** PF, DEFAULT or VF for {@link #section}; null at the top level or in an unknown section. */
  final ConfigSection.Kind kind;

  /** For {@link Where#VALUE}: the key the value belongs to (as written, quotes removed). */
  final String valueKey;

  private Caret(
      Where where,
      int offset,
      int prefixStart,
      String prefix,
      UMember section,
      ConfigSection.Kind kind,
      String valueKey) {
    this.where = where;
    this.offset = offset;
    this.prefixStart = prefixStart;
    this.prefix = prefix;
    this.section = section;
    this.kind = kind;
    this.valueKey = valueKey;
  }

  /** Name of the enclosing section as written, or null. */
  String sectionName() {
    return section == null ? null : Ascii.cString(section.key().name());
  }

  /** The enclosing section's object, or null. */
  UObject sectionObject() {
    return section != null && section.value() instanceof UObject o ? o : null;
  }

  static Caret at(SyntaxTree tree, int offset) {
    SourceText src = tree.source();
    byte[] b = src.bytes();
    int off = Math.min(Math.max(offset, 0), b.length);
    UclToken t = tokenAround(tree.tokens(), off);
    if (t != null && insideOpaque(t, off, b))
      return new Caret(Where.NONE, off, off, "", null, null, null);

    UMember section = null;
    ConfigSection.Kind kind = null;
    UValue cur = tree.root();
    int depth = 0;
    while (cur instanceof UObject o) {
      UMember next = null;
      for (UMember m : o.members()) {
        if (m.value() instanceof UObject v && !v.implicit() && inside(v, off, b)) {
          next = m;
          break;
        }
      }
      if (next == null) break;
      ConfigSection.Kind k = ConfigTree.sectionKind(Ascii.cString(next.key().name()));
      if (depth == 0 || k != null) {
        section = next;
        kind = k;
      }
      cur = next.value();
      depth++;
    }

    int lineStart = src.lineStart(src.line(off));
    String before = new String(b, lineStart, off - lineStart, StandardCharsets.ISO_8859_1);
    Matcher v = VALUE.matcher(before);
    if (v.matches()) {
      String key = v.group(1);
      if (key.startsWith("\"")) key = key.substring(1, key.length() - 1);
      int ps = lineStart + v.start(2);
      return new Caret(Where.VALUE, off, ps, utf8(b, ps, off), section, kind, key);
    }
    Matcher k = KEY.matcher(before);
    if (k.matches()) {
      int ps = lineStart + k.start(1);
      return new Caret(
          section == null ? Where.TOP : Where.KEY, off, ps, utf8(b, ps, off), section, kind, null);
    }
    return new Caret(Where.NONE, off, off, "", section, kind, null);
  }

  private static String utf8(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }

  /**
   * Strictly inside the braces of an object (an unclosed object extends to the end of the file).
   */
  static boolean inside(UObject o, int off, byte[] b) {
    int s = o.span().start();
    int e = o.span().end();
    if (off <= s) return false;
    if (off < e) return true;
    boolean closed = e > 0 && e <= b.length && b[e - 1] == '}';
    return off == e && !closed;
  }

  /** Comments, heredocs and the inside of quoted strings spanning lines: no completion there. */
  private static boolean insideOpaque(UclToken t, int off, byte[] b) {
    int s = t.startOffset();
    int e = t.endOffset();
    int type = t.getType();
    if (type == UclParser.COMMENT) {
      boolean line = s < b.length && b[s] == '#';
      return off > s && (off < e || line && off == e);
    }
    if (type == UclParser.HEREDOC) return off > s && off < e;
    return false;
  }

  /** The token with start < off ≤ end (the one the caret touches from the right), or null. */
  static UclToken tokenAround(List<UclToken> tokens, int off) {
    int lo = 0;
    int hi = tokens.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens.get(mid).startOffset() < off) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    for (int i = found; i >= 0 && i >= found - 2; i--) {
      UclToken t = tokens.get(i);
      if (t.startOffset() < off && off <= t.endOffset() && !t.synthetic) return t;
    }
    return null;
  }
}
