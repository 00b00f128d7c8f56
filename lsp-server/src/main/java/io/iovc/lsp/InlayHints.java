package io.iovc.lsp;

import io.iovc.check.CheckedConfig;
import io.iovc.check.ConfigSection;
import io.iovc.check.ConfigTree;
import io.iovc.lower.VfValues;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Inlay hints: after {@code num_vfs}, how many VF sections are written; after each VF section, the
 * values it inherits from DEFAULT and the schema defaults the kernel fills in (from the core's
 * {@link VfValues}, so only while the file is accepted — with errors iovctl would send nothing).
 */
final class InlayHints {
  /** Longest label; the tooltip has the full list. */
  static final int MAX_LABEL = 120;

  private InlayHints() {}

  static List<InlayHint> hints(Analysis a, Range range, boolean markdown) {
    List<InlayHint> out = new ArrayList<>();
    if (!(a.tree.root() instanceof UObject root)) return out;
    int from = range == null ? 0 : a.pos.start(range);
    int to = range == null ? a.src.length() : a.pos.end(range);
    int numVfs = ConfigTree.findNumVfs(a.tree);
    List<UMember> vfSections = new ArrayList<>();
    UMember pf = null;
    for (UMember m : root.members()) {
      ConfigSection.Kind k = ConfigTree.sectionKind(Ascii.cString(m.key().name()));
      if (k == ConfigSection.Kind.VF) vfSections.add(m);
      if (k == ConfigSection.Kind.PF && pf == null) pf = m;
    }
    if (pf != null && numVfs >= 0 && pf.value() instanceof UObject po) {
      for (UMember m : po.members()) {
        if (!Ascii.equalsIgnoreCase(Ascii.cString(m.key().name()), "num_vfs")) continue;
        int at = m.value().span().end();
        if (at < from || at > to) break;
        int written = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (UMember v : vfSections) {
          int i = ConfigTree.vfIndex(Ascii.cString(v.key().name()));
          if (i >= 0 && i < numVfs && seen.add(i)) written++;
        }
        String label =
            written == numVfs
                ? "all " + numVfs + " VF sections written"
                : written
                    + " of "
                    + numVfs
                    + " VF section"
                    + (numVfs == 1 ? "" : "s")
                    + " written"
                    + (written < numVfs ? " (" + (numVfs - written) + " use DEFAULT only)" : "");
        out.add(hint(a.pos.position(at), label, null, markdown));
        break;
      }
    }
    CheckedConfig config = a.config();
    if (config == null) return out;
    for (UMember m : vfSections) {
      int i = ConfigTree.vfIndex(Ascii.cString(m.key().name()));
      if (i < 0 || i >= config.numVfs() || !(m.value() instanceof UObject o)) continue;
      int at = o.span().end();
      if (at < from || at > to) continue;
      List<String> inherited = new ArrayList<>();
      List<String> defaults = new ArrayList<>();
      for (VfValues.Value v : VfValues.of(config, a.schema, i)) {
        String s = Ascii.display(v.name()) + " = " + v.display();
        if (v.origin() == VfValues.Origin.DEFAULT) inherited.add(s);
        else if (v.origin() == VfValues.Origin.SCHEMA) defaults.add(s);
      }
      if (inherited.isEmpty() && defaults.isEmpty()) continue;
      StringBuilder label = new StringBuilder();
      StringBuilder tip = new StringBuilder();
      if (!inherited.isEmpty()) {
        append(label, "from DEFAULT: ", inherited);
        tip.append("From DEFAULT:\n").append(list(inherited, markdown));
      }
      if (!defaults.isEmpty()) {
        if (!inherited.isEmpty()) tip.append("\n");
        if (label.length() < MAX_LABEL)
          append(
              label, label.length() > 0 ? " · kernel defaults: " : "kernel defaults: ", defaults);
        tip.append("Schema defaults the kernel fills in:\n").append(list(defaults, markdown));
      }
      out.add(hint(a.pos.position(at), label.toString(), tip.toString(), markdown));
    }
    return out;
  }

  /** Appends {@code head} and the items, stopping with "…" where the label would grow too long. */
  private static void append(StringBuilder label, String head, List<String> items) {
    label.append(head);
    for (int i = 0; i < items.size(); i++) {
      String sep = i == 0 ? "" : ", ";
      if (i > 0 && label.length() + sep.length() + items.get(i).length() > MAX_LABEL) {
        label.append(", …");
        return;
      }
      label.append(sep).append(items.get(i));
    }
  }

  private static String list(List<String> items, boolean md) {
    StringBuilder sb = new StringBuilder();
    for (String s : items) sb.append(md ? "- `" + s + "`\n" : "  " + s + "\n");
    return sb.toString();
  }

  private static InlayHint hint(Position p, String label, String tooltip, boolean md) {
    InlayHint h = new InlayHint(p, org.eclipse.lsp4j.jsonrpc.messages.Either.forLeft(label));
    h.setPaddingLeft(true);
    if (tooltip != null)
      h.setTooltip(
          new MarkupContent(md ? MarkupKind.MARKDOWN : MarkupKind.PLAINTEXT, tooltip.strip()));
    return h;
  }
}
