package io.iovc.cli;

import io.iovc.apply.linux.LinuxApply.Prepared;
import io.iovc.kernel.linux.LinuxHost;
import io.iovc.kernel.linux.LiveState;
import io.iovc.kernel.linux.LiveState.Bus;
import io.iovc.kernel.linux.LiveState.Pf;
import io.iovc.kernel.linux.LiveState.PfException;
import io.iovc.kernel.linux.LiveState.Snapshot;
import io.iovc.kernel.linux.Netlink;
import io.iovc.kernel.linux.Plan;
import io.iovc.kernel.linux.Sysfs.SysfsException;
import io.iovc.kernel.linux.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Linux backend's records as text for people: {@code iovc plan}, {@code iovc diff} and the
 * {@code iovc status PF} table. The kernel layer returns the records; the words are chosen here.
 */
final class LinuxText {
  private LinuxText() {}

  /** What {@code iovc plan} prints. */
  static String plan(Prepared p) {
    StringBuilder sb = new StringBuilder();
    Pf pf = p.pf();
    sb.append("plan for ").append(p.fileName()).append(": ").append(describe(pf)).append('\n');
    sb.append("schema: ").append(p.how()).append('\n');
    Plan plan = p.plan();
    if (plan.isEmpty()) {
      sb.append("no changes: ")
          .append(pf.label())
          .append(" already matches the file (")
          .append(plural(p.target().numVfs(), "VF"))
          .append(")\n");
    } else {
      sb.append("VFs: ")
          .append(p.live().numVfs())
          .append(" now, ")
          .append(p.target().numVfs())
          .append(" in the file");
      if (pf.totalVfs() != null) sb.append(" (at most ").append(pf.totalVfs()).append(")");
      sb.append('\n').append('\n');
      sb.append(steps(plan)).append('\n');
      sb.append("then read back sriov_numvfs");
      if (pf.netdev() != null)
        sb.append(" and `ip -json -details link show dev ").append(pf.netdev()).append('`');
      if (pf.bus() == Bus.PCI) sb.append(" and each VF's driver");
      sb.append(", and compare with the file;\n");
      sb.append(
          "if a step fails or the read-back differs, restore the state found before step 1\n");
    }
    for (String n : plan.notes()) sb.append("note: ").append(n).append('\n');
    return sb.toString();
  }

  /** What {@code iovc diff} prints. */
  static String diff(Prepared p) {
    StringBuilder sb = new StringBuilder();
    Plan plan = p.plan();
    Pf pf = p.pf();
    // an interrupted (or running) apply on this PF, from its journal
    for (String n : plan.notes())
      if (n.startsWith("an apply of ")) sb.append("note: ").append(n).append('\n');
    if (plan.isEmpty()) {
      sb.append(pf.label())
          .append(" matches ")
          .append(p.fileName())
          .append(" (")
          .append(plural(p.target().numVfs(), "VF"))
          .append(")\n");
      return sb.toString();
    }
    sb.append(pf.label()).append(" differs from ").append(p.fileName()).append(":\n");
    for (Plan.Difference d : plan.differences()) sb.append("  ").append(difference(d)).append('\n');
    if (plan.differences().isEmpty()) {
      for (Plan.Step s : plan.steps()) sb.append("  pending: ").append(s.display()).append('\n');
    }
    sb.append(plural(plan.steps().size(), "change"))
        .append(" would bring it back: iovc plan ")
        .append(p.fileName())
        .append('\n');
    return sb.toString();
  }

  static String describe(Pf pf) {
    StringBuilder sb = new StringBuilder();
    sb.append("PF ");
    if (pf.netdev() != null) sb.append(pf.netdev()).append(" = ");
    sb.append(pf.id()).append(pf.bus() == Bus.PCI ? " (PCI)" : " (netdevsim)");
    sb.append(", driver ").append(pf.driver() == null ? "none" : pf.driver());
    return sb.toString();
  }

  /** {@code iovc status PF}: the PF and every VF, from sysfs and netlink. */
  static String status(LinuxHost h, String device) throws PfException, SysfsException, IOException {
    Pf pf = LiveState.findPf(h.sysfs(), device);
    Snapshot s = LiveState.snapshot(h.sysfs(), h.netlink(), pf);
    StringBuilder sb = new StringBuilder();
    sb.append(describe(pf)).append('\n');
    String journal = io.iovc.kernel.linux.LinuxBackend.journalNotice(h, pf);
    if (journal != null) sb.append("note: ").append(journal).append('\n');
    sb.append("VFs: ")
        .append(
            pf.numVfs() == null
                ? "SR-IOV not available"
                : pf.numVfs() + (pf.totalVfs() != null ? " of " + pf.totalVfs() : ""));
    if (pf.autoprobe() != null)
      sb.append(", sriov_drivers_autoprobe ").append(pf.autoprobe() ? 1 : 0);
    sb.append('\n');
    if (s.numVfs() == 0) return sb.toString();
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {"VF", "PCI", "netdev", "MAC", "vlan", "spoofchk", "trust", "link", "driver"});
    for (int i = 0; i < s.numVfs(); i++) {
      LiveState.Vf v = s.vf(i);
      Netlink.VfLink l = s.link(i);
      String drv = v == null || v.driver() == null ? "-" : v.driver();
      if (v != null && !v.override().isEmpty()) drv += " (override " + v.override() + ")";
      rows.add(
          new String[] {
            Integer.toString(i),
            v == null || v.bdf() == null ? "-" : v.bdf(),
            v == null || v.netdevs().isEmpty() ? "-" : String.join(",", v.netdevs()),
            l == null || l.mac() == null ? "-" : l.mac(),
            l == null
                ? "-"
                : (l.vlan() == 0 && l.qos() == 0
                    ? "-"
                    : new Target.Vlan(l.vlan(), l.qos(), l.vlanProto()).display()),
            l == null || l.spoofchk() == null ? "-" : onOff(l.spoofchk()),
            l == null || l.trust() == null ? "-" : onOff(l.trust()),
            l == null || l.linkState() == null ? "-" : l.linkState(),
            drv
          });
    }
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) for (int c = 0; c < r.length; c++) w[c] = Math.max(w[c], r[c].length());
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < r.length; c++) {
        line.append(r[c]);
        if (c < r.length - 1) line.append(" ".repeat(w[c] - r[c].length() + 2));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  /** The numbered steps, aligned, with their comments. */
  static String steps(Plan plan) {
    StringBuilder sb = new StringBuilder();
    int width = 0;
    for (Plan.Step s : plan.steps()) width = Math.max(width, s.display().length());
    int numWidth = Integer.toString(plan.steps().size()).length();
    int n = 1;
    for (Plan.Step s : plan.steps()) {
      String num = Integer.toString(n++);
      sb.append(" ".repeat(2 + numWidth - num.length()))
          .append(num)
          .append("  ")
          .append(s.display());
      if (!s.comment().isEmpty())
        sb.append(" ".repeat(width - s.display().length())).append("  # ").append(s.comment());
      sb.append('\n');
    }
    return sb.toString();
  }

  /** {@code VF-2 mac-addr: file 02:…, live 02:…}. */
  static String difference(Plan.Difference d) {
    return (d.vf() == null ? "" : "VF-" + d.vf() + " ")
        + d.param()
        + ": file "
        + d.wanted()
        + ", live "
        + d.live();
  }

  static String onOff(boolean b) {
    return b ? "on" : "off";
  }

  static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
