package io.iovc.cli;

import io.iovc.check.Checker;
import io.iovc.diag.Diagnostic;
import io.iovc.pipeline.Pipeline;
import io.iovc.pipeline.SchemaChoice;
import io.iovc.schema.Schema;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.Ucl;
import java.util.ArrayList;
import java.util.List;

/** Runs the pipeline on one input with the command line's schema options. */
final class Analysis {
  final Inputs.Input input;
  final SyntaxTree tree;
  final Schema schema;
  final Pipeline.Result result;
  final List<Diagnostic> diagnostics;

  /** The input could not be read, or no schema could be found for it (exit status 3). */
  final boolean unusable;

  private Analysis(
      Inputs.Input input,
      SyntaxTree tree,
      Schema schema,
      Pipeline.Result result,
      List<Diagnostic> diags,
      boolean unusable) {
    this.input = input;
    this.tree = tree;
    this.schema = schema;
    this.result = result;
    this.diagnostics = diags;
    this.unusable = unusable;
  }

  static Analysis run(Inputs.Input in, SchemaOptions opts, boolean pack) throws UserError {
    if (in.problem() != null)
      return new Analysis(in, null, null, null, List.of(in.problem()), true);
    SyntaxTree tree = Ucl.parse(in.source(), Ucl.fileVariables(in.path()));
    Schema explicit = opts.explicitSchema();
    if (explicit == null) explicit = opts.driverSchema();
    SchemaChoice.Choice choice =
        SchemaChoice.choose(tree, opts.registry(), explicit, null, opts.platform());
    if (choice.schema() == null) {
      List<Diagnostic> diags =
          new ArrayList<>(Checker.check(tree, null, opts.registry().codes()).diagnostics());
      if (choice.problem() != null) diags.add(0, choice.problem());
      return new Analysis(in, tree, null, null, diags, choice.problem() != null);
    }
    Pipeline.Result r =
        pack
            ? Pipeline.compile(tree, choice.schema(), opts.maxSize, opts.registry().codes())
            : Pipeline.check(tree, choice.schema(), opts.maxSize, opts.registry().codes());
    return new Analysis(in, tree, choice.schema(), r, r.diagnostics(), false);
  }

  boolean hasErrors() {
    for (Diagnostic d : diagnostics) {
      if (d.isError()) return true;
    }
    return false;
  }
}
