package io.iovc.check;

import io.iovc.check.ConfigTree.Item;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.schema.LinuxParams;
import io.iovc.schema.Platform;
import io.iovc.schema.Schema;
import io.iovc.source.Shown;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            .fix(Fix.safe("remove the byte order mark", new Edit(new Span(0, 3), "")))
            .build();
      }
      d.help("start the file with `PF { device = \"ixl0\"; num_vfs = 2; }`");
      if (guess != null) {
        String lead =
            insertAt == src.length() && insertAt > 0 && src.bytes()[insertAt - 1] != '\n'
                ? "\n"
                : "";
        d.fix(
            Fix.guess(
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
   * IOV304: DEFAULT after a VF section; iovctl: "'default' section must precede all VF sections".
   */
  static Diagnostic defaultAfterVf(Span at) {
    return Diagnostic.of(
            Codes.DEFAULT_AFTER_VF, at, "the DEFAULT section must come before every VF section")
        .label("after a VF section")
        .iovctl("'default' section must precede all VF sections")
        .help("move DEFAULT { … } above the first VF-n section")
        .build();
  }

  /**
   * IOV303: a top-level key that is not PF, DEFAULT or VF-n; iovctl: "Unexpected top-level node".
   * The help names what was probably meant: {@code #} for {@code //}, {@code VF-n} for {@code VF01}
   * or {@code vf_1}, a section around a lone setting.
   */
  static Diagnostic unexpectedSection(SourceText src, Item t) {
    String k = Ascii.display(t.key());
    Diagnostic.Builder d =
        Diagnostic.of(
                Codes.UNEXPECTED_SECTION,
                t.keySpan(),
                t.key().startsWith("//")
                    ? Wording.slashMessage(src, t, "")
                    : Shown.quoted(t.key()) + " is not a section iovctl knows")
            .label("expected PF, DEFAULT or VF-<n>")
            .iovctl("Unexpected top-level node: " + k);
    Matcher m = Pattern.compile("(?i)vf[-_ ]?0*([0-9]+)[^0-9]*").matcher(t.key());
    Span renamed = t.member() == null ? null : t.member().key().span();
    if (!m.matches()
        && Ascii.equalsIgnoreCase(t.key(), "VF")
        && t.value() instanceof UObject o
        && o.implicit()
        && !o.members().isEmpty()) {
      // `VF 0 { }` is `VF { 0 { } }`: the number is the nested key, and the rename covers both
      Span inner = o.members().get(0).key().span();
      m = Pattern.compile("0*([0-9]+)").matcher(o.members().get(0).key().name());
      if (renamed != null) renamed = new Span(renamed.start(), inner.end());
    }
    if (t.key().equals("//") || t.key().startsWith("//")) {
      d.help("`//` is not a comment in UCL; use `#`");
      if (t.member() != null)
        d.fix(
            Fix.safe(
                "turn `//` into `#`",
                new Edit(
                    new Span(t.member().key().span().start(), t.member().key().span().start() + 2),
                    "#")));
    } else if (m.matches()) {
      String fixed = "VF-" + Long.parseLong(m.group(1).length() > 18 ? "0" : m.group(1));
      d.help("VF sections are named `VF-<n>` with no leading zeros, e.g. `" + fixed + "`");
      if (t.member() != null && !t.member().key().quoted())
        d.fix(Fix.guess("rename to `" + fixed + "`", new Edit(renamed, fixed)));
    } else if (t.key().startsWith("\u00ef\u00bb\u00bf")) {
      d.help("the file starts with a UTF-8 byte order mark; save it without one");
    } else if (!(t.value() instanceof UObject)) {
      d.help("settings go inside a section, e.g. `PF { " + k + " = … }`");
    } else {
      d.help("the sections are PF, DEFAULT and VF-0 … VF-<num_vfs-1>");
    }
    return d.build();
  }

  /**
   * IOV305: a section defined twice with different case ({@code PF} and {@code pf}); iovctl:
   * "Multiple definitions of '…' in config file".
   */
  static Diagnostic multipleDefinitions(Item t, ConfigSection previous) {
    String name = Ascii.display(t.key());
    return Diagnostic.of(
            Codes.MULTIPLE_DEFINITIONS,
            t.keySpan(),
            "`" + name + "` is defined twice (section names ignore case)")
        .label("second definition")
        .label(
            previous.member() != null ? previous.member().key().span() : null, "first defined here")
        .iovctl("Multiple definitions of '" + name + "' in config file")
        .help("merge the two sections")
        .build();
  }

  /**
   * IOV210: a section that is a scalar, not a {@code { }} block; libucl iterates it as itself, so
   * iovctl says "Invalid config key" with the section's own name.
   */
  static Diagnostic sectionNotObject(SourceText src, String sectionName, UValue v) {
    return Diagnostic.of(
            Codes.SECTION_NOT_OBJECT,
            v.span(),
            "`" + sectionName + "` must be a `{ … }` block, not " + Wording.describe(src, v))
        .label("not a block")
        .iovctl(sectionName + ": Invalid config key '" + sectionName + "'")
        .help("write `" + sectionName + " { key = value; }`")
        .build();
  }

  /**
   * IOV201: a key the schema does not have for this section; iovctl: "&lt;section&gt;: Invalid
   * config key '…'". {@code other} is the parameter of that name on the other device (PF or VF),
   * {@code suggestion} the closest name in the schema; either may be null. A Linux-only setting
   * ({@link LinuxParams}) checked for FreeBSD gets a note saying so.
   */
  static Diagnostic unknownKey(
      SourceText src,
      Schema schema,
      Item i,
      String sectionName,
      Schema.Device dev,
      Schema.Param other,
      String suggestion) {
    String k = Ascii.display(i.key());
    Span at = i.keySpan();
    String schemaName = schema.plugin() != null ? schema.plugin().name() : "driver";
    Diagnostic.Builder d =
        Diagnostic.of(
                Codes.UNKNOWN_KEY,
                at,
                i.key().startsWith("//")
                    ? Wording.slashMessage(src, i, " in " + sectionName)
                    : "unknown parameter " + Shown.quoted(i.key()) + " in " + sectionName)
            .label(
                "not in the "
                    + schemaName
                    + " schema for "
                    + (dev == Schema.Device.PF ? "the PF" : "a VF"))
            .iovctl(sectionName + ": Invalid config key '" + k + "'");
    boolean linuxOnly =
        dev == Schema.Device.VF ? LinuxParams.vf(i.key()) != null : LinuxParams.pf(i.key()) != null;
    if (linuxOnly && schema.platform() == Platform.FREEBSD) {
      d.note(
          "`"
              + k
              + "` is a Linux-only setting ("
              + (dev == Schema.Device.VF ? "ip link set … vf N" : "devlink dev eswitch set")
              + "); this file is checked for FreeBSD, where iovctl refuses it");
      d.help(
          "to apply the file on Linux, check it with `--backend linux` or add a comment `# iovc:"
              + " target=linux`; for FreeBSD, remove the line");
    } else if (i.key().startsWith("//")) {
      d.help("`//` is not a comment in UCL; use `#`");
      d.fix(Fix.safe("turn `//` into `#`", new Edit(new Span(at.start(), at.start() + 2), "#")));
    } else if (other != null) {
      d.help(
          dev == Schema.Device.PF
              ? "`" + other.name() + "` is a VF parameter: put it in DEFAULT { } or a VF-n section"
              : "`" + other.name() + "` belongs in the PF section");
    } else if (suggestion != null) {
      d.help("did you mean `" + Ascii.display(suggestion) + "`?");
      if (i.member() != null && !i.member().key().quoted())
        d.fix(
            Fix.guess(
                "change to `" + Ascii.display(suggestion) + "`",
                new Edit(at, Ascii.display(suggestion))));
    } else if (ConfigTree.sectionKind(i.key()) != null) {
      d.help("sections cannot be nested; is a `}` missing above?");
    } else {
      d.help(schemaHint(schema));
    }
    return d.build();
  }

  /**
   * IOV213: a parameter given twice with different case ({@code num_vfs}, {@code NUM_VFS}); libnv
   * refuses the second name and iovctl aborts (SIGABRT).
   */
  static Diagnostic caseDuplicateParam(Item i, ConfigParam first) {
    return Diagnostic.of(
            Codes.CASE_DUPLICATE_PARAM,
            i.member().key().span(),
            "`"
                + Ascii.display(i.key())
                + "` repeats `"
                + Ascii.display(first.name())
                + "` (parameter names ignore case)")
        .label("second spelling")
        .label(first.member().key().span(), "first here")
        .note("iovctl aborts (SIGABRT) on this: libnv refuses the second name")
        .help("keep one of the two")
        .fix(Fix.guess("remove this line", new Edit(i.member().span(), "")))
        .build();
  }

  /**
   * A fix adding {@code key = value;} as the last entry of a section, or null when the section has
   * no braces to insert into. The value is made up (a device name, a VF count), so it is a guess.
   */
  static Fix addStatement(SourceText src, UMember section, String key, String value) {
    String stmt = key + " = " + value + ";";
    Edit e = Fixes.addToSection(src, section, stmt);
    return e == null ? null : Fix.guess("add `" + stmt + "`", e);
  }

  /**
   * A command that prints the schema in effect, runnable as printed: {@code iovc schema --driver
   * ixl}, or {@code --schema FILE} for a schema file.
   */
  static String schemaHint(Schema schema) {
    String how = null;
    if (schema.plugin() != null
        && schema.plugin().pfParams().isEmpty()
        && schema.plugin().vfParams().isEmpty())
      return "no driver plugin knows this PF's driver, so only what the SR-IOV core handles is"
          + " accepted: num_vfs and device in PF, passthrough in DEFAULT and VF-n";
    if (schema.plugin() != null) how = "--driver " + shellWord(schema.plugin().name());
    else if (schema.origin().startsWith("schema file "))
      how = "--schema " + shellWord(schema.origin().substring("schema file ".length()));
    return how == null
        ? "the schema in effect (" + schema.origin() + ") lists the parameters this driver accepts"
        : "run `iovc schema " + how + "` to list the parameters this driver accepts";
  }

  /** A word as a POSIX shell reads it back: single-quoted unless it is plain. */
  private static String shellWord(String w) {
    if (w.matches("[A-Za-z0-9_./:=+-]+")) return w;
    return "'" + w.replace("'", "'\\''") + "'";
  }
}
