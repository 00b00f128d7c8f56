package io.iovc.check;

import io.iovc.diag.Diagnostic;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.UclParser;
import io.iovc.syntax.UclToken;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text pasted from a web page or a terminal: typographic quotes and other characters that look like
 * ASCII, shell transcript residue, and files written in another format. These are iovc's own
 * warnings: libucl reads the bytes as it always does (a {@code “} is a key or value byte to it), so
 * the verdict is the one iovctl gives; the warning names the cause and, where the intent is
 * certain, the fix.
 *
 * <p>Only what libucl reads as syntax is looked at: comments, quoted strings and heredocs are text
 * the user chose and are left alone. Emits IOV160 (typographic quotes), IOV161 (Unicode spaces),
 * IOV162 (fullwidth punctuation), IOV163 (dash look-alikes), IOV164 (shell transcript residue),
 * IOV165 (another file format), IOV166 (HTML entities).
 */
public final class PasteMistakes {
  private PasteMistakes() {}

  /** A look-alike character found in the file: its code point and byte span. */
  record Found(int cp, int start, int end) {}

  /** What kind of look-alike a code point is, or null. */
  enum Kind {
    QUOTE,
    SPACE,
    FULLWIDTH,
    DASH
  }

  /** The code points written for {@code "}. */
  static boolean doubleQuote(int cp) {
    return cp == 0x201C
        || cp == 0x201D
        || cp == 0x201E
        || cp == 0x201F
        || cp == 0x2033
        || cp == 0xFF02
        || cp == 0x00AB
        || cp == 0x00BB;
  }

  /** The code points written for {@code '}. */
  static boolean singleQuote(int cp) {
    return cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B || cp == 0x2032;
  }

  static Kind kind(int cp) {
    if (doubleQuote(cp) || singleQuote(cp)) return Kind.QUOTE;
    if (spaceReplacement(cp) != null) return Kind.SPACE;
    if (fullwidthReplacement(cp) != null) return Kind.FULLWIDTH;
    if (cp == 0x2010
        || cp == 0x2011
        || cp == 0x2012
        || cp == 0x2013
        || cp == 0x2014
        || cp == 0x2015
        || cp == 0x2212
        || cp == 0xFE63
        || cp == 0xFF0D) return Kind.DASH;
    return null;
  }

