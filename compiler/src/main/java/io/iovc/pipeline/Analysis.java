package io.iovc.pipeline;

import io.iovc.check.CheckResult;
import io.iovc.check.CheckedConfig;
import io.iovc.diag.Diagnostic;
import io.iovc.nvlist.NvList;
import io.iovc.nvlist.NvPacker;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.SyntaxTree;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the pipeline knows about one file, as {@link Pipeline#analyze} computed it: the tree,
 * the schema and why it was chosen, every diagnostic, the accepted configuration (when there is no
 * error) and, on demand, its nvlist and packed bytes. Immutable apart from the memoised packing.
 */
public final class Analysis {
  private final SyntaxTree tree;
  private final SchemaChoice.Choice choice;
  private final CheckResult check;
  private final Pipeline.Result result;
  private final List<Diagnostic> diagnostics;
  private byte[] packed;

  Analysis(SyntaxTree tree, SchemaChoice.Choice choice, CheckResult check, Pipeline.Result result) {
    this.tree = tree;
    this.choice = choice;
    this.check = check;
    this.result = result;
    List<Diagnostic> all = new ArrayList<>();
    if (choice.problem() != null) all.add(choice.problem());
    all.addAll(result != null ? result.diagnostics() : check.diagnostics());
    this.diagnostics = List.copyOf(all);
  }

  public SyntaxTree tree() {
    return tree;
  }

  public SourceText source() {
    return tree.source();
  }

  /** The schema the file was checked against, or null when nothing chose one. */
  public Schema schema() {
    return choice.schema();
  }

  /** Which row of the schema table chose (or {@link SchemaChoice.Source#NONE}). */
  public SchemaChoice.Source chosenBy() {
    return choice.source();
  }

  /** Why: "PF.device ixl0", "the `iovc: driver=` comment", "the Linux driver i40e"… */
  public String why() {
    return choice.how();
  }

  /** The diagnostic saying why no schema could be chosen (it is also the first diagnostic). */
  public Diagnostic schemaProblem() {
    return choice.problem();
  }

  /** Every diagnostic, in the order front ends print them. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public boolean hasErrors() {
    for (Diagnostic d : diagnostics) {
      if (d.isError()) return true;
    }
    return false;
  }

  /** The checker's verdict (against no schema when none was chosen). */
  public CheckResult check() {
    return check;
  }

  /** Check, lowering and the size limit, or null when no schema was chosen. */
  public Pipeline.Result result() {
    return result;
  }

  /** The accepted configuration, or null while the file has errors (or no schema). */
  public CheckedConfig config() {
    return result == null ? null : check.config();
  }

  /** The lowered nvlist, or null unless the file is accepted and within the size limit. */
  public NvList nvlist() {
    return result == null ? null : result.config();
  }

  /** The packed bytes (little-endian, as amd64/arm64 kernels take them), packed on first use. */
  public synchronized byte[] packed() {
    NvList nv = nvlist();
    if (nv == null) return null;
    if (packed == null) packed = NvPacker.pack(nv);
    return packed;
  }

  /** The packed bytes in a host's byte order. */
  public byte[] packed(ByteOrder order) {
    if (order == ByteOrder.LITTLE_ENDIAN) return packed();
    NvList nv = nvlist();
    return nv == null ? null : NvPacker.pack(nv, order);
  }
}
