package io.iovc.driver.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Code;
import io.iovc.diag.CodeBook;
import io.iovc.diag.Diagnostic;
import io.iovc.nvlist.NvPacker;
import io.iovc.pipeline.Pipeline;
import io.iovc.pipeline.SchemaRequest;
import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ValueHint;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tests every driver plugin passes, whatever its driver: a plugin's test extends this (or
 * {@link FreeBsdPluginContract}), states its plugin's facts in its constructor and adds only the
 * tests of what its driver does differently. The plugin's module must be alone on the test class
 * path (the ServiceLoader test checks it), with this jar in test scope.
 */
public abstract class PluginContract {
  /**
   * How {@code iovctl -S} starts for every driver: the PF block (a driver's PF schema is empty),
   * then the VF block up to the driver's own parameters (the core's passthrough comes first).
   */
  static final String IOVCTL_S_CORE =
      """
      The following configuration parameters may be configured on the PF:
      \tnum_vfs : uint16_t (required)
      \tdevice : string (required)

      The following configuration parameters may be configured on a VF:
      \tpassthrough : bool (default = false)
      """;

  private final Facts facts;

  protected PluginContract(Facts facts) {
    this.facts = facts.complete();
  }

  /** The plugin under test, a new instance for each test. */
  protected final DriverPlugin plugin() {
    return facts.plugin;
  }

  /** The expected {@code iovctl -S} text: what every driver prints, then the plugin's VF lines. */
  protected final String iovctlS() {
    return IOVCTL_S_CORE + facts.vfSchemaLines;
  }

  /** The plugin's name, as the test states it. */
  protected final String name() {
    return facts.name;
  }

  // ------------------------------------------------------------------ schema

  @Test
  void iovctlSchemaText() throws Exception {
    assertEquals(iovctlS(), Schema.fromPlugin(plugin()).toIovctlText());
  }

  @Test
  void schemaReadsBackFromItsOwnBlob() throws Exception {
    byte[] packed = NvPacker.pack(Schema.fromPlugin(plugin()).nvlist());
    assertEquals(iovctlS(), Schema.fromBlob(packed, "round trip").toIovctlText());
  }

  @Test
  void everyParameterIsDocumented() {
    assertTrue(plugin().pfParams().isEmpty(), "spec §8: the PF DRIVER schema is empty");
    for (ParamSpec p : plugin().vfParams()) {
      assertFalse(p.doc().isBlank(), p.name() + " has no doc");
      assertFalse(p.since().isBlank(), p.name() + " has no since");
    }
  }

  // ------------------------------------------------------------------ discovery

