package io.iovc.syntax;

import io.iovc.diag.Code;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.source.SourceText;
import io.iovc.source.Span;

/**
 * The words of the syntax stage's diagnostics about keys, values and their structure: what libucl
 * refuses (IOV1xx errors, each with libucl's own message as a note) and what it accepts but is
 * almost surely a mistake (IOV15x). Strings, comments and heredocs are in {@link
 * StringDiagnostics}, macros in {@link MacroDiagnostics}. One factory per code; {@link UclScanner}
 * and {@link Ucl} decide when.
 */
final class SyntaxDiagnostics {
  private SyntaxDiagnostics() {}

  /**
   * An error libucl reports with {@code libucl} (null: none), after which iovctl cannot open the
   * file. The span is clamped to the end of the file. Shared by the syntax stage's factories.
   */
  static Diagnostic.Builder refused(
      Code code, SourceText src, int s, int e, String message, String libucl) {
    int end = src.length();
    Diagnostic.Builder d =
        Diagnostic.of(code, new Span(Math.min(s, end), Math.min(e, end)), message);
    if (libucl != null) d.note("libucl: " + libucl);
    d.iovctl("Could not open '" + src.name() + "' for reading: <an unrelated errno>");
    return d;
  }

  /** IOV100: a syntax error without a more precise code. */
  static final class Syntax {
    private Syntax() {}

    /** The scanner stopped recording after {@link UclScanner#MAX_SYNTAX_ERRORS}. */
    static Diagnostic moreNotShown(int end, int dropped) {
      return Diagnostic.of(
              Codes.SYNTAX, Span.at(end), dropped + " more syntax errors are not shown")
          .label("the file ends here")
          .help("libucl stops at the first error; fix the first ones and check again")
          .build();
    }

    /** The grammar found a token it did not expect ({@code message} is ANTLR's). */
    static Diagnostic unexpected(int at, String message) {
      return Diagnostic.of(Codes.SYNTAX, Span.at(at), "unexpected input: " + message).build();
    }
  }

  /** IOV106: a key libucl refuses. */
  static final class BadKey {
    private BadKey() {}

    /** The file ends right after the key {@code key}. */
    static Diagnostic fileEndsAfterKey(SourceText src, String key) {
      int end = src.length();
      return refused(
              Codes.BAD_KEY,
              src,
              end,
              end,
              "the file ends right after the key `" + key + "`",
              "unfinished key")
          .label("a value should follow")
          .help("give the key a value, e.g. `key = value;`")
          .build();
    }

    /** A second {@code =} or {@code :} after a key. */
    static Diagnostic secondSeparator(SourceText src, int at, int ch) {
      return refused(
              Codes.BAD_KEY,
              src,
              at,
              at + 1,
              "a second `" + (char) ch + "` after the key",
              "unexpected '" + (char) ch + "' character")
          .label("extra separator")
          .help("write one `=` or `:` between a key and its value")
          .fix(Fix.safe("remove the extra `" + (char) ch + "`", new Edit(new Span(at, at + 1), "")))
          .build();
    }

    /** {@code ""} as a key. */
    static Diagnostic empty(SourceText src, int s, int e) {
      return refused(
              Codes.BAD_KEY, src, s, e, "a key must not be empty", "empty keys are not allowed")
          .label("empty key")
          .help("write a name between the quotes")
          .build();
    }

    /** A character that cannot start a key, where a key was expected. */
    static Diagnostic badStart(SourceText src, int at, int ch) {
      Diagnostic.Builder d =
          refused(
                  Codes.BAD_KEY,
                  src,
                  at,
                  at + 1,
                  describe(ch) + " cannot start a key",
                  "key must begin with a letter")
              .label("a key was expected here");
      if (ch == '\'') {
        d.help("keys cannot be single-quoted; use double quotes or no quotes");
      } else if (ch == '{') {
        d.help("a `{` block needs a name in front of it, e.g. `VF-0 { … }`");
      } else if (ch == 0) {
        d.help("remove the NUL byte; it is not text");
      } else {
        d.help("keys start with a letter, a digit, `/` or `_`");
      }
      return d.build();
    }

    /** A character that cannot be part of the key {@code key} written before it. */
    static Diagnostic badChar(SourceText src, int at, int ch, String key) {
      Diagnostic.Builder d =
          refused(
                  Codes.BAD_KEY,
                  src,
                  at,
                  at + 1,
                  describe(ch) + " cannot appear in a key",
                  "invalid character in a key")
              .label("the key `" + visible(key) + "` ends here");
      if (ch == '{' || ch == '[') {
        d.help("put a space between the key and `" + (char) ch + "` — libucl needs it")
            .fix(Fix.safe("insert a space", new Edit(Span.at(at), " ")));
      } else if (ch == '\n' || ch == '\r') {
        d.help("put the value on the same line as the key, or write `key = value`");
      } else {
        d.help("keys may contain letters, digits and `_ - . /`; quote anything else");
      }
      return d.build();
    }
  }

