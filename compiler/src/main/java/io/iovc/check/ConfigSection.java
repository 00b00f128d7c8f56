package io.iovc.check;

import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue.UMember;
import java.util.List;

/**
 * A top-level section iovctl accepted: PF, DEFAULT or VF-n, with its DRIVER and IOV parameters in
 * file order (first value of each key, as libucl iteration yields them).
 */
public record ConfigSection(
    String name,
    Kind kind,
    int vfIndex,
    UMember member,
    List<ConfigParam> driver,
    List<ConfigParam> iov) {

  /** The three kinds of section iovctl knows. */
  public enum Kind {
    PF,
    DEFAULT,
    VF
  }

  public ConfigSection {
    driver = List.copyOf(driver);
    iov = List.copyOf(iov);
  }

  /** A parameter of either subsystem, looked up case-insensitively. */
  public ConfigParam param(String key) {
    for (ConfigParam p : iov) {
      if (Ascii.equalsIgnoreCase(p.name(), key)) return p;
    }
    for (ConfigParam p : driver) {
      if (Ascii.equalsIgnoreCase(p.name(), key)) return p;
    }
    return null;
  }
}