  /** What a Unicode space stands for: a blank, or nothing (zero-width ones); null if none. */
  static String spaceReplacement(int cp) {
    if (cp == 0x00A0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x202F
        || cp == 0x205F
        || cp == 0x3000) return " ";
    if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF) return "";
    return null;
  }

  /** The ASCII a fullwidth punctuation mark stands for, or null. */
  static String fullwidthReplacement(int cp) {
    return switch (cp) {
      case 0xFF1A -> ":";
      case 0xFF1D -> "=";
      case 0xFF1B -> ";";
      case 0xFF5B -> "{";
      case 0xFF5D -> "}";
      case 0xFF0C -> ",";
      case 0xFF3B -> "[";
      case 0xFF3D -> "]";
      case 0xFF03 -> "#";
      default -> null;
    };
  }

  /**
   * Every paste mistake in the file, as warnings. Emits IOV160, IOV161, IOV162, IOV163 (one per
   * token and kind), IOV164 (one per shell block), IOV165 (one per foreign format) and IOV166.
   */
  public static List<Diagnostic> find(SyntaxTree tree) {
    SourceText src = tree.source();
    List<Diagnostic> out = new ArrayList<>();
    // every look-alike is a multi-byte UTF-8 sequence: a file of ASCII bytes has none
    for (UclToken t : ascii(src.bytes()) ? List.<UclToken>of() : tree.tokens()) {
      if (!readAsSyntax(t)) continue;
      List<Found> all = lookalikes(src.bytes(), t.startOffset(), t.endOffset());
      if (all.isEmpty()) continue;
      List<Found> quotes = new ArrayList<>();
      List<Found> spaces = new ArrayList<>();
      List<Found> wide = new ArrayList<>();
      List<Found> dashes = new ArrayList<>();
      for (Found f : all) {
        switch (kind(f.cp())) {
          case QUOTE -> quotes.add(f);
          case SPACE -> spaces.add(f);
          case FULLWIDTH -> wide.add(f);
          case DASH -> dashes.add(f);
        }
      }
      if (!quotes.isEmpty()) out.add(PasteDiagnostics.typographicQuotes(src, t.span(), quotes));
      if (!spaces.isEmpty()) out.add(PasteDiagnostics.unicodeSpaces(src, spaces));
      if (!wide.isEmpty()) out.add(PasteDiagnostics.fullwidth(src, wide));
      if (!dashes.isEmpty()) out.add(PasteDiagnostics.dashes(src, dashes));
    }
    entities(tree, out);
    shell(src, out);
    formats(src, out);
    return out;
  }

  /** Tokens libucl reads as keys, values or structure; comments and quoted text are the user's. */
  private static boolean readAsSyntax(UclToken t) {
    int type = t.getType();
    if (type == UclParser.COMMENT
        || type == UclParser.STRING
        || type == UclParser.SQSTRING
        || type == UclParser.HEREDOC
        || type == UclParser.MACRO) return false;
    if (type == UclParser.KEY) {
      String text = t.getText();
      return !text.startsWith("\"");
    }
    return t.endOffset() > t.startOffset();
  }

  /** No byte of {@code b} is outside ASCII. */
  private static boolean ascii(byte[] b) {
    for (byte x : b) {
      if (x < 0) return false;
    }
    return true;
  }

  /** The look-alike characters in bytes {@code [s, e)}, decoded as UTF-8. */
  static List<Found> lookalikes(byte[] b, int s, int e) {
    List<Found> found = null;
    int i = s;
    while (i < e) {
      int c = b[i] & 0xff;
      int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      if (len == 1 || i + len > e) {
        i++;
        continue;
      }
      int cp = c & (0xFF >> (len + 1));
      boolean ok = true;
      for (int k = 1; k < len; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xC0) != 0x80) ok = false;
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (!ok) {
        i++;
        continue;
      }
      if (kind(cp) != null && !(cp == 0xFEFF && i == 0)) {
        if (found == null) found = new ArrayList<>();
        found.add(new Found(cp, i, i + len));
      }
      i += len;
    }
    return found == null ? List.of() : found;
  }

  /**
   * HTML entities outside comments and quoted strings (IOV166), one diagnostic for the file. They
   * are found in the text, not per token: the {@code ;} of {@code &quot;} ends a UCL value.
   */
  private static void entities(SyntaxTree tree, List<Diagnostic> out) {
    SourceText src = tree.source();
    if (!src.contains("&")) return;
    String text = src.raw(new Span(0, src.length()));
    Matcher m = Patterns.ENTITY.matcher(text);
    List<Span> spans = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (m.find()) {
      if (insideText(tree, m.start())) continue;
      spans.add(new Span(m.start(), m.end()));
      names.add(m.group());
    }
    if (!spans.isEmpty()) out.add(PasteDiagnostics.htmlEntities(src, spans, names));
  }

  /**
   * The offset is in a comment, a quoted string or a heredoc: text the user chose. A "comment" that
   * an entity's {@code #} started ({@code &#8220;}) is not one.
   */
  private static boolean insideText(SyntaxTree tree, int offset) {
    for (UclToken t : tree.tokens()) {
      if (t.startOffset() > offset) return false;
      boolean entityBorn = // `&#8220;` starts a UCL comment at its `#`: that is no comment
          t.getType() == UclParser.COMMENT
              && t.startOffset() > 0
              && tree.source().bytes()[t.startOffset() - 1] == '&';
      if (offset < t.endOffset()
          && t.endOffset() > t.startOffset()
          && !readAsSyntax(t)
          && !entityBorn) return true;
    }
    return false;
  }

  private static boolean promptLine(String text) {
    return promptCommand(text)
        || (text.indexOf('#') >= 0 && Patterns.ROOT_COMMAND.matcher(text).matches());
  }

  /*
   * Each pattern needs a character most lines of a configuration lack, so it is tried only on the
   * lines that have it: a 16 384-VF file has 65 000 lines, and running every pattern on every line
   * was a fifth of its check.
   */

  /** {@link Patterns#PROMPT_COMMAND} matches: its prompt ends in {@code $} or {@code %}. */
  private static boolean promptCommand(String text) {
    return (text.indexOf('$') >= 0 || text.indexOf('%') >= 0)
        && Patterns.PROMPT_COMMAND.matcher(text).matches();
  }

  /** {@link Patterns#HEREDOC_START} matches {@code text} (it has {@code <<}), or null. */
  private static Matcher heredocStart(String text) {
    if (!text.contains("<<")) return null;
    Matcher h = Patterns.HEREDOC_START.matcher(text);
    return h.matches() ? h : null;
  }

  /**
   * Shell transcript residue (IOV164): one diagnostic per block, a heredoc together with the prompt
   * lines around it, or a run of prompt lines.
   */
  private static void shell(SourceText src, List<Diagnostic> out) {
    int lines = src.lineCount();
    int done = 0;
    for (int l = 1; l <= lines; l++) {
      String text = src.lineText(l);
      Matcher h = heredocStart(text);
      if (h != null) {
        String tag = h.group(1);
        int end = -1;
        for (int k = l + 1; k <= lines; k++) {
          String body = stripContinuation(src.lineText(k)).strip();
          if (body.equals(tag)) {
            end = k;
            break;
          }
        }
        if (end > 0) {
          List<Integer> continued = new ArrayList<>();
          for (int k = l + 1; k < end; k++) {
            if (continuationLength(src.lineText(k)) > 0) continued.add(k);
          }
          int first = l;
          while (first - 1 > done && promptCommand(src.lineText(first - 1))) first--;
          int last = end;
          while (last + 1 <= lines && promptLine(src.lineText(last + 1))) last++;
          out.add(PasteDiagnostics.ShellResidue.heredoc(src, first, l, end, last, tag, continued));
          l = last;
          done = last;
          continue;
        }
      }
      if (promptCommand(text)) {
        int last = l;
        while (last + 1 <= lines && promptLine(src.lineText(last + 1))) last++;
        if (last + 1 <= lines && heredocStart(src.lineText(last + 1)) != null) {
          continue; // the heredoc below takes these lines into its block
        }
        out.add(PasteDiagnostics.ShellResidue.prompts(src, l, last));
        l = last;
        done = last;
      }
    }
  }

  /** Bytes of a PS2 continuation prompt ({@code > } or {@code ? }) at the start of a line, or 0. */
  static int continuationLength(String line) {
    if (line.startsWith("> ") || line.startsWith("? ")) return 2;
    if (line.equals(">") || line.equals("?")) return 1;
    return 0;
  }

  private static String stripContinuation(String line) {
    return line.substring(continuationLength(line));
  }

  /** Lines that belong to another format (IOV165): INI headers, YAML sections, Markdown fences. */
  private static void formats(SourceText src, List<Diagnostic> out) {
    List<Integer> ini = new ArrayList<>();
    List<Integer> yaml = new ArrayList<>();
    List<Integer> fences = new ArrayList<>();
    int lines = src.lineCount();
    for (int l = 1; l <= lines; l++) {
      String text = src.lineText(l);
      if (text.indexOf('[') >= 0 && Patterns.INI_HEADER.matcher(text).matches()) ini.add(l);
      else if (sectionStart(text)
          && text.indexOf(':') >= 0
          && Patterns.YAML_SECTION.matcher(text).matches()
          && l < lines
          && indented(src, l + 1)) yaml.add(l);
      else if ((text.contains("```") || text.contains("~~~"))
          && Patterns.FENCE.matcher(text).matches()) fences.add(l);
    }
    if (!ini.isEmpty()) out.add(PasteDiagnostics.OtherFormat.ini(src, ini));
    if (!yaml.isEmpty()) out.add(PasteDiagnostics.OtherFormat.yaml(src, yaml));
    if (!fences.isEmpty()) out.add(PasteDiagnostics.OtherFormat.markdown(src, fences));
  }

  /** The line starts as {@link Patterns#YAML_SECTION} needs: PF, DEFAULT or VF-n in any case. */
  private static boolean sectionStart(String text) {
    if (text.isEmpty()) return false;
    char c = text.charAt(0);
    return c == 'P' || c == 'p' || c == 'D' || c == 'd' || c == 'V' || c == 'v';
  }

  private static boolean indented(SourceText src, int line) {
    String t = src.lineText(line);
    return !t.isBlank() && Character.isWhitespace(t.charAt(0));
  }

  /**
   * The patterns, compiled when first used: each one runs only on text that has the character it
   * needs, so a one-file check compiles none (the first regular expression a run compiles sets up
   * the JVM's lambda machinery).
   */
  private static final class Patterns {
    static final Pattern ENTITY =
        Pattern.compile(
            "&(quot|amp|lt|gt|apos|nbsp|ldquo|rdquo|lsquo|rsquo|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});");

    /**
     * A heredoc that writes the file: {@code cat > /etc/iov/ixl0.conf <<EOF}, maybe with a prompt.
     */
    static final Pattern HEREDOC_START =
        Pattern.compile(
            "^\\s*(?:[$#%>]\\s*)?(?:sudo\\s+|doas\\s+)?(?:cat|tee)\\b[^<]*<<-?\\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?\\s*$");

    /** A shell prompt in front of a command a user runs around iovctl.conf. */
    static final Pattern PROMPT_COMMAND =
        Pattern.compile(
            "^\\s*(?:\\S*[$%])\\s+(?:sudo\\s+|doas\\s+)?(?:cat|tee|echo|printf|iovctl|sysrc|service|vi|vim|ee|nano|ifconfig|kldload|pciconf|cp|mv|iovc|sh|su|bash)\\b.*$");

    /** A root prompt in front of a command: UCL reads it as a comment, but it is residue too. */
    static final Pattern ROOT_COMMAND =
        Pattern.compile(
            "^\\s*#\\s+(?:sudo\\s+|doas\\s+)?(?:iovctl|sysrc|service|kldload|pciconf|ifconfig|iovc|vi|ee)\\s.*$");

    static final Pattern INI_HEADER =
        Pattern.compile("^\\s*\\[\\s*(?i:PF|DEFAULT|VF-?[0-9]+)\\s*\\]\\s*$");

    static final Pattern YAML_SECTION = Pattern.compile("^(?i:PF|DEFAULT|VF-[0-9]+)\\s*:\\s*$");

    static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");
  }
}
