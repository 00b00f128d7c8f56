package io.iovc.lsp;

import io.iovc.check.ConfigSection;
import io.iovc.check.ConfigTree;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;

/**
 * Code lenses over the PF section: how many VFs of how many the driver (or, with live checks, this
 * host's PF) allows; the schema the file is checked against and what chose it; and, when the host
 * has the PF and the user enabled live checks, {@code iovc diff}'s verdict. Labels only: their
 * commands have no id, so clients show them as text.
 */
final class CodeLenses {
  private CodeLenses() {}

  static List<CodeLens> lenses(Analysis a, HostView.Host host) {
    List<CodeLens> out = new ArrayList<>();
    if (a.tooLarge || !(a.tree.root() instanceof UObject root)) return out;
    UMember pf = null;
    for (UMember m : root.members()) {
      if (ConfigTree.sectionKind(Ascii.cString(m.key().name())) == ConfigSection.Kind.PF) {
        pf = m;
        break;
      }
    }
    if (pf == null) return out;
    Range at = a.pos.range(pf.key().span());
    out.add(lens(at, count(a, host)));
    out.add(lens(at, schema(a)));
    if (host != null && host.drift() != null) out.add(lens(at, host.drift()));
    return out;
  }

  /** "4 of 128 VFs (ixl's limit)", "4 of 8 VFs (sriov_totalvfs of eth0 = …)", "4 VFs". */
  static String count(Analysis a, HostView.Host host) {
    int n = ConfigTree.findNumVfs(a.tree);
    if (n < 0) return "num_vfs not set";
    String vfs = n == 1 ? " VF" : " VFs";
    if (host != null && host.totalVfs() != null)
      return n + " of " + host.totalVfs() + vfs + " (the most " + host.pf() + " has)";
    int max = a.schema != null && a.schema.plugin() != null ? a.schema.plugin().maxVfs() : 0;
    if (max > 0) return n + " of " + max + vfs + " (" + a.schema.plugin().name() + "'s limit)";
    return n + vfs;
  }

  /** "schema: ixl, chosen by PF.device ixl0", or why there is none. */
  static String schema(Analysis a) {
    if (a.schema == null)
      return "no driver schema ("
          + a.schemaHow
          + "): only the parameters every driver has are known";
    if (a.schema.plugin() == null) return "schema: " + a.schema.origin();
    return "schema: " + a.schema.plugin().name() + ", chosen by " + a.schemaHow;
  }

  private static CodeLens lens(Range r, String title) {
    return new CodeLens(r, new Command(title, ""), null);
  }
}
