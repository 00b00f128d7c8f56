package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Diagnostic;
import io.iovc.pipeline.Pipeline;
import io.iovc.pipeline.SchemaChoice;
import io.iovc.source.SourceText;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.Ucl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.Test;

/**
 * The server's diagnostics are the checker's: same codes, messages and places as {@code iovc
 * check}.
 */
class DiagnosticsTest {
  private final IovcLanguageService svc = Fixture.service();

  /** What {@code iovc check} computes for a file (cli.Analysis without options). */
  private static List<Diagnostic> cli(Path p, byte[] bytes) {
    SyntaxTree tree = Ucl.parse(new SourceText(p.toString(), bytes), Ucl.fileVariables(p));
    SchemaChoice.Choice c = SchemaChoice.choose(tree, Fixture.PLUGINS, null, null);
    if (c.schema() == null) {
      List<Diagnostic> d = new ArrayList<>(io.iovc.check.Checker.check(tree, null).diagnostics());
      if (c.problem() != null) d.add(0, c.problem());
      return d;
    }
    return Pipeline.check(tree, c.schema(), Pipeline.DEFAULT_MAX_CONFIG).diagnostics();
  }

  @Test
  void sameAsTheCliForEveryExampleAndGoldenCase() throws IOException {
    List<Path> files;
    try (Stream<Path> s =
        Stream.concat(Files.walk(Path.of("../examples")), Files.walk(Path.of("../golden/cases")))) {
      files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
    assertTrue(files.size() >= 4, files.toString());
    int compared = 0;
    for (Path p : files) {
      byte[] bytes = Files.readAllBytes(p);
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.startsWith("# golden:")
          || !java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) continue;
      Path abs = p.toAbsolutePath().normalize();
      Document d = Fixture.doc(abs.toUri().toString(), text);
      List<org.eclipse.lsp4j.Diagnostic> lsp = svc.diagnostics(d).getDiagnostics();
      List<Diagnostic> core = cli(abs, bytes);
      assertEquals(core.size(), lsp.size(), p.toString());
      Positions pos = new Positions(new SourceText(p.toString(), bytes), Positions.Encoding.UTF16);
      for (int i = 0; i < core.size(); i++) {
        Diagnostic c = core.get(i);
        org.eclipse.lsp4j.Diagnostic l = lsp.get(i);
        assertEquals(c.code().id(), l.getCode().getLeft(), p + " #" + i);
        assertEquals(
            c.message(), l.getMessage().getLeft().lines().findFirst().orElse(""), p + " #" + i);
        assertEquals(pos.range(c.span()), l.getRange(), p + " #" + i);
        assertEquals(
            c.isError() ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, l.getSeverity());
        assertEquals("iovc", l.getSource());
        assertEquals(
            "https://iovc.invalid/explain/" + c.code().id(), l.getCodeDescription().getHref());
      }
      compared++;
    }
    assertTrue(compared >= 4);
  }

  @Test
  void tooLargeIsOneDiagnostic() {
    Settings s = Fixture.settings();
    s.maxFileSize = 100;
    IovcLanguageService small =
        new IovcLanguageService(
            Fixture.PLUGINS, s, new Explanations(s, null, Fixture.PLUGINS.codes()), null);
    Document d = Fixture.doc(Fixture.IXL);
    List<org.eclipse.lsp4j.Diagnostic> diags = small.diagnostics(d).getDiagnostics();
    assertEquals(1, diags.size());
    assertEquals("IOV003", diags.get(0).getCode().getLeft());
    assertTrue(
        diags
            .get(0)
            .getMessage()
            .getLeft()
            .contains("the language server checks files up to 100 bytes"),
        diags.get(0).getMessage().getLeft());
    assertTrue(small.completion(d, new org.eclipse.lsp4j.Position(1, 1)).getItems().isEmpty());
  }

  @Test
  void schemaFromTheDriverSettingOnlyWhenTheFileChoosesNone() {
    Settings s = Fixture.settings();
    s.driver = "cxgbe";
    IovcLanguageService svc2 =
        new IovcLanguageService(
            Fixture.PLUGINS, s, new Explanations(s, null, Fixture.PLUGINS.codes()), null);
    // no device: the setting applies
    Document noDevice = Fixture.doc("file:///tmp/a.conf", "VF-0 { vlan = 5; }\n");
    Analysis a = svc2.analyze(noDevice);
    assertEquals("cxgbe", a.driverName());
    assertEquals("the iovc.driver setting", a.schemaHow);
    // a device served by a plugin wins over the setting
    Analysis b = svc2.analyze(Fixture.doc(Fixture.IXL));
    assertEquals("ixl", b.driverName());
    // the modeline wins too
    Analysis c = svc2.analyze(Fixture.doc("file:///tmp/b.conf", "# iovc: driver=mlx5\nVF-0 { }\n"));
    assertEquals("mlx5", c.driverName());
  }

  @Test
  void liveSchemaWinsWhenTheHostHasTheDevice() {
    Settings s = Fixture.settings();
    s.liveSchema = true;
    String schemaText =
        "The following configuration parameters may be configured on the PF:\n\tnum_vfs : uint16_t (required)\n\tdevice : string (required)\n\n"
            + "The following configuration parameters may be configured on a VF:\n\tpassthrough : bool (default = false)\n\tfancy : bool (default = true)\n";
    LiveSchema live = new LiveSchema(s, dev -> dev.equals("ixl0") ? schemaText : null);
    IovcLanguageService svc2 =
        new IovcLanguageService(
            Fixture.PLUGINS, s, new Explanations(s, null, Fixture.PLUGINS.codes()), live);
    Analysis a =
        svc2.analyze(Fixture.doc(Fixture.IXL.replace("passthrough = true;", "fancy = false;")));
    assertEquals("the live schema of /dev/iov/ixl0", a.schema.origin());
    // num-queues and mac-addr are not in this card's live schema
    assertEquals(
        List.of("IOV201", "IOV201"), a.diagnostics.stream().map(d -> d.code().id()).toList());
  }
}
