package io.iovc.check;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.plugin.ParamType;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue.UMember;
import java.math.BigInteger;
import java.util.List;

/**
 * The words of the diagnostics of iovctl's validate_config (required parameters, num_vfs, the VF
 * sections left over) and of schemas iovctl cannot use. One factory per code; {@link
 * ValidateConfig} and {@link AddConfig} decide when.
 */
final class ValidateDiagnostics {
  private ValidateDiagnostics() {}

  /** IOV006: the schema is invalid where iovctl uses it; iovctl aborts. */
  static final class BadSchema {
    private BadSchema() {}

    /** A parameter's schema entry has no TYPE string (add_config). */
    static Diagnostic noType(Span at, String name) {
      return Diagnostic.of(Codes.BAD_SCHEMA, at, "the schema entry for `" + name + "` has no type")
          .label("iovctl aborts here")
          .build();
    }

    /** A schema entry is not an nvlist or has no boolean REQUIRED (validate_config). */
    static Diagnostic malformed(Span at, String name) {
      return Diagnostic.of(
              Codes.BAD_SCHEMA, at, "the schema entry `" + Ascii.display(name) + "` is malformed")
          .label("iovctl aborts when it validates against this schema")
          .build();
    }

    /** The schema's num_vfs is not a number type, so nvlist_get_number aborts. */
    static Diagnostic numVfsNotNumber(Span at) {
      return Diagnostic.of(
              Codes.BAD_SCHEMA,
              at,
              "the schema gives num_vfs a type iovctl cannot read as a number")
          .label("iovctl aborts here")
          .help(
              "the schema is wrong, not the file: num_vfs is uint16_t in every kernel; check where the schema came from")
          .build();
    }
  }

  /** IOV208: a required parameter is missing; iovctl: "Required parameter '…' not found in '…'". */
  static final class RequiredMissing {
    private RequiredMissing() {}

    /**
     * Missing from {@code section} (PF or a VF's own section, {@code member} when it is written);
     * {@code guess} is the value a fix may add (a VF count for num_vfs, a device name for the PF's
     * device), or null.
     */
    static Diagnostic inSection(
        SourceText src, Span at, String section, String param, UMember member, String guess) {
      String pn = Ascii.display(param);
      Diagnostic.Builder d =
          Diagnostic.of(
                  Codes.REQUIRED_MISSING,
                  at,
                  "required parameter `" + pn + "` is missing from " + section)
              .label("no `" + pn + "`")
              .iovctl("Required parameter '" + pn + "' not found in '" + section + "'");
      if (Ascii.equalsIgnoreCase(param, "num_vfs")) {
        d.help("add `num_vfs = <how many VFs>;` to the PF section");
        if (member != null) d.fix(SectionDiagnostics.addStatement(src, member, "num_vfs", guess));
      } else {
        d.help("add `" + pn + " = …;` to the " + section + " section");
        if (member != null && guess != null)
          d.fix(SectionDiagnostics.addStatement(src, member, "device", "\"" + guess + "\""));
      }
      return d.build();
    }

    /** A schema that does not require num_vfs, and a PF without it: nvlist_get_number aborts. */
    static Diagnostic numVfsUnset(Span pf) {
      return Diagnostic.of(Codes.REQUIRED_MISSING, pf, "num_vfs is not set")
          .label("iovctl aborts without num_vfs")
          .help("add `num_vfs = <count>;` to the PF section")
          .build();
    }

    /**
     * Missing for the VFs {@code missing} once DEFAULT is folded in; {@code vfSections} are the
     * written sections among them (at most eight, labelled).
     */
    static Diagnostic inVfs(
        Span numVfs,
        String param,
        ParamType type,
        boolean hasDefaults,
        List<Integer> missing,
        List<Span> vfSections) {
      String pn = Ascii.display(param);
      Diagnostic.Builder d =
          Diagnostic.of(
                  Codes.REQUIRED_MISSING,
                  numVfs,
                  "required parameter `" + pn + "` is missing for " + vfList(missing))
              .label("these VFs are created here")
              .iovctl("Required parameter '" + pn + "' not found in 'VF-" + missing.get(0) + "'")
              .help(
                  type == ParamType.UNICAST_MAC
                      ? "give each VF its own `"
                          + pn
                          + " = \"…\";` in its VF-n section (a MAC in DEFAULT would be shared by every VF, which drivers refuse)"
                      : hasDefaults
                          ? "add `" + pn + " = …;` to DEFAULT { } to set it for every VF"
                          : "add `DEFAULT { "
                              + pn
                              + " = …; }` before the VF sections to set it for every VF");
      for (Span sp : vfSections) d.label(sp, "no `" + pn + "` here");
      return d.build();
    }

    private static String vfList(List<Integer> vfs) {
      if (vfs.size() == 1) return "VF-" + vfs.get(0);
      StringBuilder sb = new StringBuilder();
      int shown = Math.min(vfs.size(), 4);
      for (int i = 0; i < shown; i++) {
        if (i > 0) sb.append(", ");
        sb.append("VF-").append(vfs.get(i));
      }
      if (vfs.size() > shown) sb.append(" … (").append(vfs.size()).append(" VFs)");
      return sb.toString();
    }
  }

  /**
   * IOV306: num_vfs is 0 after iovctl's uint16 truncation; iovctl: "PF.num_vfs must be at least 1".
   */
  static Diagnostic numVfsZero(Span at, long written, String device) {
    // the help is a command that runs as printed: the device when the file names one
    String delete =
        device != null && device.matches("[A-Za-z0-9_./:-]+")
            ? "iovc delete -d " + device
            : "iovc delete -d DEVICE";
    return Diagnostic.of(
            Codes.NUM_VFS_ZERO,
            at,
            written == 0
                ? "num_vfs is 0: there must be at least one VF"
                : "num_vfs is " + Long.toUnsignedString(written) + ", which iovctl truncates to 0")
        .label("at least 1")
        .iovctl("PF.num_vfs must be at least 1")
        .help(
            "to remove all VFs use `" + delete + "` (iovctl -D); a config file always creates some")
        .build();
  }

  /** IOV308: a VF-n section above 65535; iovctl: "VF number … is too large to be valid". */
  static Diagnostic vfNumberTooLarge(Span at, String section, BigInteger n) {
    return Diagnostic.of(
            Codes.VF_NUMBER_TOO_LARGE,
            at,
            "`" + Ascii.display(section) + "`: VF numbers stop at 65535")
        .label("too large")
        .iovctl("VF number " + n + " is too large to be valid")
        .help("VFs are numbered 0 … num_vfs-1")
        .build();
  }

  /**
   * IOV307: a VF-n section with n not below num_vfs; iovctl: "VF number … is out of bounds
   * (num_vfs=…)".
   */
  static Diagnostic vfOutOfBounds(Span at, String section, int n, int numVfs, Span numVfsAt) {
    return Diagnostic.of(
            Codes.VF_OUT_OF_BOUNDS,
            at,
            "`"
                + Ascii.display(section)
                + "` is beyond the last VF: num_vfs is "
                + numVfs
                + ", so VFs are VF-0 … VF-"
                + (numVfs - 1))
        .label("no such VF")
        .label(numVfsAt, "num_vfs set here")
        .iovctl("VF number " + n + " is out of bounds (num_vfs=" + numVfs + ")")
        .help("raise num_vfs to " + (n + 1) + ", or remove this section")
        .fix(Fix.guess("set num_vfs to " + (n + 1), new Edit(numVfsAt, Integer.toString(n + 1))))
        .build();
  }
}
