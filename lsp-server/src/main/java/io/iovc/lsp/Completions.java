package io.iovc.lsp;

import io.iovc.check.ConfigSection;
import io.iovc.check.ConfigTree;
import io.iovc.plugin.ParamType;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Completion: section names at the top level ({@code PF}, {@code DEFAULT}, the {@code VF-n} not yet
 * written below num_vfs), the schema's parameters inside a section (with type and default), and
 * values after {@code key =} (booleans, {@code trunk}, a MAC, device names from the plugins). Every
 * item's edit replaces exactly the typed prefix.
 */
final class Completions {
  /** Most VF-n items in one answer (the list is then marked incomplete). */
  static final int MAX_SECTIONS = 512;

  private final PluginRegistry registry;

  Completions(PluginRegistry registry) {
    this.registry = registry;
  }

  CompletionList complete(Analysis a, Position p, ClientInfo client) {
    int off = a.pos.offset(p);
    Caret c = Caret.at(a.tree, off);
    List<CompletionItem> items = new ArrayList<>();
    boolean incomplete = false;
    switch (c.where) {
      case TOP -> incomplete = sections(a, c, client, items);
      case KEY -> params(a, c, client, items);
      case VALUE -> values(a, c, client, items);
      default -> {
        // in a comment or heredoc: nothing
      }
    }
    return new CompletionList(incomplete, items);
  }

  // ---------------------------------------------------------------- sections

  private boolean sections(Analysis a, Caret c, ClientInfo client, List<CompletionItem> items) {
    Set<String> present = new HashSet<>();
    if (a.tree.root() instanceof UObject root) {
      for (UMember m : root.members()) {
        if (m.key().span().start() != c.prefixStart)
          present.add(Ascii.toLower(Ascii.cString(m.key().name())));
      }
    }
    Range range = range(a, c, false);
    boolean nameOnly = restOfLine(a, c.offset).matches("^[A-Za-z0-9_.-]*\\s*\\{.*");
    int numVfs = ConfigTree.findNumVfs(a.tree);
    if (!present.contains("pf"))
      items.add(section(a, "PF", ConfigSection.Kind.PF, -1, numVfs, "0", range, nameOnly, client));
    if (!present.contains("default"))
      items.add(
          section(
              a, "DEFAULT", ConfigSection.Kind.DEFAULT, -1, numVfs, "1", range, nameOnly, client));
    if (numVfs > 0) {
      int n = 0;
      for (int i = 0; i < numVfs; i++) {
        if (present.contains("vf-" + i)) continue;
        if (n++ >= MAX_SECTIONS) return true;
        items.add(
            section(
                a,
                "VF-" + i,
                ConfigSection.Kind.VF,
                i,
                numVfs,
                String.format("2%05d", i),
                range,
                nameOnly,
                client));
      }
    } else {
      int i = 0;
      while (present.contains("vf-" + i)) i++;
      items.add(
          section(
              a,
              "VF-" + i,
              ConfigSection.Kind.VF,
              i,
              numVfs,
              String.format("2%05d", i),
              range,
              nameOnly,
              client));
    }
    return false;
  }

  private CompletionItem section(
      Analysis a,
      String name,
      ConfigSection.Kind kind,
      int vf,
      int numVfs,
      String sort,
      Range range,
      boolean nameOnly,
      ClientInfo client) {
    CompletionItem it = new CompletionItem(name);
    it.setKind(CompletionItemKind.Module);
    it.setDetail(Docs.section(kind, vf, numVfs).replace("`", ""));
    it.setSortText(sort);
    it.setFilterText(name);
    String text = name;
    if (!nameOnly && client.snippets()) {
      text = name + " {\n\t$0\n}";
      it.setInsertTextFormat(InsertTextFormat.Snippet);
    }
    it.setTextEdit(Either.forLeft(new TextEdit(range, text)));
    return it;
  }

  // ---------------------------------------------------------------- parameters

