package io.iovc.check;

import io.iovc.diag.Code;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.ValueHint;
import io.iovc.schema.PluginCodes;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UMember;

/**
 * The words of iovc's warnings for input iovctl accepts but that is almost surely a mistake (spec
 * §10). One factory per code; {@link Lints} and the steps that meet the values ({@link AddConfig},
 * {@link UnicastMac}) decide when.
 */
final class LintDiagnostics {
  private LintDiagnostics() {}

  /**
   * IOV220: a fractional (or negative-zero) number that iovctl truncates. Writing the truncated
   * value is sure only when nothing is lost ({@code -0.0}); a fraction may have meant more.
   */
  static Diagnostic floatTruncated(SourceText src, UValue v, String key, long val) {
    boolean whole = v instanceof UValue.UFloat f && f.value() == Math.rint(f.value());
    Edit write = new Edit(v.span(), Long.toString(val));
    return Diagnostic.of(
            Codes.FLOAT_TRUNCATED,
            v.span(),
            "`"
                + key
                + "` is a whole number; iovctl truncates "
                + src.text(v.span())
                + " to "
                + val)
        .label("becomes " + val)
        .help("write " + val + " (or the value you meant)")
        .fix(whole ? Fix.safe("write " + val, write) : Fix.guess("write " + val, write))
        .build();
  }

  /**
   * IOV221: a multiplier ({@code k}, {@code m}, {@code kb}…) or time ({@code s}, {@code min}…)
   * suffix on an integer parameter; {@code val} is what iovctl stores. Writing it is a guess: the
   * suffix was probably not meant the way UCL reads it.
   */
  static Diagnostic suffixNumber(SourceText src, UValue v, String key, long val) {
    String text = src.text(v.span());
    if (v instanceof UValue.UFloat f && f.time()) {
      return Diagnostic.of(
              Codes.SUFFIX_NUMBER,
              v.span(),
              "`" + text + "` is a time in UCL; `" + key + "` becomes " + val)
          .label("read as " + Wording.fmt(f.value()) + " seconds")
          .help("write the number itself: " + val)
          .fix(Fix.guess("write " + val, new Edit(v.span(), Long.toString(val))))
          .build();
    }
    if (v instanceof UValue.UFloat f) {
      boolean fraction = f.value() != Math.rint(f.value());
      return Diagnostic.of(
              Codes.SUFFIX_NUMBER,
              v.span(),
              "`"
                  + text
                  + "` has a multiplier suffix; `"
                  + key
                  + "` becomes "
                  + val
                  + (fraction ? " (" + Wording.fmt(f.value()) + " truncated)" : ""))
          .label("read as " + Wording.fmt(f.value()))
          .help("write the number itself: " + val)
          .fix(Fix.guess("write " + val, new Edit(v.span(), Long.toString(val))))
          .build();
    }
    String why =
        text.toLowerCase(java.util.Locale.ROOT).endsWith("m")
            ? " (`m` means ×1000000 in UCL, not minutes)"
            : "";
    String shown = Long.toUnsignedString(val);
    return Diagnostic.of(
            Codes.SUFFIX_NUMBER,
            v.span(),
            "`" + text + "` has a multiplier suffix; `" + key + "` becomes " + shown + why)
        .label("read as " + shown)
        .help("write the number itself: " + shown)
        .fix(Fix.guess("write " + shown, new Edit(v.span(), shown)))
        .build();
  }

  /** IOV222: hex digits after an {@code x} without a leading {@code 0} (UCL reads them as hex). */
  static Diagnostic oddNumber(SourceText src, UValue v, String key, long val) {
    String shown = Long.toUnsignedString(val);
    return Diagnostic.of(
            Codes.ODD_NUMBER,
            v.span(),
            "UCL reads `"
                + src.text(v.span())
                + "` as the hex number after the `x`: `"
                + key
                + "` becomes "
                + shown)
        .label("read as " + shown)
        .help("write " + shown + ", or 0x… for hex")
        .fix(Fix.guess("write " + shown, new Edit(v.span(), shown)))
        .build();
  }

