package io.iovc.syntax;

import static io.iovc.syntax.SyntaxDiagnostics.refused;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.source.SourceText;
import io.iovc.source.Span;

/**
 * The words of the syntax stage's diagnostics about text that runs to a closing mark: quoted
 * strings and their escapes, block comments, heredocs. One factory per code; {@link UclScanner}
 * decides when.
 */
final class StringDiagnostics {
  private StringDiagnostics() {}

  /** IOV101: a quoted string without its closing quote. */
  static final class UnterminatedString {
    private UnterminatedString() {}

    /** A double-quoted string reaches the end of its line ({@code nl}). */
    static Diagnostic atLineEnd(SourceText src, int openQuote, int nl, boolean crlf) {
      return refused(
              Codes.UNTERMINATED_STRING,
              src,
              openQuote,
              nl,
              "this string has no closing `\"` on its line",
              "unexpected newline")
          .label("the line ends inside the string")
          .help("add the closing `\"`; a line break inside quotes must be written `\\n`")
          .fix(Fix.guess("close the string", new Edit(Span.at(crlf ? nl - 1 : nl), "\"")))
          .build();
    }

    /** A double-quoted string reaches the end of the file. */
    static Diagnostic neverClosed(SourceText src, int openQuote) {
      return refused(
              Codes.UNTERMINATED_STRING,
              src,
              openQuote,
              src.length(),
              "this string is never closed",
              "no quote at the end of json string")
          .label("opened here")
          .help("add the closing `\"`")
          .build();
    }

    /** A single-quoted string reaches the end of the file; iovc marks its first line. */
    static Diagnostic singleQuoted(SourceText src, int openQuote, int lineEnd) {
      return refused(
              Codes.UNTERMINATED_STRING,
              src,
              openQuote,
              Math.max(openQuote + 1, lineEnd),
              "this single-quoted string is never closed",
              "no quote at the end of single quoted string")
          .label("opened here")
          .help("add the closing `'`")
          .build();
    }
  }

  /** IOV102: a control character (not a line break) inside a double-quoted string. */
  static Diagnostic controlInString(SourceText src, int at, int ch) {
    return refused(
            Codes.CONTROL_IN_STRING,
            src,
            at,
            at + 1,
            SyntaxDiagnostics.describe(ch) + " inside a quoted string",
            "unexpected control character")
        .help("write control characters as escapes, e.g. `\\t`")
        .build();
  }

  /** IOV103: an escape sequence libucl refuses. */
  static final class BadEscape {
    private BadEscape() {}

    /** The file ends after a backslash. */
    static Diagnostic endsInside(SourceText src, int s, int e) {
      return refused(
              Codes.BAD_ESCAPE,
              src,
              s,
              e,
              "the file ends inside an escape sequence",
              "unfinished escape character")
          .build();
    }

    /** {@code \\u} without four hex digits. */
    static Diagnostic badUnicode(SourceText src, int s, int e) {
      return refused(
              Codes.BAD_ESCAPE,
              src,
              s,
              e,
              "`\\u` must be followed by four hex digits",
              "invalid utf escape")
          .help("write e.g. `\\u00e9`")
          .build();
    }
  }

  /**
   * IOV104: a block comment that is never closed; {@code quoted}: a {@code "} inside it started a
   * quoted part that hides its {@code *}{@code /}.
   */
  static Diagnostic unterminatedComment(SourceText src, int open, boolean quoted) {
    return refused(
            Codes.UNTERMINATED_COMMENT,
            src,
            open,
            open + 2,
            "this block comment is never closed",
            "unfinished multiline comment")
        .label("opened here; it swallows the rest of the file")
        .help(
            quoted
                ? "a `\"` inside the comment started a quoted part that never ends; libucl skips `*/` inside quotes"
                : "block comments nest in UCL: every `/*` needs its own `*/`")
        .build();
  }

  /** IOV105: a heredoc ({@code <<TAG}) that is never closed. */
  static final class UnterminatedHeredoc {
    private UnterminatedHeredoc() {}

    /** {@code <<TAG} runs to the end of the file without a line break. */
    static Diagnostic noLineBreak(SourceText src, int open) {
      return refused(
              Codes.UNTERMINATED_HEREDOC,
              src,
              open,
              src.length(),
              "the heredoc never starts: `<<TAG` must be followed by a line break",
              "unterminated multiline value")
          .help("write `<<EOD`, the text on the following lines, then `EOD` alone on a line")
          .build();
    }

    /** No line holding only {@code tag} (after at least one line of text). */
    static Diagnostic noClosingLine(SourceText src, int open, int tagEnd, String tag) {
      return refused(
              Codes.UNTERMINATED_HEREDOC,
              src,
              open,
              tagEnd,
              "this heredoc has no closing `" + tag + "` line",
              "unterminated multiline value")
          .label("opened here")
          .help(
              "end the text with a line holding only `"
                  + tag
                  + "` (and at least one line of text before it)")
          .build();
    }
  }
}