  private void params(Analysis a, Caret c, ClientInfo client, List<CompletionItem> items) {
    if (c.kind == null) return;
    Schema schema = a.schemaOrIov();
    Schema.Device dev = c.kind == ConfigSection.Kind.PF ? Schema.Device.PF : Schema.Device.VF;
    Set<String> present = new HashSet<>();
    UObject obj = c.sectionObject();
    if (obj != null) {
      for (UMember m : obj.members()) {
        if (m.key().span().start() != c.prefixStart)
          present.add(Ascii.toLower(Ascii.cString(m.key().name())));
      }
    }
    Range range = range(a, c, false);
    boolean nameOnly = restOfLine(a, c.offset).matches("^[A-Za-z0-9_.-]*\\s*[=:].*");
    int vf = c.kind == ConfigSection.Kind.VF ? ConfigTree.vfIndex(c.sectionName()) : -1;
    int order = 0;
    for (Schema.Subsystem sub : Schema.Subsystem.values()) {
      for (Schema.Param p : schema.params(dev, sub)) {
        if (p.type() == null || present.contains(Ascii.toLower(p.name()))) continue;
        String name = Ascii.display(p.name());
        CompletionItem it = new CompletionItem(name);
        it.setKind(CompletionItemKind.Property);
        it.setDetail(Docs.typeLine(p));
        it.setDocumentation(
            doc(Docs.param(schema, p, c.kind, c.sectionName(), client.markdown()), client));
        it.setSortText(String.format("%03d", order++));
        it.setFilterText(name);
        String text = name;
        if (!nameOnly) {
          if (client.snippets()) {
            text = name + " = " + valueSnippet(a, p, vf) + ";$0";
            it.setInsertTextFormat(InsertTextFormat.Snippet);
          } else {
            text = name + " = ";
          }
        }
        it.setTextEdit(Either.forLeft(new TextEdit(range, text)));
        items.add(it);
      }
    }
  }

  /** The words a Linux-only string setting takes, or none. */
  private static List<String> words(Schema.Param p) {
    if (p.spec() == null) return List.of();
    return switch (p.spec().linux()) {
      case LINK_STATE -> io.iovc.schema.LinuxParams.LINK_STATES;
      case VLAN_PROTO -> io.iovc.schema.LinuxParams.VLAN_PROTOCOLS;
      case ESWITCH_MODE -> io.iovc.schema.LinuxParams.ESWITCH_MODES;
      default -> List.of();
    };
  }

  private String valueSnippet(Analysis a, Schema.Param p, int vf) {
    ParamType t = p.type();
    String d = p.defaultText();
    if (t == ParamType.BOOL) return "true".equals(d) ? "${1|true,false|}" : "${1|false,true|}";
    if (t == ParamType.UNICAST_MAC) return "\"${1:" + Docs.mac(vf) + "}\"";
    if (!words(p).isEmpty()) return "${1|" + String.join(",", words(p)) + "|}";
    if (t == ParamType.STRING && Ascii.equalsIgnoreCase(p.name(), "device")) {
      List<String> devices = devices(a);
      return "\"${1:" + snippetEscape(devices.isEmpty() ? "" : devices.get(0)) + "}\"";
    }
    if (t.isInteger() && Ascii.equalsIgnoreCase(p.name(), "num_vfs"))
      return "${1:" + vfCountGuess(a) + "}";
    return "${1:" + snippetEscape(Docs.exampleValue(p, vf)) + "}";
  }

