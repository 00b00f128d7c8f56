package io.iovc.syntax;

import static io.iovc.syntax.SyntaxDiagnostics.refused;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.source.SourceText;
import io.iovc.source.Span;

/**
 * The words of the syntax stage's diagnostics about macros ({@code .priority}, {@code .include}…):
 * one factory per code; {@link UclScanner} decides when.
 */
final class MacroDiagnostics {
  private MacroDiagnostics() {}

  /** IOV111: a macro libucl refuses ({@code .name value}). */
  static final class BadMacro {
    private BadMacro() {}

    /** A {@code .} where a key starts, without a macro name. */
    static Diagnostic noName(SourceText src, int dot, int e) {
      return refused(
              Codes.BAD_MACRO,
              src,
              dot,
              e,
              "a `.` at the start of a key begins a macro, but no macro name follows",
              "invalid macro name")
          .help("keys cannot start with `.`; quote the key or remove the dot")
          .build();
    }

    /** A macro name libucl does not know. */
    static Diagnostic unknown(SourceText src, int dot, int e, String name) {
      return refused(
              Codes.BAD_MACRO,
              src,
              dot,
              e,
              "unknown macro `." + name + "`",
              "unknown macro: '" + name + "'")
          .label("not a libucl macro")
          .help(
              "libucl knows .include, .try_include, .includes, .priority, .load and .inherit; keys cannot start with `.`")
          .build();
    }

    /** The text inside the parentheses is not valid UCL. */
    static Diagnostic arguments(SourceText src, int s, int e) {
      return refused(
              Codes.BAD_MACRO,
              src,
              s,
              e,
              "the macro arguments are not valid UCL",
              "macro arguments parsing error")
          .build();
    }

    /** The arguments of {@code .name} could not be read at all. */
    static Diagnostic argumentsOf(SourceText src, int dot, int e, String name) {
      return refused(
              Codes.BAD_MACRO,
              src,
              dot,
              e,
              "the arguments of `." + name + "` are not valid UCL",
              "macro arguments parsing error")
          .build();
    }

    /** The file ends where the value of {@code .name} should be. */
    static Diagnostic noValue(SourceText src, int dot, String name) {
      return refused(
              Codes.BAD_MACRO,
              src,
              dot,
              src.length(),
              "the macro `." + name + "` has no value",
              "unexpected end of input while parsing macro value")
          .build();
    }

    /** A macro body in braces without its closing brace. */
    static Diagnostic bodyNeverClosed(SourceText src, int s) {
      return refused(
              Codes.BAD_MACRO,
              src,
              s,
              src.length(),
              "the macro body is never closed",
              "unterminated macro value, missing '}'")
          .build();
    }

    /** {@code .priority} with a value that is not a whole number. */
    static Diagnostic priorityNotNumber(SourceText src, Span where, String value) {
      return refused(
              Codes.BAD_MACRO,
              src,
              where.start(),
              where.end(),
              "`.priority` needs a whole number",
              "Invalid priority value in macro: " + value)
          .help("write e.g. `.priority 5` on a line of its own")
          .build();
    }

    /** {@code .priority} without a value. */
    static Diagnostic priorityMissing(SourceText src, Span where) {
      return refused(
              Codes.BAD_MACRO,
              src,
              where.start(),
              where.end(),
              "`.priority` needs a value",
              "Unable to parse priority macro")
          .build();
    }
  }

  /** IOV112: {@code .include} and its kin, which iovc does not follow. */
  static Diagnostic unsupportedMacro(int dot, int e, String name) {
    return Diagnostic.of(
            Codes.UNSUPPORTED_MACRO, new Span(dot, e), "iovc does not follow `." + name + "`")
        .label("refused")
        .note(
            "iovctl reads the included file relative to its current directory (/ at boot), twice, and a mistake there is reported as a failure to open this file")
        .help(
            "put the settings in this file; one file per PF keeps what iovc checks and what the kernel gets in agreement")
        .build();
  }
}
