package io.iovc.check;

import io.iovc.check.ConfigTree.Item;
import io.iovc.syntax.Ascii;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * iovctl's {@code parse_config_file} top-level loop (spec §3.1 step 6): in file order, the first
 * value of each key; PF, DEFAULT (before any VF) and VF-n sections go to {@link ParseDeviceConfig},
 * anything else is refused.
 */
final class ParseConfigFile {
  private ParseConfigFile() {}

  /** The sections iovctl built, in file order, and the DEFAULT section among them (or null). */
  record Sections(List<ConfigSection> all, ConfigSection defaults) {
    ConfigSection pf() {
      ConfigSection pf = null;
      for (ConfigSection s : all) {
        if (s.kind() == ConfigSection.Kind.PF) pf = s;
      }
      return pf;
    }

    /** The section written for VF {@code i} (any case), or null. */
    ConfigSection vf(int i) {
      String name = "VF-" + i;
      for (ConfigSection s : all) {
        if (s.kind() == ConfigSection.Kind.VF && Ascii.equalsIgnoreCase(s.name(), name)) return s;
      }
      return null;
    }
  }

  /**
   * Reads the top-level sections; null when iovctl crashes on a top-level element without a key.
   * Emits IOV310 (such an element), IOV304 (DEFAULT after a VF section) and IOV303 (a key that is
   * no section); the sections' own codes come from {@link ParseDeviceConfig}.
   */
  static Sections parse(CheckRun r, List<Item> top) {
    Map<String, ConfigSection> config = new LinkedHashMap<>();
    List<ConfigSection> sections = new ArrayList<>();
    boolean processedVf = false;
    ConfigSection defaults = null;
    for (Item t : top) {
      if (t.key() == null) {
        r.add(SectionDiagnostics.TopLevelArray.element(t.value().span()));
        return null;
      }
      ConfigSection.Kind kind;
      int index = -1;
      if (Ascii.equalsIgnoreCase(t.key(), "PF")) {
        kind = ConfigSection.Kind.PF;
      } else if (Ascii.equalsIgnoreCase(t.key(), "DEFAULT")) {
        kind = ConfigSection.Kind.DEFAULT;
        if (processedVf) r.add(SectionDiagnostics.defaultAfterVf(t.keySpan()));
      } else if (ConfigTree.vfDigits(t.key()) != null) {
        kind = ConfigSection.Kind.VF;
        processedVf = true;
        index = ConfigTree.vfIndexOf(t.key());
      } else {
        if (!r.restOfSlashLine(t)) r.add(SectionDiagnostics.unexpectedSection(r.src, t));
        continue;
      }
      ConfigSection s = ParseDeviceConfig.parse(r, t, kind, index, config);
      if (s != null) {
        sections.add(s);
        if (kind == ConfigSection.Kind.DEFAULT) defaults = s;
      }
    }
    return new Sections(sections, defaults);
  }
}
