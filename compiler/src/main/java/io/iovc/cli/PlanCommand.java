package io.iovc.cli;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.render.HumanRenderer;
import io.iovc.kernel.linux.LinuxBackend;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code iovc plan FILE}: on Linux, the exact ordered steps {@code iovc compile --apply} would take
 * for the live PF (sysfs writes and {@code ip link set … vf N} requests), nothing changed.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Linux: print the exact steps `iovc compile --apply FILE` would take on the live PF, in order.",
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

  @Mixin SchemaOptions schema;

  @Override
  public Integer call() throws UserError {
    LinuxBackend.Prepared p = prepare(file, schema, color, replace);
    if (!p.ok()) return p.status();
    Output.out.print(LinuxBackend.renderPlan(p));
    Output.flush();
    return 0;
  }

  /** Reads the file and prepares it against the live PF; prints the diagnostics and any problem. */
  static LinuxBackend.Prepared prepare(
      String file, SchemaOptions schema, String color, boolean replace) throws UserError {
    Inputs.Input in = Inputs.expand(List.of(file), schema.maxInput).get(0);
    if (in.problem() != null) throw new UserError(3, in.problem().message());
    io.iovc.schema.Schema explicit = schema.explicitSchema();
    if (explicit == null) explicit = schema.driverSchema();
    for (String pr : schema.registry().problems()) Output.err.println("iovc: warning: " + pr);
    LinuxBackend.Prepared p =
        new LinuxBackend()
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