  @Test
  void serviceLoaderFindsExactlyThisPlugin() {
    List<DriverPlugin> found =
        ServiceLoader.load(DriverPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
    assertEquals(1, found.size(), found.toString());
    assertSame(plugin().getClass(), found.get(0).getClass());
  }

  @Test
  void registryLoadsItWithoutProblems() {
    PluginRegistry r = PluginRegistry.classPath();
    assertEquals(List.of(), r.problems());
    for (String dev : facts.serves)
      assertEquals(name(), r.forDevice(dev).orElseThrow().plugin().name(), dev);
    for (String linux : facts.linuxDrivers)
      assertEquals(name(), r.forLinuxDriver(linux).orElseThrow().plugin().name(), linux);
    for (String dev : facts.doesNotServe) assertTrue(r.forDevice(dev).isEmpty(), dev);
  }

  @Test
  void linuxCapabilitiesAreForItsOwnLinuxDriversAndCiteTheirSource() {
    for (LinuxDriverSupport t : plugin().linuxSupport()) {
      assertTrue(plugin().linuxDrivers().contains(t.driver()), t.driver() + " is not served");
      assertTrue(t.sourceFile().startsWith("drivers/"), t.driver() + ": " + t.sourceFile());
      for (LinuxMapping m : t.implemented())
        assertTrue(t.support(m).source().endsWith("()"), t.driver() + " " + m + ": no function");
    }
  }

  @Test
  void devicePatternsMatchTheDocumentedNodes() {
    for (String n : facts.serves) assertTrue(serves(n), n);
    for (String n : facts.doesNotServe) assertFalse(serves(n), n);
  }

  // ------------------------------------------------------------------ hints

  /**
   * Codes are the plugin's name in capitals and a number: IXL001. The registry that loads the
   * plugin knows each one, as {@code iovc explain} and the editor show it.
   */
  @Test
  void codesAreDeclaredWithExplanations() {
    String prefix = name().toUpperCase(Locale.ROOT);
    CodeBook book = PluginRegistry.classPath().codes();
    Set<String> declared = new HashSet<>();
    for (DriverPlugin.CodeDoc c : plugin().codes()) {
      String id = c.code().id();
      assertTrue(id.startsWith(prefix), id);
      assertFalse(c.explanation().isBlank(), id);
      Code known = book.lookup(id);
      assertNotNull(known, id + " unknown to the registry");
      assertEquals(c.code().title(), known.title(), id);
      assertEquals(c.code().severity().name(), known.severity().name(), id);
      assertEquals(c.explanation(), book.explain(id), id);
      declared.add(id);
    }
    for (ParamSpec p : plugin().vfParams()) {
      for (ValueHint h : p.hints())
        assertTrue(declared.contains(h.code().id()), h.code().id() + " not declared");
    }
    assertEquals(facts.codes, declared);
  }

  @Test
  void normalConfigIsQuiet() {
    assertEquals(List.of(), check(facts.normalConfig));
  }

  // ------------------------------------------------------------------ helpers

  /** Whether one of the plugin's device patterns matches the whole name. */
  protected final boolean serves(String device) {
    return plugin().devicePatterns().stream()
        .anyMatch(p -> Pattern.compile(p).matcher(device).matches());
  }

  /** The diagnostics of checking {@code text} against the plugin's schema. */
  protected final List<Diagnostic> check(String text) {
    return Pipeline.analyze(
            Ucl.parse(SourceText.of("test.conf", text)),
            SchemaRequest.only(Schema.fromPlugin(plugin()), null))
        .diagnostics();
  }

  /** The diagnostics of checking {@code text} for Linux (the Linux-only settings, its table). */
  protected final List<Diagnostic> checkForLinux(String text) {
    return Pipeline.analyze(
            Ucl.parse(SourceText.of("test.conf", text)),
            SchemaRequest.only(Schema.fromPlugin(plugin()), null)
                .withPlatform(io.iovc.schema.Platform.LINUX))
        .diagnostics();
  }

  /** The codes of the diagnostics, in order. */
  protected static List<String> ids(List<Diagnostic> d) {
    return d.stream().map(x -> x.code().id()).toList();
  }

  /** A test resource beside the concrete test class, as ASCII. */
  protected final String resource(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      if (in == null)
        throw new IllegalStateException(
            "missing test resource " + name + " beside " + getClass().getName());
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  Facts facts() {
    return facts;
  }

  /**
   * What a plugin's test states about its plugin. Every fact must be given (an empty list of codes
   * with {@code codes()}); a test class that leaves one out fails every test.
   */
  public static final class Facts {
    final DriverPlugin plugin;
    final String name;
    String vfSchemaLines;
    String normalConfig;
    List<String> serves = List.of();
    List<String> doesNotServe = List.of();
    List<String> linuxDrivers = List.of();
    Set<String> codes;
    String oracleBlob;
    int packedLength;

    /**
     * @param plugin a new instance of the plugin
     * @param name its name, which the registry finds it by; its codes start with it in capitals
     */
    public Facts(DriverPlugin plugin, String name) {
      this.plugin = Objects.requireNonNull(plugin, "plugin");
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The lines {@code iovctl -S} prints for the plugin's VF parameters, one {@code \tname : type
     * (…)} line each, in schema order (after the PF block and the core's passthrough).
     */
    public Facts vfSchema(String lines) {
      this.vfSchemaLines = lines;
      return this;
    }

    /** A configuration using the plugin's parameters that draws no diagnostic. */
    public Facts normalConfig(String text) {
      this.normalConfig = text;
      return this;
    }

    /** Device names the plugin serves. */
    public Facts serves(String... devices) {
      this.serves = List.of(devices);
      return this;
    }

    /** Names that look close but that the plugin must not take (other drivers', VFs', misspelt). */
    public Facts doesNotServe(String... devices) {
      this.doesNotServe = List.of(devices);
      return this;
    }

    /** The Linux kernel drivers for the same hardware. */
    public Facts linuxDrivers(String... drivers) {
      this.linuxDrivers = List.of(drivers);
      return this;
    }

    /** Every code the plugin declares, exactly. */
    public Facts codes(String... ids) {
      this.codes = Set.of(ids);
      return this;
    }

    /**
     * For {@link FreeBsdPluginContract}: the oracle's blob ({@code $IOVC_ORACLE/schemas/NAME}, and
     * {@code NAME.hex} beside the test) and its length in bytes.
     */
    public Facts packsTo(String oracleBlob, int length) {
      this.oracleBlob = oracleBlob;
      this.packedLength = length;
      return this;
    }

    Facts complete() {
      Objects.requireNonNull(vfSchemaLines, "vfSchema");
      Objects.requireNonNull(normalConfig, "normalConfig");
      Objects.requireNonNull(codes, "codes");
      for (var e : List.of(serves, doesNotServe, linuxDrivers)) {
        if (e.isEmpty())
          throw new IllegalStateException(
              name + ": serves, doesNotServe and linuxDrivers each need a name");
      }
      return this;
    }
  }
}
