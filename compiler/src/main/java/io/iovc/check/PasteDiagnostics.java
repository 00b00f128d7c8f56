package io.iovc.check;

import io.iovc.check.PasteMistakes.Found;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.source.Shown;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The words of the paste-mistake warnings ({@link PasteMistakes}), one factory per code. */
final class PasteDiagnostics {
  private PasteDiagnostics() {}

  private static final String UCL =
      "iovctl.conf is UCL: ASCII quotes `\"`, `:` or `=`, `;`, `{ }` and `-`";

  /**
   * IOV160: typographic quotes ({@code “ ” „ ‟ ″ ＂}, {@code ‘ ’ ‚ ′}) where UCL needs {@code "}.
   * libucl does not see a quote: the bytes are part of the key or value. When one pair encloses the
   * whole token and the text between needs no escaping, the fix is certain.
   */
  static Diagnostic typographicQuotes(SourceText src, Span token, List<Found> quotes) {
    Found first = quotes.get(0);
    Found last = quotes.get(quotes.size() - 1);
    Span at = new Span(first.start(), last.end());
    String shown = src.text(at);
    String inner = quotes.size() == 2 ? src.text(new Span(first.end(), last.start())) : null;
    boolean pair =
        inner != null
            && first.start() == token.start()
            && src.text(new Span(last.end(), token.end())).isBlank()
            && PasteMistakes.doubleQuote(first.cp()) == PasteMistakes.doubleQuote(last.cp())
            && !inner.isEmpty()
            && inner.chars().noneMatch(c -> c == '"' || c == '\\' || c == '$' || c < 0x20);
    Diagnostic.Builder d =
        Diagnostic.of(
                Codes.TYPOGRAPHIC_QUOTE,
                at,
                "typographic quotes are not quotes in UCL: libucl reads `"
                    + shown
                    + "` with the "
                    + (quotes.size() == 1 ? "quote" : "quotes")
                    + " as part of the text")
            .label(names(src, quotes))
            .note("text copied from a web page or a word processor often has “curly” quotes")
            .help("type the ASCII double quote `\"` (U+0022): UCL has no other quote characters");
    if (pair) {
      d.fix(
          Fix.safe(
              "use ASCII quotes: \"" + inner + "\"",
              new Edit(new Span(first.start(), first.end()), "\""),
              new Edit(new Span(last.start(), last.end()), "\"")));
    } else {
      List<Edit> edits = new ArrayList<>();
      for (Found f : quotes)
        edits.add(
            new Edit(new Span(f.start(), f.end()), PasteMistakes.singleQuote(f.cp()) ? "'" : "\""));
      d.fix(
          Fix.guess(
              "replace each typographic quote with its ASCII quote", edits.toArray(Edit[]::new)));
    }
    return d.build();
  }

  /**
   * IOV161: a non-breaking or other Unicode space (or an invisible zero-width character) where UCL
   * needs an ASCII blank. libucl reads it as part of a key or value.
   */
  static Diagnostic unicodeSpaces(SourceText src, List<Found> spaces) {
    Found first = spaces.get(0);
    Found last = spaces.get(spaces.size() - 1);
    List<Edit> edits = new ArrayList<>();
    for (Found f : spaces)
      edits.add(new Edit(new Span(f.start(), f.end()), PasteMistakes.spaceReplacement(f.cp())));
    boolean invisible =
        spaces.stream().allMatch(f -> PasteMistakes.spaceReplacement(f.cp()).isEmpty());
    return Diagnostic.of(
            Codes.UNICODE_SPACE,
            new Span(first.start(), last.end()),
            invisible
                ? "an invisible character is part of this key or value"
                : "this is not an ASCII space: libucl reads it as part of the key or value")
        .label(names(src, spaces))
        .note("web pages use non-breaking spaces to keep code on one line; copying keeps them")
        .help(invisible ? "delete it" : "use an ordinary space (or a tab)")
        .fix(
            Fix.safe(
                invisible ? "delete the invisible character" : "use ASCII spaces",
                edits.toArray(Edit[]::new)))
        .build();
  }

  /**
   * IOV162: fullwidth punctuation ({@code ：＝；｛｝，［］＃}) where UCL needs the ASCII mark, as an input
   * method in CJK mode writes it. libucl reads it as part of a key or value.
   */
  static Diagnostic fullwidth(SourceText src, List<Found> marks) {
    Found first = marks.get(0);
    Found last = marks.get(marks.size() - 1);
    List<Edit> edits = new ArrayList<>();
    StringBuilder ascii = new StringBuilder();
    for (Found f : marks) {
      String r = PasteMistakes.fullwidthReplacement(f.cp());
      // `PF｛` must become `PF {`: libucl refuses a key glued to its brace.
      if ((r.equals("{") || r.equals("["))
          && f.start() > 0
          && !Character.isWhitespace(src.bytes()[f.start() - 1])) r = " " + r;
      edits.add(new Edit(new Span(f.start(), f.end()), r));
      if (ascii.indexOf(r.strip()) < 0)
        ascii.append(ascii.length() > 0 ? " " : "").append('`').append(r.strip()).append('`');
    }
    return Diagnostic.of(
            Codes.FULLWIDTH_PUNCTUATION,
            new Span(first.start(), last.end()),
            "fullwidth punctuation is not UCL syntax: libucl reads `"
                + src.text(new Span(first.start(), last.end()))
                + "` as part of a key or value")
        .label(names(src, marks))
        .help("write the ASCII " + ascii + " (switch the input method to half-width)")
        .fix(Fix.safe("use ASCII punctuation", edits.toArray(Edit[]::new)))
        .build();
  }

