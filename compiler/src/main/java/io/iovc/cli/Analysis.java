package io.iovc.cli;

import io.iovc.diag.Diagnostic;
import io.iovc.pipeline.Pipeline;
import io.iovc.pipeline.SchemaRequest;
import io.iovc.schema.Schema;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.Ucl;
import java.util.List;

/** One input through {@link Pipeline#analyze} with the command line's schema options. */
final class Analysis {
  final Inputs.Input input;
  final SyntaxTree tree;
  final Schema schema;

  /** The pipeline's analysis, or null when the input could not be read. */
  final io.iovc.pipeline.Analysis analysis;

  final List<Diagnostic> diagnostics;

  /** The input could not be read, or no schema could be found for it (exit status 3). */
  final boolean unusable;

  private Analysis(
      Inputs.Input input,
      io.iovc.pipeline.Analysis analysis,
      List<Diagnostic> diags,
      boolean unusable) {
    this.input = input;
    this.tree = analysis == null ? null : analysis.tree();
    this.schema = analysis == null ? null : analysis.schema();
    this.analysis = analysis;
    this.diagnostics = diags;
    this.unusable = unusable;
  }

  /** {@code pack}: pack the bytes now (compile) rather than on first use. */
  static Analysis run(Inputs.Input in, SchemaOptions opts, boolean pack) throws UserError {
    if (in.problem() != null) return new Analysis(in, null, List.of(in.problem()), true);
    io.iovc.pipeline.Analysis a =
        Pipeline.analyze(in.source(), Ucl.fileVariables(in.path()), request(opts));
    if (pack) a.packed();
    return new Analysis(in, a, a.diagnostics(), a.schemaProblem() != null);
  }

  /** The command line's rows of the schema table: --schema, --driver, modeline, PF.device. */
  static SchemaRequest request(SchemaOptions opts) throws UserError {
    Schema explicit = opts.explicitSchema();
    String driver = explicit == null && opts.driverSchema() != null ? opts.driver : null;
    return SchemaRequest.of(opts.registry())
        .withExplicit(explicit)
        .withDriver(driver)
        .withMaxSize(opts.maxSize)
        .withPlatform(opts.platform());
  }

  /**
   * What a report needs of this analysis (the input, its diagnostics, whether it was usable),
   * without the syntax tree, the schema and the pipeline's results: {@code check DIR} keeps one per
   * file until it prints, and with the trees kept a 10 000-file check spent 1 of its 2.5 s copying
   * them from one generation of the heap to the next.
   */
  Analysis report() {
    return analysis == null ? this : new Analysis(input, null, diagnostics, unusable);
  }

  boolean hasErrors() {
    for (Diagnostic d : diagnostics) {
      if (d.isError()) return true;
    }
    return false;
  }
}
