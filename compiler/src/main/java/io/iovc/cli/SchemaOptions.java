package io.iovc.cli;

import io.iovc.pipeline.Pipeline;
import io.iovc.schema.Platform;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import io.iovc.schema.SchemaException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options every command that needs a schema shares: {@code --driver}, {@code --schema}, {@code
 * --plugin-path} (also {@code IOVC_PLUGIN_PATH}) and the size limits.
 */
final class SchemaOptions {
  @Option(
      names = "--driver",
      paramLabel = "NAME",
      description =
          "Use this driver plugin's schema (ixl, cxgbe, mlx5, …) instead of choosing by PF.device.")
  String driver;

  @Option(
      names = "--schema",
      paramLabel = "FILE",
      description =
          "Read the schema from FILE: the packed nvlist IOV_GET_SCHEMA returns, or the text `iovctl -S` prints.")
  Path schemaFile;

  @Option(
      names = "--plugin-path",
      paramLabel = "DIR",
      split = ":",
      description = "Also load driver plugin jars from DIR (repeatable; also IOVC_PLUGIN_PATH).")
  List<Path> pluginPath = new ArrayList<>();

  @Option(
      names = "--backend",
      paramLabel = "NAME",
      description =
          "freebsd or linux: the system the file is checked for (Linux adds its own VF settings) and,"
              + " with --apply, applied on. Default: a `# iovc: target=NAME` comment, else the running OS.")
  String backend;

  @Option(
      names = "--max-size",
      paramLabel = "BYTES",
      description =
          "Largest packed configuration the kernel accepts (hw.pci.iov_max_config; default ${DEFAULT-VALUE}).")
  long maxSize = Pipeline.DEFAULT_MAX_CONFIG;

  @Option(
      names = "--max-input",
      paramLabel = "BYTES",
      hidden = true,
      description = "Largest input file iovc reads.")
  long maxInput = Inputs.DEFAULT_MAX_INPUT;

  /** The platform {@code --backend} names, or null when not given. */
  Platform platform() throws UserError {
    if (backend == null) return null;
    Platform p = Platform.byName(backend);
    if (p == null)
      throw new UserError(2, "unknown backend `" + backend + "`; use freebsd or linux");
    return p;
  }

  private PluginRegistry registry;
  private Schema explicit;
  private boolean explicitLoaded;

  PluginRegistry registry() {
    if (registry == null) registry = PluginRegistry.load(pluginDirs());
    return registry;
  }

  /**
   * The plugins as ServiceLoader finds them, never through the distribution's index: what {@code
   * iovc drivers} shows, so that it reports what is really installed.
   */
  PluginRegistry scannedRegistry() {
    return PluginRegistry.scan(pluginDirs());
  }

  private List<Path> pluginDirs() {
    List<Path> dirs = new ArrayList<>(pluginPath);
    String env = System.getenv("IOVC_PLUGIN_PATH");
    if (env != null && !env.isBlank()) {
      for (String s : env.split(File.pathSeparator)) if (!s.isBlank()) dirs.add(Path.of(s));
    }
    return dirs;
  }

  /** The schema from {@code --schema}, or null. Throws a usage-level problem as UserError. */
  Schema explicitSchema() throws UserError {
    if (!explicitLoaded) {
      explicitLoaded = true;
      if (schemaFile != null) {
        try {
          byte[] b = Files.readAllBytes(schemaFile);
          explicit = Schema.fromFile(b, "schema file " + schemaFile);
        } catch (IOException e) {
          throw new UserError(
              3, "cannot read the schema file " + schemaFile + ": " + e.getMessage());
        } catch (SchemaException e) {
          throw new UserError(
              3, "the schema file " + schemaFile + " cannot be used: " + e.getMessage());
        }
      }
    }
    return explicit;
  }

  /** The schema of {@code --driver}, or null when not given. */
  Schema driverSchema() throws UserError {
    if (driver == null) return null;
    var p = registry().byName(driver);
    if (p.isEmpty()) {
      StringBuilder names = new StringBuilder();
      for (var l : registry().plugins())
        names.append(names.length() == 0 ? "" : ", ").append(l.name());
      throw new UserError(
          3,
          "no driver plugin is called `"
              + driver
              + "`; known: "
              + (names.length() == 0 ? "none" : names));
    }
    return Schema.fromPlugin(p.get().plugin());
  }
}
