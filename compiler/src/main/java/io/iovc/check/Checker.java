package io.iovc.check;

import io.iovc.check.ConfigTree.Item;
import io.iovc.diag.Code;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.schema.DriverPlugin;
import io.iovc.schema.ParamSpec;
import io.iovc.schema.Schema;
import io.iovc.schema.ValueHint;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UMember;
import java.util.ArrayList;
import java.util.List;

/**
 * iovctl's semantics (spec §3): {@code find_device}, {@code parse_config_file}, {@code
 * parse_device_config}, {@code add_config} and {@code validate_config}, in that order, over the
 * tree libucl would build. iovctl stops at the first problem; the checker reports all of them, and
 * adds warnings for input iovctl accepts but that is almost surely a mistake (spec §10). A file
 * gets an error diagnostic exactly when iovctl (or the kernel, for the size limit) refuses it.
 */
public final class Checker {

  private final CheckRun r;
  private final SyntaxTree tree;
  private final SourceText src;
  private final Schema schema;

  private Checker(SyntaxTree tree, Schema schema) {
    this.r = new CheckRun(tree, schema);
    this.tree = tree;
    this.src = tree.source();
    this.schema = schema;
  }

  /** Checks a parsed file against a schema. The schema may be null (syntax and layout only). */
  public static CheckResult check(SyntaxTree tree, Schema schema) {
    Checker c = new Checker(tree, schema);
    CheckedConfig config = c.run();
    List<Diagnostic> all = new ArrayList<>(tree.diagnostics());
    all.addAll(syntaxErrorsFirst(tree, c.r.diagnostics()));
    all = Suppressions.apply(tree, all);
    all.sort((a, b) -> a.span().compareTo(b.span()));
    all = bounded(all);
    boolean errors = false;
    for (Diagnostic d : all) errors |= d.isError();
    return new CheckResult(tree, schema, all, errors ? null : config);
  }

  /** At most this many diagnostics per file (errors first); the rest are counted in one note. */
  public static final int MAX_REPORTED = 1000;

  private static List<Diagnostic> bounded(List<Diagnostic> all) {
    if (all.size() <= MAX_REPORTED) return all;
    List<Diagnostic> keep = new ArrayList<>();
    for (Diagnostic d : all) {
      if (d.isError() && keep.size() < MAX_REPORTED) keep.add(d);
    }
    for (Diagnostic d : all) {
      if (!d.isError() && keep.size() < MAX_REPORTED) keep.add(d);
    }
    keep.sort((a, b) -> a.span().compareTo(b.span()));
    int more = all.size() - keep.size();
    Span at = keep.get(keep.size() - 1).span();
    keep.add(
        Diagnostic.of(Codes.TOO_MANY, Span.at(at.end()), more + " more problems are not shown")
            .help("fix these and check again; --format json lists the same first " + MAX_REPORTED)
            .build());
    return keep;
  }

  /** Codes about the file as a whole: after a syntax error the whole is not known. */
  private static final java.util.Set<Code> WHOLE_FILE =
      java.util.Set.of(
          Codes.NO_DEVICE,
          Codes.REQUIRED_MISSING,
          Codes.VF_OUT_OF_BOUNDS,
          Codes.DRIVER_MAX_VFS,
          Codes.DEFAULT_UNUSED,
          Codes.NUM_VFS_ZERO,
          Codes.TOO_BIG);

  /**
   * iovctl stops at a syntax error, and after one iovc's tree is a repair: findings behind the
   * first syntax error, and findings about the file as a whole, would often be echoes of it.
   * Findings in front of it are real and kept.
   */
  private static List<Diagnostic> syntaxErrorsFirst(SyntaxTree tree, List<Diagnostic> semantic) {
    int first = Integer.MAX_VALUE;
    for (Diagnostic d : tree.diagnostics()) {
      if (d.isError()) first = Math.min(first, d.span().start());
    }
    if (first == Integer.MAX_VALUE) return semantic;
    List<Diagnostic> kept = new ArrayList<>();
    for (Diagnostic d : semantic) {
      if (d.span().end() < first && !WHOLE_FILE.contains(d.code())) kept.add(d);
    }
    return kept;
  }

  // ------------------------------------------------------------------ the run

  private CheckedConfig run() {
    UValue root = tree.root();
    if (root instanceof UValue.UArray a) {
      if (!a.items().isEmpty()) {
        add(SectionDiagnostics.TopLevelArray.bracketed(a.span()));
        return null;
      }
    }
    List<Item> top = ConfigTree.items(root, null, null);
    Lints.duplicateSections(r, root);

    FindDevice.Found found = FindDevice.find(r, top);
    if (found == null) return null;
    String device = found.device();
    Item pfItem = found.pf();
    if (device != null) lintDevice(device, pfItem);
    if (schema == null) return null;

    ParseConfigFile.Sections parsed = ParseConfigFile.parse(r, top);
    if (parsed == null) return null;
    List<ConfigSection> sections = parsed.all();
    ConfigSection defaults = parsed.defaults();

    // validate_config: iovctl got here only without crashing; after a crash its checks would be
    // guesses
    if (r.crashed()) return null;
    ValidateConfig.Validated validated = ValidateConfig.validate(r, parsed);
    if (validated == null) return null;
    int numVfs = validated.numVfs();
    ConfigParam numVfsParam = validated.numVfsParam();
    if (numVfs > 0) lintUnusedDefaults(numVfs, defaults, sections);
    lintDriver(sections, numVfs, numVfsParam);
    if (hasError()) return null;
    return new CheckedConfig(device, numVfs, sections);
  }

