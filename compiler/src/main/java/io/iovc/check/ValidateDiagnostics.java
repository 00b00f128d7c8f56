package io.iovc.check;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;

/**
 * The words of the diagnostics of iovctl's validate_config (required parameters, num_vfs, the VF
 * sections left over) and of schemas iovctl cannot use. One factory per code; {@link
 * ValidateConfig} and {@link AddConfig} decide when.
 */
final class ValidateDiagnostics {
  private ValidateDiagnostics() {}

  /** IOV006: the schema is invalid where iovctl uses it; iovctl aborts. */
  static final class BadSchema {
    private BadSchema() {}

    /** A parameter's schema entry has no TYPE string (add_config). */
    static Diagnostic noType(Span at, String name) {
      return Diagnostic.of(Codes.BAD_SCHEMA, at, "the schema entry for `" + name + "` has no type")
          .label("iovctl aborts here")
          .build();
    }

    /** A schema entry is not an nvlist or has no boolean REQUIRED (validate_config). */
    static Diagnostic malformed(Span at, String name) {
      return Diagnostic.of(
              Codes.BAD_SCHEMA, at, "the schema entry `" + Ascii.display(name) + "` is malformed")
          .label("iovctl aborts when it validates against this schema")
          .build();
    }

    /** The schema's num_vfs is not a number type, so nvlist_get_number aborts. */
    static Diagnostic numVfsNotNumber(Span at) {
      return Diagnostic.of(
              Codes.BAD_SCHEMA,
              at,
              "the schema gives num_vfs a type iovctl cannot read as a number")
          .label("iovctl aborts here")
          .help(
              "the schema is wrong, not the file: num_vfs is uint16_t in every kernel; check where the schema came from")
          .build();
    }
  }
}
