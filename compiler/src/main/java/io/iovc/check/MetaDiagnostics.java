package io.iovc.check;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.source.Span;

/**
 * The words of the diagnostics about the report itself rather than the file: suppression comments
 * ({@link Suppressions}) and the cap on findings per file ({@link Checker}). One factory per code.
 */
final class MetaDiagnostics {
  private MetaDiagnostics() {}

  /** IOV002: a suppression names a code that cannot be disabled. */
  static final class UnknownSuppression {
    private UnknownSuppression() {}

    /** No iovc diagnostic has this code. */
    static Diagnostic unknownCode(Span at, String id) {
      return Diagnostic.of(
              Codes.UNKNOWN_SUPPRESSION, at, "`" + id + "` is not an iovc diagnostic code")
          .label("unknown code")
          .help("run `iovc explain` with a code from iovc's output, e.g. IOV228")
          .build();
    }

    /** The code is an error: iovctl refuses such files, whatever a comment says. */
    static Diagnostic errorCode(Span at, String id) {
      return Diagnostic.of(
              Codes.UNKNOWN_SUPPRESSION, at, id + " is an error and cannot be disabled")
          .label("iovctl refuses such files")
          .help(
              "fix the problem instead; a comment cannot make iovctl or the kernel accept the file")
          .build();
    }
  }

  /**
   * IOV001: a suppression that hides nothing; {@code wholeFile} for a file-wide directive. {@code
   * comment} is the comment to remove, or null when it disables other codes too; removing it is
   * sure when it holds nothing but the directive ({@code onlyDirective}), a guess when it also says
   * why.
   */
  static Diagnostic unusedSuppression(
      Span at, String id, boolean wholeFile, Span comment, boolean onlyDirective) {
    return Diagnostic.of(
            Codes.UNUSED_SUPPRESSION,
            at,
            "`"
                + id
                + "` is disabled here but nothing "
                + (wholeFile ? "in the file" : "below it")
                + " reports it")
        .label("unused")
        .help("remove it so that the warning shows again when it applies")
        .fix(
            comment == null
                ? null
                : onlyDirective
                    ? Fix.safe("remove the suppression comment", new Edit(comment, ""))
                    : Fix.guess("remove the suppression comment", new Edit(comment, "")))
        .build();
  }

  /** IOV007: more findings than are shown; {@code max} are kept. */
  static Diagnostic tooMany(Span at, int more, int max) {
    return Diagnostic.of(Codes.TOO_MANY, at, more + " more problems are not shown")
        .help("fix these and check again; --format json lists the same first " + max)
        .build();
  }
}
