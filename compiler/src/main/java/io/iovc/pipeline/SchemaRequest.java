package io.iovc.pipeline;

import io.iovc.schema.Platform;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import java.util.function.Function;

/**
 * What a front end knows about where a file's schema may come from; {@link SchemaChoice} consults
 * the sources in one fixed order (explicit or live, {@code --driver}, the modeline, the Linux
 * driver bound to the PF, {@code PF.device}, the editor setting, the generic schema). A source left
 * null (or switched off) is skipped.
 *
 * @param registry the driver plugins; also the codes suppression comments may name (null: the
 *     schema's own plugin's codes)
 * @param explicit a schema forced by {@code --schema FILE} or fetched from the live kernel, or null
 * @param live PF.device to the live kernel's schema for it (null: none), or null
 * @param driver {@code --driver NAME}, or null
 * @param modeline whether a {@code # iovc: driver=NAME} comment may choose
 * @param host PF.device to the PF on this host (null: no such PF), or null when there is no host
 * @param byDevice whether the plugin whose device patterns match PF.device may choose
 * @param editorDriver the editor's {@code iovc.driver} setting, used only when the file chooses
 *     none
 * @param generic whether a file nothing else chooses for is checked against {@link
 *     SchemaChoice#GENERIC} (not when {@code host} says its PF does not exist)
 * @param maxSize the kernel's size limit for the packed configuration
 * @param platform the system the file is checked for ({@code --backend}), or null: the file's
 *     {@code # iovc: target=} comment, else the host
 */
public record SchemaRequest(
    PluginRegistry registry,
    Schema explicit,
    Function<String, Schema> live,
    String driver,
    boolean modeline,
    Function<String, HostPf> host,
    boolean byDevice,
    String editorDriver,
    boolean generic,
    long maxSize,
    Platform platform) {

  /** A PF that exists on this host, and the Linux driver bound to it (null when none is bound). */
  public record HostPf(String linuxDriver) {}

  /** The offline order: the modeline, then PF.device; no generic fallback. */
  public static SchemaRequest of(PluginRegistry registry) {
    return new SchemaRequest(
        registry,
        null,
        null,
        null,
        true,
        null,
        true,
        null,
        false,
        Pipeline.DEFAULT_MAX_CONFIG,
        null);
  }

  /** Syntax and layout only: no source may choose a schema. */
  public static SchemaRequest none(PluginRegistry registry) {
    return new SchemaRequest(
        registry,
        null,
        null,
        null,
        false,
        null,
        false,
        null,
        false,
        Pipeline.DEFAULT_MAX_CONFIG,
        null);
  }

  /** Only this schema (e.g. the live kernel's). */
  public static SchemaRequest only(Schema schema, PluginRegistry registry) {
    return none(registry).withExplicit(schema);
  }

  public SchemaRequest withExplicit(Schema s) {
    Copy b = new Copy(this);
    b.explicit = s;
    return b.build();
  }

  public SchemaRequest withLive(Function<String, Schema> f) {
    Copy b = new Copy(this);
    b.live = f;
    return b.build();
  }

  public SchemaRequest withDriver(String name) {
    Copy b = new Copy(this);
    b.driver = name;
    return b.build();
  }

  public SchemaRequest withHost(Function<String, HostPf> f) {
    Copy b = new Copy(this);
    b.host = f;
    return b.build();
  }

  public SchemaRequest withEditorDriver(String name) {
    Copy b = new Copy(this);
    b.editorDriver = name;
    return b.build();
  }

  public SchemaRequest withGeneric() {
    Copy b = new Copy(this);
    b.generic = true;
    return b.build();
  }

  /** Checks for this platform ({@code --backend}); null: the modeline, else the host. */
  public SchemaRequest withPlatform(Platform p) {
    Copy b = new Copy(this);
    b.platform = p;
    return b.build();
  }

  public SchemaRequest withMaxSize(long n) {
    Copy b = new Copy(this);
    b.maxSize = n;
    return b.build();
  }

  /**
   * The fields of a request, to change one before building the next: the one place that copies
   * every field (the withers assign to a copy, without lambdas: a one-file check would otherwise
   * set up the JVM's lambda machinery for them alone).
   */
  private static final class Copy {
    final PluginRegistry registry;
    Schema explicit;
    Function<String, Schema> live;
    String driver;
    final boolean modeline;
    Function<String, HostPf> host;
    final boolean byDevice;
    String editorDriver;
    boolean generic;
    long maxSize;
    Platform platform;

    Copy(SchemaRequest r) {
      registry = r.registry;
      explicit = r.explicit;
      live = r.live;
      driver = r.driver;
      modeline = r.modeline;
      host = r.host;
      byDevice = r.byDevice;
      editorDriver = r.editorDriver;
      generic = r.generic;
      maxSize = r.maxSize;
      platform = r.platform;
    }

    SchemaRequest build() {
      return new SchemaRequest(
          registry,
          explicit,
          live,
          driver,
          modeline,
          host,
          byDevice,
          editorDriver,
          generic,
          maxSize,
          platform);
    }
  }
}
