package io.iovc.cli;

import picocli.CommandLine;

/**
 * The command line as picocli reads it (help, {@code --version}, usage errors, and whatever {@link
 * FastPath} leaves to it). A class of its own so that {@link Main} refers to no picocli type that
 * the verifier must load at start.
 */
final class Picocli {
  private Picocli() {}

  static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    // -V/--version on every subcommand prints what `iovc --version` prints
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandSpec().versionProvider() == null)
        sub.getCommandSpec().versionProvider(new Main.Version());
    }
    cl.setOut(new java.io.PrintWriter(Output.out, true));
    cl.setErr(new java.io.PrintWriter(Output.err, true));
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          if (ex instanceof UserError u) {
            Output.err.println("iovc: " + u.getMessage());
            return u.exitCode();
          }
          return Main.internal(ex);
        });
    try {
      return cl.execute(args);
    } catch (RuntimeException | Error e) {
      return Main.internal(e);
    }
  }
}
