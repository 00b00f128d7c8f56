package io.iovc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code iovc} command. Exit status: 0 success, 1 problems found or compile refused, 2 usage
 * error, 3 unreadable input, unknown driver or unusable schema, 70 internal error (never a stack
 * trace unless IOVC_DEBUG is set).
 */
@Command(
    name = "iovc",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Compiler, linter and language server for SR-IOV configuration files (iovctl.conf).",
    subcommands = {
      CheckCommand.class,
      CompileCommand.class,
      DeleteCommand.class,
      SchemaCommand.class,
      DriversCommand.class,
      DumpCommand.class,
      FmtCommand.class,
      ExplainCommand.class,
      LspCommand.class,
      PlanCommand.class,
      DiffCommand.class,
      StatusCommand.class,
      InstallCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer> {
  public static final String VERSION = io.iovc.About.VERSION;

  @Override
  public Integer call() {
    new CommandLine(this).usage(Output.err);
    return 2;
  }

  public static void main(String[] args) {
    int code = run(args);
    Output.flush();
    System.exit(code);
  }

  /** Runs the command line and returns the exit status (for tests). */
  public static int run(String... args) {
    if (IovctlCompat.applies(args)) return IovctlCompat.run(args);
    Callable<Integer> fast = FastPath.parse(args);
    if (fast != null) {
      try {
        return fast.call();
      } catch (UserError u) {
        Output.err.println("iovc: " + u.getMessage());
        return u.exitCode();
      } catch (Exception | Error e) {
        return internal(e);
      }
    }
    // Every other command line: picocli builds its model of all the commands by reflection. It
    // runs in a class of its own, so that loading Main (whose start-up archive entry carries the
    // verifier's constraints) loads no picocli class: picocli's Java 5 classes cannot be
    // archived, and loading one from its jar opens every jar before it on the class path.
    return Picocli.run(args);
  }

  static int internal(Throwable ex) {
    if (ex instanceof OutOfMemoryError) {
      Output.err.println("iovc: out of memory (the input is too large for this heap)");
      return 3;
    }
    Output.err.println("iovc: internal error: " + ex);
    if (System.getenv("IOVC_DEBUG") != null) ex.printStackTrace(Output.err);
    else Output.err.println("iovc: please report this; set IOVC_DEBUG=1 for details");
    return 70;
  }

  /** {@code --version}: the version and the plugins found. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      var reg = io.iovc.schema.PluginRegistry.load(java.util.List.of());
      StringBuilder plugins = new StringBuilder();
      for (var l : reg.plugins())
        plugins.append(plugins.length() == 0 ? "" : ", ").append(l.name());
      return new String[] {
        "iovc " + VERSION,
        "driver plugins: " + (plugins.length() == 0 ? "none" : plugins),
        "java " + System.getProperty("java.version")
      };
    }
  }
}
