package io.iovc.lsp;

import io.iovc.check.ConfigSection;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import io.iovc.schema.Schema;
import io.iovc.syntax.Ascii;

/**
 * Texts about parameters and sections, all taken from the schema and the plugins' docs, for hovers
 * and completion items. Markdown, or the same words without markup.
 */
final class Docs {
  private Docs() {}

  /** "uint16_t, default 4", "bool, default true", "string, required", "unicast-mac, optional". */
  static String typeLine(Schema.Param p) {
    String t = p.typeName() == null ? "?" : Ascii.display(p.typeName());
    if (p.required()) return t + ", required";
    String d = p.defaultText();
    return d != null ? t + ", default " + d : t + ", optional";
  }

  /** The owner of a parameter: "the ixl driver" or "SR-IOV (every driver)". */
  static String owner(Schema schema, Schema.Param p) {
    if (p.subsystem() == Schema.Subsystem.IOV) return "SR-IOV (every driver)";
    // the settings only Linux has are iovc's own, whatever the plugin
    if (p.spec() != null
        && (p.spec() == io.iovc.schema.LinuxParams.vf(p.name())
            || p.spec() == io.iovc.schema.LinuxParams.pf(p.name()))) return "iovc (Linux)";
    if (schema.plugin() != null) return "the " + schema.plugin().name() + " driver";
    return "the driver (" + schema.origin() + ")";
  }

  /** Everything about a parameter; {@code where} is the section the caret is in (may be null). */
  static String param(
      Schema schema, Schema.Param p, ConfigSection.Kind where, String sectionName, boolean md) {
    StringBuilder sb = new StringBuilder();
    String name = Ascii.display(p.name());
    sb.append(code(name, md, true))
        .append(" · ")
        .append(code(p.typeName() == null ? "?" : Ascii.display(p.typeName()), md, false));
    if (p.required()) {
      sb.append(" · required");
    } else if (p.defaultText() != null) {
      sb.append(" · default ").append(code(p.defaultText(), md, false));
    } else {
      sb.append(" · optional");
    }
    sb.append("\n\n");
    String doc = p.doc();
    if (doc != null && !doc.isEmpty()) sb.append(doc).append("\n\n");
    ParamSpec spec = p.spec();
    sb.append("Defined by ").append(owner(schema, p));
    if (spec != null && spec.since() != null && !spec.since().isEmpty())
      // "iovc 0.1 (Linux only)" is no FreeBSD release
      sb.append(spec.since().startsWith("iovc") ? " · since " : " · since FreeBSD ")
          .append(spec.since());
    sb.append('\n').append('\n');
    if (p.device() == Schema.Device.PF) {
      sb.append("Belongs to: PF.");
      if (where != null && where != ConfigSection.Kind.PF)
        sb.append(" It has no effect here: move it into the PF section.");
    } else {
      sb.append("Belongs to: VF — in DEFAULT for every VF, in VF-n for one.");
      if (where == ConfigSection.Kind.DEFAULT) {
        sb.append(" Here in DEFAULT: every VF without its own ")
            .append(code(name, md, false))
            .append(" gets this value.");
      } else if (where == ConfigSection.Kind.VF) {
        sb.append(" Here: ")
            .append(sectionName == null ? "this VF" : Ascii.display(sectionName))
            .append(" only; it overrides DEFAULT.");
      } else if (where == ConfigSection.Kind.PF) {
        sb.append(" It does not belong in the PF section.");
      }
    }
    return sb.toString().strip();
  }

  /** The one-line summary of a section. */
  static String section(ConfigSection.Kind kind, int vf, int numVfs) {
    return switch (kind) {
      case PF -> "the physical function: `device` and `num_vfs`, plus the driver's PF parameters";
      case DEFAULT ->
          "values every VF inherits unless its own VF-n section sets them; never sent by itself";
      case VF ->
          vf >= 0 && vf < numVfs
              ? "VF " + vf + " of " + numVfs + " (num_vfs = " + numVfs + ")"
              : "the settings of VF " + vf;
    };
  }

  /** An example value for a parameter: its default, a MAC for VF n, a device name… */
  static String exampleValue(Schema.Param p, int vf) {
    ParamType t = p.type();
    if (t == null) return "";
    String d = p.defaultText();
    return switch (t) {
      case BOOL -> d != null ? d : "true";
      case UNICAST_MAC -> "\"" + mac(vf) + "\"";
      case VLAN -> d != null ? d : "trunk";
      case STRING -> "\"" + (d != null ? d : "") + "\"";
      default -> d != null ? d : "1";
    };
  }

  /** A locally administered unicast MAC for VF {@code vf} (02:00:00:00:00:01 for VF-0). */
  static String mac(int vf) {
    int n = Math.max(vf, 0) + 1;
    return String.format("02:00:00:00:%02x:%02x", (n >> 8) & 0xff, n & 0xff);
  }

  static String code(String s, boolean md, boolean bold) {
    if (!md) return s;
    String c = "`" + s.replace("`", "'") + "`";
    return bold ? "**" + c + "**" : c;
  }
}
