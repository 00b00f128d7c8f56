package io.iovc.lsp;

import io.iovc.source.Span;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UEntry;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SelectionRange;

/**
 * Selection ranges ("expand selection"): from the caret outwards, the key or value under it, the
 * whole {@code key = value}, the block's contents, the whole section {@code VF-0 { … }}, and the
 * document. Each range strictly contains the one before it, as LSP requires.
 */
final class SelectionRanges {
  private SelectionRanges() {}

  static List<SelectionRange> ranges(Analysis a, List<Position> positions) {
    List<SelectionRange> out = new ArrayList<>(positions.size());
    for (Position p : positions) out.add(range(a, a.pos.offset(p)));
    return out;
  }

  private static SelectionRange range(Analysis a, int off) {
    List<Span> spans = new ArrayList<>(); // outermost first
    spans.add(new Span(0, a.src.length()));
    if (a.tree.root() instanceof UObject root) walk(root, off, spans);
    SelectionRange r = null;
    Span last = null;
    for (Span s : spans) {
      if (last != null && !(contains(last, s) && !s.equals(last))) continue;
      r = new SelectionRange(a.pos.range(s), r);
      last = s;
    }
    return r;
  }

  private static void walk(UObject o, int off, List<Span> spans) {
    for (UEntry e : o.entries()) {
      if (!(e instanceof UMember m) || !inside(m.span(), off)) continue;
      spans.add(m.span());
      if (inside(m.key().span(), off)) {
        spans.add(m.key().span());
      } else {
        UValue v = m.value();
        if (v instanceof UObject vo && !vo.implicit()) {
          Span inner = contents(vo);
          if (inner != null && inside(inner, off)) spans.add(inner);
          walk(vo, off, spans);
        } else if (inside(v.span(), off)) {
          spans.add(v.span());
        }
      }
      return;
    }
  }

  /** From the first entry to the last one of a block, or null when it is empty. */
  private static Span contents(UObject o) {
    List<UEntry> es = o.entries();
    return es.isEmpty() ? null : es.get(0).span().to(es.get(es.size() - 1).span());
  }

  /** The caret is inside, or just after the end (a caret after `4` still means the `4`). */
  private static boolean inside(Span s, int off) {
    return s.start() <= off && off <= s.end();
  }

  private static boolean contains(Span outer, Span inner) {
    return outer.start() <= inner.start() && inner.end() <= outer.end();
  }
}
