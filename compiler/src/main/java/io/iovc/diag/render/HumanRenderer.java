package io.iovc.diag.render;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Label;
import io.iovc.diag.Severity;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * rustc/Elm-style text for people: a title with the code, the location, the user's lines with
 * carets under the spans and their labels, then notes and a {@code help:} line. Tabs become four
 * spaces and control bytes are shown escaped, so the carets always line up.
 */
public final class HumanRenderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String CYAN = "\u001b[1;36m";
  private static final String BLUE = "\u001b[1;34m";
  private static final int MAX_LINE = 160;

  private final boolean color;

  public HumanRenderer(boolean color) {
    this.color = color;
  }

  private String c(String code, String text) {
    return color ? code + text + RESET : text;
  }

  private static String sevColor(Severity s) {
    return switch (s) {
      case ERROR -> RED;
      case WARNING -> YELLOW;
      case INFO -> CYAN;
    };
  }

  /** One mark under a line: byte offsets within it. */
  private record Mark(int line, int a, int b, boolean primary, String label) {}

  /** One diagnostic as text, ending with a newline. */
  public String render(SourceText src, Diagnostic d) {
    StringBuilder sb = new StringBuilder();
    String sc = sevColor(d.severity());
    sb.append(c(sc, d.severity().label() + "[" + d.code().id() + "]"))
        .append(c(BOLD, ": " + clean(d.message())))
        .append('\n');
    Span sp = clamp(src, d.span());
    int line = src.line(sp.start());
    int col = src.column(sp.start());
    List<Mark> marks = new ArrayList<>();
    marks.add(mark(src, sp, true, d.label()));
    for (Label l : d.labels()) marks.add(mark(src, clamp(src, l.span()), false, l.message()));
    int width = 1;
    for (Mark m : marks) width = Math.max(width, Integer.toString(m.line).length());
    String pad = " ".repeat(width);
    sb.append(pad)
        .append(c(BLUE, "--> "))
        .append(src.name())
        .append(':')
        .append(line)
        .append(':')
        .append(col)
        .append('\n');
    sb.append(pad).append(c(BLUE, " |")).append('\n');
    // By line, the primary mark first (a class, not a lambda: the first lambda of a run sets up
    // the JVM's lambda machinery, milliseconds of a one-file check)
    marks.sort(BY_LINE);
    int prevLine = -1;
    int[] window = null;
    for (Mark m : marks) {
      if (m.line != prevLine) {
        if (prevLine > 0 && m.line > prevLine + 1) sb.append(c(BLUE, "...")).append('\n');
        window = window(src, m);
        String shown = display(src.text(new Span(window[0], window[1])));
        if (window[0] > src.lineStart(m.line)) shown = "…" + shown;
        if (window[1] < src.lineEnd(m.line)) shown = shown + "…";
        sb.append(c(BLUE, leftPadded(m.line, width) + " |"))
            .append(shown.isEmpty() ? "" : " " + shown)
            .append('\n');
        prevLine = m.line;
      }
      int lead = window[0] > src.lineStart(m.line) ? 1 : 0;
      int a = Math.min(Math.max(m.a, window[0]), window[1]);
      int b = Math.min(Math.max(m.b, a), window[1]);
      int from = lead + display(src.text(new Span(window[0], a))).length();
      int to = lead + display(src.text(new Span(window[0], b))).length();
      String under = " ".repeat(from) + (m.primary ? "^" : "-").repeat(Math.max(1, to - from));
      String lbl = m.label == null || m.label.isEmpty() ? "" : " " + clean(m.label);
      sb.append(pad)
          .append(c(BLUE, " |"))
          .append(' ')
          .append(c(m.primary ? sc : BLUE, under + lbl))
          .append('\n');
    }
    if (!d.notes().isEmpty() || d.help() != null) sb.append(pad).append(c(BLUE, " |")).append('\n');
    for (String n : d.notes())
      sb.append(pad)
          .append(c(BLUE, " = "))
          .append(c(BOLD, "note:"))
          .append(' ')
          .append(clean(n))
          .append('\n');
    if (d.help() != null)
      sb.append(pad)
          .append(c(BLUE, " = "))
          .append(c(CYAN, "help:"))
          .append(' ')
          .append(clean(d.help()))
          .append('\n');
    return sb.toString();
  }

  /** Message text: one line, control characters and invisible marks shown. */
  static String clean(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\t' || cp == '\n' || cp == '\r') sb.append(' ');
      else if (cp < 0x20 || cp == 0x7f) hexEscape(sb, cp);
      else if (cp == 0xFEFF) sb.append("<BOM>");
      else sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  private static Span clamp(SourceText src, Span s) {
    int a = Math.min(s.start(), src.length());
    int b = Math.min(Math.max(s.end(), a), src.length());
    return new Span(a, b);
  }

  /**
   * The bytes of the mark's line to show: all of it, or for a long line (minified or binary input)
   * a window around the mark, cut at character boundaries. Only that window is decoded, so one
   * diagnostic on a 10 MB line costs microseconds.
   */
  private static int[] window(SourceText src, Mark m) {
    int ls = src.lineStart(m.line);
    int le = src.lineEnd(m.line);
    if (le - ls <= MAX_LINE * 3) return new int[] {ls, le};
    int ws = Math.max(ls, m.a - MAX_LINE / 4);
    int we = Math.min(le, ws + MAX_LINE);
    byte[] b = src.bytes();
    while (ws > ls && (b[ws] & 0xC0) == 0x80) ws--;
    while (we < le && (b[we] & 0xC0) == 0x80) we++;
    return new int[] {ws, we};
  }

  private static Mark mark(SourceText src, Span s, boolean primary, String label) {
    int line = src.line(s.start());
    int lineEnd = src.lineEnd(line);
    int a = Math.max(s.start(), src.lineStart(line));
    int b = Math.min(Math.max(s.end(), a), lineEnd);
    return new Mark(line, Math.min(a, lineEnd), b, primary, label);
  }

  /**
   * A source line for display: tabs expanded to the next multiple of 8 columns (so aligned comments
   * stay aligned), control characters escaped, so that every char is one cell.
   */
  public static String display(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\t') sb.append(" ".repeat(8 - sb.length() % 8));
      else if (cp < 0x20 || cp == 0x7f) hexEscape(sb, cp);
      else if (cp == 0xFEFF) sb.append("<BOM>");
      else if (cp == 0xFFFD) sb.append('\ufffd');
      else if (Character.isSupplementaryCodePoint(cp)) sb.append('?');
      else sb.append((char) cp);
    }
    return sb.toString();
  }

  // Written out rather than through String.format and streams, which a one-file check with a
  // diagnostic would otherwise set up (Formatter's parser, the lambda machinery).

  /** {@code \\xNN}, as {@code String.format("\\x%02x", cp)} for cp below 0x100. */
  private static void hexEscape(StringBuilder sb, int cp) {
    sb.append("\\x")
        .append(Character.forDigit(cp >> 4 & 0xf, 16))
        .append(Character.forDigit(cp & 0xf, 16));
  }

  /** {@code String.format("%" + width + "d", n)}. */
  static String leftPadded(int n, int width) {
    String digits = Integer.toString(n);
    return digits.length() >= width ? digits : " ".repeat(width - digits.length()) + digits;
  }

  private static final Comparator<Mark> BY_LINE =
      new Comparator<Mark>() {
        @Override
        public int compare(Mark a, Mark b) {
          return a.line != b.line
              ? Integer.compare(a.line, b.line)
              : Boolean.compare(!a.primary, !b.primary);
        }
      };
}
