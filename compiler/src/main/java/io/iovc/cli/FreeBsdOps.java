package io.iovc.cli;

import io.iovc.apply.freebsd.FreeBsdPlan;
import io.iovc.check.CheckedConfig;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.render.HumanRenderer;
import io.iovc.kernel.SriovStatus;
import io.iovc.kernel.freebsd.FreeBsdStatus;
import io.iovc.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code iovc plan} and {@code iovc diff} with {@code --backend freebsd}: the file (checked offline
 * with the plugin or {@code --schema}, as {@code iovc check} does) compared with what {@code
 * pciconf} reports through {@link FreeBsdStatus}; the comparison is {@link FreeBsdPlan}'s. Exit
 * status: plan 0; diff 0 when the readable facts match, 1 drift or file errors; 69 no such PF (as
 * on Linux), 3 no schema, 69 the host's PCI functions cannot be listed.
 */
final class FreeBsdOps {
  private FreeBsdOps() {}

  /** The file and the live PF, or why there is nothing to compare. */
  private record Prepared(
      String fileName,
      String device,
      String how,
      FreeBsdPlan.Wanted wanted,
      SriovStatus.Pf live,
      int status,
      String error) {}

  static int plan(String file, SchemaOptions opts, String color, boolean replace, boolean json)
      throws UserError {
    Prepared p = prepare(file, opts, color);
    if (p.error() != null) {
      if (json)
        Output.out.print(
            OpsOutput.plan(
                "freebsd",
                p.fileName(),
                p.device(),
                p.how(),
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                p.error()));
      Output.flush();
      return p.status();
    }
    FreeBsdPlan.Result r = FreeBsdPlan.compare(p.live(), p.wanted(), replace);
    if (json) {
      List<OpsOutput.Step> steps = new ArrayList<>();
      for (FreeBsdPlan.Step s : r.steps())
        steps.add(new OpsOutput.Step(s.vf(), s.parameter(), s.command(), s.comment()));
      Output.out.print(
          OpsOutput.withNotReadable(
              OpsOutput.plan(
                  "freebsd",
                  p.fileName(),
                  p.device(),
                  p.how(),
                  r.changes(),
                  p.live().numVfs(),
                  p.wanted().numVfs(),
                  steps,
                  r.warnings(),
                  r.notes(),
                  null),
              r.notReadable()));
    } else {
      Output.out.print(planText(p, r));
    }
    Output.flush();
    return 0;
  }

  static int diff(String file, SchemaOptions opts, String color, boolean json) throws UserError {
    Prepared p = prepare(file, opts, color);
    if (p.error() != null) {
      if (json)
        Output.out.print(
            OpsOutput.diff(
                "freebsd", p.fileName(), p.device(), null, List.of(), List.of(), p.error()));
      Output.flush();
      return p.status();
    }
    FreeBsdPlan.Result r = FreeBsdPlan.compare(p.live(), p.wanted(), false);
    if (json) {
      List<OpsOutput.Difference> diffs = new ArrayList<>();
      for (FreeBsdPlan.Difference d : r.differences())
        diffs.add(new OpsOutput.Difference(d.vf(), d.parameter(), d.file(), d.live()));
      Output.out.print(
          OpsOutput.withNotReadable(
              OpsOutput.diff(
                  "freebsd", p.fileName(), p.device(), r.inSync(), diffs, List.of(), null),
              r.notReadable()));
    } else {
      Output.out.print(diffText(p, r));
    }
    Output.flush();
    return r.inSync() ? 0 : 1;
  }

  // ------------------------------------------------------------------ text

  static String planText(Prepared p, FreeBsdPlan.Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(header(p));
    if (!r.changes()) {
      sb.append("no changes: ")
          .append(p.device())
          .append(" has the file's ")
          .append(LinuxText.plural(p.wanted().numVfs(), "VF"))
          .append(p.wanted().numVfs() == 0 ? "" : ", each attached as its passthrough says")
          .append('\n');
    } else {
      sb.append("plan: ").append(LinuxText.plural(r.steps().size(), "step")).append('\n');
      int width = 0;
      for (FreeBsdPlan.Step s : r.steps()) width = Math.max(width, s.command().length());
      int n = 1;
      for (FreeBsdPlan.Step s : r.steps()) {
        String cmd = s.command();
        sb.append("  ")
            .append(n++)
            .append("  ")
            .append(cmd)
            .append(" ".repeat(width - cmd.length()))
            .append("  # ")
            .append(s.comment())
            .append('\n');
      }
    }
    for (String w : r.warnings()) sb.append("warning: ").append(w).append('\n');
    notReadable(sb, r);
    for (String n : r.notes()) sb.append("note: ").append(n).append('\n');
    return sb.toString();
  }

