package io.iovc.cli;

import io.iovc.nvlist.NvDump;
import io.iovc.nvlist.NvFormatException;
import io.iovc.nvlist.NvList;
import io.iovc.nvlist.NvUnpacker;
import io.iovc.schema.Schema;
import io.iovc.schema.SchemaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iovc dump FILE}: a packed nvlist (config or schema) as readable text. */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Decode a packed nvlist (a compiled config or a schema blob) and print it as nvlist_fdump does."
    })
final class DumpCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The packed nvlist (- for standard input).")
  String file;

  @Option(
      names = "--schema-text",
      description = "Print a schema blob the way `iovctl -S` prints it.")
  boolean schemaText;

  @Override
  public Integer call() throws UserError {
    byte[] b;
    try {
      b = file.equals("-") ? System.in.readNBytes(64 << 20) : Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw new UserError(3, "cannot read " + file + ": " + e.getMessage());
    }
    NvList l;
    try {
      int flags = b.length >= 3 ? b[2] & 0x03 : 0;
      l = NvUnpacker.unpack(b, flags);
    } catch (NvFormatException e) {
      throw new UserError(1, file + " is not a valid packed nvlist: " + e.getMessage());
    }
    if (schemaText) {
      try {
        Output.rawOut(Schema.fromNvList(l, file).toIovctlText());
      } catch (SchemaException e) {
        throw new UserError(1, file + " is not a usable schema: " + e.getMessage());
      }
    } else {
      Output.rawOut(NvDump.fdump(l));
      Output.out.println(b.length + " bytes" + ((b[2] & 0x01) != 0 ? ", flags IGNORE_CASE" : ""));
    }
    Output.flush();
    return 0;
  }
}
