package io.iovc.pipeline;

import io.iovc.check.CheckResult;
import io.iovc.check.Checker;
import io.iovc.diag.CodeBook;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.lower.Lowering;
import io.iovc.nvlist.NvList;
import io.iovc.nvlist.NvPacker;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.Ucl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The front door: {@link #analyze} parses a file, chooses its schema ({@link SchemaChoice}, one
 * ordered table), checks, lowers and applies the kernel's size limit. The command line, the
 * language server, both kernel backends and the golden tests all call it; none adds rules of its
 * own. {@link #check} and {@link #compile} are the stages after parsing for one known schema.
 */
public final class Pipeline {
  /** {@code hw.pci.iov_max_config}: the kernel refuses larger configs with EMSGSIZE. */
  public static final long DEFAULT_MAX_CONFIG = 1L << 20;

  private Pipeline() {}

  /** The outcome: diagnostics, and when there is no error the nvlist and its packed bytes. */
  public record Result(
      CheckResult check, NvList config, byte[] packed, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      for (Diagnostic d : diagnostics) {
        if (d.isError()) return true;
      }
      return false;
    }
  }

  /** Parses {@code source} (with the UCL variables {@code vars}) and analyses it. */
  public static Analysis analyze(
      SourceText source, Map<String, String> vars, SchemaRequest request) {
    return analyze(Ucl.parse(source, vars), request);
  }

  /** Analyses an already parsed file: chooses its schema, checks, lowers. */
  public static Analysis analyze(SyntaxTree tree, SchemaRequest request) {
    CodeBook codes = request.registry() == null ? null : request.registry().codes();
    SchemaChoice.Choice choice = SchemaChoice.choose(tree, request);
    if (choice.schema() == null)
      return new Analysis(tree, choice, Checker.check(tree, null, codes), null);
    Result r = run(tree, choice.schema(), request.maxSize(), false, codes);
    return new Analysis(tree, choice, r.check(), r);
  }

  /**
   * Checks only (no packing): what {@code iovc check} and the editor need. Suppression comments may
   * name the core codes and those of the schema's plugin.
   */
  public static Result check(SyntaxTree tree, Schema schema, long maxSize) {
    return run(tree, schema, maxSize, false, null);
  }

  /**
   * Checks only; suppression comments may name any code in {@code codes} (null: as {@link
   * #check(SyntaxTree, Schema, long)}).
   */
  public static Result check(SyntaxTree tree, Schema schema, long maxSize, CodeBook codes) {
    return run(tree, schema, maxSize, false, codes);
  }

  public static Result compile(SyntaxTree tree, Schema schema, long maxSize) {
    return run(tree, schema, maxSize, true, null);
  }

  public static Result compile(SyntaxTree tree, Schema schema, long maxSize, CodeBook codes) {
    return run(tree, schema, maxSize, true, codes);
  }

  private static Result run(
      SyntaxTree tree, Schema schema, long maxSize, boolean pack, CodeBook codes) {
    CheckResult check = Checker.check(tree, schema, codes);
    List<Diagnostic> diags = new ArrayList<>(check.diagnostics());
    if (check.config() == null) return new Result(check, null, null, diags);
    NvList nv = Lowering.lower(check.config());
    long size = NvPacker.packedSize(nv);
    if (size > maxSize) {
      Span at = check.config().pf().param("num_vfs").member().value().span();
      diags.add(
          Diagnostic.of(
                  Codes.TOO_BIG,
                  at,
                  "the packed configuration is "
                      + size
                      + " bytes; the kernel accepts at most "
                      + maxSize)
              .label(check.config().numVfs() + " VFs")
              .note(
                  "the limit is the sysctl hw.pci.iov_max_config (default 1 MiB); the kernel answers EMSGSIZE")
              .help("use fewer VFs, or raise hw.pci.iov_max_config and pass --max-size " + size)
              .build());
      return new Result(check, null, null, diags);
    }
    byte[] bytes = pack ? NvPacker.pack(nv) : null;
    return new Result(check, nv, bytes, diags);
  }
}
