package io.iovc.check;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UMember;

/**
 * The words of the diagnostics about the file's layout: the device, the sections and the keys in
 * them (iovctl's find_device, parse_config_file and parse_device_config). One factory per code; the
 * rules in {@link FindDevice}, {@link ParseConfigFile} and {@link ParseDeviceConfig} decide when.
 */
final class SectionDiagnostics {
  private SectionDiagnostics() {}

  /** IOV310: the file is an array; iovctl crashes (SIGSEGV) on it. */
  static final class TopLevelArray {
    private TopLevelArray() {}

    /** The file is written as {@code [ … ]}. */
    static Diagnostic bracketed(Span at) {
      return Diagnostic.of(
              Codes.TOP_LEVEL_ARRAY, at, "the file is an array `[ … ]`, not a set of sections")
          .label("iovctl crashes (SIGSEGV) on this")
          .help("write sections such as `PF { … }` at the top level")
          .build();
    }

    /** A top-level element without a key, found while reading the sections. */
    static Diagnostic element(Span at) {
      return Diagnostic.of(Codes.TOP_LEVEL_ARRAY, at, "the file is an array, not a set of sections")
          .label("iovctl crashes on this")
          .build();
    }
  }

  /** IOV211: an array where iovctl iterates keys; it crashes (SIGSEGV). */
  static Diagnostic arrayValue(Span at, String section) {
    return Diagnostic.of(Codes.ARRAY_VALUE, at, "an array cannot be used here")
        .label("iovctl crashes (SIGSEGV) on arrays")
        .help("write the section as `" + section + " { key = value; … }`")
        .build();
  }

  /** IOV301: no PF device; iovctl says "Config file does not specify device". */
  static final class NoDevice {
    private NoDevice() {}

    private static Diagnostic.Builder of(Span at, String message, String label) {
      return Diagnostic.of(Codes.NO_DEVICE, at, message)
          .label(label)
          .iovctl("Config file does not specify device");
    }

    /**
     * No PF section. {@code bom}: the file starts with a byte order mark (glued to the first key);
     * {@code guess}: a device for a new PF section (or null), with {@code vfs} VFs, inserted at
     * {@code insertAt}.
     */
    static Diagnostic noPf(
        SourceText src,
        Span at,
        boolean hasSections,
        boolean bom,
        String guess,
        int vfs,
        int insertAt) {
      Diagnostic.Builder d =
          of(
              at,
              "no `PF` section: the file does not say which device to configure",
              hasSections ? "the first section; PF { … } is missing" : "");
      if (bom) {
        return d.help(
                "the file starts with a UTF-8 byte order mark, which libucl reads as part of the first key; save the file without a BOM")
            .fix(Fix.of("remove the byte order mark", new Edit(new Span(0, 3), "")))
            .build();
      }
      d.help("start the file with `PF { device = \"ixl0\"; num_vfs = 2; }`");
      if (guess != null) {
        String lead =
            insertAt == src.length() && insertAt > 0 && src.bytes()[insertAt - 1] != '\n'
                ? "\n"
                : "";
        d.fix(
            Fix.of(
                "add a PF section for " + guess,
                new Edit(
                    Span.at(insertAt),
                    lead
                        + "PF {\n\tdevice = \""
                        + guess
                        + "\";\n\tnum_vfs = "
                        + vfs
                        + ";\n}\n"
                        + (insertAt < src.length() ? "\n" : ""))));
      }
      return d.build();
    }

    /** {@code PF} is not a {@code { }} block. */
    static Diagnostic pfNotBlock(SourceText src, Span at, UValue pf) {
      return of(
              at,
              "`PF` must be a `{ … }` block holding `device` and `num_vfs`, not "
                  + Wording.describe(src, pf),
              "not a block")
          .help("write `PF { device = \"ixl0\"; num_vfs = 2; }`")
          .build();
    }

    /** The PF section has no {@code device}; {@code guess} is a device to add (or null). */
    static Diagnostic noDeviceKey(SourceText src, Span at, UMember pf, String guess) {
      Diagnostic.Builder d =
          of(at, "the PF section has no `device`", "`device` missing")
              .help("add `device = \"<name>\";` to the PF section (the node under /dev/iov)");
      if (guess != null) d.fix(addStatement(src, pf, "device", "\"" + guess + "\""));
      return d.build();
    }
  }

  /**
   * A fix adding {@code key = value;} as the last entry of a section, or null when the section has
   * no braces to insert into.
   */
  static Fix addStatement(SourceText src, UMember section, String key, String value) {
    String stmt = key + " = " + value + ";";
    Edit e = Fixes.addToSection(src, section, stmt);
    return e == null ? null : Fix.of("add `" + stmt + "`", e);
  }
}
