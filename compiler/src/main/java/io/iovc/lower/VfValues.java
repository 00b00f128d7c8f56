package io.iovc.lower;

import io.iovc.check.CheckedConfig;
import io.iovc.check.EffectiveValues;
import io.iovc.schema.Schema;
import io.iovc.syntax.Ascii;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every value one VF ends up with and where it comes from, for display: its own section, DEFAULT
 * (folded in by iovctl), or the schema default the kernel fills in for a parameter nobody set, each
 * name once, as {@link EffectiveValues} resolves them (the resolver {@link Lowering} uses too).
 * Editors show this as inlay hints; it never changes what is sent.
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
    for (EffectiveValues.Value v : EffectiveValues.of(config).all(vf, schema)) {
      if (v.origin() == EffectiveValues.Origin.SCHEMA) {
        String text = v.schemaParam().defaultText();
        if (text != null && seen.add(Ascii.toLower(v.name())))
          out.add(new Value(v.name(), text, Origin.SCHEMA));
      } else if (seen.add(Ascii.toLower(v.name()))) {
        out.add(
            new Value(
                v.name(),
                v.value().display(),
                v.origin() == EffectiveValues.Origin.VF ? Origin.VF : Origin.DEFAULT));
      }
    }
    return out;
  }
}
