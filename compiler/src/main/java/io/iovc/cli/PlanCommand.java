package io.iovc.cli;

import io.iovc.apply.linux.LinuxApply;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.render.HumanRenderer;
import io.iovc.kernel.SriovStatus;
import io.iovc.kernel.linux.LinuxHost;
import io.iovc.kernel.linux.LinuxStatus;
import io.iovc.kernel.linux.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code iovc plan FILE}: on Linux, the exact ordered steps {@code iovc compile --apply} would take
 * for the live PF (sysfs writes and {@code ip link set … vf N} requests), nothing changed; a
 * warning for every VF the apply would remove while somebody uses it.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Print the exact steps `iovc compile --apply FILE` would take on the live PF, in order, and warn when they remove a VF somebody uses.",
      "Nothing is changed. Exit 0 with a plan (or none needed), 1 when the file or the device has errors."
    })
final class PlanCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The configuration file (- for standard input).")
  String file;

  @Option(
      names = "--replace",
      description =
          "Plan as `compile --apply --replace`: delete and recreate the VFs even when their count matches.")
  boolean replace;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      description = "auto, always or never.")
  String color;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "human (default) or json (the schema io/iovc/ops/plan.schema.json).")
  String format = "human";

  @Mixin SchemaOptions schema;

  @Override
  public Integer call() throws UserError {
    boolean json = OpsOutput.json(format);
    String os = OpsOutput.backend(schema.backend);
    if (os.equals("freebsd")) {
      UserError e = OpsOutput.notOnFreeBsd("plan");
      if (!json) throw e;
      Output.out.print(
          OpsOutput.plan(
              os,
              file,
              OpsOutput.deviceOf(file, schema.maxInput),
              null,
              null,
              null,
              null,
              List.of(),
              List.of(),
              List.of(),
              e.getMessage()));
      Output.err.println("iovc: " + e.getMessage());
      Output.flush();
      return e.exitCode();
    }
    LinuxApply.Prepared p = prepare(file, schema, color, replace);
    if (!p.ok()) {
      if (json)
        Output.out.print(
            OpsOutput.plan(
                os,
                p.fileName(),
                p.pf() == null ? null : deviceName(p),
                p.how(),
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                problem(p, "no plan")));
      Output.flush();
      return ExitStatus.of(p.status());
    }
    Plan plan = p.plan();
    List<String> warnings = removedInUse(p);
    if (json) {
      List<OpsOutput.Step> steps = new ArrayList<>();
      for (Plan.Step s : plan.steps())
        steps.add(new OpsOutput.Step(s.vf(), s.param(), s.display(), s.comment()));
      Output.out.print(
          OpsOutput.plan(
              os,
              p.fileName(),
              deviceName(p),
              p.how(),
              !plan.isEmpty(),
              p.live().numVfs(),
              p.target().numVfs(),
              steps,
              warnings,
              plan.notes(),
              null));
    } else {
      Output.out.print(LinuxText.plan(p));
      for (String w : warnings) Output.out.println("warning: " + w);
    }
    Output.flush();
    return 0;
  }

  static String deviceName(LinuxApply.Prepared p) {
    return p.pf().netdev() != null ? p.pf().netdev() : p.pf().id();
  }

  /** Why there is no plan, for JSON's {@code error} (the diagnostics are on standard error). */
  static String problem(LinuxApply.Prepared p, String what) {
    if (p.problem() != null) return p.problem();
    long n = p.diagnostics().stream().filter(Diagnostic::isError).count();
    return p.fileName()
        + ": "
        + what
        + ": "
        + CheckCommand.plural((int) n, "error")
        + " (see stderr)";
  }

  /**
   * The VFs an apply would remove (all of them when it writes 0 to sriov_numvfs) that somebody
   * uses: a network namespace, a process holding the VF's vfio group. A VF whose netdev is on the
   * host is not counted: nothing but the host's own configuration holds it.
   */
  static List<String> removedInUse(LinuxApply.Prepared p) {
    List<String> out = new ArrayList<>();
    String numVfs = p.pf().numVfsPath();
    boolean removes =
        p.plan().steps().stream()
            .anyMatch(
                s ->
                    s.action() instanceof Plan.Action.Write w
                        && w.path().equals(numVfs)
                        && w.value().equals("0"));
    if (!removes) return out;
    try {
      for (SriovStatus.Pf pf :
          LinuxStatus.read(
              LinuxHost.current(), StatusCommand.Seams.namespaces(), List.of(p.pf().id()))) {
        for (SriovStatus.Vf v : pf.vfs()) {
          if (v.consumer() == null || v.consumer().kind() == SriovStatus.Kind.HOST) continue;
          out.add(
              "VF-"
                  + v.index()
                  + " is used by "
                  + v.consumer().display()
                  + "; the apply removes it (iovc status "
                  + deviceName(p)
                  + ")");
        }
      }
    } catch (Exception e) { // the plan stands; only the warning is lost
      out.add("could not find out who uses the VFs the apply removes: " + e.getMessage());
    }
    return out;
  }

  /** Reads the file and prepares it against the live PF; prints the diagnostics and any problem. */
  static LinuxApply.Prepared prepare(
      String file, SchemaOptions schema, String color, boolean replace) throws UserError {
    Inputs.Input in = Inputs.expand(List.of(file), schema.maxInput).get(0);
    if (in.problem() != null) throw new UserError(3, in.problem().message());
    io.iovc.schema.Schema explicit = schema.explicitSchema();
    if (explicit == null) explicit = schema.driverSchema();
    for (String pr : schema.registry().problems()) Output.err.println("iovc: warning: " + pr);
    LinuxApply.Prepared p =
        new LinuxApply()
            .prepare(in.path(), in.source(), schema.registry(), explicit, schema.maxSize, replace);
    HumanRenderer r = new HumanRenderer(Output.colorFor(color, true));
    for (Diagnostic d : p.diagnostics()) {
      Output.err.print(r.render(in.source(), d));
      Output.err.println();
    }
    if (p.problem() != null) Output.err.println("iovc: " + p.problem());
    else if (!p.ok()) Output.err.println("iovc: " + in.name() + ": no plan (fix the errors above)");
    Output.flush();
    return p;
  }
}