  /**
   * IOV163: a dash look-alike ({@code ‐ ‑ ‒ – — ― −}) where UCL needs the ASCII hyphen-minus, as in
   * {@code VF‐0} or {@code mac‐addr}: the name is then a different one.
   */
  static Diagnostic dashes(SourceText src, List<Found> dashes) {
    Found first = dashes.get(0);
    Found last = dashes.get(dashes.size() - 1);
    List<Edit> edits = new ArrayList<>();
    for (Found f : dashes) edits.add(new Edit(new Span(f.start(), f.end()), "-"));
    return Diagnostic.of(
            Codes.DASH_LOOKALIKE,
            new Span(first.start(), last.end()),
            "this is not the ASCII `-`: `VF-0`, `mac-addr` and negative numbers need the hyphen-minus")
        .label(names(src, dashes))
        .note("word processors and web pages turn `-` into dashes")
        .help("type `-` (U+002D HYPHEN-MINUS)")
        .fix(Fix.safe("use `-`", edits.toArray(Edit[]::new)))
        .build();
  }

  /** IOV164: shell transcript residue, one diagnostic per block. */
  static final class ShellResidue {
    private ShellResidue() {}

    /**
     * A heredoc that writes the file ({@code cat > /etc/iov/ixl0.conf <<EOF} … {@code EOF}) was
     * pasted with it, maybe with {@code > } continuation prompts on the lines between.
     */
    static Diagnostic heredoc(
        SourceText src,
        int first,
        int startLine,
        int endLine,
        int last,
        String tag,
        List<Integer> continued) {
      Span at = new Span(src.lineStart(first), src.lineEnd(last));
      List<Edit> edits = new ArrayList<>();
      for (int l = first; l <= startLine; l++) edits.add(new Edit(wholeLine(src, l), ""));
      for (int l : continued)
        edits.add(
            new Edit(
                new Span(
                    src.lineStart(l),
                    src.lineStart(l) + PasteMistakes.continuationLength(src.lineText(l))),
                ""));
      for (int l = endLine; l <= last; l++) edits.add(new Edit(wholeLine(src, l), ""));
      Diagnostic.Builder d =
          Diagnostic.of(
                  Codes.SHELL_RESIDUE,
                  new Span(src.lineStart(startLine), src.lineEnd(startLine)),
                  "this is a shell session pasted with the file: `"
                      + src.lineText(startLine).strip()
                      + "` … `"
                      + tag
                      + "` writes the file; only the lines between belong in it")
              .label("the shell's heredoc starts here")
              .label(new Span(src.lineStart(endLine), src.lineEnd(endLine)), "and ends here");
      if (first < startLine || last > endLine)
        d.label(
            first < startLine
                ? new Span(src.lineStart(first), src.lineEnd(startLine - 1))
                : new Span(src.lineStart(endLine + 1), src.lineEnd(last)),
            "shell commands");
      if (!continued.isEmpty())
        d.note(
            continued.size()
                + " line"
                + (continued.size() == 1 ? " starts" : "s start")
                + " with the shell's continuation prompt (`> ` or `? `), which is not part of the file");
      d.note("lines " + first + "–" + last + " are one shell session; this is its only warning");
      return d.help(
              "keep only the configuration: remove the command lines, the `"
                  + tag
                  + "` line"
                  + (continued.isEmpty() ? "" : " and the prompts"))
          .fix(
              Fix.safe(
                  "remove the shell session around the configuration", edits.toArray(Edit[]::new)))
          .build();
    }

    /** Lines that are a shell prompt and a command ({@code $ iovctl -C -f …}). */
    static Diagnostic prompts(SourceText src, int first, int last) {
      Span at = new Span(src.lineStart(first), src.lineEnd(last));
      List<Edit> edits = new ArrayList<>();
      for (int l = first; l <= last; l++) edits.add(new Edit(wholeLine(src, l), ""));
      return Diagnostic.of(
              Codes.SHELL_RESIDUE,
              at,
              "this is a shell command, not configuration: `" + src.lineText(first).strip() + "`")
          .label(first == last ? "a prompt and a command" : "prompts and commands")
          .help("remove the command lines; run the commands in a shell instead")
          .fix(Fix.guess("remove the command lines", edits.toArray(Edit[]::new)))
          .build();
    }
  }

