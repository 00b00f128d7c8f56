package io.iovc.cli;

import io.iovc.schema.PluginRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code iovc drivers}: the plugins found, where from, and which devices they serve. */
@Command(
    name = "drivers",
    mixinStandardHelpOptions = true,
    description = "List the driver plugins found and the devices they serve.")
final class DriversCommand implements Callable<Integer> {
  @Mixin SchemaOptions schema;

  @Override
  public Integer call() {
    PluginRegistry r = schema.scannedRegistry();
    if (r.plugins().isEmpty()) Output.out.println("no driver plugins found");
    for (PluginRegistry.Loaded l : r.plugins()) {
      var p = l.plugin();
      Output.out.printf("%-7s %s%n", p.name(), p.description());
      Output.out.printf("        devices: %s%n", String.join(", ", p.devicePatterns()));
      Output.out.printf(
          "        linux:   %s%n",
          p.linuxDrivers().isEmpty() ? "-" : String.join(", ", p.linuxDrivers()));
      Output.out.printf(
          "        VF parameters: %d%s; from %s%n",
          p.vfParams().size(),
          p.maxVfs() > 0 ? "; at most " + p.maxVfs() + " VFs" : "",
          l.source());
    }
    for (String problem : r.problems()) Output.out.println("problem: " + problem);
    Output.flush();
    return r.problems().isEmpty() ? 0 : 3;
  }
}
