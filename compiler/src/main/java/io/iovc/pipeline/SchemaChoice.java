package io.iovc.pipeline;

import io.iovc.check.ConfigTree;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
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

  public static Choice choose(
      SyntaxTree tree, PluginRegistry registry, Schema explicit, String driver) {
    if (explicit != null) return new Choice(explicit, null, explicit.origin());
    String how = "--driver " + driver;
    if (driver == null) {
      driver = modeline(tree);
      how = "the `iovc: driver=` comment";
    }
    if (driver != null) {
      var p = registry.byName(driver);
      if (p.isPresent()) return new Choice(Schema.fromPlugin(p.get().plugin()), null, how);
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
          Schema.fromPlugin(p.get().plugin()), null, "PF.device " + Shown.decode(device.name()));
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