  /** IOV224: the all-zero MAC, which iovctl accepts and drivers refuse. */
  static Diagnostic zeroMac(Span at) {
    return Diagnostic.of(
            Codes.ZERO_MAC,
            at,
            "the all-zero MAC address is accepted by iovctl, but several drivers refuse it")
        .label("00:00:00:00:00:00")
        .note(
            "ix and igb return EINVAL for it when they create the VF, and the ioctl still succeeds")
        .help("leave mac-addr out to let the driver choose, or give a real address")
        .build();
  }

  /** IOV225: a MAC spelled other than iovctl prints it ({@code 2:0:…}, {@code ::}, {@code +f}). */
  static Diagnostic oddMac(Span at, String canonical) {
    return Diagnostic.of(Codes.ODD_MAC, at, "unusual spelling of the MAC address " + canonical)
        .label("iovctl reads it as " + canonical)
        .help("write it as " + canonical)
        .fix(Fix.safe("write " + canonical, new Edit(at, "\"" + canonical + "\"")))
        .build();
  }

  /** IOV226: VLAN 0, which iovctl accepts and the drivers refuse when they create the VF. */
  static Diagnostic vlanZero(Span at) {
    return Diagnostic.of(
            Codes.VLAN_ZERO,
            at,
            "VLAN 0 is accepted by iovctl, but the drivers refuse it when they create the VF")
        .label("ix, igb and cxgbe return ENOTSUP")
        .note("the VF is then silently missing: the ioctl still succeeds")
        .help("use a VLAN id from 1 to 4095, or `trunk`, or leave vlan out")
        .build();
  }

  /** IOV229: PF.device is empty; iovctl would open /dev/iov/. */
  static Diagnostic emptyDevice(Span at) {
    return Diagnostic.of(Codes.EMPTY_DEVICE, at, "`device` is empty")
        .label("iovctl would open /dev/iov/")
        .help("write the PF's name, e.g. \"ixl0\"")
        .build();
  }

  /** IOV223: PF.device is not a bare device name; iovctl prefixes /dev/iov/ to it. */
  static final class DeviceNotBare {
    private DeviceNotBare() {}

    /** {@code .}, {@code ..} or a name with white space. */
    static Diagnostic notAName(Span at, String device) {
      return Diagnostic.of(
              Codes.DEVICE_SLASH,
              at,
              "`device` must be a device name such as ixl0: iovctl would open /dev/iov/"
                  + Ascii.display(device))
          .label("not a device name")
          .help("write the PF's node name under /dev/iov, e.g. \"ixl0\"")
          .build();
    }

    /**
     * A path; the fix keeps its last component when there is one, surely right only for {@code
     * /dev/iov/<name>} (the path iovctl itself would build).
     */
    static Diagnostic path(Span at, String device) {
      String base = device.substring(device.lastIndexOf('/') + 1);
      String title = "write \"" + Ascii.display(base) + "\"";
      Edit write = new Edit(at, "\"" + Ascii.display(base) + "\"");
      boolean sure = device.equals("/dev/iov/" + base) && base.matches("[A-Za-z0-9_]+");
      return Diagnostic.of(
              Codes.DEVICE_SLASH,
              at,
              "`device` must be a bare name: iovctl opens /dev/iov/" + Ascii.display(device))
          .label("a path, not a device name")
          .note(
              "`iovctl -C` prefixes /dev/iov/ to PF.device, so this path cannot be opened; only `-d` accepts full paths")
          .help(
              base.isEmpty()
                  ? "write just the device name, e.g. \"ixl0\""
                  : "write \"" + Ascii.display(base) + "\"")
          .fix(base.isEmpty() ? null : sure ? Fix.safe(title, write) : Fix.guess(title, write))
          .build();
    }
  }

