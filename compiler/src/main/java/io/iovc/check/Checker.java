package io.iovc.check;

import io.iovc.check.ConfigTree.Item;
import io.iovc.diag.Code;
import io.iovc.diag.CodeBook;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.schema.PluginCodes;
import io.iovc.schema.Schema;
import io.iovc.source.Span;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.UValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * iovctl's semantics (spec §3) over the tree libucl would build, one class per step of iovctl's
 * parse.c and validate.c: {@link FindDevice} ({@code find_device}), {@link ParseConfigFile} ({@code
 * parse_config_file}), {@link ParseDeviceConfig} ({@code parse_device_config}), {@link AddConfig}
 * and {@link UnicastMac} ({@code add_config}), {@link ValidateConfig} ({@code validate_config}),
 * then iovc's own warnings in {@link Lints} (spec §10). iovctl stops at the first problem; the
 * checker reports all of them. A file gets an error diagnostic exactly when iovctl (or the kernel,
 * for the size limit) refuses it.
 *
 * <p>Each rule decides when; the words of each code are in one factory of a {@code *Diagnostics}
 * class whose Javadoc starts with the code ({@code grep -rn IOV213} finds both).
 */
public final class Checker {
  /** At most this many diagnostics per file (errors first); the rest are counted in one note. */
  public static final int MAX_REPORTED = 1000;

  /** Codes about the file as a whole: after a syntax error the whole is not known. */
  private static final Set<Code> WHOLE_FILE =
      Set.of(
          Codes.NO_DEVICE,
          Codes.REQUIRED_MISSING,
          Codes.VF_OUT_OF_BOUNDS,
          Codes.DRIVER_MAX_VFS,
          Codes.DEFAULT_UNUSED,
          Codes.NUM_VFS_ZERO,
          Codes.TOO_BIG);

  private Checker() {}

  /**
   * Checks a parsed file against a schema, knowing the core codes and those of the schema's plugin.
   * The schema may be null (syntax and layout only).
   */
  public static CheckResult check(SyntaxTree tree, Schema schema) {
    return check(tree, schema, null);
  }

  /**
   * Checks a parsed file against a schema (null: syntax and layout only). {@code codes} are the
   * codes a suppression comment may name: the plugin registry's; null for the core codes and those
   * of the schema's plugin. Text pasted from a web page or a terminal gets its own warnings ({@link
   * PasteMistakes}), kept even behind a syntax error since they are often its cause.
   */
  public static CheckResult check(SyntaxTree tree, Schema schema, CodeBook codes) {
    if (codes == null) codes = PluginCodes.of(schema == null ? null : schema.plugin());
    CheckRun run = new CheckRun(tree, schema);
    CheckedConfig config = steps(run);
    List<Diagnostic> all = new ArrayList<>(tree.diagnostics());
    all.addAll(syntaxErrorsFirst(tree, run.diagnostics()));
    all.addAll(PasteMistakes.find(tree));
    all = Suppressions.apply(tree, all, codes);
    all.sort(Diagnostic.BY_SPAN);
    all = bounded(all);
    boolean errors = false;
    for (Diagnostic d : all) errors |= d.isError();
    return new CheckResult(tree, schema, all, errors ? null : config);
  }

  /**
   * iovctl's steps in its order; the configuration it would build, or null when it refuses the file
   * (or there is no schema). Emits IOV310 (the file is an array); each step names its codes.
   */
  private static CheckedConfig steps(CheckRun r) {
    UValue root = r.tree.root();
    if (root instanceof UValue.UArray a && !a.items().isEmpty()) {
      r.add(SectionDiagnostics.TopLevelArray.bracketed(a.span()));
      return null;
    }
    List<Item> top = ConfigTree.items(root, null, null);
    Lints.duplicateSections(r, root);
    FindDevice.Found found = FindDevice.find(r, top);
    if (found == null) return null;
    if (found.device() != null) Lints.device(r, found.device(), found.pf());
    if (r.schema == null) return null;
    ParseConfigFile.Sections sections = ParseConfigFile.parse(r, top);
    if (sections == null) return null;
    // iovctl validates only what it read without crashing; after a crash its checks are guesses
    if (r.crashed()) return null;
    ValidateConfig.Validated v = ValidateConfig.validate(r, sections);
    if (v == null) return null;
    if (v.numVfs() > 0) Lints.unusedDefaults(r, v.numVfs(), sections);
    Lints.driver(r, sections.all(), v.numVfs(), v.numVfsParam());
    LinuxSettings.check(r, sections.all());
    if (r.hasError()) return null;
    return new CheckedConfig(found.device(), v.numVfs(), sections.all());
  }

  /** Keeps {@link #MAX_REPORTED} findings, errors first. Emits IOV007 for the rest. */
  private static List<Diagnostic> bounded(List<Diagnostic> all) {
    if (all.size() <= MAX_REPORTED) return all;
    List<Diagnostic> keep = new ArrayList<>();
    for (Diagnostic d : all) {
      if (d.isError() && keep.size() < MAX_REPORTED) keep.add(d);
    }
    for (Diagnostic d : all) {
      if (!d.isError() && keep.size() < MAX_REPORTED) keep.add(d);
    }
    keep.sort(Diagnostic.BY_SPAN);
    int more = all.size() - keep.size();
    Span at = keep.get(keep.size() - 1).span();
    keep.add(MetaDiagnostics.tooMany(Span.at(at.end()), more, MAX_REPORTED));
    return keep;
  }

  /**
   * iovctl stops at a syntax error, and after one iovc's tree is a repair: findings behind the
   * first syntax error, and findings about the file as a whole, would often be echoes of it.
   * Findings in front of it are real and kept.
   */
  private static List<Diagnostic> syntaxErrorsFirst(SyntaxTree tree, List<Diagnostic> semantic) {
    int first = Integer.MAX_VALUE;
    for (Diagnostic d : tree.diagnostics()) {
      if (d.isError()) first = Math.min(first, d.span().start());
    }
    if (first == Integer.MAX_VALUE) return semantic;
    List<Diagnostic> kept = new ArrayList<>();
    for (Diagnostic d : semantic) {
      if (d.span().end() < first && !WHOLE_FILE.contains(d.code())) kept.add(d);
    }
    return kept;
  }
}