  /** IOV107: a key without its value. */
  static final class MissingValue {
    private MissingValue() {}

    /** The file ends after the key {@code key} and its separator. */
    static Diagnostic fileEndsBeforeValue(SourceText src, String key) {
      int end = src.length();
      return refused(
              Codes.MISSING_VALUE,
              src,
              end,
              end,
              "the file ends before the value of `" + key + "`",
              "unfinished key")
          .label("value expected")
          .help("write the value after the key")
          .build();
    }

    /** No value at {@code at}; {@code next} is the byte there, or -1 at the end of the file. */
    static Diagnostic empty(SourceText src, int at, int next) {
      Diagnostic.Builder d =
          refused(
                  Codes.MISSING_VALUE,
                  src,
                  at,
                  at,
                  "a value is missing here",
                  "string value must not be empty")
              .label("value expected");
      if (next < 0) {
        d.help("write a value before the end of the file");
      } else if (next == ';'
          || next == ','
          || next == '\n'
          || next == '\r'
          || next == '}'
          || next == ']') {
        d.help(
            "write a value before `"
                + (next == '\n' || next == '\r'
                    ? "the end of the line"
                    : String.valueOf((char) next))
                + "`; use `\"\"` for an empty string");
      } else {
        d.help("write a value; use `\"\"` for an empty string");
      }
      return d.build();
    }
  }

  /** IOV108: two values without {@code ;}, {@code ,} or a line break between them. */
  static Diagnostic missingDelimiter(SourceText src, int at) {
    return refused(
            Codes.MISSING_DELIMITER,
            src,
            at,
            at + 1,
            "a separator is missing before this",
            "delimiter is missing")
        .label("expected `;`, `,` or a line break before this")
        .help("end each value with `;` or a line break")
        .fix(Fix.guess("insert `;`", new Edit(Span.at(at), "; ")))
        .build();
  }

  /** A line that opens a top-level section: its indentation and the section's name. */
  private static final java.util.regex.Pattern SECTION_LINE =
      java.util.regex.Pattern.compile("([ \\t]*)((?i:PF|DEFAULT|VF-[0-9]+))[ \\t]*[:=]?[ \\t]*\\{");

  /** IOV109: braces or brackets that do not pair up. */
  static final class Unbalanced {
    private Unbalanced() {}

    /**
     * The opening brace or bracket at {@code open} is still open at the end of the file. PF,
     * DEFAULT and VF-n are top-level sections: when this brace opens one and another begins on a
     * later line, the `}` belongs before that line (after the section's last line, indented like
     * the section's own line), not at the end of the file.
     */
    static Diagnostic neverClosed(SourceText src, int open, boolean array) {
      int end = src.length();
      String close = array ? "]" : "}";
      Diagnostic.Builder d =
          refused(
                  Codes.UNBALANCED,
                  src,
                  open,
                  open + 1,
                  "this `" + (array ? "[" : "{") + "` is never closed",
                  src.name() + ":" + src.line(end) + " unmatched open brace at " + src.line(open))
              .label("opened here");
      int openLine = src.line(open);
      java.util.regex.Matcher m = SECTION_LINE.matcher(src.lineText(openLine));
      int next = -1;
      if (!array && m.lookingAt()) {
        for (int l = openLine + 1; l <= src.lineCount() && next < 0; l++) {
          if (SECTION_LINE.matcher(src.lineText(l)).lookingAt()) next = l;
        }
      }
      if (next > 0) {
        String section = m.group(2);
        java.util.regex.Matcher n = SECTION_LINE.matcher(src.lineText(next));
        n.lookingAt();
        int last = next - 1;
        while (last > openLine && src.lineText(last).isBlank()) last--;
        int at = last < src.lineCount() ? src.lineStart(last + 1) : src.length();
        String prefix = at == src.length() && at > 0 && src.bytes()[at - 1] != '\n' ? "\n" : "";
        return d.note(
                section
                    + " is still open when "
                    + n.group(2)
                    + " begins on line "
                    + next
                    + ": PF, DEFAULT and VF-n are top-level sections, so "
                    + section
                    + "'s `}` belongs before it")
            .help("add the closing `}` after line " + last)
            .fix(
                Fix.guess(
                    "add `}` after line " + last,
                    new Edit(Span.at(at), prefix + m.group(1) + "}\n")))
            .build();
      }
      String prefix = end > 0 && src.bytes()[end - 1] != '\n' ? "\n" : "";
      return d.help("add the closing `" + close + "`")
          .fix(Fix.guess("add `" + close + "`", new Edit(Span.at(end), prefix + close + "\n")))
          .build();
    }

