package io.iovc.cli;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.render.HumanRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code iovc compile FILE}: the exact bytes {@code iovctl -C} hands to the kernel ({@code -o}), or
 * its {@code -n} listing. Nothing is written unless the whole file checked clean.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {
      "Compile an iovctl.conf into the packed nvlist iovctl -C sends with IOV_CONFIG.",
      "With errors: diagnostics on stderr, exit 1, nothing written."
    })
final class CompileCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The configuration file (- for standard input).")
  String file;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "Write the packed bytes to OUT (- for standard output).")
  String output;

  @Option(
      names = {"-n", "--dry-run"},
      description = "Print exactly what `iovctl -C -n -f FILE` prints.")
  boolean dryRun;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      description = "auto, always or never.")
  String color;

  @Option(
      names = "--apply",
      description =
          "Check against the running kernel and create the VFs (FreeBSD: IOV_CONFIG; Linux: sysfs and netlink).")
  boolean apply;

  @Option(
      names = "--replace",
      description =
          "With --apply: delete the PF's existing VFs first (only after the file checked clean).")
  boolean replace;

  @Option(
      names = "--rollback-interrupted",
      description =
          "With --apply (Linux): when an earlier apply on the PF was interrupted (killed, power"
              + " lost), restore the state it recorded before its first step instead of applying"
              + " the file.")
  boolean rollbackInterrupted;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "With --apply: human (default) or json, one result object (the schema io/iovc/ops/result.schema.json).")
  String format = "human";

  @Mixin SchemaOptions schema;

  @Mixin CodeFilter filter = new CodeFilter();

  @Override
  public Integer call() throws UserError {
    Inputs.Input in = Inputs.expand(List.of(file), schema.maxInput).get(0);
    filter.validate(schema.registry().codes());
    if (rollbackInterrupted && !apply)
      throw new UserError(2, "--rollback-interrupted goes with --apply");
    boolean json = OpsOutput.json(format);
    if (apply) return apply(in, json);
    if (json)
      throw new UserError(
          2, "--format json goes with --apply (for diagnostics: iovc check --format json)");
    Analysis a = Analysis.run(in, schema, true);
    for (String p : schema.registry().problems()) Output.err.println("iovc: warning: " + p);
    HumanRenderer r = new HumanRenderer(Output.colorFor(color, true));
    for (Diagnostic d : filter.apply(a.diagnostics)) {
      Output.err.print(r.render(in.source(), d));
      Output.err.println();
    }
    if (a.unusable) return 3;
    if (a.hasErrors()) {
      long n = a.diagnostics.stream().filter(Diagnostic::isError).count();
      Output.err.println(
          "iovc: " + in.name() + " not compiled: " + CheckCommand.plural((int) n, "error"));
      return 1;
    }
    byte[] bytes = a.analysis.packed();
    String device = a.analysis.config().device();
    if (dryRun) {
      Output.rawOut(io.iovc.pipeline.DryRun.listing(device, a.analysis.nvlist(), bytes.length));
    }
    if (output != null) {
      if (output.equals("-")) {
        Output.out.write(bytes, 0, bytes.length);
      } else {
        write(Path.of(output), bytes);
      }
    }
    if (!dryRun && output == null) {
      Output.out.println(
          in.name()
              + ": "
              + bytes.length
              + " bytes for /dev/iov/"
              + io.iovc.syntax.Ascii.display(device)
              + " ("
              + a.analysis.config().numVfs()
              + " VF"
              + (a.analysis.config().numVfs() == 1 ? "" : "s")
              + "); -o FILE writes them, -n lists them");
    }
    Output.flush();
    return 0;
  }

  private int apply(Inputs.Input in, boolean json) throws UserError {
    if (in.problem() != null) throw new UserError(66, in.problem().message());
    if (dryRun || output != null)
      throw new UserError(2, "--apply cannot be combined with -n or -o");
    String name = schema.backend != null ? schema.backend : io.iovc.apply.Backends.forThisOs();
    if (name == null) {
      throw new UserError(
          69,
          "--apply needs FreeBSD or Linux; this is "
              + System.getProperty("os.name")
              + " (use --backend to force one)");
    }
    io.iovc.apply.Backend b;
    try {
      b = io.iovc.apply.Backends.get(name);
    } catch (IllegalArgumentException e) {
      throw new UserError(2, e.getMessage());
    }
    io.iovc.schema.Schema explicit = schema.explicitSchema();
    if (explicit == null) explicit = schema.driverSchema();
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    java.io.PrintStream progress =
        json
            ? new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8)
            : Output.out;
    io.iovc.apply.ApplyResult r =
        b.apply(
            new io.iovc.apply.ApplyRequest(
                in.path(),
                in.source(),
                schema.registry(),
                explicit,
                schema.maxSize,
                replace,
                progress,
                rollbackInterrupted));
    if (json) {
      progress.flush();
      String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
      Output.out.print(
          OpsOutput.result(
              name, "apply", in.name(), r, text.isEmpty() ? List.of() : List.of(text.split("\n"))));
    }
    HumanRenderer hr = new HumanRenderer(Output.colorFor(color, true));
    for (Diagnostic d : filter.apply(r.diagnostics())) {
      Output.err.print(hr.render(in.source(), d));
      Output.err.println();
    }
    for (String m : r.messages()) Output.err.println("iovc: " + m);
    Output.flush();
    return ExitStatus.of(r.outcome());
  }

  static void write(Path out, byte[] bytes) throws UserError {
    Path tmp = null;
    try {
      Path abs = out.toAbsolutePath();
      tmp = SiblingTemp.create(abs);
      Files.write(tmp, bytes);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        if (tmp != null) Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the temporary file is all that is left; OUT is unchanged
      }
      throw new UserError(3, "cannot write " + out + ": " + e.getMessage());
    }
  }
}
