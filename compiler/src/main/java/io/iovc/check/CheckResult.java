package io.iovc.check;

import io.iovc.diag.Diagnostic;
import io.iovc.schema.Schema;
import io.iovc.syntax.SyntaxTree;
import java.util.List;

/**
 * The checker's verdict on one file: every diagnostic (syntax included, suppressions applied) and,
 * when there is no error, the accepted configuration.
 */
public record CheckResult(
    SyntaxTree tree, Schema schema, List<Diagnostic> diagnostics, CheckedConfig config) {
  public CheckResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    for (Diagnostic d : diagnostics) {
      if (d.isError()) return true;
    }
    return false;
  }

  public long errorCount() {
    long n = 0;
    for (Diagnostic d : diagnostics) {
      if (d.isError()) n++;
    }
    return n;
  }

  public long warningCount() {
    return diagnostics.size() - errorCount();
  }
}
