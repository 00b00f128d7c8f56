package io.iovc.cli;

import io.iovc.diag.Code;
import io.iovc.diag.CodeBook;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.diag.Severity;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output for tools (spec/ecosystem.md §3.3): {@code gcc} (file:line:col: severity: message [CODE])
 * for editors and problem matchers, {@code json} (1-based lines and code-point columns), {@code
 * sarif} 2.1.0 for code scanning, {@code github} workflow commands and {@code checkstyle} XML.
 */
final class MachineFormats {
  private MachineFormats() {}

  /** A checked file and what was found in it. */
  record FileResult(SourceText source, List<Diagnostic> diagnostics) {}

  static String gcc(List<FileResult> files) {
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

  static String github(List<FileResult> files) {
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

  static String checkstyle(List<FileResult> files) {
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

  static String json(List<FileResult> files) {
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

  private static void position(Json j, SourceText s, Span sp) {
    j.field("line", s.line(sp.start()));
    j.field("column", s.column(sp.start()));
    j.field("endLine", s.line(sp.end()));
    j.field("endColumn", s.column(sp.end()));
    j.field("offset", sp.start());
    j.field("length", sp.length());
  }

  /** SARIF 2.1.0; each rule's texts are the code's explanation in {@code codes}. */
  static String sarif(List<FileResult> files, String version, CodeBook codes) {
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    List<Code> rules = new ArrayList<>();
    for (FileResult f : files) {
      for (Diagnostic d : f.diagnostics()) {
        if (!ruleIndex.containsKey(d.code().id())) {
          ruleIndex.put(d.code().id(), rules.size());
          rules.add(d.code());
        }
      }
    }
    Json j = new Json();
    j.beginObject();
    j.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    j.field("version", "2.1.0");
    j.name("runs").beginArray().beginObject();
    j.name("tool").beginObject().name("driver").beginObject();
    j.field("name", "iovc");
    j.field("version", version);
    j.field("semanticVersion", version);
    j.field("informationUri", "https://github.com/iovc/iovc");
    j.name("rules").beginArray();
    for (Code c : rules) {
      String text = codes.explain(c.id());
      j.beginObject();
      j.field("id", c.id());
      j.field("name", camel(c.title()));
      j.name("shortDescription").beginObject().field("text", c.title()).endObject();
      j.name("fullDescription")
          .beginObject()
          .field("text", text == null ? c.title() : firstParagraph(text))
          .endObject();
      j.name("help")
          .beginObject()
          .field("text", text == null ? c.title() : text)
          .field("markdown", text == null ? c.title() : text)
          .endObject();
      j.name("defaultConfiguration").beginObject().field("level", level(c.severity())).endObject();
      j.name("properties").beginObject();
      j.name("tags").beginArray().value(category(c.id())).endArray();
      j.field("precision", "very-high");
      j.field(
          "problem.severity",
          c.severity() == Severity.INFO ? "recommendation" : c.severity().label());
      j.endObject();
      j.endObject();
    }
    j.endArray();
    j.endObject().endObject();
    j.name("results").beginArray();
    for (FileResult f : files) {
      SourceText s = f.source();
      for (Diagnostic d : f.diagnostics()) {
        Span sp = d.span();
        j.beginObject();
        j.field("ruleId", d.code().id());
        j.field("ruleIndex", ruleIndex.get(d.code().id()));
        j.field("level", level(d.severity()));
        j.name("message")
            .beginObject()
            .field("text", d.message() + (d.help() != null ? " (help: " + d.help() + ")" : ""))
            .endObject();
        j.name("locations").beginArray().beginObject().name("physicalLocation").beginObject();
        j.name("artifactLocation").beginObject().field("uri", uri(s.name())).endObject();
        j.name("region")
            .beginObject()
            .field("startLine", s.line(sp.start()))
            .field("startColumn", s.column(sp.start()))
            .field("endLine", s.line(sp.end()))
            .field("endColumn", s.column(sp.end()))
            .endObject();
        j.endObject().endObject().endArray();
        j.name("partialFingerprints")
            .beginObject()
            .field(
                "primaryLocationLineHash",
                fingerprint(d.code().id() + ":" + s.lineText(s.line(sp.start())).strip()) + ":1")
            .endObject();
        j.endObject();
      }
    }
    j.endArray();
    j.field("columnKind", "unicodeCodePoints");
    j.endObject().endArray();
    j.endObject();
    return j.toString() + "\n";
  }

  private static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  private static String category(String id) {
    if (id.startsWith("IOV0")) return "meta";
    if (id.startsWith("IOV1")) return "syntax";
    if (id.startsWith("IOV2")) return "schema";
    if (id.startsWith("IOV3")) return "semantics";
    return "driver";
  }

  private static String camel(String title) {
    StringBuilder sb = new StringBuilder();
    for (String w : title.replaceAll("[^A-Za-z0-9 ]", " ").split("\\s+")) {
      if (w.isEmpty()) continue;
      sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return sb.toString();
  }

  private static String firstParagraph(String text) {
    int i = text.indexOf("\n\n");
    return (i < 0 ? text : text.substring(0, i)).replace('\n', ' ').strip();
  }

  private static String uri(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) p = p.substring(2);
    StringBuilder sb = new StringBuilder();
    for (byte b : p.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "/-._~".indexOf(c) >= 0) sb.append((char) c);
      else sb.append(String.format("%%%02X", c));
    }
    return sb.toString();
  }

  private static String fingerprint(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 8; i++) sb.append(String.format("%02x", h[i]));
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      return Integer.toHexString(s.hashCode());
    }
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ');
  }
}
