package io.iovc.driver.ix;

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

class IxPluginTest {
  private static final DriverPlugin PLUGIN = new IxPlugin();
  /** The oracle blob ({@code $IOVC_ORACLE/schemas/ix-2026.bin}) this plugin reproduces byte for byte. */
  private static final String ORACLE_BLOB = "ix-2026.bin";

  /** Spec §1.5: the ix example for the 2026 tree (its PF block is the same for every driver). */
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
      PF { device = "ix0"; num_vfs = 63; }
      DEFAULT { passthrough = false; }
      VF-0 { mac-addr = "02:00:00:00:00:01"; allow-set-mac = true; }
      VF-62 { passthrough = true; }
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
    assertInstanceOf(IxPlugin.class, found.get(0));
  }

  @Test
  void registryLoadsItWithoutProblems() {
    PluginRegistry r = PluginRegistry.classPath();
    assertEquals(List.of(), r.problems());
    for (String dev : List.of("ix0", "ix1", "ix10")) assertEquals("ix", r.forDevice(dev).orElseThrow().plugin().name(), dev);
    for (String linux : List.of("ixgbe")) assertEquals("ix", r.forLinuxDriver(linux).orElseThrow().plugin().name(), linux);
    assertTrue(r.forDevice("ixl0").isEmpty());
  }

  @Test
  void devicePatternsMatchTheDocumentedNodes() {
    for (String n : List.of("ix0", "ix1", "ix10")) assertTrue(serves(n), n);
    for (String n : List.of("ix", "ixl0", "ixv0", "ixgbe0", "ix0a", "/dev/iov/ix0", "IX0")) assertFalse(serves(n), n);
  }

  // ------------------------------------------------------------------ hints

  @Test
  void codesAreDeclaredWithExplanations() {
    Set<String> declared = new HashSet<>();
    for (DriverPlugin.CodeDoc c : PLUGIN.codes()) {
      assertTrue(c.code().id().startsWith("IX"), c.code().id());
      assertTrue(c.code().severity() == Severity.WARNING || c.code().severity() == Severity.INFO);
      assertFalse(c.explanation().isBlank());
      declared.add(c.code().id());
    }
    for (ParamSpec p : PLUGIN.vfParams()) {
      for (ValueHint h : p.hints()) assertTrue(declared.contains(h.code().id()), h.code().id() + " not declared");
    }
    assertEquals(Set.of("IX001", "IX002"), declared);
  }

  @Test
  void normalConfigIsQuiet() {
    assertEquals(List.of(), check(NORMAL));
  }

  @Test
  void antiSpoofAndPromiscAreIgnoredBeforeFreeBsd16() {
    List<Diagnostic> d = check("PF { device = ix0; num_vfs = 2; }\nDEFAULT { mac-anti-spoof = false; }\nVF-1 { allow-promisc = true; }\n");
    assertEquals(List.of("IX001", "IX001"), ids(d));
    assertTrue(d.get(0).message().contains("mac-anti-spoof"), d.get(0).message());
    assertTrue(d.get(1).message().contains("allow-promisc"), d.get(1).message());
    assertTrue(d.get(0).message().contains("15"), d.get(0).message());
    assertEquals(Severity.WARNING, d.get(0).severity());
  }

  @Test
  void vlanNeedsA2026Kernel() {
    assertEquals(List.of("IX002"), ids(check("PF { device = ix0; num_vfs = 1; }\nVF-0 { vlan = 100; }\n")));
    assertEquals(List.of("IX002"), ids(check("PF { device = ix0; num_vfs = 1; }\nVF-0 { vlan = trunk; }\n")));
    assertTrue(PLUGIN.vfParams().get(4).doc().contains("2026"));
  }

  @Test
  void vlanZeroIsLeftToTheCoreCheck() {
    List<String> ids = ids(check("PF { device = ix0; num_vfs = 1; }\nVF-0 { vlan = 0; }\n"));
    assertEquals(1, ids.stream().filter(id -> id.startsWith("IX")).count(), ids.toString());
    assertTrue(ids.stream().anyMatch(id -> id.startsWith("IOV")), "the core reports vlan 0: " + ids);
  }

  @Test
  void atMost63Vfs() {
    List<Diagnostic> d = check("PF { device = ix0; num_vfs = 64; }\n");
    assertEquals(1, d.size(), d.toString());
    assertTrue(d.get(0).message().contains("63"), d.get(0).message());
    assertTrue(d.get(0).notes().stream().anyMatch(n -> n.contains("pool")), d.get(0).notes().toString());
    assertEquals(List.of(), check("PF { device = ix0; num_vfs = 63; }\n"));
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
    try (InputStream in = IxPluginTest.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing test resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
