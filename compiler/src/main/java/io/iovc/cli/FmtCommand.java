package io.iovc.cli;

import io.iovc.format.Formatter;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.Ucl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code iovc fmt}: rewrite files in the canonical layout (comments kept, meaning unchanged);
 * {@code --check} only reports files that are not formatted (exit 1).
 */
@Command(
    name = "fmt",
    mixinStandardHelpOptions = true,
    description = {
      "Rewrite iovctl.conf files in the canonical layout, keeping every comment.",
      "The result always means the same to libucl and compiles to the same bytes; a file that",
      "cannot be formatted safely is left alone. Exit 1 with --check or --diff when a file needs",
      "formatting. The layout is iovctl.conf(5)'s: a tab per level, `key : value;`, a blank line",
      "between sections."
    })
final class FmtCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description =
          "Files or directories (*.conf below them); - formats standard input to standard output.")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--check",
      description = "Change nothing; list files that are not formatted and exit 1 if any.")
  boolean check;

  @Option(
      names = "--diff",
      description =
          "Change nothing; print a unified diff of what formatting would change and exit 1 if any.")
  boolean diff;

  @Option(names = "--stdout", description = "Print the formatted files instead of rewriting them.")
  boolean toStdout;

  @Option(names = "--max-input", paramLabel = "BYTES", hidden = true)
  long maxInput = Inputs.DEFAULT_MAX_INPUT;

  @Override
  public Integer call() throws UserError {
    int status = 0;
    for (Inputs.Input in : Inputs.expand(files, maxInput)) {
      if (in.problem() != null) {
        Output.err.println("iovc: " + in.problem().message());
        status = Math.max(status, 3);
        continue;
      }
      SyntaxTree tree = Ucl.parse(in.source(), Ucl.fileVariables(in.path()));
      byte[] formatted;
      try {
        formatted = Formatter.format(tree, Ucl.fileVariables(in.path()));
      } catch (Formatter.FormatException e) {
        Output.err.println("iovc: " + in.name() + ": " + e.getMessage());
        status = Math.max(status, 1);
        continue;
      }
      boolean same = Arrays.equals(formatted, in.source().bytes());
      if (diff) {
        if (!same) {
          Output.out.print(UnifiedDiff.of(in.name(), in.source().bytes(), formatted));
          status = Math.max(status, 1);
        }
      } else if (check) {
        if (!same) {
          Output.out.println(in.name() + ": not formatted");
          status = Math.max(status, 1);
        }
      } else if (toStdout || in.path() == null) {
        Output.out.write(formatted, 0, formatted.length);
      } else if (!same) {
        CompileCommand.write(in.path(), formatted);
        Output.err.println("iovc: formatted " + in.name());
      }
    }
    Output.flush();
    return status;
  }
}
