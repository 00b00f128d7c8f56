package io.iovc.lsp;

import io.iovc.check.ConfigSection;
import io.iovc.check.ConfigTree;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Rename of a VF section ({@code VF-2} → {@code VF-5}): the new name must be a VF section too, name
 * a VF that exists ({@code num_vfs}), and not one another section already configures, so that every
 * VF index stays written at most once and within the PF's VFs. Nothing else in the file refers to a
 * VF by its index, so the key is the only edit.
 */
final class Renames {
  private Renames() {}

  /** A refusal, said to the user; or the edit. */
  record Result(WorkspaceEdit edit, String refusal) {}

  /** The VF section whose key holds the offset, or null. */
  private static UMember vfAt(Analysis a, int off) {
    if (a.tooLarge || !(a.tree.root() instanceof UObject root)) return null;
    for (UMember m : root.members()) {
      if (m.key().span().start() <= off
          && off <= m.key().span().end()
          && ConfigTree.sectionKind(Ascii.cString(m.key().name())) == ConfigSection.Kind.VF
          && ConfigTree.vfIndex(Ascii.cString(m.key().name())) >= 0) return m;
    }
    return null;
  }

  /** The key's range without its quotes. */
  private static Range nameRange(Analysis a, UMember m) {
    var s = m.key().span();
    return m.key().quoted()
        ? a.pos.range(new io.iovc.source.Span(s.start() + 1, s.end() - 1))
        : a.pos.range(s);
  }

  static PrepareRenameResult prepare(Analysis a, org.eclipse.lsp4j.Position p) {
    UMember m = vfAt(a, a.pos.offset(p));
    return m == null
        ? null
        : new PrepareRenameResult(nameRange(a, m), Ascii.display(m.key().name()));
  }

  static Result rename(Analysis a, org.eclipse.lsp4j.Position p, String newName) {
    UMember m = vfAt(a, a.pos.offset(p));
    if (m == null) return new Result(null, "only a VF section (VF-N) can be renamed");
    String name = newName == null ? "" : newName.strip();
    int to = ConfigTree.vfIndex(name);
    if (ConfigTree.sectionKind(name) != ConfigSection.Kind.VF || to < 0 || !name.matches("[!-~]+"))
      return new Result(null, "`" + name + "` is not a VF section name: write VF-N, e.g. VF-3");
    int from = ConfigTree.vfIndex(Ascii.cString(m.key().name()));
    if (to == from) return new Result(new WorkspaceEdit(Map.of()), null);
    int numVfs = ConfigTree.findNumVfs(a.tree);
    if (numVfs >= 0 && to >= numVfs)
      return new Result(
          null,
          name
              + " is not one of this PF's VFs: num_vfs is "
              + numVfs
              + (numVfs == 0 ? "" : " (VF-0 to VF-" + (numVfs - 1) + ")")
              + "; raise num_vfs first");
    UObject root = (UObject) a.tree.root();
    for (UMember o : root.members()) {
      if (o != m
          && ConfigTree.sectionKind(Ascii.cString(o.key().name())) == ConfigSection.Kind.VF
          && ConfigTree.vfIndex(Ascii.cString(o.key().name())) == to) {
        int line = a.pos.range(o.key().span()).getStart().getLine() + 1;
        return new Result(
            null,
            "VF-"
                + to
                + " is configured already (line "
                + line
                + "): rename or remove that section first");
      }
    }
    TextEdit e = new TextEdit(nameRange(a, m), name);
    return new Result(new WorkspaceEdit(Map.of(a.uri, List.of(e))), null);
  }
}
