package io.iovc.apply.freebsd;

import io.iovc.schema.Schema;
import io.iovc.schema.Schema.Device;
import io.iovc.schema.Schema.Param;
import io.iovc.schema.Schema.Subsystem;
import io.iovc.syntax.Ascii;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a driver plugin's schema gets wrong compared with the schema the kernel publishes for a PF
 * ({@code IOV_GET_SCHEMA}): parameters only one side has, and differing types, required flags and
 * defaults. Names are matched case-insensitively, as the kernel's nvlists look them up; the order
 * of parameters is not compared (it changes only what {@code iovctl -S} prints first).
 */
public final class SchemaDiff {
  /**
   * One difference.
   *
   * @param where {@code VF.DRIVER.num-queues}
   * @param name the parameter's name
   * @param what what differs, in words
   */
  public record Difference(String where, String name, String what) {
    @Override
    public String toString() {
      return where + ": " + what;
    }
  }

  private SchemaDiff() {}

  /**
   * The differences between {@code live} (the kernel's) and {@code other} (a plugin's), in schema
   * order.
   */
  public static List<Difference> compare(
      Schema live, String liveName, Schema other, String otherName) {
    List<Difference> out = new ArrayList<>();
    for (Device d : Device.values()) {
      for (Subsystem s : Subsystem.values()) {
        Map<String, Param> mine = byName(live.params(d, s));
        Map<String, Param> theirs = byName(other.params(d, s));
        String prefix = d.key() + "." + s.key() + ".";
        for (Map.Entry<String, Param> e : mine.entrySet()) {
          Param a = e.getValue();
          Param b = theirs.get(e.getKey());
          if (b == null) {
            out.add(
                new Difference(
                    prefix + a.name(), a.name(), "only in " + liveName + " (" + describe(a) + ")"));
            continue;
          }
          compareParam(prefix, a, b, liveName, otherName, out);
        }
        for (Map.Entry<String, Param> e : theirs.entrySet()) {
          if (!mine.containsKey(e.getKey())) {
            Param b = e.getValue();
            out.add(
                new Difference(
                    prefix + b.name(),
                    b.name(),
                    "only in " + otherName + " (" + describe(b) + "); the kernel rejects it"));
          }
        }
      }
    }
    return out;
  }

  private static void compareParam(
      String prefix, Param a, Param b, String liveName, String otherName, List<Difference> out) {
    String where = prefix + a.name();
    if (!a.name().equals(b.name())) {
      out.add(
          new Difference(
              where,
              a.name(),
              "spelled `"
                  + a.name()
                  + "` in "
                  + liveName
                  + ", `"
                  + b.name()
                  + "` in "
                  + otherName));
    }
    if (!Objects.equals(a.typeName(), b.typeName())) {
      out.add(
          new Difference(
              where,
              a.name(),
              "type "
                  + a.typeName()
                  + " in "
                  + liveName
                  + ", "
                  + b.typeName()
                  + " in "
                  + otherName));
      return;
    }
    if (a.required() != b.required() || !Objects.equals(a.defaultValue(), b.defaultValue())) {
      out.add(
          new Difference(
              where, a.name(), attr(a) + " in " + liveName + ", " + attr(b) + " in " + otherName));
    }
  }

  private static Map<String, Param> byName(List<Param> params) {
    Map<String, Param> m = new LinkedHashMap<>();
    for (Param p : params) m.putIfAbsent(Ascii.toLower(p.name()), p);
    return m;
  }

  /** {@code uint16_t, default = 4} */
  static String describe(Param p) {
    return (p.typeName() == null ? "no type" : p.typeName()) + ", " + attr(p);
  }

  private static String attr(Param p) {
    if (p.required()) return "required";
    if (p.defaultValue() != null) {
      String t = p.defaultText();
      return "default = " + (t == null ? p.defaultValue().toString() : t);
    }
    return "optional";
  }

  /** The parameter names of a list of differences, each once: {@code vlan, num-queues}. */
  public static String names(List<Difference> diffs) {
    List<String> seen = new ArrayList<>();
    for (Difference d : diffs) {
      if (!seen.contains(d.name())) seen.add(d.name());
    }
    return String.join(", ", seen);
  }
}
