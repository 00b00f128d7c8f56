package io.iovc.cli;

import io.iovc.apply.linux.LinuxApply;
import io.iovc.kernel.linux.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iovc diff FILE}: on Linux, what differs between the live PF and the file (drift). */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare the live PF and its VFs with FILE: VF count, MAC, VLAN, spoof checking, trust, drivers.",
      "Exit 0 when they match, 1 when they differ (drift) or the file has errors."
    })
final class DiffCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The configuration file (- for standard input).")
  String file;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      description = "auto, always or never.")
  String color;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "human (default) or json (the schema io/iovc/ops/diff.schema.json).")
  String format = "human";

  @Mixin SchemaOptions schema;

  @Override
  public Integer call() throws UserError {
    boolean json = OpsOutput.json(format);
    String os = OpsOutput.backend(schema.backend);
    if (os.equals("freebsd")) {
      UserError e = OpsOutput.notOnFreeBsd("diff");
      if (!json) throw e;
      Output.out.print(
          OpsOutput.diff(
              os,
              file,
              OpsOutput.deviceOf(file, schema.maxInput),
              null,
              List.of(),
              List.of(),
              e.getMessage()));
      Output.err.println("iovc: " + e.getMessage());
      Output.flush();
      return e.exitCode();
    }
    LinuxApply.Prepared p = PlanCommand.prepare(file, schema, color, false);
    if (!p.ok()) {
      if (json)
        Output.out.print(
            OpsOutput.diff(
                os,
                p.fileName(),
                p.pf() == null ? null : PlanCommand.deviceName(p),
                null,
                List.of(),
                List.of(),
                PlanCommand.problem(p, "nothing compared")));
      Output.flush();
      return ExitStatus.of(p.status());
    }
    Plan plan = p.plan();
    if (json) {
      List<OpsOutput.Difference> diffs = new ArrayList<>();
      for (Plan.Difference d : plan.differences())
        diffs.add(new OpsOutput.Difference(d.vf(), d.param(), d.wanted(), d.live()));
      List<String> pending = new ArrayList<>();
      if (plan.differences().isEmpty()) for (Plan.Step s : plan.steps()) pending.add(s.display());
      Output.out.print(
          OpsOutput.diff(
              os, p.fileName(), PlanCommand.deviceName(p), plan.isEmpty(), diffs, pending, null));
    } else {
      Output.out.print(LinuxText.diff(p));
    }
    Output.flush();
    return plan.isEmpty() ? 0 : 1;
  }
}
