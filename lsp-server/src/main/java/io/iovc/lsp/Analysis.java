package io.iovc.lsp;

import io.iovc.check.CheckedConfig;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.pipeline.Pipeline;
import io.iovc.pipeline.SchemaChoice;
import io.iovc.pipeline.SchemaRequest;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.Ucl;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the core says about one version of a document, computed exactly as {@code iovc check} does
 * (parse, choose the schema, {@link Pipeline#check}): the tree, the schema and how it was chosen,
 * every diagnostic, and the accepted configuration when there is no error. Immutable.
 */
final class Analysis {
  final String uri;
  final int version;
  final SourceText src;
  final SyntaxTree tree;
  final Positions pos;

  /** The schema the file is checked against, or null when nothing chooses one. */
  final Schema schema;

  /** How the schema was chosen, for hovers: "PF.device ixl0", "the iovc.driver setting"… */
  final String schemaHow;

  /** The pipeline's result, or null without a schema. */
  final Pipeline.Result result;

  /** Exactly the diagnostics {@code iovc check} prints for this text. */
  final List<Diagnostic> diagnostics;

  /** The file was larger than the server analyses: {@link #tree} is of an empty text. */
  final boolean tooLarge;

  private Analysis(
      String uri,
      int version,
      SourceText src,
      SyntaxTree tree,
      Positions pos,
      Schema schema,
      String how,
      Pipeline.Result result,
      List<Diagnostic> diagnostics,
      boolean tooLarge) {
    this.uri = uri;
    this.version = version;
    this.src = src;
    this.tree = tree;
    this.pos = pos;
    this.schema = schema;
    this.schemaHow = how;
    this.result = result;
    this.diagnostics = List.copyOf(diagnostics);
    this.tooLarge = tooLarge;
  }

  /**
   * Analyses a text through {@link Pipeline#analyze}. {@code live} maps PF.device to the live
   * kernel schema (FreeBSD, device present) or is null; {@code driverSetting} applies only when the
   * file itself (PF.device, modeline) chooses none.
   */
  static Analysis of(
      String uri,
      int version,
      String name,
      String text,
      Map<String, String> vars,
      PluginRegistry registry,
      Function<String, Schema> live,
      String driverSetting,
      Positions.Encoding enc) {
    SourceText src = SourceText.of(name, text);
    io.iovc.pipeline.Analysis a =
        Pipeline.analyze(
            src, vars, SchemaRequest.of(registry).withLive(live).withEditorDriver(driverSetting));
    Positions pos = new Positions(src, enc);
    return new Analysis(
        uri, version, src, a.tree(), pos, a.schema(), a.why(), a.result(), a.diagnostics(), false);
  }

  /** The stand-in for a document too large to analyse: one diagnostic, nothing else. */
  static Analysis tooLarge(
      String uri,
      int version,
      String name,
      long size,
      long max,
      String dropped,
      Positions.Encoding enc) {
    SourceText src = SourceText.of(name, "");
    SyntaxTree tree = Ucl.parse(src);
    String why;
    String help;
    if ("memory".equals(dropped)) {
      why = "the language server ran out of memory checking this " + size + "-byte file";
      help = "run `iovc check` on it, or give the server more heap (IOVC_JAVA_OPTS=-Xmx256m)";
    } else if ("message".equals(dropped)) {
      why =
          "the editor sent "
              + size
              + " bytes for this file, more than the language server reads in one message";
      help = "run `iovc check` on it, or give the server more heap (IOVC_JAVA_OPTS=-Xmx256m)";
    } else {
      why =
          "the file is "
              + size
              + " bytes; the language server checks files up to "
              + max
              + " bytes";
      help = "run `iovc check` on it, or raise the iovc.maxFileSize setting";
    }
    Diagnostic d =
        Diagnostic.of(Codes.UNREADABLE, Span.at(0), name + ": " + why).help(help).build();
    return new Analysis(
        uri, version, src, tree, new Positions(src, enc), null, "none", null, List.of(d), true);
  }

  /** The schema for completion and hover: the file's, else the parameters every driver has. */
  Schema schemaOrIov() {
    return schema != null ? schema : SchemaChoice.GENERIC;
  }

  /** The accepted configuration, or null while the file has errors. */
  CheckedConfig config() {
    return result == null ? null : result.check().config();
  }

  /** Driver name for messages: "ixl", or a description of a schema without a plugin. */
  String driverName() {
    if (schema == null) return null;
    return schema.plugin() != null ? schema.plugin().name() : schema.origin();
  }
}