  private boolean hasError() {
    return r.hasError();
  }

  private void add(Diagnostic d) {
    r.add(d);
  }

  private static Span keySpan(Item t) {
    return t.keySpan();
  }

  /** A DEFAULT parameter that every VF sets itself is never used (IOV313). */
  private void lintUnusedDefaults(
      int numVfs, ConfigSection defaults, List<ConfigSection> sections) {
    if (defaults == null) return;
    for (List<ConfigParam> list : List.of(defaults.driver(), defaults.iov())) {
      for (ConfigParam d : list) {
        boolean used = false;
        for (int i = 0; i < numVfs && !used; i++) {
          ConfigSection vf = vfSection(sections, i);
          used = vf == null || vf.param(d.name()) == null;
        }
        if (!used) {
          add(
              Diagnostic.of(
                      Codes.DEFAULT_UNUSED,
                      d.member().key().span(),
                      "every VF sets `"
                          + Ascii.display(d.name())
                          + "` itself, so this default is never used")
                  .label("overridden in all " + numVfs + " VF sections")
                  .help("remove it from DEFAULT, or remove the per-VF values that repeat it")
                  .fix(
                      Fix.of(
                          "remove the unused default", new Edit(lineSpan(d.member().span()), "")))
                  .build());
        }
      }
    }
  }

  private static ConfigSection vfSection(List<ConfigSection> sections, int i) {
    String name = "VF-" + i;
    for (ConfigSection s : sections) {
      if (s.kind() == ConfigSection.Kind.VF && Ascii.equalsIgnoreCase(s.name(), name)) return s;
    }
    return null;
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

  // ------------------------------------------------------------------ lints

  private Fix addToSection(UMember section, String key, String value) {
    String stmt = key + " = " + value + ";";
    Edit e = Fixes.addToSection(src, section, stmt);
    return e == null ? null : Fix.of("add `" + stmt + "`", e);
  }

  private String deviceGuess() {
    return Fixes.deviceGuess(src, schema);
  }

  private int vfCountGuess() {
    return Fixes.vfCountGuess(tree);
  }

  private int firstKeyLineStart() {
    return Fixes.firstKeyLineStart(tree);
  }

  private Span lineSpan(Span s) {
    return Fixes.wholeLines(src, s);
  }

  private void lintDevice(String device, Item pfItem) {
    UMember m = null;
    for (Item i : ConfigTree.items(pfItem.value(), pfItem.chain(), pfItem.key())) {
      if (i.key() != null && Ascii.equalsIgnoreCase(i.key(), "device")) {
        m = i.member();
        break;
      }
    }
    Span at = m != null ? m.value().span() : keySpan(pfItem);
    if (device.isEmpty()) {
      add(
          Diagnostic.of(Codes.EMPTY_DEVICE, at, "`device` is empty")
              .label("iovctl would open /dev/iov/")
              .help("write the PF's name, e.g. \"ixl0\"")
              .build());
    } else if (device.equals(".")
        || device.equals("..")
        || (device.matches(".*\\s.*") && !device.matches("(?s).*\\s//.*"))) {
      add(
          Diagnostic.of(
                  Codes.DEVICE_SLASH,
                  at,
                  "`device` must be a device name such as ixl0: iovctl would open /dev/iov/"
                      + Ascii.display(device))
              .label("not a device name")
              .help("write the PF's node name under /dev/iov, e.g. \"ixl0\"")
              .build());
    } else if (device.contains("/") && !device.matches("(?s).*\\s//.*")) {
      String base = device.substring(device.lastIndexOf('/') + 1);
      add(
          Diagnostic.of(
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
              .fix(
                  base.isEmpty()
                      ? null
                      : Fix.of(
                          "write \"" + Ascii.display(base) + "\"",
                          new Edit(at, "\"" + Ascii.display(base) + "\"")))
              .build());
    }
  }

  /** The driver's documented quirks (plugin hints) and VF limit. */
  private void lintDriver(List<ConfigSection> sections, int numVfs, ConfigParam numVfsParam) {
    DriverPlugin plugin = schema.plugin();
    if (plugin == null) return;
    if (plugin.maxVfs() > 0 && numVfs > plugin.maxVfs() && numVfsParam != null) {
      add(
          Diagnostic.of(
                  Codes.DRIVER_MAX_VFS,
                  numVfsParam.member().value().span(),
                  plugin.name()
                      + " supports at most "
                      + plugin.maxVfs()
                      + " VFs; the kernel will refuse "
                      + numVfs)
              .label("above " + plugin.maxVfs())
              .note(plugin.maxVfsReason())
              .help("lower num_vfs to " + plugin.maxVfs() + " or less")
              .build());
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
          if (!h.matches(v)) continue;
          String msg = h.message().replace("{value}", p.value().display());
          add(
              Diagnostic.of(h.code(), p.member().value().span(), msg)
                  .label(plugin.name() + ": " + h.code().title())
                  .build());
        }
      }
    }
  }

  // ------------------------------------------------------------------ wording

  private static String numberLookalike(String s) {
    return Wording.numberLookalike(s);
  }

  private static boolean looksNumeric(String s) {
    return Wording.looksNumeric(s);
  }

  private String describe(UValue v) {
    return Wording.describe(src, v);
  }

  private static String describeShort(UValue v) {
    return Wording.describeShort(v);
  }

  private String stringHelp(UValue v, String what) {
    return Wording.stringHelp(src, v, what);
  }

  private static String fmt(double d) {
    return Wording.fmt(d);
  }
}
