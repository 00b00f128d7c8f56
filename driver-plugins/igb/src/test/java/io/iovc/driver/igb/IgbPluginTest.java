package io.iovc.driver.igb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.check.Checker;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Severity;
import io.iovc.nvlist.NvPacker;
import io.iovc.schema.DriverPlugin;
import io.iovc.schema.ParamSpec;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import io.iovc.schema.ValueHint;
import io.iovc.syntax.SourceText;
import io.iovc.syntax.Ucl;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class IgbPluginTest {
  private static final DriverPlugin PLUGIN = new IgbPlugin();
  /** The oracle blob ({@code $IOVC_ORACLE/schemas/igb.bin}) this plugin reproduces byte for byte. */
  private static final String ORACLE_BLOB = "igb.bin";

  /** Spec §8.9 (FreeBSD main 2026), as the oracle prints it for schemas/igb.bin. */
  private static final String IOVCTL_S = """
      The following configuration parameters may be configured on the PF:
      \tnum_vfs : uint16_t (required)
      \tdevice : string (required)
      
      The following configuration parameters may be configured on a VF:
      \tpassthrough : bool (default = false)
      \tmac-addr : unicast-mac (optional)
      \tmac-anti-spoof : bool (default = true)
      \tallow-set-mac : bool (default = false)
      \tallow-promisc : bool (default = false)
      \tvlan : vlan (default = trunk)
      """;

  private static final String NORMAL = """
      PF { device = "igb0"; num_vfs = 7; }
      DEFAULT { mac-anti-spoof = false; allow-promisc = true; }
      VF-0 { mac-addr = "02:00:00:00:00:01"; allow-set-mac = true; vlan = 100; }
      VF-6 { vlan = trunk; passthrough = true; }
      """;

  // ------------------------------------------------------------------ schema

  @Test
  void iovctlSchemaText() throws Exception {
    assertEquals(IOVCTL_S, Schema.fromPlugin(PLUGIN).toIovctlText());
  }

  @Test
  void packedSchemaMatchesGolden() throws Exception {
    byte[] golden = HexFormat.of().parseHex(resource(ORACLE_BLOB + ".hex").strip());
    assertEquals(1393, golden.length);
    assertArrayEquals(golden, NvPacker.pack(Schema.fromPlugin(PLUGIN).nvlist()));
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "IOVC_ORACLE", matches = ".+")
  void packedSchemaMatchesOracleBlob() throws Exception {
    Path oracle = Path.of(System.getenv("IOVC_ORACLE"));
    byte[] blob = Files.readAllBytes(oracle.resolve("schemas").resolve(ORACLE_BLOB));
    assertArrayEquals(blob, NvPacker.pack(Schema.fromPlugin(PLUGIN).nvlist()));
    Path exe = oracle.resolve("iovctl-oracle");
    if (Files.isExecutable(exe)) {
      Process p = new ProcessBuilder(exe.toString(), "-S", oracle.resolve("schemas").resolve(ORACLE_BLOB).toString()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor());
      assertEquals(out, Schema.fromPlugin(PLUGIN).toIovctlText());
    }
  }

  @Test
  void schemaReadsBackFromItsOwnBlob() throws Exception {
    byte[] packed = NvPacker.pack(Schema.fromPlugin(PLUGIN).nvlist());
    assertEquals(IOVCTL_S, Schema.fromBlob(packed, "round trip").toIovctlText());
  }

  @Test
  void everyParameterIsDocumented() {
    assertTrue(PLUGIN.pfParams().isEmpty(), "spec §8: the PF DRIVER schema is empty");
    for (ParamSpec p : PLUGIN.vfParams()) {
      assertFalse(p.doc().isBlank(), p.name() + " has no doc");
      assertFalse(p.since().isBlank(), p.name() + " has no since");
    }
  }

  // ------------------------------------------------------------------ discovery

  @Test
  void serviceLoaderFindsExactlyThisPlugin() {
    List<DriverPlugin> found = ServiceLoader.load(DriverPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
    assertEquals(1, found.size(), found.toString());
    assertInstanceOf(IgbPlugin.class, found.get(0));
  }

  @Test
  void registryLoadsItWithoutProblems() {
    PluginRegistry r = PluginRegistry.classPath();
    assertEquals(List.of(), r.problems());
    for (String dev : List.of("igb0", "igb1", "igb12")) assertEquals("igb", r.forDevice(dev).orElseThrow().plugin().name(), dev);
    for (String linux : List.of("igb")) assertEquals("igb", r.forLinuxDriver(linux).orElseThrow().plugin().name(), linux);
    assertTrue(r.forDevice("ix0").isEmpty());
  }

  @Test
  void devicePatternsMatchTheDocumentedNodes() {
    for (String n : List.of("igb0", "igb1", "igb12")) assertTrue(serves(n), n);
    for (String n : List.of("igb", "em0", "igc0", "ig0", "igbv0", "igb0 ")) assertFalse(serves(n), n);
  }

  // ------------------------------------------------------------------ hints

  @Test
  void codesAreDeclaredWithExplanations() {
    Set<String> declared = new HashSet<>();
    for (DriverPlugin.CodeDoc c : PLUGIN.codes()) {
      assertTrue(c.code().id().startsWith("IGB"), c.code().id());
      assertTrue(c.code().severity() == Severity.WARNING || c.code().severity() == Severity.INFO);
      assertFalse(c.explanation().isBlank());
      declared.add(c.code().id());
    }
    for (ParamSpec p : PLUGIN.vfParams()) {
      for (ValueHint h : p.hints()) assertTrue(declared.contains(h.code().id()), h.code().id() + " not declared");
    }
    assertEquals(Set.of(), declared);
  }

  @Test
  void normalConfigIsQuiet() {
    assertEquals(List.of(), check(NORMAL));
  }

  @Test
  void atMost7Vfs() {
    List<Diagnostic> d = check("PF { device = igb0; num_vfs = 8; }\n");
    assertEquals(1, d.size(), d.toString());
    assertTrue(d.get(0).message().contains("7"), d.get(0).message());
    assertTrue(d.get(0).notes().stream().anyMatch(n -> n.contains("pools")), d.get(0).notes().toString());
  }

  @Test
  void vlanZeroIsLeftToTheCoreCheck() {
    List<String> ids = ids(check("PF { device = igb0; num_vfs = 1; }\nVF-0 { vlan = 0; }\n"));
    assertFalse(ids.isEmpty());
    assertTrue(ids.stream().allMatch(id -> id.startsWith("IOV")), ids.toString());
  }

  // ------------------------------------------------------------------ helpers

  private static boolean serves(String device) {
    return PLUGIN.devicePatterns().stream().anyMatch(p -> Pattern.compile(p).matcher(device).matches());
  }

  private static List<Diagnostic> check(String text) {
    return Checker.check(Ucl.parse(SourceText.of("test.conf", text)), Schema.fromPlugin(PLUGIN)).diagnostics();
  }

  private static List<String> ids(List<Diagnostic> d) {
    return d.stream().map(x -> x.code().id()).toList();
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = IgbPluginTest.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing test resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
