package io.iovc.check;

import io.iovc.nvlist.NvValue;
import io.iovc.schema.Schema;
import io.iovc.syntax.Ascii;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What VF-n ends up with: the one resolver of an accepted configuration's effective values. iovctl
 * folds DEFAULT into every VF, per subsystem: the VF's own parameters in file order, then those of
 * DEFAULT it lacks, in DEFAULT's order and spelling (names compared ASCII case-insensitively, as
 * the nvlist's IGNORE_CASE does). A parameter nobody set is not sent; the kernel applies its schema
 * default.
 *
 * <p>{@code lower.Lowering} (the nvlist sent to the kernel), {@code lower.VfValues} (the editor's
 * inlay hints) and the Linux target all read it, so they cannot disagree.
 */
public final class EffectiveValues {
  /** Where a VF's value comes from. */
  public enum Origin {
    /** Written in the VF's own section. */
    VF,
    /** Inherited from DEFAULT. */
    DEFAULT,
    /** Not sent; the kernel applies the schema default. */
    SCHEMA
  }

  /**
   * One effective value.
   *
   * @param name the name as written (as the schema spells it for a schema default)
   * @param value the value; for a schema default null when it is none of iovctl's types
   * @param written the parameter as written, or null for a schema default
   * @param schemaParam the schema's entry (for a written parameter: as the checker found it)
   */
  public record Value(
      String name,
      Schema.Subsystem subsystem,
      Origin origin,
      TypedValue value,
      ConfigParam written,
      Schema.Param schemaParam) {}

  private final CheckedConfig config;

  /** The VF sections by lower-cased name. */
  private final Map<String, ConfigSection> vfs = new HashMap<>();

  /**
   * DEFAULT, or null: found once. Asking the configuration for it on every VF scanned every section
   * for each VF, so a 16 384-VF compile took 4.5 s instead of 1 s (bin/bench-scaling).
   */
  private final ConfigSection defaults;

  private EffectiveValues(CheckedConfig config) {
    this.config = config;
    this.defaults = config.defaults();
    for (ConfigSection s : config.sections()) {
      if (s.kind() == ConfigSection.Kind.VF) vfs.putIfAbsent(Ascii.toLower(s.name()), s);
    }
  }

  /** The resolver for one accepted configuration. */
  public static EffectiveValues of(CheckedConfig config) {
    return new EffectiveValues(config);
  }

  public CheckedConfig config() {
    return config;
  }

  /** The section written for VF {@code vf}, or null. */
  public ConfigSection section(int vf) {
    return vfs.get("vf-" + vf);
  }

  /**
   * The parameters of one subsystem iovctl sends for VF {@code vf}: its own in file order, then
   * those of DEFAULT it lacks, in DEFAULT's order.
   */
  public List<ConfigParam> sent(int vf, Schema.Subsystem subsystem) {
    ConfigSection own = section(vf);
    List<ConfigParam> ownParams = own == null ? List.of() : params(own, subsystem);
    List<ConfigParam> defParams = defaults == null ? List.of() : params(defaults, subsystem);
    if (defParams.isEmpty()) return ownParams;
    List<ConfigParam> out = new ArrayList<>(ownParams.size() + defParams.size());
    Set<String> seen = new HashSet<>();
    for (ConfigParam p : ownParams) {
      out.add(p);
      seen.add(Ascii.toLower(p.name()));
    }
    for (ConfigParam p : defParams) {
      if (seen.add(Ascii.toLower(p.name()))) out.add(p);
    }
    return out;
  }

  /**
   * Every value of VF {@code vf}: the written ones (its own, IOV then DRIVER, then those of DEFAULT
   * it lacks, IOV then DRIVER), then the schema defaults (IOV then DRIVER) of the VF parameters of
   * {@code schema} (may be null) not written for it in their subsystem.
   */
  public List<Value> all(int vf, Schema schema) {
    List<Value> out = new ArrayList<>();
    ConfigSection own = section(vf);
    Map<Schema.Subsystem, Set<String>> written = new HashMap<>();
    for (Schema.Subsystem s : Schema.Subsystem.values()) written.put(s, new HashSet<>());
    for (Origin origin : List.of(Origin.VF, Origin.DEFAULT)) {
      ConfigSection sec = origin == Origin.VF ? own : defaults;
      if (sec == null) continue;
      for (Schema.Subsystem s : Schema.Subsystem.values()) {
        for (ConfigParam p : params(sec, s)) {
          if (written.get(s).add(Ascii.toLower(p.name())))
            out.add(new Value(p.name(), s, origin, p.value(), p, p.schemaParam()));
        }
      }
    }
    if (schema != null) {
      for (Schema.Subsystem s : Schema.Subsystem.values()) {
        for (Schema.Param p : schema.params(Schema.Device.VF, s)) {
          if (p.defaultValue() != null && !written.get(s).contains(Ascii.toLower(p.name())))
            out.add(new Value(p.name(), s, Origin.SCHEMA, typed(p.defaultValue()), null, p));
        }
      }
    }
    return out;
  }

  /**
   * VF {@code vf}'s value of the parameter {@code name} (either subsystem): its own section, then
   * DEFAULT, then the schema default of {@code schemaParam} (may be null); null when none applies.
   */
  public Value of(int vf, String name, Schema.Param schemaParam) {
    Value v = written(section(vf), name, Origin.VF);
    if (v == null) v = written(defaults, name, Origin.DEFAULT);
    if (v != null || schemaParam == null) return v;
    TypedValue d = typed(schemaParam.defaultValue());
    return d == null
        ? null
        : new Value(
            schemaParam.name(), schemaParam.subsystem(), Origin.SCHEMA, d, null, schemaParam);
  }

  private static Value written(ConfigSection sec, String name, Origin origin) {
    if (sec == null) return null;
    for (Schema.Subsystem s : Schema.Subsystem.values()) {
      for (ConfigParam p : params(sec, s)) {
        if (Ascii.equalsIgnoreCase(p.name(), name))
          return new Value(p.name(), s, origin, p.value(), p, p.schemaParam());
      }
    }
    return null;
  }

  private static List<ConfigParam> params(ConfigSection sec, Schema.Subsystem s) {
    return s == Schema.Subsystem.IOV ? sec.iov() : sec.driver();
  }

  /** A schema default as iovctl's types see it, or null. */
  static TypedValue typed(NvValue v) {
    if (v instanceof NvValue.Bool b) return new TypedValue.Bool(b.value());
    if (v instanceof NvValue.Number n) return new TypedValue.Num(n.value());
    if (v instanceof NvValue.Binary b && b.bytes().length == 6)
      return new TypedValue.Mac(b.bytes());
    if (v instanceof NvValue.Str s) return new TypedValue.Str(s.value());
    return null;
  }
}
