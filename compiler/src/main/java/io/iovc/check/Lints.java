package io.iovc.check;

import io.iovc.check.ConfigTree.Item;
import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ValueHint;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import io.iovc.syntax.UclModel;
import java.util.List;

/**
 * iovc's warnings beyond iovctl (spec §10): input iovctl accepts that is almost surely a mistake.
 * None of them changes what iovctl does with the file.
 */
final class Lints {
  private Lints() {}

  /**
   * A number iovctl accepts for an integer parameter, written so that it is probably not what was
   * meant. Emits IOV221 (a multiplier or time suffix), IOV220 (a fraction truncated) and IOV222
   * (hex digits after an {@code x} without the {@code 0}).
   */
  static void numbers(CheckRun r, UValue v, String k, long val) {
    SourceText src = r.src;
    if (v instanceof UValue.UFloat f) {
      if (f.suffixed() || f.time()) {
        r.add(LintDiagnostics.suffixNumber(src, v, k, val));
      } else if (f.value() != Math.rint(f.value()) || (f.value() == 0 && 1 / f.value() < 0)) {
        r.add(LintDiagnostics.floatTruncated(src, v, k, val));
      }
    } else if (v instanceof UValue.UInt n && n.hex() && !src.text(v.span()).matches("(?i)-?0x.*")) {
      r.add(LintDiagnostics.oddNumber(src, v, k, val));
    } else if (v instanceof UValue.UInt n && n.suffixed()) {
      r.add(LintDiagnostics.suffixNumber(src, v, k, val));
    }
  }

  /**
   * PF.device as iovctl would open it, {@code /dev/iov/<device>}. Emits IOV229 (empty) and IOV223
   * (not a bare name: {@code .}, white space, a path).
   */
  static void device(CheckRun r, String device, Item pf) {
    UMember m = null;
    for (Item i : ConfigTree.items(pf.value(), pf.chain(), pf.key())) {
      if (i.key() != null && Ascii.equalsIgnoreCase(i.key(), "device")) {
        m = i.member();
        break;
      }
    }
    Span at = m != null ? m.value().span() : pf.keySpan();
    if (device.isEmpty()) {
      r.add(LintDiagnostics.emptyDevice(at));
    } else if (device.equals(".")
        || device.equals("..")
        || (blankWithinALine(device) && !blankThenSlashes(device))) {
      r.add(LintDiagnostics.DeviceNotBare.notAName(at, device));
    } else if (device.contains("/") && !blankThenSlashes(device)) {
      r.add(LintDiagnostics.DeviceNotBare.path(at, device));
    }
  }

  // The two tests below were regular expressions; written out, a one-file check compiles none (the
  // first one compiled sets up the JVM's lambda machinery). RegexEquivalenceTest holds them to it.

  /** A regex white-space character ({@code \\s}: space, tab, \\n, \\x0B, \\f, \\r). */
  private static boolean regexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static boolean lineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /**
   * {@code s.matches(".*\\s.*")}: a white-space character with no line terminator before or after
   * it ({@code .} matches none), unless it is itself the only one.
   */
  static boolean blankWithinALine(String s) {
    int terminators = 0;
    int at = -1;
    for (int i = 0; i < s.length(); i++) {
      if (lineTerminator(s.charAt(i))) {
        terminators++;
        at = i;
      }
    }
    if (terminators == 1) return regexSpace(s.charAt(at));
    if (terminators > 1) return false;
    for (int i = 0; i < s.length(); i++) {
      if (regexSpace(s.charAt(i))) return true;
    }
    return false;
  }

  /** {@code s.matches("(?s).*\\s//.*")}: a white-space character followed by {@code //}. */
  static boolean blankThenSlashes(String s) {
    for (int i = 0; i + 2 < s.length(); i++) {
      if (regexSpace(s.charAt(i)) && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') return true;
    }
    return false;
  }

  /** Emits IOV313: a DEFAULT parameter that every VF sets itself is never used. */
  static void unusedDefaults(CheckRun r, int numVfs, ParseConfigFile.Sections sections) {
    ConfigSection defaults = sections.defaults();
    if (defaults == null) return;
    for (List<ConfigParam> list : List.of(defaults.driver(), defaults.iov())) {
      for (ConfigParam d : list) {
        boolean used = false;
        for (int i = 0; i < numVfs && !used; i++) {
          ConfigSection vf = sections.vf(i);
          used = vf == null || vf.param(d.name()) == null;
        }
        if (!used) r.add(LintDiagnostics.defaultUnused(r.src, d, numVfs));
      }
    }
  }

  /**
   * The driver's VF limit and documented quirks. Emits IOV312 (more VFs than the driver supports)
   * and the plugin's own codes (its value hints).
   */
  static void driver(
      CheckRun r, List<ConfigSection> sections, int numVfs, ConfigParam numVfsParam) {
    DriverPlugin plugin = r.schema.plugin();
    if (plugin == null) return;
    if (plugin.maxVfs() > 0 && numVfs > plugin.maxVfs() && numVfsParam != null) {
      r.add(LintDiagnostics.driverMaxVfs(numVfsParam.member().value().span(), plugin, numVfs));
    }
    for (ConfigSection s : sections) {
      for (ConfigParam p : s.driver()) {
        ParamSpec spec = p.schemaParam().spec();
        if (spec == null) continue;
        long v;
        if (p.value() instanceof TypedValue.Num n) v = n.value();
        else if (p.value() instanceof TypedValue.Bool b) v = b.value() ? 1 : 0;
        else v = 0;
        for (ValueHint h : spec.hints()) {
          if (h.matches(v)) r.add(LintDiagnostics.pluginHint(plugin, h, p));
        }
      }
    }
  }

  /** Emits IOV309: sections written twice with the same name (libucl keeps one). */
  static void duplicateSections(CheckRun r, UValue root) {
    duplicates(r, root, true);
  }

  /** Emits IOV228: parameters written twice in one section with the same name. */
  static void duplicateParams(CheckRun r, UObject section) {
    duplicates(r, section, false);
  }

  /**
   * Exact duplicate keys in one object: libucl keeps the first (or the higher {@code .priority});
   * iovctl never sees the rest. Emits IOV309 for sections, IOV228 for parameters.
   */
  private static void duplicates(CheckRun r, UValue v, boolean sections) {
    if (!(v instanceof UObject o)) return;
    for (UclModel.Entry e : UclModel.entries(o)) {
      UMember first = e.first();
      for (int i = 1; i < e.chain().size(); i++) {
        UMember m = e.chain().get(i);
        r.add(
            sections
                ? LintDiagnostics.DuplicateSection.ignored(r.src, m, first)
                : LintDiagnostics.DuplicateParam.ignored(r.src, m, first));
      }
      for (UMember m : e.dropped()) {
        boolean lost = (m.key().priority() & 0xF) < (first.key().priority() & 0xF);
        r.add(
            sections
                ? LintDiagnostics.DuplicateSection.byPriority(m, first, lost)
                : LintDiagnostics.DuplicateParam.byPriority(m, first, lost));
      }
    }
  }
}
