package io.iovc.pipeline;

import io.iovc.check.ConfigTree;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
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
 * Which schema a file is checked against, in this order: an explicit schema (a {@code --schema}
 * file or the live kernel), {@code --driver NAME}, a modeline comment {@code # iovc: driver=NAME}
 * in the file, and finally the plugin whose device patterns match {@code PF.device}.
 */
public final class SchemaChoice {
  private static final Pattern MODELINE =
      Pattern.compile("iovc:\\s*driver\\s*=\\s*([A-Za-z0-9_.-]+)");

  /** {@code # iovc: target=linux}, alone or after {@code driver=NAME} on the same comment. */
  private static final Pattern TARGET =
      Pattern.compile("iovc:(?:\\s*driver\\s*=\\s*[A-Za-z0-9_.-]+)?\\s*target\\s*=\\s*([A-Za-z]+)");

  /** A schema, or the diagnostic explaining why there is none. */
  public record Choice(Schema schema, Diagnostic problem, String how) {}

  private SchemaChoice() {}

  /** The driver named by a {@code # iovc: driver=NAME} comment, or null. */
  public static String modeline(SyntaxTree tree) {
    for (UclToken t : tree.tokens()) {
      if (t.getType() != UclParser.COMMENT) continue;
      Matcher m = MODELINE.matcher(t.getText());
      if (m.find()) return m.group(1);
    }
    return null;
  }

  /** The platform named by a {@code # iovc: target=NAME} comment, or null. */
  public static Platform modelineTarget(SyntaxTree tree) {
    for (UclToken t : tree.tokens()) {
      if (t.getType() != UclParser.COMMENT) continue;
      Matcher m = TARGET.matcher(t.getText());
      if (m.find()) return Platform.byName(m.group(1));
    }
    return null;
  }

  /**
   * The platform a file is checked for: {@code forced} ({@code --backend}), else the file's {@code
   * # iovc: target=} comment, else the host's.
   */
  public static Platform platform(SyntaxTree tree, Platform forced) {
    if (forced != null) return forced;
    Platform m = modelineTarget(tree);
    return m != null ? m : Platform.host();
  }

  /** As {@link #choose(SyntaxTree, PluginRegistry, Schema, String, Platform)} without --backend. */
  public static Choice choose(
      SyntaxTree tree, PluginRegistry registry, Schema explicit, String driver) {
    return choose(tree, registry, explicit, driver, null);
  }

  /**
   * The schema for a file; a plugin's schema is built for {@link #platform(SyntaxTree, Platform)}
   * (a blob or text schema is FreeBSD's whatever the platform).
   */
  public static Choice choose(
      SyntaxTree tree, PluginRegistry registry, Schema explicit, String driver, Platform forced) {
    Platform platform = platform(tree, forced);
    if (explicit != null) {
      if (explicit.plugin() != null && explicit.platform() != platform)
        explicit = Schema.fromPlugin(explicit.plugin(), platform);
      return new Choice(explicit, null, explicit.origin());
    }
    String how = "--driver " + driver;
    if (driver == null) {
      driver = modeline(tree);
      how = "the `iovc: driver=` comment";
    }
    if (driver != null) {
      var p = registry.byName(driver);
      if (p.isPresent())
        return new Choice(Schema.fromPlugin(p.get().plugin(), platform), null, how);
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
          how);
    }
    ConfigTree.DeviceRef device = ConfigTree.findDeviceRef(tree);
    if (device == null) {
      return new Choice(null, null, "no PF.device");
    }
    var p = registry.forDevice(device.name());
    if (p.isPresent())
      return new Choice(
          Schema.fromPlugin(p.get().plugin(), platform),
          null,
          "PF.device " + Shown.decode(device.name()));
    if (tree.hasErrors())
      return new Choice(
          null, null, "PF.device " + Shown.decode(device.name())); // the syntax error comes first
    return new Choice(
        null,
        Diagnostic.of(
                Codes.NO_SCHEMA,
                device.span(),
                "no driver plugin serves the device " + Shown.quoted(device.name()))
            .label("no plugin for this device")
            .help(
                "pass --driver NAME or --schema FILE, or add a comment `# iovc: driver=NAME`; known drivers: "
                    + names(registry))
            .build(),
        "PF.device " + Shown.decode(device.name()));
  }

  private static Span modelineSpan(SyntaxTree tree) {
    for (UclToken t : tree.tokens()) {
      if (t.getType() == UclParser.COMMENT && MODELINE.matcher(t.getText()).find()) return t.span();
    }
    return Span.at(0);
  }

  private static String names(PluginRegistry r) {
    StringBuilder sb = new StringBuilder();
    for (PluginRegistry.Loaded l : r.plugins()) {
      if (sb.length() > 0) sb.append(", ");
      sb.append(l.plugin().name());
    }
    return sb.length() == 0 ? "(none installed)" : sb.toString();
  }
}
