package io.iovc.lsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics the server publishes for {@code examples/mistakes.conf}, as a golden document:
 * ranges, severities, codes, links, tags, the message with its notes and help, related places.
 */
class DiagnosticsGoldenTest {
  private final IovcLanguageService svc = Fixture.service();

  @Test
  void mistakesConf() throws IOException {
    Path p = Path.of("../examples/mistakes.conf").toAbsolutePath().normalize();
    String text = Files.readString(p);
    PublishDiagnosticsParams params =
        svc.diagnostics(Fixture.doc("file:///etc/iov/ixl1.conf", text));
    StringBuilder sb = new StringBuilder();
    for (org.eclipse.lsp4j.Diagnostic d : params.getDiagnostics()) {
      sb.append(Fixture.range(d.getRange()))
          .append(' ')
          .append(d.getSeverity())
          .append(' ')
          .append(d.getCode().getLeft())
          .append(' ')
          .append(d.getCodeDescription().getHref())
          .append(d.getTags() == null ? "" : " " + d.getTags())
          .append('\n');
      for (String line : d.getMessage().getLeft().split("\n"))
        sb.append("  ").append(line).append('\n');
      if (d.getRelatedInformation() != null) {
        for (var r : d.getRelatedInformation())
          sb.append("  related ")
              .append(Fixture.range(r.getLocation().getRange()))
              .append(": ")
              .append(r.getMessage())
              .append('\n');
      }
    }
    LspDocuments.verify("diagnostics-mistakes", sb.toString());
  }
}
