package io.iovc.cli;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Label;
import io.iovc.diag.Severity;
import io.iovc.syntax.SourceText;
import io.iovc.syntax.Span;
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

  /** One mark under a line: columns in display cells. */
  private record Mark(int line, int from, int to, boolean primary, String label) {}

  /** One diagnostic as text, ending with a newline. */
  public String render(SourceText src, Diagnostic d) {
    StringBuilder sb = new StringBuilder();
    String sc = sevColor(d.severity());
    sb.append(c(sc, d.severity().label() + "[" + d.code().id() + "]")).append(c(BOLD, ": " + clean(d.message()))).append('\n');
    Span sp = clamp(src, d.span());
    int line = src.line(sp.start());
    int col = src.column(sp.start());
    List<Mark> marks = new ArrayList<>();
    marks.add(mark(src, sp, true, d.label()));
    for (Label l : d.labels()) marks.add(mark(src, clamp(src, l.span()), false, l.message()));
    int width = 1;
    for (Mark m : marks) width = Math.max(width, Integer.toString(m.line).length());
    String pad = " ".repeat(width);
    sb.append(pad).append(c(BLUE, "--> ")).append(src.name()).append(':').append(line).append(':').append(col).append('\n');
    sb.append(pad).append(c(BLUE, " |")).append('\n');
    marks.sort(Comparator.comparingInt(Mark::line).thenComparing(m -> !m.primary));
    int prevLine = -1;
    for (int i = 0; i < marks.size(); i++) {
      Mark m = marks.get(i);
      if (m.line != prevLine) {
        if (prevLine > 0 && m.line > prevLine + 1) sb.append(c(BLUE, "...")).append('\n');
        String text = display(src.lineText(m.line));
        int[] window = window(text, m);
        String shown = text.substring(window[0], window[1]);
        if (window[0] > 0) shown = "…" + shown;
        if (window[1] < text.length()) shown = shown + "…";
        sb.append(c(BLUE, String.format("%" + width + "d |", m.line))).append(shown.isEmpty() ? "" : " " + shown).append('\n');
        prevLine = m.line;
      }
      String text = display(src.lineText(m.line));
      int[] window = window(text, m);
      int shift = window[0] > 0 ? window[0] - 1 : 0;
      int from = Math.max(0, m.from - shift);
      int len = Math.max(1, Math.min(m.to, window[1] + (window[0] > 0 ? 1 : 0)) - m.from);
      String under = " ".repeat(from) + (m.primary ? "^" : "-").repeat(len);
      String lbl = m.label == null || m.label.isEmpty() ? "" : " " + clean(m.label);
      sb.append(pad).append(c(BLUE, " |")).append(' ').append(c(m.primary ? sc : BLUE, under + lbl)).append('\n');
    }
    if (!d.notes().isEmpty() || d.help() != null) sb.append(pad).append(c(BLUE, " |")).append('\n');
    for (String n : d.notes()) sb.append(pad).append(c(BLUE, " = ")).append(c(BOLD, "note:")).append(' ').append(clean(n)).append('\n');
    if (d.help() != null) sb.append(pad).append(c(BLUE, " = ")).append(c(CYAN, "help:")).append(' ').append(clean(d.help())).append('\n');
    return sb.toString();
  }

  /** Message text: one line, control characters and invisible marks shown. */
  static String clean(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (cp == '\t' || cp == '\n' || cp == '\r') sb.append(' ');
      else if (cp < 0x20 || cp == 0x7f) sb.append(String.format("\\x%02x", cp));
      else if (cp == 0xFEFF) sb.append("<BOM>");
      else sb.appendCodePoint(cp);
    });
    return sb.toString();
  }

  private static Span clamp(SourceText src, Span s) {
    int a = Math.min(s.start(), src.length());
    int b = Math.min(Math.max(s.end(), a), src.length());
    return new Span(a, b);
  }

  /** A visible window of at most MAX_LINE cells around the mark. */
  private static int[] window(String text, Mark m) {
    if (text.length() <= MAX_LINE) return new int[] {0, text.length()};
    int start = Math.max(0, Math.min(m.from - 20, text.length() - MAX_LINE));
    return new int[] {start, Math.min(text.length(), start + MAX_LINE)};
  }

  private Mark mark(SourceText src, Span s, boolean primary, String label) {
    int line = src.line(s.start());
    int lineStart = src.lineStart(line);
    int lineEnd = src.lineEnd(line);
    int a = Math.max(s.start(), lineStart);
    int b = Math.min(Math.max(s.end(), a), lineEnd);
    String before = src.text(new Span(lineStart, Math.min(a, lineEnd)));
    String upTo = src.text(new Span(lineStart, b));
    int from = display(before).length();
    int to = Math.max(display(upTo).length(), from);
    if (to == from) to = from + 1;
    return new Mark(line, from, to, primary, label);
  }

  /**
   * A source line for display: tabs expanded to the next multiple of 8 columns (so aligned
   * comments stay aligned), control characters escaped, so that every char is one cell.
   */
  public static String display(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (cp == '\t') sb.append(" ".repeat(8 - sb.length() % 8));
      else if (cp < 0x20 || cp == 0x7f) sb.append(String.format("\\x%02x", cp));
      else if (cp == 0xFEFF) sb.append("<BOM>");
      else if (cp == 0xFFFD) sb.append('\ufffd');
      else if (Character.isSupplementaryCodePoint(cp)) sb.append('?');
      else sb.append((char) cp);
    });
    return sb.toString();
  }
}
