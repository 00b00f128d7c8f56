package io.iovc.diag.render;

import io.iovc.diag.Code;
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
import java.util.function.Function;

/**
 * SARIF 2.1.0 for code scanning (spec/ecosystem.md §3.3): the tool with a rule per code (title,
 * long explanation, default level), and a result per diagnostic with its region, a line-hash
 * fingerprint and its machine-applicable fixes. Columns are Unicode code points.
 */
public final class Sarif {
  private Sarif() {}

  /**
   * What the log says about the tool that ran: its name, version and home page, and each rule's
   * long explanation by code id ({@code null} when the code has none: its title stands in).
   */
  public record Tool(
      String name, String version, String informationUri, Function<String, String> explanation) {}

  /**
   * The SARIF log of one run over {@code files}: one rule per code found (in order of first
   * appearance), one result per diagnostic.
   */
  public static String render(List<FileResult> files, Tool tool) {
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
    j.field("name", tool.name());
    j.field("version", tool.version());
    j.field("semanticVersion", tool.version());
    j.field("informationUri", tool.informationUri());
    j.name("rules").beginArray();
    for (Code c : rules) {
      String text = tool.explanation().apply(c.id());
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
        region(j, "region", s, sp);
        j.endObject().endObject().endArray();
        j.name("partialFingerprints")
            .beginObject()
            .field(
                "primaryLocationLineHash",
                fingerprint(d.code().id() + ":" + s.lineText(s.line(sp.start())).strip()) + ":1")
            .endObject();
        fixes(j, s, d);
        j.endObject();
      }
    }
    j.endArray();
    j.field("columnKind", "unicodeCodePoints");
    j.endObject().endArray();
    j.endObject();
    return j.toString() + "\n";
  }

  private static void region(Json j, String name, SourceText s, Span sp) {
    j.name(name)
        .beginObject()
        .field("startLine", s.line(sp.start()))
        .field("startColumn", s.column(sp.start()))
        .field("endLine", s.line(sp.end()))
        .field("endColumn", s.column(sp.end()))
        .endObject();
  }

  /**
   * The diagnostic's machine-applicable fixes as SARIF {@code fixes}. SARIF has no field for how
   * sure a fix is, and its consumers (viewers, autofix bots) apply a fix as given, so a guess is
   * not written here at all; {@code --format json} carries every fix with its applicability. An
   * edit is a replacement of its region (an empty region inserts; no inserted content deletes).
   */
  private static void fixes(Json j, SourceText s, Diagnostic d) {
    boolean any = false;
    for (Fix fx : d.fixes()) {
      if (!fx.machineApplicable()) continue;
      if (!any) j.name("fixes").beginArray();
      any = true;
      j.beginObject();
      j.name("description").beginObject().field("text", fx.title()).endObject();
      j.name("artifactChanges").beginArray().beginObject();
      j.name("artifactLocation").beginObject().field("uri", uri(s.name())).endObject();
      j.name("replacements").beginArray();
      for (Edit e : fx.edits()) {
        j.beginObject();
        region(j, "deletedRegion", s, e.span());
        if (!e.text().isEmpty())
          j.name("insertedContent").beginObject().field("text", e.text()).endObject();
        j.endObject();
      }
      j.endArray();
      j.endObject().endArray();
      j.endObject();
    }
    if (any) j.endArray();
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

  /**
   * The artifact's URI. A relative path stays a relative reference (code-scanning services resolve
   * it against the repository root); an absolute path becomes an absolute {@code file:} URI, never
   * a bare {@code /abs/…}, which SARIF validators reject without a {@code uriBaseId}.
   */
  static String uri(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) p = p.substring(2);
    String scheme = "";
    if (p.startsWith("/")) scheme = "file://";
    else if (p.matches("[A-Za-z]:/.*")) scheme = "file:///";
    return scheme + encode(p);
  }

  private static String encode(String p) {
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
}