  static String diffText(Prepared p, FreeBsdPlan.Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(header(p));
    if (r.inSync()) {
      sb.append("in sync: ")
          .append(p.device())
          .append(" matches ")
          .append(p.fileName())
          .append(" in everything FreeBSD reports (the VF count, each VF's passthrough)\n");
    } else {
      sb.append(p.device())
          .append(" differs from ")
          .append(p.fileName())
          .append(": ")
          .append(LinuxText.plural(r.differences().size(), "difference"))
          .append('\n');
      for (FreeBsdPlan.Difference d : r.differences())
        sb.append("  ")
            .append(d.vf() == null ? "" : "VF-" + d.vf() + " ")
            .append(d.parameter())
            .append(": file ")
            .append(d.file())
            .append(", live ")
            .append(d.live())
            .append('\n');
    }
    notReadable(sb, r);
    for (String n : r.notes()) {
      if (n.startsWith("VF-")) sb.append("note: ").append(n).append('\n');
    }
    return sb.toString();
  }

  private static String header(Prepared p) {
    SriovStatus.Pf live = p.live();
    return "PF "
        + live.device()
        + (live.pci() != null ? " (" + live.pci() + ")" : "")
        + ", VFs: live "
        + live.numVfs()
        + (live.totalVfs() != null ? " of " + live.totalVfs() : "")
        + ", file "
        + p.wanted().numVfs()
        + "; read from `pciconf -lc`; schema: "
        + p.how()
        + "\n";
  }

  private static void notReadable(StringBuilder sb, FreeBsdPlan.Result r) {
    if (r.notReadable().isEmpty()) return;
    sb.append("not readable on FreeBSD (not compared):\n");
    Integer cur = -1;
    StringBuilder line = null;
    for (FreeBsdPlan.Param q : r.notReadable()) {
      if (line == null || !java.util.Objects.equals(cur, q.vf())) {
        if (line != null) sb.append(line).append('\n');
        cur = q.vf();
        line = new StringBuilder("  ").append(cur == null ? "PF" : "VF-" + cur).append(": ");
      } else {
        line.append(", ");
      }
      line.append(q.name()).append(" = ").append(q.value());
    }
    sb.append(line).append('\n');
  }

  // ------------------------------------------------------------------ the file and the PF

  private static Prepared prepare(String file, SchemaOptions opts, String color) throws UserError {
    Inputs.Input in = Inputs.expand(List.of(file), opts.maxInput).get(0);
    if (in.problem() != null) throw new UserError(3, in.problem().message());
    for (String pr : opts.registry().problems()) Output.err.println("iovc: warning: " + pr);
    Analysis a = Analysis.run(in, opts, false);
    HumanRenderer hr = new HumanRenderer(Output.colorFor(color, true));
    for (Diagnostic d : a.diagnostics) {
      Output.err.print(hr.render(in.source(), d));
      Output.err.println();
    }
    String device = a.analysis == null ? null : OpsOutput.deviceOf(file, opts.maxInput);
    String how = a.analysis == null ? null : how(a);
    if (a.unusable || a.hasErrors() || a.analysis.config() == null) {
      long n = a.diagnostics.stream().filter(Diagnostic::isError).count();
      String error =
          in.name()
              + ": nothing compared: "
              + CheckCommand.plural((int) Math.max(1, n), "error")
              + " (see stderr)";
      Output.err.println("iovc: " + error);
      Output.flush();
      return new Prepared(in.name(), device, how, null, null, a.unusable ? 3 : 1, error);
    }
    CheckedConfig cfg = a.analysis.config();
    FreeBsdPlan.Wanted wanted = FreeBsdPlan.wanted(in.name(), cfg, a.analysis.schema());
    List<SriovStatus.Pf> pfs;
    try {
      pfs = FreeBsdStatus.read(StatusCommand.Seams.freebsd(), List.of(cfg.device()));
    } catch (FreeBsdStatus.StatusException e) {
      Output.err.println("iovc: " + e.getMessage());
      Output.flush();
      return new Prepared(
          in.name(), cfg.device(), how, wanted, null, Exit.UNAVAILABLE, e.getMessage());
    }
    return new Prepared(in.name(), pfs.get(0).device(), how, wanted, pfs.get(0), 0, null);
  }

  private static String how(Analysis a) {
    Schema s = a.analysis.schema();
    if (s == null) return a.analysis.why();
    String label = s.plugin() != null ? "plugin " + s.plugin().name() : s.origin();
    return label + " (" + a.analysis.why() + ")";
  }
}