  /** IOV165: the file, or part of it, is written in another format than UCL. */
  static final class OtherFormat {
    private OtherFormat() {}

    /** INI section headers: {@code [PF]}. */
    static Diagnostic ini(SourceText src, List<Integer> lines) {
      int l = lines.get(0);
      return Diagnostic.of(
              Codes.OTHER_FORMAT,
              lineSpan(src, l),
              "this looks like an INI file (`" + src.lineText(l).strip() + "`); iovctl.conf is UCL")
          .label("an INI section header")
          .note(
              lines.size()
                  + " INI section header"
                  + (lines.size() == 1 ? "" : "s")
                  + " in the file")
          .help("write each section as `PF {` … `}`: e.g. `PF { device : \"ixl0\"; num_vfs : 2; }`")
          .build();
    }

    /** YAML-style sections: {@code PF:} and indented keys below. */
    static Diagnostic yaml(SourceText src, List<Integer> lines) {
      int l = lines.get(0);
      return Diagnostic.of(
              Codes.OTHER_FORMAT,
              lineSpan(src, l),
              "this looks like YAML (`"
                  + src.lineText(l).strip()
                  + "` with indented keys below); iovctl.conf is UCL")
          .label("indentation does not nest in UCL")
          .note("libucl reads the next line as the value of this key, not as a section")
          .help("write each section as `PF {` … `}`: e.g. `PF { device : \"ixl0\"; num_vfs : 2; }`")
          .build();
    }

    /** Markdown code fences: lines starting with three backticks or tildes. */
    static Diagnostic markdown(SourceText src, List<Integer> lines) {
      List<Edit> edits = new ArrayList<>();
      for (int l : lines) edits.add(new Edit(wholeLine(src, l), ""));
      int l = lines.get(0);
      return Diagnostic.of(
              Codes.OTHER_FORMAT,
              lineSpan(src, l),
              "this is a Markdown code fence, not UCL: it was copied with the configuration")
          .label("a Markdown fence")
          .note(lines.size() + " fence line" + (lines.size() == 1 ? "" : "s") + " in the file")
          .help("remove the fence lines; iovctl.conf is UCL")
          .fix(Fix.safe("remove the Markdown fences", edits.toArray(Edit[]::new)))
          .build();
    }
  }

  /**
   * IOV166: HTML entities ({@code &quot;}, {@code &#8220;}) copied from a web page's source. libucl
   * reads them as text.
   */
  static Diagnostic htmlEntities(SourceText src, List<Span> spans, List<String> entities) {
    List<Edit> edits = new ArrayList<>();
    Set<String> shown = new LinkedHashSet<>();
    for (int i = 0; i < spans.size(); i++) {
      String r = entity(entities.get(i));
      edits.add(new Edit(spans.get(i), r));
      shown.add("`" + entities.get(i) + "` is `" + r + "`");
    }
    return Diagnostic.of(
            Codes.HTML_ENTITY,
            new Span(spans.get(0).start(), spans.get(spans.size() - 1).end()),
            "HTML entities are not UCL: libucl reads `" + entities.get(0) + "` as text")
        .label(String.join(", ", shown))
        .note("the configuration was copied from a web page's source, where quotes are escaped")
        .help("write the characters themselves; " + UCL)
        .fix(Fix.safe("replace the HTML entities", edits.toArray(Edit[]::new)))
        .build();
  }

  /** What an HTML entity stands for in UCL (typographic quotes become ASCII quotes). */
  private static String entity(String e) {
    String name = e.substring(1, e.length() - 1);
    int cp;
    if (name.startsWith("#x") || name.startsWith("#X"))
      cp = Integer.parseInt(name.substring(2), 16);
    else if (name.startsWith("#")) cp = Integer.parseInt(name.substring(1));
    else
      cp =
          switch (name) {
            case "quot", "ldquo", "rdquo" -> '"';
            case "apos", "lsquo", "rsquo" -> '\'';
            case "amp" -> '&';
            case "lt" -> '<';
            case "gt" -> '>';
            default -> ' ';
          };
    if (PasteMistakes.doubleQuote(cp)) return "\"";
    if (PasteMistakes.singleQuote(cp)) return "'";
    if (PasteMistakes.spaceReplacement(cp) != null) return " ";
    if (cp < 0x20 || cp > 0x10FFFF) return " ";
    return new String(Character.toChars(cp));
  }

  /** The names of the characters found, for the label under them. */
  private static String names(SourceText src, List<Found> found) {
    Set<String> n = new LinkedHashSet<>();
    for (Found f : found) n.add(Shown.name(f.cp()));
    return String.join(", ", n);
  }

  private static Span lineSpan(SourceText src, int line) {
    return new Span(src.lineStart(line), src.lineEnd(line));
  }

  /** A whole line with its line break. */
  private static Span wholeLine(SourceText src, int line) {
    int end = line < src.lineCount() ? src.lineStart(line + 1) : src.length();
    return new Span(src.lineStart(line), end);
  }
}
