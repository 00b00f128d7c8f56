package io.iovc.check;

import io.iovc.check.ConfigTree.Item;
import io.iovc.diag.Diagnostic;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One run of the checker over one file: the tree, the schema, the findings so far, and what an
 * earlier step of iovctl leaves for the later ones (iovctl crashed, a key was refused, PF.device
 * was already reported). The steps ({@link FindDevice}, {@link ParseConfigFile}, {@link
 * ParseDeviceConfig}, {@link AddConfig}, {@link ValidateConfig}, {@link Lints}) share one.
 */
final class CheckRun {
  final SyntaxTree tree;
  final SourceText src;

  /** The schema; null when only the layout is checked (find_device and the lints on it). */
  final Schema schema;

  private final List<Diagnostic> diags = new ArrayList<>();

  /** iovctl would have crashed or aborted: its later checks would be guesses. */
  private boolean crashed;

  /** PF.device was reported as not a string (iovctl stops there; no second message). */
  boolean deviceReported;

  /** Parameters that were written but refused (lower-cased "section/key"): no "missing" cascade. */
  private final Set<String> refused = new HashSet<>();

  /** Lines where a `//` "comment" was read as a key: the rest of such a line is that comment. */
  private final Set<Integer> slashLines = new HashSet<>();

  CheckRun(SyntaxTree tree, Schema schema) {
    this.tree = tree;
    this.src = tree.source();
    this.schema = schema;
  }

  void add(Diagnostic d) {
    diags.add(d);
  }

  /** The checker's own findings, in the order they were made. */
  List<Diagnostic> diagnostics() {
    return diags;
  }

  /** iovctl crashes or aborts at this point of the file. */
  void crash() {
    crashed = true;
  }

  boolean crashed() {
    return crashed;
  }

  /** {@code key} of {@code section} was written but refused by add_config. */
  void refuse(String section, String key) {
    refused.add(Ascii.toLower(section) + "/" + Ascii.toLower(key));
  }

  boolean refused(String section, String key) {
    return refused.contains(Ascii.toLower(section) + "/" + Ascii.toLower(key));
  }

  /** True when the file (syntax included) has an error so far. */
  boolean hasError() {
    for (Diagnostic d : tree.diagnostics()) {
      if (d.isError()) return true;
    }
    for (Diagnostic d : diags) {
      if (d.isError()) return true;
    }
    return false;
  }

  /**
   * True when this key comes after a {@code //} key on the same line: the user meant the line as a
   * comment, and reporting each word of it again would only bury the real message.
   */
  boolean restOfSlashLine(Item t) {
    if (t.member() == null) return false;
    int line = src.line(t.member().key().span().start());
    if (t.key().startsWith("//")) {
      slashLines.add(line);
      return false;
    }
    return slashLines.contains(line);
  }
}
