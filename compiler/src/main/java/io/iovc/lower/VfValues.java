package io.iovc.lower;

import io.iovc.check.CheckedConfig;
import io.iovc.check.ConfigParam;
import io.iovc.check.ConfigSection;
import io.iovc.schema.Schema;
import io.iovc.syntax.Ascii;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every value one VF ends up with and where it comes from: its own section, DEFAULT (folded in by
 * iovctl exactly as {@link Lowering} does), or the schema default the kernel fills in for a
 * parameter nobody set. Editors show this as inlay hints; it never changes what is sent.
 */
public final class VfValues {
  /** Where a VF's value comes from. */
  public enum Origin {
    /** Written in the VF's own section. */
    VF,
    /** Inherited from DEFAULT by iovctl. */
    DEFAULT,
    /** Not sent; the kernel applies the schema default. */
    SCHEMA
  }

  /** One effective value: the name as written (or as the schema spells it), its display text. */
  public record Value(String name, String display, Origin origin) {}

  private VfValues() {}

  /** The values of VF {@code vf} (0 ≤ vf < num_vfs) of an accepted configuration. */
  public static List<Value> of(CheckedConfig config, Schema schema, int vf) {
    List<Value> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    ConfigSection own = config.vf(vf);
    if (own != null) {
      add(out, seen, own.iov(), Origin.VF);
      add(out, seen, own.driver(), Origin.VF);
    }
    ConfigSection defaults = config.defaults();
    if (defaults != null) {
      add(out, seen, defaults.iov(), Origin.DEFAULT);
      add(out, seen, defaults.driver(), Origin.DEFAULT);
    }
    if (schema != null) {
      for (Schema.Subsystem s : Schema.Subsystem.values()) {
        for (Schema.Param p : schema.params(Schema.Device.VF, s)) {
          String text = p.defaultText();
          if (text != null && seen.add(Ascii.toLower(p.name())))
            out.add(new Value(p.name(), text, Origin.SCHEMA));
        }
      }
    }
    return out;
  }

  private static void add(
      List<Value> out, Set<String> seen, List<ConfigParam> params, Origin origin) {
    for (ConfigParam p : params) {
      if (seen.add(Ascii.toLower(p.name())))
        out.add(new Value(p.name(), p.value().display(), origin));
    }
  }
}
