package io.iovc.diag.render;

import io.iovc.diag.Diagnostic;
import io.iovc.source.SourceText;
import java.util.List;

/** A checked file and what was found in it: what every renderer of several files takes. */
public record FileResult(SourceText source, List<Diagnostic> diagnostics) {
  public FileResult {
    diagnostics = List.copyOf(diagnostics);
  }
}
