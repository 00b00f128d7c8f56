package io.iovc.cli;

import io.iovc.schema.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code iovc drivers}: the plugins found, where from, and which devices they serve. It takes only
 * {@code --plugin-path}: it lists every plugin, so a schema option ({@code --driver}, {@code
 * --schema}) would change nothing.
 */
@Command(
    name = "drivers",
    mixinStandardHelpOptions = true,
    description = "List the driver plugins found and the devices they serve.")
final class DriversCommand implements Callable<Integer> {
  @Option(
      names = "--plugin-path",
      paramLabel = "DIR",
      split = ":",
      description = "Also load driver plugin jars from DIR (repeatable; also IOVC_PLUGIN_PATH).")
  List<Path> pluginPath = new ArrayList<>();

  @Override
  public Integer call() {
    SchemaOptions schema = new SchemaOptions();
    schema.pluginPath = pluginPath;
    PluginRegistry r = schema.scannedRegistry();
    if (r.plugins().isEmpty()) Output.out.println("no driver plugins found");
    for (PluginRegistry.Loaded l : r.plugins()) {
      // printed without printf: a format string sets up java.util.Formatter at every start
      var p = l.plugin();
      String name = p.name();
      Output.out.println(name + " ".repeat(Math.max(0, 7 - name.length())) + " " + p.description());
      Output.out.println("        devices: " + String.join(", ", p.devicePatterns()));
      Output.out.println(
          "        linux:   "
              + (p.linuxDrivers().isEmpty() ? "-" : String.join(", ", p.linuxDrivers())));
      Output.out.println(
          "        VF parameters: "
              + p.vfParams().size()
              + (p.maxVfs() > 0 ? "; at most " + p.maxVfs() + " VFs" : "")
              + "; from "
              + l.source());
    }
    for (String problem : r.problems()) Output.out.println("problem: " + problem);
    Output.flush();
    return r.problems().isEmpty() ? 0 : 3;
  }
}
