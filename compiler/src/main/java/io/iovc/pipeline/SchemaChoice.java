package io.iovc.pipeline;

import io.iovc.check.ConfigTree;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.plugin.DriverPlugin;
import io.iovc.schema.Platform;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import io.iovc.source.Shown;
import io.iovc.source.Span;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.UclParser;
import io.iovc.syntax.UclToken;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which schema a file is checked against: one ordered table, consulted top to bottom (taplo's
 * schema associations). The first source that names a schema wins; a source that names one that
 * does not exist stops the search with a diagnostic.
 *
 * <ol>
 *   <li>{@link Source#EXPLICIT}: a {@code --schema} file, or the live kernel's schema for PF.device
 *   <li>{@link Source#DRIVER_OPTION}: {@code --driver NAME}
 *   <li>{@link Source#MODELINE}: a comment {@code # iovc: driver=NAME} in the file
 *   <li>{@link Source#LINUX_DRIVER}: the plugin serving the Linux driver bound to the PF
 *   <li>{@link Source#PF_DEVICE}: the plugin whose device patterns match {@code PF.device}
 *   <li>{@link Source#EDITOR_SETTING}: the editor's {@code iovc.driver}, only when the file itself
 *       chooses none (a device a plugin serves wins over the setting)
 *   <li>{@link Source#GENERIC}: {@link #GENERIC}, the parameters every driver has (Linux, where any
 *       SR-IOV PF can be configured)
 * </ol>
 *
 * Otherwise {@link Source#NONE}: the file is checked for syntax and layout only.
 */
public final class SchemaChoice {
  /**
   * The modeline patterns, compiled when a file holds {@code iovc:} at all: a one-file check should
   * compile no regular expression (the first one compiled sets up the JVM's lambda machinery).
   */
  private static final class Modeline {
    static final Pattern DRIVER = Pattern.compile("iovc:\\s*driver\\s*=\\s*([A-Za-z0-9_.-]+)");

    /** {@code # iovc: target=linux}, alone or after {@code driver=NAME} on the same comment. */
    static final Pattern TARGET =
        Pattern.compile(
            "iovc:(?:\\s*driver\\s*=\\s*[A-Za-z0-9_.-]+)?\\s*target\\s*=\\s*([A-Za-z]+)");
  }

  /**
   * The one generic schema: only what the SR-IOV core handles for every driver (num_vfs, device,
   * passthrough). Checks files for a PF no plugin knows (e.g. an NVMe controller on Linux) and
   * serves the editor's completion and hover before a driver is known.
   */
  public static final Schema GENERIC =
      Schema.fromPlugin(
          DriverPlugin.withoutParameters(
              "generic", "any SR-IOV PF: VF count and passthrough only"));

  /** The rows of the table, in priority order. */
  public enum Source {
    EXPLICIT,
    DRIVER_OPTION,
    MODELINE,
    LINUX_DRIVER,
    PF_DEVICE,
    EDITOR_SETTING,
    GENERIC,
    NONE
  }

  /**
   * A schema and why ({@code how}: "PF.device ixl0", "the `iovc: driver=` comment"…), or the
   * diagnostic explaining why there is none.
   */
  public record Choice(Schema schema, Diagnostic problem, String how, Source source) {}

  private SchemaChoice() {}

  /** The driver named by a {@code # iovc: driver=NAME} comment, or null. */
  public static String modeline(SyntaxTree tree) {
    if (!tree.source().contains("iovc:")) return null;
    for (UclToken t : tree.tokens()) {
      if (t.getType() != UclParser.COMMENT) continue;
      Matcher m = Modeline.DRIVER.matcher(t.getText());
      if (m.find()) return m.group(1);
    }
    return null;
  }

  /** The offline order with an explicit schema or driver name (either may be null). */
  public static Choice choose(
      SyntaxTree tree, PluginRegistry registry, Schema explicit, String driver) {
    return choose(tree, SchemaRequest.of(registry).withExplicit(explicit).withDriver(driver));
  }

  /** The platform named by a {@code # iovc: target=NAME} comment, or null. */
  public static Platform modelineTarget(SyntaxTree tree) {
    if (!tree.source().contains("iovc:")) return null;
    for (UclToken t : tree.tokens()) {
      if (t.getType() != UclParser.COMMENT) continue;
      Matcher m = Modeline.TARGET.matcher(t.getText());
      if (m.find()) return Platform.byName(m.group(1));
    }
    return null;
  }

  /**
   * The platform a file is checked for: {@code forced} ({@code --backend}), else the file's {@code
   * # iovc: target=} comment, else the host's ({@link Platform#host()}).
   */
  public static Platform platform(SyntaxTree tree, Platform forced) {
    if (forced != null) return forced;
    Platform m = modelineTarget(tree);
    return m != null ? m : Platform.host();
  }

  /**
   * Walks the table for this file; a plugin's schema is built for {@link #platform(SyntaxTree,
   * Platform)} (a blob, text or live kernel schema is FreeBSD's whatever the platform), and for a
   * PF on this host its bound Linux driver's capabilities are the ones checked.
   */
  public static Choice choose(SyntaxTree tree, SchemaRequest req) {
    Choice c = walk(tree, req);
    Schema s = c.schema();
    if (s == null || s.plugin() == null) return c;
    Platform platform = platform(tree, req.platform());
    if (s.platform() != platform) s = Schema.fromPlugin(s.plugin(), platform);
    if (req.host() != null && platform == Platform.LINUX) {
      ConfigTree.DeviceRef device = ConfigTree.findDeviceRef(tree);
      SchemaRequest.HostPf pf = device == null ? null : req.host().apply(device.name());
      if (pf != null) s = s.withLinuxDriver(pf.linuxDriver());
    }
    return s == c.schema() ? c : new Choice(s, c.problem(), c.how(), c.source());
  }

  private static Choice walk(SyntaxTree tree, SchemaRequest req) {
    PluginRegistry registry = req.registry();
    if (req.explicit() != null)
      return new Choice(req.explicit(), null, req.explicit().origin(), Source.EXPLICIT);
    ConfigTree.DeviceRef device = ConfigTree.findDeviceRef(tree);
    if (req.live() != null && device != null) {
      Schema live = req.live().apply(device.name());
      if (live != null) return new Choice(live, null, live.origin(), Source.EXPLICIT);
    }
    if (req.driver() != null)
      return byName(tree, registry, req.driver(), "--driver " + req.driver(), Source.DRIVER_OPTION);
    String named = req.modeline() ? modeline(tree) : null;
    if (named != null)
      return byName(tree, registry, named, "the `iovc: driver=` comment", Source.MODELINE);
    SchemaRequest.HostPf pf = null;
    boolean looked = false;
    if (req.host() != null && device != null) {
      pf = req.host().apply(device.name());
      looked = true;
      if (pf != null && pf.linuxDriver() != null) {
        var p = registry.forLinuxDriver(pf.linuxDriver());
        if (p.isPresent())
          return new Choice(
              Schema.fromPlugin(p.get().plugin()),
              null,
              "the Linux driver " + pf.linuxDriver(),
              Source.LINUX_DRIVER);
      }
    }
    Choice byDevice = null;
    if (req.byDevice()) {
      byDevice = byDevice(tree, registry, device);
      if (byDevice.schema() != null) return byDevice;
    }
    if (req.editorDriver() != null) {
      Choice bySetting =
          byName(tree, registry, req.editorDriver(), "--driver " + req.editorDriver(), null);
      if (bySetting.schema() != null || byDevice == null || byDevice.problem() == null)
        return new Choice(
            bySetting.schema(),
            bySetting.problem(),
            "the iovc.driver setting",
            Source.EDITOR_SETTING);
    }
    if (req.generic()) {
      if (device != null && looked && pf == null) // no such PF: nothing to be generic about
      return new Choice(null, null, "PF.device " + Shown.decode(device.name()), Source.NONE);
      String why =
          pf != null && pf.linuxDriver() != null
              ? "no driver plugin knows the Linux driver " + pf.linuxDriver()
              : "no driver plugin chosen";
      return new Choice(GENERIC, null, why, Source.GENERIC);
    }
    if (byDevice != null) return byDevice;
    return new Choice(
        null,
        null,
        device == null ? "no PF.device" : "PF.device " + Shown.decode(device.name()),
        Source.NONE);
  }

  private static Choice byName(
      SyntaxTree tree, PluginRegistry registry, String driver, String how, Source source) {
    var p = registry.byName(driver);
    if (p.isPresent()) return new Choice(Schema.fromPlugin(p.get().plugin()), null, how, source);
    var linux = registry.forLinuxDriver(driver);
    Span at = modelineSpan(tree);
    return new Choice(
        null,
        Diagnostic.of(
                Codes.NO_SCHEMA,
                at,
                "no driver plugin is called `" + driver + "` (named by " + how + ")")
            .label("unknown driver")
            .help(
                linux.isPresent()
                    ? "`"
                        + driver
                        + "` is the Linux name; the FreeBSD driver is `"
                        + linux.get().plugin().name()
                        + "`"
                    : "known drivers: " + names(registry) + "; see `iovc drivers`")
            .build(),
        how,
        source);
  }

  private static Choice byDevice(
      SyntaxTree tree, PluginRegistry registry, ConfigTree.DeviceRef device) {
    if (device == null) {
      return new Choice(null, null, "no PF.device", Source.NONE);
    }
    String how = "PF.device " + Shown.decode(device.name());
    var p = registry.forDevice(device.name());
    if (p.isPresent())
      return new Choice(Schema.fromPlugin(p.get().plugin()), null, how, Source.PF_DEVICE);
    if (tree.hasErrors())
      return new Choice(null, null, how, Source.NONE); // the syntax error comes first
    Diagnostic.Builder d =
        Diagnostic.of(
                Codes.NO_SCHEMA,
                device.span(),
                "no driver plugin serves the device " + Shown.quoted(device.name()))
            .label("no plugin for this device");
    DeviceNameHints.Hint hint = DeviceNameHints.of(Shown.decode(device.name()));
    if (hint != null) d.note(hint.note()).help(hint.help());
    else
      d.help(
          "pass --driver NAME or --schema FILE, or add a comment `# iovc: driver=NAME`; known drivers: "
              + names(registry));
    return new Choice(null, d.build(), how, Source.NONE);
  }

  private static Span modelineSpan(SyntaxTree tree) {
    for (UclToken t : tree.tokens()) {
      if (t.getType() == UclParser.COMMENT && Modeline.DRIVER.matcher(t.getText()).find())
        return t.span();
    }
    return Span.at(0);
  }

  private static String names(PluginRegistry r) {
    StringBuilder sb = new StringBuilder();
    for (PluginRegistry.Loaded l : r.plugins()) {
      if (sb.length() > 0) sb.append(", ");
      sb.append(l.name());
    }
    return sb.length() == 0 ? "(none installed)" : sb.toString();
  }
}