    /**
     * A closing brace for the object libucl opened without one (the file's own, or a nested key's)
     * that starts at {@code opened}.
     */
    static Diagnostic closesImplicit(SourceText src, int at, int opened) {
      return refused(
              Codes.UNBALANCED,
              src,
              at,
              at + 1,
              "this `}` closes nothing",
              src.name()
                  + ":"
                  + src.line(at)
                  + " object closed with } is not opened with { at line "
                  + src.line(opened))
          .label("no matching `{`")
          .help("remove it, or add the `{` it was meant to close")
          .fix(Fix.guess("remove the `}`", new Edit(new Span(at, at + 1), "")))
          .build();
    }

    /** A closing brace or bracket when none written in the file is open. */
    static Diagnostic closesNothing(SourceText src, int at, int ch) {
      String open = ch == ']' ? "[" : "{";
      return refused(
              Codes.UNBALANCED,
              src,
              at,
              at + 1,
              "this `" + (char) ch + "` closes nothing",
              "unexpected terminating symbol detected")
          .label("no matching `" + open + "`")
          .help("remove it, or add the `" + open + "` it was meant to close")
          .fix(Fix.guess("remove the `" + (char) ch + "`", new Edit(new Span(at, at + 1), "")))
          .build();
    }

    /** A closing brace or bracket that does not match the one open at {@code open}. */
    static Diagnostic mismatch(SourceText src, int at, int ch, int open, boolean array) {
      return refused(
              Codes.UNBALANCED,
              src,
              at,
              at + 1,
              "`" + (char) ch + "` does not match the open `" + (array ? "[" : "{") + "`",
              "unexpected terminating symbol detected")
          .label("expected `" + (array ? "]" : "}") + "`")
          .label(new Span(open, open + 1), "opened here")
          .build();
    }
  }

  /** IOV110: a number beyond the int64 range. */
  static Diagnostic numberRange(SourceText src, int s, int e) {
    return refused(
            Codes.NUMBER_RANGE,
            src,
            s,
            e,
            "this number does not fit in a signed 64-bit integer",
            "numeric value out of range")
        .label("above 9223372036854775807 (or below its negative)")
        .help(
            "libucl cannot read numbers beyond the int64 range, so values above 2^63-1 cannot be written")
        .build();
  }

  /** IOV113: objects nested more than 65535 levels deep. */
  static Diagnostic tooDeep(SourceText src, int open) {
    return refused(
            Codes.TOO_DEEP,
            src,
            open,
            open + 1,
            "objects are nested more than 65535 levels deep",
            "objects are nesting too deep (over 65535 limit)")
        .build();
  }

  /** IOV150: {@code //} inside an unquoted value, which is part of the value, not a comment. */
  static Diagnostic slashComment(int slash, int valueEnd) {
    return Diagnostic.of(
            Codes.SLASH_COMMENT,
            new Span(slash, valueEnd),
            "`//` does not start a comment in UCL; it is part of this value")
        .label("this text is part of the value")
        .help("use `#` for comments")
        .fix(Fix.safe("turn `//` into `#`", new Edit(new Span(slash, slash + 2), "#")))
        .build();
  }

  /** IOV151: text after the closing brace of a file that starts with an opening one. */
  static Diagnostic trailingText(int from, int end) {
    return Diagnostic.of(
            Codes.TRAILING_TEXT,
            new Span(from, end),
            "everything after the closing `}` of the file is ignored")
        .label("never read")
        .help("move these lines inside the braces, or delete them")
        .build();
  }

  /** IOV152: a NUL byte between values, which libucl reads like {@code ;}. */
  static Diagnostic nulSeparator(int at) {
    return Diagnostic.of(
            Codes.NUL_BYTE, new Span(at, at + 1), "a NUL byte separates two values here")
        .label("NUL")
        .note("libucl treats a NUL between values like `;`, so iovctl accepts the file")
        .help(
            "a NUL byte in a text file is almost surely damage (a bad copy, a binary editor); remove it")
        .fix(
            Fix.safe(
                "replace the NUL byte with a line break", new Edit(new Span(at, at + 1), "\n")))
        .build();
  }

  /** IOV153: a UTF-8 byte order mark, which libucl reads as part of the first key. */
  static Diagnostic bom() {
    return Diagnostic.of(Codes.BOM, new Span(0, 3), "the file starts with a UTF-8 byte order mark")
        .label("invisible, but libucl reads it as part of the first key")
        .help("save the file without a byte order mark")
        .fix(Fix.safe("remove the byte order mark", new Edit(new Span(0, 3), "")))
        .build();
  }

  /** Text for a message: invisible characters named. */
  private static String visible(String s) {
    return s.replace("\uFEFF", "<BOM>");
  }

  /** A character as a message names it: "a line break", "the byte 0xe9", "`{`". */
  static String describe(int ch) {
    if (ch == '\n') return "a line break";
    if (ch == '\r') return "a carriage return";
    if (ch == 0) return "a NUL byte";
    if (ch < 0x20 || ch == 0x7f) return String.format("the control character 0x%02x", ch);
    if (ch >= 0x80) return String.format("the byte 0x%02x", ch);
    return "`" + (char) ch + "`";
  }
}
