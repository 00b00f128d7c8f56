package io.iovc.lsp;

import io.iovc.check.CheckedConfig;
import io.iovc.check.ConfigParam;
import io.iovc.check.ConfigSection;
import io.iovc.check.ConfigTree;
import io.iovc.lower.VfValues;
import io.iovc.schema.Schema;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import java.util.List;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/**
 * Hover: on a parameter (key or value) its doc, type, default, whether it is required, the driver,
 * the FreeBSD release that added it and where it belongs (PF, DEFAULT or VF); on a section its
 * role, the schema in use and, for a VF, every value it ends up with.
 */
final class Hovers {
  /** What the caret is on. */
  record Hit(UMember member, boolean onKey, UMember section, ConfigSection.Kind kind, int depth) {}

  Hover hover(Analysis a, Position p, ClientInfo client) {
    int off = a.pos.offset(p);
    Hit h = find(a, off);
    if (h == null && off > 0) h = find(a, off - 1);
    if (h == null) return null;
    boolean md = client.markdown();
    String text;
    Span span;
    if (h.depth == 0 && h.onKey) {
      text = section(a, h, md);
      span = h.member.key().span();
    } else {
      text = param(a, h, md);
      span = h.onKey ? h.member.key().span() : h.member.value().span();
    }
    if (text == null) return null;
    Hover hover =
        new Hover(new MarkupContent(md ? MarkupKind.MARKDOWN : MarkupKind.PLAINTEXT, text));
    hover.setRange(a.pos.range(span));
    return hover;
  }

  static Hit find(Analysis a, int off) {
    return a.tree.root() instanceof UObject root ? find(root, off, null, null, 0) : null;
  }

  private static Hit find(UObject o, int off, UMember section, ConfigSection.Kind kind, int depth) {
    for (UMember m : o.members()) {
      if (contains(m.key().span(), off)) return new Hit(m, true, section, kind, depth);
      UValue v = m.value();
      if (v instanceof UObject vo) {
        if (vo.span().start() <= off && off < Math.max(vo.span().end(), vo.span().start() + 1)) {
          ConfigSection.Kind k = ConfigTree.sectionKind(Ascii.cString(m.key().name()));
          boolean isSection = depth == 0 || k != null;
          Hit h = find(vo, off, isSection ? m : section, isSection ? k : kind, depth + 1);
          if (h != null) return h;
        }
      } else if (contains(v.span(), off)) {
        return new Hit(m, false, section, kind, depth);
      }
    }
    return null;
  }

  private static boolean contains(Span s, int off) {
    return s.start() <= off && off < s.end();
  }

  // ---------------------------------------------------------------- sections

  private static String section(Analysis a, Hit h, boolean md) {
    String name = Ascii.cString(h.member.key().name());
    ConfigSection.Kind kind = ConfigTree.sectionKind(name);
    if (kind == null) return null;
    int numVfs = ConfigTree.findNumVfs(a.tree);
    int vf = ConfigTree.vfIndex(name);
    StringBuilder sb = new StringBuilder();
    sb.append(Docs.code(Ascii.display(name), md, true))
        .append(" — ")
        .append(plain(Docs.section(kind, vf, numVfs), md))
        .append("\n\n");
    if (a.schema != null) {
      sb.append("Schema: ")
          .append(a.schema.origin())
          .append(" (chosen by ")
          .append(a.schemaHow)
          .append(")\n\n");
    } else {
      sb.append("No schema yet: set `device` in PF, or add `# iovc: driver=NAME`\n\n");
    }
    CheckedConfig config = a.config();
    if (kind == ConfigSection.Kind.VF && config != null && vf >= 0 && vf < config.numVfs()) {
      List<VfValues.Value> values = VfValues.of(config, a.schema, vf);
      if (!values.isEmpty()) {
        sb.append("What VF-").append(vf).append(" gets:\n\n");
        for (VfValues.Value v : values) {
          sb.append(md ? "- " : "  ")
              .append(Docs.code(Ascii.display(v.name()) + " = " + v.display(), md, false))
              .append(" — ")
              .append(origin(v.origin()))
              .append('\n');
        }
      }
    } else if (kind == ConfigSection.Kind.VF && numVfs >= 0 && vf >= numVfs) {
      sb.append("num_vfs is ").append(numVfs).append(", so this VF does not exist.\n");
    } else if (kind == ConfigSection.Kind.DEFAULT && config != null) {
      int own = 0;
      for (ConfigSection s : config.sections()) if (s.kind() == ConfigSection.Kind.VF) own++;
      sb.append("Applies to all ")
          .append(config.numVfs())
          .append(" VFs; ")
          .append(own)
          .append(own == 1 ? " has a section of its own.\n" : " have a section of their own.\n");
    }
    return sb.toString().strip();
  }

  private static String origin(VfValues.Origin o) {
    return switch (o) {
      case VF -> "set here";
      case DEFAULT -> "from DEFAULT";
      case SCHEMA -> "kernel default";
    };
  }

  private static String plain(String s, boolean md) {
    return md ? s : s.replace("`", "");
  }

  // ---------------------------------------------------------------- parameters

  private static String param(Analysis a, Hit h, boolean md) {
    if (h.kind == null) return null;
    Schema schema = a.schemaOrIov();
    String key = Ascii.cString(h.member.key().name());
    Schema.Device dev = h.kind == ConfigSection.Kind.PF ? Schema.Device.PF : Schema.Device.VF;
    Schema.Param p = schema.find(dev, key);
    if (p == null)
      p = schema.find(dev == Schema.Device.PF ? Schema.Device.VF : Schema.Device.PF, key);
    if (p == null) return null;
    String sectionName = h.section == null ? null : Ascii.cString(h.section.key().name());
    StringBuilder sb = new StringBuilder(Docs.param(schema, p, h.kind, sectionName, md));
    String read = readAs(a, h);
    if (read != null)
      sb.append("\n\n")
          .append("iovctl reads ")
          .append(Docs.code(a.src.text(h.member.value().span()), md, false))
          .append(" as ")
          .append(Docs.code(read, md, false))
          .append('.');
    if (a.schema == null)
      sb.append("\n\n(No driver schema yet: only the SR-IOV parameters are known.)");
    return sb.toString();
  }

  /** The value iovctl makes of the text, when the file is accepted and it differs from the text. */
  private static String readAs(Analysis a, Hit h) {
    CheckedConfig c = a.config();
    if (c == null || h.section == null) return null;
    for (ConfigSection s : c.sections()) {
      if (s.member() != h.section) continue;
      ConfigParam cp = s.param(Ascii.cString(h.member.key().name()));
      if (cp == null || cp.member() != h.member) return null;
      String shown = cp.value().display();
      String text = a.src.text(h.member.value().span());
      String unquoted =
          text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
              ? text.substring(1, text.length() - 1)
              : text;
      return shown.equals(unquoted) || shown.equalsIgnoreCase(unquoted) ? null : shown;
    }
    return null;
  }
}
