package io.iovc.check;

import io.iovc.syntax.Ascii;
import java.util.List;

/**
 * What iovctl's parse_config_file has built once every check passed: the device, num_vfs and the
 * sections in file order. The lower stage turns it into the kernel's nvlist.
 */
public record CheckedConfig(String device, int numVfs, List<ConfigSection> sections) {
  public CheckedConfig {
    sections = List.copyOf(sections);
  }

  public ConfigSection pf() {
    for (ConfigSection s : sections) {
      if (s.kind() == ConfigSection.Kind.PF) return s;
    }
    return null;
  }

  public ConfigSection defaults() {
    for (ConfigSection s : sections) {
      if (s.kind() == ConfigSection.Kind.DEFAULT) return s;
    }
    return null;
  }

  /** The explicit section of VF {@code i}, or null. */
  public ConfigSection vf(int i) {
    String name = "VF-" + i;
    for (ConfigSection s : sections) {
      if (s.kind() == ConfigSection.Kind.VF && Ascii.equalsIgnoreCase(s.name(), name)) return s;
    }
    return null;
  }
}
