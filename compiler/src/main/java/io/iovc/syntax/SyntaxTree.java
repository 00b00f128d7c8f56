package io.iovc.syntax;

import io.iovc.diag.Diagnostic;
import io.iovc.source.SourceText;
import java.util.List;

/**
 * Result of the syntax stage: the tree (always present, even for broken input), every token
 * including whitespace and comments (for the formatter and the language server), and the syntax
 * diagnostics. libucl accepts the file exactly when {@link #hasErrors()} is false.
 */
public record SyntaxTree(
    SourceText source, UValue root, List<UclToken> tokens, List<Diagnostic> diagnostics) {

  public SyntaxTree {
    tokens = List.copyOf(tokens);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    for (Diagnostic d : diagnostics) {
      if (d.isError()) return true;
    }
    return false;
  }
}
