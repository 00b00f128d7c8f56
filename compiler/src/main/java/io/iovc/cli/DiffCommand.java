package io.iovc.cli;

import io.iovc.kernel.linux.LinuxBackend;
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
      "Linux: compare the live PF and its VFs with FILE: VF count, MAC, VLAN, spoof checking, trust, drivers.",
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

  @Mixin SchemaOptions schema;

  @Override
  public Integer call() throws UserError {
    LinuxBackend.Prepared p = PlanCommand.prepare(file, schema, color, false);
    if (!p.ok()) return p.status();
    Output.out.print(LinuxBackend.renderDiff(p));
    Output.flush();
    return p.plan().isEmpty() ? 0 : 1;
  }
}