  private static String snippetEscape(String s) {
    return s.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}");
  }

  // ---------------------------------------------------------------- values

  private void values(Analysis a, Caret c, ClientInfo client, List<CompletionItem> items) {
    if (c.kind == null) return;
    Schema schema = a.schemaOrIov();
    Schema.Device dev = c.kind == ConfigSection.Kind.PF ? Schema.Device.PF : Schema.Device.VF;
    Schema.Param p = schema.find(dev, c.valueKey);
    if (p == null || p.type() == null) return;
    boolean quoted = c.prefix.startsWith("\"");
    Range range = range(a, c, quoted);
    String d = p.defaultText();
    int vf = c.kind == ConfigSection.Kind.VF ? ConfigTree.vfIndex(c.sectionName()) : -1;
    List<String> words = words(p);
    if (!words.isEmpty()) {
      // the Linux-only settings that take one of a few words (link-state, vlan-proto, eswitch-mode)
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i);
        items.add(value(w, w, "Linux", Integer.toString(i), range, quoted, false, client));
      }
      return;
    }
    switch (p.type()) {
      case BOOL -> {
        items.add(
            value(
                "true",
                "true",
                "true".equals(d) ? "default" : "boolean",
                "0",
                range,
                quoted,
                false,
                client));
        items.add(
            value(
                "false",
                "false",
                "false".equals(d) ? "default" : "boolean",
                "1",
                range,
                quoted,
                false,
                client));
      }
      case VLAN -> {
        items.add(
            value(
                "trunk",
                "trunk",
                "the VF tags its own frames (4096)" + ("trunk".equals(d) ? "; default" : ""),
                "0",
                range,
                quoted,
                false,
                client));
        if (d != null && !"trunk".equals(d))
          items.add(value(d, d, "default", "1", range, quoted, false, client));
      }
      case UNICAST_MAC -> {
        String mac = Docs.mac(vf);
        CompletionItem it =
            value(
                mac,
                "\"" + mac + "\"",
                "a locally administered unicast MAC",
                "0",
                range,
                quoted,
                false,
                client);
        if (client.snippets()) {
          it.getTextEdit()
              .getLeft()
              .setNewText("\"" + mac.substring(0, 15) + "${1:" + mac.substring(15) + "}\"$0");
          it.setInsertTextFormat(InsertTextFormat.Snippet);
        }
        it.setKind(CompletionItemKind.Snippet);
        items.add(it);
      }
      case STRING -> {
        if (dev == Schema.Device.PF && Ascii.equalsIgnoreCase(p.name(), "device")) {
          int i = 0;
          String own = ownDevice(a);
          for (String name : devices(a)) {
            String detail = pluginFor(name);
            CompletionItem it =
                value(
                    name,
                    "\"" + name + "\"",
                    detail,
                    String.format("%03d", i++),
                    range,
                    quoted,
                    name.equals(own),
                    client);
            items.add(it);
          }
        } else if (d != null) {
          items.add(value(d, "\"" + d + "\"", "default", "0", range, quoted, false, client));
        }
      }
      default -> {
        if (Ascii.equalsIgnoreCase(p.name(), "num_vfs") && dev == Schema.Device.PF) {
          String n = Integer.toString(vfCountGuess(a));
          items.add(
              value(
                  n,
                  n,
                  "one more than the highest VF-n written",
                  "0",
                  range,
                  quoted,
                  false,
                  client));
        } else if (d != null) {
          items.add(value(d, d, "default", "0", range, quoted, false, client));
        }
      }
    }
  }

  private CompletionItem value(
      String label,
      String text,
      String detail,
      String sort,
      Range range,
      boolean quotedPrefix,
      boolean preselect,
      ClientInfo client) {
    CompletionItem it = new CompletionItem(label);
    it.setKind(CompletionItemKind.Value);
    it.setDetail(detail);
    it.setSortText(sort);
    it.setFilterText(quotedPrefix && text.startsWith("\"") ? text : label);
    if (preselect) it.setPreselect(true);
    it.setTextEdit(Either.forLeft(new TextEdit(range, text)));
    return it;
  }

  /** Device names from every plugin; the file's own name first when a plugin serves it. */
  private List<String> devices(Analysis a) {
    List<String> out = new ArrayList<>();
    String own = ownDevice(a);
    if (own != null) out.add(own);
    if (a.schema != null && a.schema.plugin() != null) {
      for (String n : a.schema.plugin().exampleDevices()) if (!out.contains(n)) out.add(n);
    }
    for (PluginRegistry.Loaded l : registry.plugins()) {
      for (String n : l.plugin().exampleDevices()) if (!out.contains(n)) out.add(n);
    }
    return out;
  }

  /**
   * The file's base name when a plugin serves a device of that name ({@code /etc/iov/ixl1.conf} →
   * ixl1).
   */
  private String ownDevice(Analysis a) {
    String n = a.src.name();
    n = n.substring(n.lastIndexOf('/') + 1);
    if (n.endsWith(".conf")) n = n.substring(0, n.length() - 5);
    if (n.isEmpty()) return null;
    return registry.forDevice(n).isPresent() ? n : null;
  }

  private String pluginFor(String device) {
    return registry
        .forDevice(device)
        .map(l -> l.plugin().name() + " — " + l.plugin().description())
        .orElse("device");
  }

  /** One more than the highest VF-n section written, at least 1. */
  private static int vfCountGuess(Analysis a) {
    int max = -1;
    if (a.tree.root() instanceof UObject root) {
      for (UMember m : root.members()) {
        int i = ConfigTree.vfIndex(Ascii.cString(m.key().name()));
        if (i >= 0 && i < 0xFFFF) max = Math.max(max, i);
      }
    }
    return Math.max(1, max + 1);
  }

  // ---------------------------------------------------------------- helpers

  /** The typed prefix; a quoted value prefix also takes a closing quote right after the caret. */
  private static Range range(Analysis a, Caret c, boolean quoted) {
    int end = c.offset;
    byte[] b = a.src.bytes();
    if (quoted && end < b.length && b[end] == '"') end++;
    return a.pos.range(new Span(c.prefixStart, end));
  }

  private static String restOfLine(Analysis a, int off) {
    int line = a.src.line(off);
    int e = Math.max(off, a.src.lineEnd(line));
    return new String(a.src.bytes(), off, e - off, StandardCharsets.ISO_8859_1);
  }

  private static Either<String, MarkupContent> doc(String text, ClientInfo client) {
    return Either.forRight(
        new MarkupContent(client.markdown() ? MarkupKind.MARKDOWN : MarkupKind.PLAINTEXT, text));
  }
}
