package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.golden.harness.Golden;
import java.nio.file.Path;
import java.util.List;

/**
 * The language server's golden documents, {@code cases/lsp/NAME.approved.txt}: what it answers
 * (diagnostics, completion, hover, quick fixes) for documents with a caret, written by the tests of
 * this package and compared by the one harness ({@link Golden}). They run in their own surefire
 * execution whose class path has only {@link #PLUGINS} (see the pom).
 */
final class LspDocuments {
  static final Path DIR = Path.of(System.getProperty("golden.cases", "cases"), "lsp");

  /** The plugins the documents are written with: those of the language server's own tests. */
  static final List<String> PLUGINS = List.of("cxgbe", "ixl", "mlx5");

  private LspDocuments() {}

  static void verify(String name, String document) {
    List<String> present =
        Fixture.PLUGINS.plugins().stream().map(l -> l.plugin().name()).sorted().toList();
    assertEquals(
        PLUGINS,
        present,
        "the language server's documents are written with the "
            + PLUGINS
            + " plugins only; run them with `mvn test -pl golden` (execution lsp-documents)");
    Golden.verify(DIR.resolve(name + Golden.APPROVED), document);
  }
}
