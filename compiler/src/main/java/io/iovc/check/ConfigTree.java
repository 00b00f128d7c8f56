package io.iovc.check;

import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import io.iovc.syntax.UclModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed tree as iovctl walks it: {@code ucl_iterate_object}, {@code find_device}, and which
 * top-level keys are sections. The checker's rules and every front end that needs these facts
 * before (or without) a clean check use this one reading.
 */
public final class ConfigTree {
  /**
   * The digits of a section key iovctl reads as {@code VF-([1-9][0-9]*|0)} ignoring ASCII case, or
   * null for any other key. Written out rather than compiled: the first regular expression a run
   * compiles sets up the JVM's lambda machinery, milliseconds of a one-file check.
   */
  static String vfDigits(String key) {
    if (key.length() < 4) return null;
    char v = key.charAt(0);
    char f = key.charAt(1);
    if ((v != 'V' && v != 'v') || (f != 'F' && f != 'f') || key.charAt(2) != '-') return null;
    if (key.charAt(3) == '0') return key.length() == 4 ? "0" : null;
    for (int i = 3; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') return null;
    }
    return key.substring(3);
  }

  private ConfigTree() {}

  /**
   * What iovctl's find_device returns: {@code PF.device} of the first top-level key equal to {@code
   * PF} ignoring case, when it is a string. Used to choose the schema before checking.
   */
  public static String findDevice(SyntaxTree tree) {
    DeviceRef r = findDeviceRef(tree);
    return r == null ? null : r.name();
  }

  /** PF.device as iovctl's find_device sees it, and where it is written. */
  public record DeviceRef(String name, Span span) {}

  /** Like {@link #findDevice} with the value's span; null when iovctl finds no device. */
  public static DeviceRef findDeviceRef(SyntaxTree tree) {
    for (Item top : items(tree.root(), null, null)) {
      if (top.key() == null) return null;
      if (Ascii.equalsIgnoreCase(top.key(), "PF")) {
        for (Item i : items(top.value(), top.chain(), top.key())) {
          if (i.key() == null) return null;
          if (Ascii.equalsIgnoreCase(i.key(), "device")) {
            return i.value() instanceof UValue.UString s
                ? new DeviceRef(Ascii.cString(s.value()), s.span())
                : null;
          }
        }
        return null;
      }
    }
    return null;
  }

  /**
   * The kind of section iovctl makes of a top-level key ({@code PF}, {@code DEFAULT} or {@code
   * VF-n}, ignoring case), or null for any other key. For editors (outline, completion, hover).
   */
  public static ConfigSection.Kind sectionKind(String key) {
    if (key == null) return null;
    if (Ascii.equalsIgnoreCase(key, "PF")) return ConfigSection.Kind.PF;
    if (Ascii.equalsIgnoreCase(key, "DEFAULT")) return ConfigSection.Kind.DEFAULT;
    return vfDigits(key) != null ? ConfigSection.Kind.VF : null;
  }

  /** n for a key {@code VF-n} (ignoring case; Integer.MAX_VALUE above five digits), else -1. */
  public static int vfIndex(String key) {
    return key == null ? -1 : vfIndexOf(key);
  }

  /**
   * {@code PF.num_vfs} as iovctl converts it (a number, truncated to an integer), found the way
   * {@link #findDevice} finds the device; -1 when it is absent, not a number or outside 0..65535.
   * Editors need it while the file still has errors (and {@link CheckResult#config()} is null).
   */
  public static int findNumVfs(SyntaxTree tree) {
    for (Item top : items(tree.root(), null, null)) {
      if (top.key() == null) return -1;
      if (Ascii.equalsIgnoreCase(top.key(), "PF")) {
        for (Item i : items(top.value(), top.chain(), top.key())) {
          if (i.key() == null) return -1;
          if (Ascii.equalsIgnoreCase(i.key(), "num_vfs")) {
            long v =
                i.value() instanceof UValue.UInt n
                    ? n.value()
                    : i.value() instanceof UValue.UFloat f ? toInt64(f.value()) : -1;
            return v >= 0 && v <= 0xFFFF ? (int) v : -1;
          }
        }
        return -1;
      }
    }
    return -1;
  }

  /** One element of {@code ucl_iterate_object(obj, &it, true)}: key (C string, null in arrays). */
  record Item(String key, UValue value, UMember member, List<UMember> chain) {
    /** Where a finding about this item points: its key, or the value of an array element. */
    Span keySpan() {
      return member != null ? member.key().span() : value.span();
    }
  }

  /**
   * {@code ucl_iterate_object(v, &it, true)}: an object yields the first value of each key, an
   * array its elements (no key), a scalar itself and the values chained behind it.
   */
  static List<Item> items(UValue v, List<UMember> chainOfV, String keyOfV) {
    List<Item> out = new ArrayList<>();
    if (v instanceof UObject o) {
      for (UclModel.Entry e : UclModel.entries(o)) {
        UMember m = e.first();
        out.add(new Item(Ascii.cString(m.key().name()), m.value(), m, e.chain()));
      }
    } else if (v instanceof UValue.UArray a) {
      for (UValue e : a.items()) out.add(new Item(null, e, null, List.of()));
    } else if (v instanceof UValue.UDeep) {
      // content beyond the tree depth: only reachable as a parameter value, never iterated
    } else if (chainOfV != null && !chainOfV.isEmpty()) {
      for (UMember m : chainOfV) out.add(new Item(keyOfV, m.value(), m, List.of(m)));
    } else {
      out.add(new Item(keyOfV, v, null, List.of()));
    }
    return out;
  }

  static int vfIndexOf(String key) {
    String digits = vfDigits(key);
    if (digits == null) return -1;
    if (digits.length() > 5) return Integer.MAX_VALUE;
    return Integer.parseInt(digits);
  }

  /** C's (int64_t) cast on x86-64 (cvttsd2si): NaN and out-of-range give INT64_MIN. */
  static long toInt64(double d) {
    if (Double.isNaN(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18)
      return Long.MIN_VALUE;
    return (long) d;
  }
}
