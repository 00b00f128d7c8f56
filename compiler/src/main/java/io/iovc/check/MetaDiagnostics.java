package io.iovc.check;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.source.Span;

/**
 * The words of the diagnostics about the report itself rather than the file: suppression comments
 * ({@link Suppressions}) and the cap on findings per file ({@link Checker}). One factory per code.
 */
final class MetaDiagnostics {
  private MetaDiagnostics() {}

  /** IOV007: more findings than are shown; {@code max} are kept. */
  static Diagnostic tooMany(Span at, int more, int max) {
    return Diagnostic.of(Codes.TOO_MANY, at, more + " more problems are not shown")
        .help("fix these and check again; --format json lists the same first " + max)
        .build();
  }
}