  /**
   * IOV313: a DEFAULT parameter every VF sets itself, so it is never used. Removing it is one of
   * two ways out (the other: remove the values that repeat it), so a guess.
   */
  static Diagnostic defaultUnused(SourceText src, ConfigParam d, int numVfs) {
    return Diagnostic.of(
            Codes.DEFAULT_UNUSED,
            d.member().key().span(),
            "every VF sets `" + Ascii.display(d.name()) + "` itself, so this default is never used")
        .label("overridden in all " + numVfs + " VF sections")
        .help("remove it from DEFAULT, or remove the per-VF values that repeat it")
        .fix(
            Fix.guess(
                "remove the unused default",
                new Edit(Fixes.wholeLines(src, d.member().span()), "")))
        .build();
  }

  /** IOV312: more VFs than the driver supports; the kernel refuses them. */
  static Diagnostic driverMaxVfs(Span at, DriverPlugin plugin, int numVfs) {
    return Diagnostic.of(
            Codes.DRIVER_MAX_VFS,
            at,
            plugin.name()
                + " supports at most "
                + plugin.maxVfs()
                + " VFs; the kernel will refuse "
                + numVfs)
        .label("above " + plugin.maxVfs())
        .note(plugin.maxVfsReason())
        .help("lower num_vfs to " + plugin.maxVfs() + " or less")
        .build();
  }

  /**
   * A driver plugin's hint about a value (its own code, e.g. IXL001; the words are the plugin's,
   * {@code {value}} replaced by the value).
   */
  static Diagnostic pluginHint(DriverPlugin plugin, ValueHint h, ConfigParam p) {
    String msg = h.message().replace("{value}", p.value().display());
    return Diagnostic.of(PluginCodes.code(h.code()), p.member().value().span(), msg)
        .label(plugin.name() + ": " + h.code().title())
        .build();
  }

  /**
   * IOV309: a section written twice with the same name; libucl keeps one, iovctl never sees the
   * other.
   */
  static final class DuplicateSection {
    private DuplicateSection() {}

    /** A later section of the same name: libucl keeps the first. */
    static Diagnostic ignored(SourceText src, UMember m, UMember first) {
      return duplicateIgnored(Codes.DUPLICATE_SECTION, "section", src, m, first);
    }

    /** A section that {@code .priority} drops ({@code lost}) or replaces. */
    static Diagnostic byPriority(UMember m, UMember used, boolean lost) {
      return duplicateByPriority(Codes.DUPLICATE_SECTION, "section", m, used, lost);
    }
  }

  /**
   * IOV228: a parameter written twice with the same name; libucl keeps one, iovctl never sees the
   * other.
   */
  static final class DuplicateParam {
    private DuplicateParam() {}

    /** A later parameter of the same name: libucl keeps the first. */
    static Diagnostic ignored(SourceText src, UMember m, UMember first) {
      return duplicateIgnored(Codes.DUPLICATE_PARAM, "parameter", src, m, first);
    }

    /** A parameter that {@code .priority} drops ({@code lost}) or replaces. */
    static Diagnostic byPriority(UMember m, UMember used, boolean lost) {
      return duplicateByPriority(Codes.DUPLICATE_PARAM, "parameter", m, used, lost);
    }
  }

  private static Diagnostic duplicateIgnored(
      Code code, String what, SourceText src, UMember m, UMember first) {
    return Diagnostic.of(
            code,
            m.key().span(),
            "this "
                + what
                + " `"
                + Ascii.display(m.key().name())
                + "` is ignored: iovctl uses only the first one")
        .label("ignored")
        .label(first.key().span(), "this one is used")
        .help(what.equals("section") ? "merge the two sections into one" : "keep one value")
        .fix(Fix.safe("remove the ignored " + what, new Edit(Fixes.wholeLines(src, m.span()), "")))
        .build();
  }

  private static Diagnostic duplicateByPriority(
      Code code, String what, UMember m, UMember used, boolean lost) {
    return Diagnostic.of(
            code,
            m.key().span(),
            "this "
                + what
                + " `"
                + Ascii.display(m.key().name())
                + "` is "
                + (lost ? "dropped" : "replaced")
                + " because of `.priority`")
        .label(lost ? "lower priority: dropped" : "replaced by a higher priority")
        .label(used.key().span(), "this one is used")
        .build();
  }
}
