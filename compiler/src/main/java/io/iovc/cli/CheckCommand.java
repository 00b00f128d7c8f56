package io.iovc.cli;

import io.iovc.About;
import io.iovc.diag.CodeBook;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Severity;
import io.iovc.diag.render.FileResult;
import io.iovc.diag.render.HumanRenderer;
import io.iovc.diag.render.MachineFormats;
import io.iovc.diag.render.Sarif;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iovc check FILE|DIR…}: every problem in every file, in the chosen format. */
@Command(
    name = "check",
    aliases = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Check iovctl.conf files: every problem at once, with line, column, code and a fix.",
      "Exit status: 0 clean (warnings allowed), 1 errors (or warnings with --strict), 3 unreadable input or no schema."
    })
final class CheckCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description = "Files or directories (*.conf below them); - reads standard input.")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "human, gcc, json, sarif, github or checkstyle (github when GITHUB_ACTIONS=true; else human).")
  String format;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      description = "auto, always or never (NO_COLOR is honoured).")
  String color;

  @Option(names = "--strict", description = "Exit 1 on warnings too.")
  boolean strict;

  @Option(
      names = "--fix",
      description =
          "Apply every machine-applicable fix (never a guess), rewrite each file atomically, print"
              + " what changed, then report what remains.")
  boolean fix;

  @Option(
      names = "--diff",
      description = "With --fix: print the changes as a unified diff instead of writing the files.")
  boolean diff;

  @Mixin SchemaOptions schema;

  @Mixin CodeFilter filter = new CodeFilter();

  @Option(
      names = "--no-config",
      description = "Do not read the project file .iovc.conf (found upward from the first FILE).")
  boolean noConfig;

  @Override
  public Integer call() throws UserError {
    ProjectConfig project = ProjectConfig.load(files, noConfig, schema, filter);
    if (project != null && project.strict != null && !strict) strict = project.strict;
    String fmt =
        format != null
            ? format
            : project != null && project.format != null
                ? project.format
                : "true".equals(System.getenv("GITHUB_ACTIONS")) ? "github" : "human";
    if (!List.of("human", "gcc", "json", "sarif", "github", "checkstyle").contains(fmt)) {
      throw new UserError(
          2,
          "unknown "
              + (format == null && project != null ? "format in " + project.file : "--format")
              + " `"
              + fmt
              + "`; use human, gcc, json, sarif, github or checkstyle");
    }
    if (!List.of("auto", "always", "never").contains(color))
      throw new UserError(2, "--color takes auto, always or never");
    if (diff && !fix)
      throw new UserError(
          2,
          "--diff goes with --fix: `iovc check --fix --diff "
              + String.join(" ", files)
              + "` (or `iovc fmt --diff "
              + String.join(" ", files)
              + "` for the layout)");
    filter.validate(schema.registry().codes());
    StringBuilder changes = new StringBuilder();
    List<Analysis> all;
    if (fix) {
      all = new ArrayList<>();
      for (Inputs.Input in : Inputs.expand(files, schema.maxInput))
        all.add(Fixing.fix(in, schema, diff, changes).report());
    } else {
      all = Batch.analyze(Inputs.names(files, schema.maxInput), schema);
    }
    if (fix) {
      if (diff || !fmt.equals("human")) Output.err.print(changes);
      else Output.out.print(changes);
      if (diff) {
        Output.flush();
        for (Analysis a : all) if (a.unusable) return 3;
        for (Analysis a : all) if (a.hasErrors()) return 1;
        return 0;
      }
    }
    boolean unusable = false;
    boolean errors = false;
    boolean warnings = false;
    int errorCount = 0;
    int warningCount = 0;
    int infoCount = 0;
    List<FileResult> results = new ArrayList<>();
    for (Analysis a : all) {
      unusable |= a.unusable;
      for (Diagnostic d : filter.apply(a.diagnostics)) {
        if (d.severity() == Severity.ERROR) {
          errors = true;
          errorCount++;
        } else if (d.severity() == Severity.WARNING) {
          warnings = true;
          warningCount++;
        } else {
          infoCount++;
        }
      }
      results.add(new FileResult(a.input.source(), filter.apply(a.diagnostics)));
    }
    for (String p : schema.registry().problems()) Output.err.println("iovc: warning: " + p);
    switch (fmt) {
      case "gcc" -> Output.out.print(MachineFormats.gcc(results));
      case "json" -> Output.out.print(MachineFormats.json(results));
      case "sarif" -> Output.out.print(Sarif.render(results, sarifTool(schema.registry().codes())));
      case "github" -> Output.out.print(MachineFormats.github(results));
      case "checkstyle" -> Output.out.print(MachineFormats.checkstyle(results));
      default -> {
        HumanRenderer r = new HumanRenderer(Output.colorFor(color, false));
        for (Analysis a : all) {
          for (Diagnostic d : filter.apply(a.diagnostics)) {
            Output.out.print(r.render(a.input.source(), d));
            Output.out.println();
          }
        }
        Output.out.println(summary(all.size(), errorCount, warningCount, infoCount));
      }
    }
    Output.flush();
    if (unusable) return 3;
    if (errors || (strict && warnings)) return 1;
    return 0;
  }

  /**
   * iovc as SARIF names it; the rules' long texts are those of {@code iovc explain}. Made on
   * demand: a method reference costs start-up time every other format should not pay.
   */
  static Sarif.Tool sarifTool(CodeBook codes) {
    return new Sarif.Tool(About.NAME, About.VERSION, About.HOME, codes::explain);
  }

  static String summary(int files, int errors, int warnings, int infos) {
    String f = files == 1 ? "1 file" : files + " files";
    if (errors == 0 && warnings == 0 && infos == 0) return "iovc: " + f + " checked, no problems";
    return "iovc: "
        + f
        + " checked: "
        + plural(errors, "error")
        + ", "
        + plural(warnings, "warning")
        + (infos > 0 ? ", " + plural(infos, "note") : "");
  }

  static String plural(int n, String w) {
    return n + " " + w + (n == 1 ? "" : "s");
  }
}
