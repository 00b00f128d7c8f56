package io.iovc.diag.render;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.diag.Severity;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import java.util.List;

/**
 * Output for tools (spec/ecosystem.md §3.3): {@code gcc} (file:line:col: severity: message [CODE])
 * for editors and problem matchers, {@code json} (1-based lines and code-point columns; each fix
 * with its applicability), {@code github} workflow commands and {@code checkstyle} XML; SARIF is
 * {@link Sarif}.
 */
public final class MachineFormats {
  private MachineFormats() {}

  public static String gcc(List<FileResult> files) {
    StringBuilder sb = new StringBuilder();
    for (FileResult f : files) {
      for (Diagnostic d : f.diagnostics()) {
        SourceText s = f.source();
        sb.append(s.name())
            .append(':')
            .append(s.line(d.span().start()))
            .append(':')
            .append(s.column(d.span().start()))
            .append(": ")
            .append(d.severity().label())
            .append(": ")
            .append(oneLine(d.message()))
            .append(" [")
            .append(d.code().id())
            .append("]\n");
      }
    }
    return sb.toString();
  }

  public static String github(List<FileResult> files) {
    StringBuilder sb = new StringBuilder();
    for (FileResult f : files) {
      for (Diagnostic d : f.diagnostics()) {
        SourceText s = f.source();
        Span sp = d.span();
        String level =
            switch (d.severity()) {
              case ERROR -> "error";
              case WARNING -> "warning";
              case INFO -> "notice";
            };
        String msg = d.message() + (d.help() != null ? "\nhelp: " + d.help() : "");
        sb.append("::")
            .append(level)
            .append(" file=")
            .append(ghProp(s.name()))
            .append(",line=")
            .append(s.line(sp.start()))
            .append(",col=")
            .append(s.column(sp.start()))
            .append(",endLine=")
            .append(s.line(sp.end()))
            .append(",endColumn=")
            .append(s.column(sp.end()))
            .append(",title=")
            .append(ghProp(d.code().id() + " " + d.code().title()))
            .append("::")
            .append(ghData(msg))
            .append('\n');
      }
    }
    return sb.toString();
  }

  private static String ghData(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String ghProp(String s) {
    return ghData(s).replace(":", "%3A").replace(",", "%2C");
  }

  public static String checkstyle(List<FileResult> files) {
    StringBuilder sb =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for (FileResult f : files) {
      sb.append("  <file name=\"").append(xml(f.source().name())).append("\">\n");
      for (Diagnostic d : f.diagnostics()) {
        SourceText s = f.source();
        sb.append("    <error line=\"")
            .append(s.line(d.span().start()))
            .append("\" column=\"")
            .append(s.column(d.span().start()))
            .append("\" severity=\"")
            .append(d.severity() == Severity.INFO ? "info" : d.severity().label())
            .append("\" message=\"")
            .append(xml(d.message() + (d.help() != null ? " (help: " + d.help() + ")" : "")))
            .append("\" source=\"iovc.")
            .append(d.code().id())
            .append("\"/>\n");
      }
      sb.append("  </file>\n");
    }
    return sb.append("</checkstyle>\n").toString();
  }

  private static String xml(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> {
          // XML 1.0 cannot carry other control characters, not even as references.
          if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0xFFFE || ch == 0xFFFF)
            sb.append(String.format("\\x%02x", (int) ch));
          else sb.append(ch);
        }
      }
    }
    return sb.toString();
  }

  public static String json(List<FileResult> files) {
    Json j = new Json();
    j.beginArray();
    for (FileResult f : files) {
      for (Diagnostic d : f.diagnostics()) {
        SourceText s = f.source();
        j.beginObject();
        j.field("file", s.name());
        position(j, s, d.span());
        j.field("severity", d.severity().label());
        j.field("code", d.code().id());
        j.field("title", d.code().title());
        j.field("message", d.message());
        if (!d.label().isEmpty()) j.field("label", d.label());
        if (d.help() != null) j.field("help", d.help());
        j.name("notes").beginArray();
        for (String n : d.notes()) j.value(n);
        j.endArray();
        j.name("related").beginArray();
        for (var l : d.labels()) {
          j.beginObject();
          position(j, s, l.span());
          j.field("message", l.message());
          j.endObject();
        }
        j.endArray();
        j.name("fixes").beginArray();
        for (Fix fx : d.fixes()) {
          j.beginObject();
          j.field("title", fx.title());
          j.field("applicability", applicability(fx));
          j.name("edits").beginArray();
          for (Edit e : fx.edits()) {
            j.beginObject();
            position(j, s, e.span());
            j.field("text", e.text());
            j.endObject();
          }
          j.endArray();
          j.endObject();
        }
        j.endArray();
        j.endObject();
      }
    }
    j.endArray();
    return j.toString() + "\n";
  }

  /**
   * rustc's words for how sure a fix is: {@code machine-applicable} (apply it unseen) or {@code
   * maybe-incorrect} (a guess to show a person first).
   */
  static String applicability(Fix fx) {
    return switch (fx.applicability()) {
      case MACHINE_APPLICABLE -> "machine-applicable";
      case MAYBE_INCORRECT -> "maybe-incorrect";
    };
  }

  private static void position(Json j, SourceText s, Span sp) {
    j.field("line", s.line(sp.start()));
    j.field("column", s.column(sp.start()));
    j.field("endLine", s.line(sp.end()));
    j.field("endColumn", s.column(sp.end()));
    j.field("offset", sp.start());
    j.field("length", sp.length());
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ');
  }
}
