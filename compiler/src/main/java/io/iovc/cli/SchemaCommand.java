package io.iovc.cli;

import io.iovc.nvlist.NvPacker;
import io.iovc.pipeline.SchemaChoice;
import io.iovc.schema.Schema;
import io.iovc.schema.SchemaException;
import io.iovc.syntax.Ucl;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iovc schema}: what {@code iovctl -S} prints, for a plugin, a schema file or a config. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = {
      "Print a schema the way `iovctl -S` prints it.",
      "The schema comes from -d DEV (the running kernel), --driver NAME, --schema FILE, or the PF.device of a config FILE."
    })
final class SchemaCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "FILE",
      arity = "0..1",
      description = "A config file whose PF.device picks the driver.")
  String file;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description =
          "Write the packed schema nvlist (the bytes IOV_GET_SCHEMA returns) to OUT instead.")
  String output;

  @Option(
      names = {"-d", "--device"},
      paramLabel = "DEV",
      description =
          "Print the live schema of this PF (FreeBSD: IOV_GET_SCHEMA on /dev/iov/DEV), as `iovctl -S -d DEV` does; -o saves its bytes.")
  String device;

  @Option(
      names = "--diff",
      description =
          "Compare the live schema (-d) or --schema FILE with the driver plugin and name what differs (exit 1 if anything does).")
  boolean diff;

  @Mixin SchemaOptions schema;

  @Override
  public Integer call() throws UserError {
    if (device != null || diff) return SchemaFromKernel.run(device, diff, output, schema, file);
    Schema s = schema.explicitSchema();
    if (s == null) s = schema.driverSchema();
    if (s == null && file != null) {
      Inputs.Input in = Inputs.expand(List.of(file), schema.maxInput).get(0);
      if (in.problem() != null) throw new UserError(3, in.problem().message());
      var choice =
          SchemaChoice.choose(
              Ucl.parse(in.source(), Ucl.fileVariables(in.path())),
              io.iovc.pipeline.SchemaRequest.of(schema.registry())
                  .withPlatform(io.iovc.schema.Platform.FREEBSD)); // iovctl -S: FreeBSD's
      if (choice.schema() == null) {
        throw new UserError(
            3,
            choice.problem() != null
                ? choice.problem().message() + "; " + choice.problem().help()
                : file + " has no PF.device to choose a driver by; use --driver");
      }
      s = choice.schema();
    }
    if (s == null)
      throw new UserError(2, "say which schema: --driver NAME, --schema FILE, or a config FILE");
    return print(s, output == null ? null : NvPacker.pack(s.nvlist()), output);
  }

  /**
   * With {@code output}, writes {@code blob} (the packed schema) there ({@code -}: standard
   * output); else prints the schema as {@code iovctl -S} does, or what it could of it and an error.
   */
  static int print(Schema s, byte[] blob, String output) throws UserError {
    if (output != null) {
      if (output.equals("-")) Output.out.write(blob, 0, blob.length);
      else CompileCommand.write(Path.of(output), blob);
      Output.flush();
      return 0;
    }
    try {
      Output.rawOut(s.toIovctlText());
    } catch (SchemaException e) {
      Output.rawOut(e.partialOutput());
      Output.flush();
      throw new UserError(1, e.getMessage());
    }
    Output.flush();
    return 0;
  }
}
