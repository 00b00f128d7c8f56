package io.iovc.golden;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Severity;
import io.iovc.diag.render.HumanRenderer;
import io.iovc.format.Formatter;
import io.iovc.golden.harness.Golden;
import io.iovc.pipeline.Analysis;
import io.iovc.pipeline.DryRun;
import io.iovc.pipeline.Pipeline;
import io.iovc.pipeline.SchemaRequest;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.Ucl;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden cases, reviewed as documents (Pkl's snippet tests, compared by {@link Golden}). Each
 * {@code cases/<group>/<name>.conf} has {@code <name>.approved.txt} beside it: the input with line
 * numbers, what {@code iovc check} says (source line, carets, message, help), the verdict, and for
 * accepted files the {@code iovctl -C -n} listing and the packed bytes; cases under {@code fmt/}
 * show the formatter's output instead. An optional first line {@code # golden: --driver ix} or
 * {@code # golden: --schema NAME.txt} picks the schema (relative to the case's directory).
 *
 * <p>A change in output writes {@code <name>.received.txt} and fails; review the diff and rename it
 * to approve it, or run with {@code -Dgolden.approve=true} to approve everything. The language
 * server's documents ({@code cases/lsp/}) are written by the tests in {@code io.iovc.lsp}.
 */
class GoldenTest {
  private static final Path CASES = Path.of(System.getProperty("golden.cases", "cases"));
  private static final PluginRegistry PLUGINS = PluginRegistry.classPath();

  @TestFactory
  Stream<DynamicTest> cases() {
    return Golden.forEachInput(CASES, ".conf", GoldenTest::document);
  }

  static String document(Path file) throws IOException {
    String rel = CASES.relativize(file).toString().replace(File.separatorChar, '/');
    byte[] bytes = Files.readAllBytes(file);
    SourceText src = new SourceText(rel, bytes);
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("FILENAME", "/etc/iov/" + file.getFileName());
    vars.put("CURDIR", "/etc/iov");
    SyntaxTree tree = Ucl.parse(src, vars);
    StringBuilder doc = new StringBuilder();
    doc.append("golden case ").append(rel).append('\n');
    String header = src.lineCount() > 0 ? src.lineText(1) : "";
    Schema explicit = null;
    if (header.startsWith("# golden:")) {
      String[] words = header.substring(9).trim().split("\\s+");
      for (int i = 0; i + 1 < words.length; i += 2) {
        if (words[i].equals("--driver"))
          explicit = Schema.fromPlugin(PLUGINS.byName(words[i + 1]).orElseThrow().plugin());
        if (words[i].equals("--schema")) {
          try {
            explicit =
                Schema.fromFile(
                    Files.readAllBytes(file.resolveSibling(words[i + 1])), words[i + 1]);
          } catch (io.iovc.schema.SchemaException e) {
            throw new IOException(e);
          }
        }
      }
    }
    section(doc, "input");
    for (int l = 1; l <= src.lineCount(); l++) {
      if (l == src.lineCount() && src.lineStart(l) == src.length()) break;
      int end = l < src.lineCount() ? src.lineStart(l + 1) - 1 : src.length();
      boolean cr = end > src.lineStart(l) && src.bytes()[end - 1] == '\r' && end < src.length();
      doc.append(String.format("%3d | ", l))
          .append(HumanRenderer.display(src.lineText(l)))
          .append(cr ? "␍" : "")
          .append('\n');
    }
    if (rel.startsWith("fmt/")) {
      section(doc, "iovc fmt");
      try {
        doc.append(
            new String(Formatter.format(tree, vars), StandardCharsets.UTF_8).replace("\t", "→   "));
      } catch (Formatter.FormatException e) {
        doc.append("not formatted: ").append(e.getMessage()).append('\n');
      }
      return doc.toString();
    }
    Analysis a = Pipeline.analyze(tree, SchemaRequest.of(PLUGINS).withExplicit(explicit));
    List<Diagnostic> diags = a.diagnostics();
    doc.append("schema: ")
        .append(
            a.schema() == null
                ? "none"
                : a.schema().origin()
                    + (explicit != null ? " (chosen by the golden: line)" : " (" + a.why() + ")"))
        .append('\n');
    section(doc, "iovc check");
    HumanRenderer r = new HumanRenderer(false);
    if (diags.isEmpty()) doc.append("(no diagnostics)\n");
    for (int i = 0; i < diags.size(); i++) {
      if (i > 0) doc.append('\n');
      doc.append(r.render(src, diags.get(i)));
    }
    if (rel.startsWith("paste/")) fixed(doc, src, vars, explicit);
    long errors = diags.stream().filter(d -> d.severity() == Severity.ERROR).count();
    long warnings = diags.stream().filter(d -> d.severity() == Severity.WARNING).count();
    long notes = diags.size() - errors - warnings;
    section(doc, "verdict");
    if (errors > 0 || a.packed() == null) {
      doc.append("refused (")
          .append(errors)
          .append(" error")
          .append(errors == 1 ? "" : "s")
          .append(", ")
          .append(warnings)
          .append(" warning")
          .append(warnings == 1 ? "" : "s")
          .append("): nothing is compiled\n");
      return doc.toString();
    }
    doc.append("accepted")
        .append(warnings > 0 ? " with " + warnings + " warning" + (warnings == 1 ? "" : "s") : "")
        .append(
            notes > 0
                ? (warnings > 0 ? " and " : " with ") + notes + " note" + (notes == 1 ? "" : "s")
                : "")
        .append('\n');
    section(doc, "iovctl -C -n");
    String listing = DryRun.listing(a.config().device(), a.nvlist(), a.packed().length);
    doc.append(new String(listing.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    section(doc, "packed (" + a.packed().length + " bytes)");
    hex(doc, a.packed());
    return doc.toString();
  }

  /**
   * Every non-fmt case against FreeBSD's own iovctl code (the oracle of IovctlDifferentialTest,
   * outside the repository; set IOVC_ORACLE): same verdict, and for accepted files the same listing
   * and bytes. The schema handed to the oracle is the case's schema packed by iovc.
   */
  @TestFactory
  @org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(
      named = "IOVC_ORACLE",
      matches = ".+")
  Stream<DynamicTest> casesAgreeWithIovctl() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(CASES)) {
      files =
          s.filter(
                  p ->
                      p.toString().endsWith(".conf")
                          && !CASES.relativize(p).toString().startsWith("fmt"))
              .sorted()
              .toList();
    }
    Path oracle = Path.of(System.getenv("IOVC_ORACLE"), "run.sh");
    return files.stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    CASES.relativize(p).toString(),
                    () -> {
                      String doc = document(p);
                      if (!doc.contains("\nschema: ") || doc.contains("\nschema: none")) return;
                      String header =
                          Files.readAllLines(p, StandardCharsets.ISO_8859_1).stream()
                              .findFirst()
                              .orElse("");
                      SourceText src = new SourceText(p.toString(), Files.readAllBytes(p));
                      SyntaxTree tree = Ucl.parse(src, Ucl.fileVariables(p));
                      Schema explicit = null;
                      if (header.startsWith("# golden: --driver "))
                        explicit =
                            Schema.fromPlugin(
                                PLUGINS.byName(header.substring(19).trim()).orElseThrow().plugin());
                      if (header.startsWith("# golden: --schema "))
                        explicit =
                            Schema.fromFile(
                                Files.readAllBytes(p.resolveSibling(header.substring(19).trim())),
                                "x");
                      Schema schema =
                          Pipeline.analyze(tree, SchemaRequest.of(PLUGINS).withExplicit(explicit))
                              .schema();
                      Path blob = Files.createTempFile("golden-schema", ".bin");
                      Files.write(blob, io.iovc.nvlist.NvPacker.pack(schema.nvlist()));
                      Process proc =
                          new ProcessBuilder(oracle.toString(), blob.toString(), p.toString())
                              .start();
                      String out =
                          new String(
                              proc.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                      proc.waitFor();
                      boolean iovctlAccepts = out.startsWith("exit=0\n");
                      Analysis r =
                          Pipeline.analyze(
                              tree,
                              SchemaRequest.only(schema, PLUGINS).withMaxSize(Long.MAX_VALUE));
                      org.junit.jupiter.api.Assertions.assertEquals(
                          iovctlAccepts, !r.hasErrors(), "verdict differs from iovctl:\n" + out);
                      if (iovctlAccepts) {
                        String stdout =
                            out.substring(out.indexOf("stdout:\n") + 8, out.indexOf("stderr:\n"));
                        org.junit.jupiter.api.Assertions.assertEquals(
                            stdout,
                            DryRun.listing(r.config().device(), r.nvlist(), r.packed().length));
                        org.junit.jupiter.api.Assertions.assertEquals(
                            out.substring(out.indexOf("packed: ") + 8).strip(),
                            java.util.HexFormat.of().formatHex(r.packed()));
                      }
                    }));
  }

  /**
   * What {@code iovc check --fix} makes of a pasted file: the fixes applied (machine-applicable
   * ones only, repeated until none is left) and the file they give, with what still remains.
   */
  private static void fixed(
      StringBuilder doc, SourceText src, Map<String, String> vars, Schema explicit) {
    section(doc, "iovc check --fix");
    java.util.function.Function<SourceText, List<Diagnostic>> check =
        text ->
            Pipeline.analyze(text, vars, SchemaRequest.of(PLUGINS).withExplicit(explicit))
                .diagnostics();
    io.iovc.diag.FixApplier.Result r = io.iovc.diag.FixApplier.fixAll(src, check);
    if (!r.changed()) {
      doc.append("(no machine-applicable fix)\n");
      return;
    }
    for (io.iovc.diag.FixApplier.Applied a : r.applied())
      doc.append(a.code()).append(' ').append(a.title()).append('\n');
    doc.append("fixed file:\n");
    SourceText after = new SourceText(src.name(), r.bytes());
    for (int l = 1; l <= after.lineCount(); l++) {
      if (l == after.lineCount() && after.lineStart(l) == after.length()) break;
      doc.append(String.format("%3d | ", l))
          .append(HumanRenderer.display(after.lineText(l)))
          .append('\n');
    }
    List<Diagnostic> left = check.apply(after);
    long e = left.stream().filter(Diagnostic::isError).count();
    doc.append("then: ")
        .append(e == 0 ? "no errors" : e + " error" + (e == 1 ? "" : "s"))
        .append(", ")
        .append(left.size() - e)
        .append(" other finding")
        .append(left.size() - e == 1 ? "" : "s")
        .append(
            left.isEmpty()
                ? ""
                : " ("
                    + String.join(", ", left.stream().map(d -> d.code().id()).distinct().toList())
                    + ")")
        .append('\n');
  }

  private static void section(StringBuilder doc, String title) {
    doc.append("\n── ")
        .append(title)
        .append(' ')
        .append("─".repeat(Math.max(3, 60 - title.length())))
        .append('\n');
  }

  private static void hex(StringBuilder doc, byte[] b) {
    for (int off = 0; off < b.length; off += 16) {
      doc.append(String.format("%08x: ", off));
      StringBuilder ascii = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        if (off + i < b.length) {
          int v = b[off + i] & 0xff;
          doc.append(String.format("%02x ", v));
          ascii.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
        } else {
          doc.append("   ");
        }
      }
      doc.append(' ').append(ascii).append('\n');
    }
  }
}
