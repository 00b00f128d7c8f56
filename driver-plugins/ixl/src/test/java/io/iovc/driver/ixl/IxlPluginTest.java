package io.iovc.driver.ixl;

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

class IxlPluginTest {
  private static final DriverPlugin PLUGIN = new IxlPlugin();
  /** The oracle blob this plugin reproduces byte for byte. */
  private static final String ORACLE_BLOB = "ixl.bin";

  /** Spec §1.5: a published run of {@code iovctl -S -d ixl0}. */
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
      \tnum-queues : uint16_t (default = 4)
      """;

  private static final String NORMAL = """
      PF { device = "ixl0"; num_vfs = 4; }
      DEFAULT { passthrough = true; num-queues = 8; }
      VF-0 { mac-addr = "02:00:00:00:00:01"; allow-set-mac = true; mac-anti-spoof = false; }
      VF-1 { passthrough = false; allow-promisc = true; num-queues = 16; }
      VF-2 { num-queues = 1; }
      """;

  // ------------------------------------------------------------------ schema

  @Test
  void iovctlSchemaTextIsTheSpecExample() throws Exception {
    assertEquals(IOVCTL_S, Schema.fromPlugin(PLUGIN).toIovctlText());
  }

  @Test
  void packedSchemaMatchesGolden() throws Exception {
    byte[] golden = HexFormat.of().parseHex(resource(ORACLE_BLOB + ".hex").strip());
    assertEquals(1403, golden.length, "spec §6.1: the ixl schema packs to 1403 bytes");
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
    assertInstanceOf(IxlPlugin.class, found.get(0));
  }

  @Test
  void registryLoadsItWithoutProblems() {
    PluginRegistry r = PluginRegistry.classPath();
    assertEquals(List.of(), r.problems());
    assertEquals("ixl", r.forDevice("ixl0").orElseThrow().plugin().name());
    assertEquals("ixl", r.forLinuxDriver("i40e").orElseThrow().plugin().name());
    assertTrue(r.forDevice("ix0").isEmpty());
  }

  @Test
  void devicePatternsMatchTheDocumentedNodes() {
    for (String n : List.of("ixl0", "ixl1", "ixl12")) assertTrue(serves(n), n);
    for (String n : List.of("ixl", "ix0", "iavf0", "ixlv0", "ice0", "/dev/iov/ixl0", "ixl0 ", "IXL0", "ixl-1")) assertFalse(serves(n), n);
  }

  // ------------------------------------------------------------------ hints

  @Test
  void codesAreDeclaredWithExplanations() {
    Set<String> declared = new HashSet<>();
    for (DriverPlugin.CodeDoc c : PLUGIN.codes()) {
      assertTrue(c.code().id().startsWith("IXL"), c.code().id());
      assertTrue(c.code().severity() == Severity.WARNING || c.code().severity() == Severity.INFO);
      assertFalse(c.explanation().isBlank());
      declared.add(c.code().id());
    }
    for (ParamSpec p : PLUGIN.vfParams()) {
      for (ValueHint h : p.hints()) assertTrue(declared.contains(h.code().id()), h.code().id() + " not declared");
    }
    assertEquals(Set.of("IXL001"), declared);
  }

  @Test
  void normalConfigIsQuiet() {
    assertEquals(List.of(), check(NORMAL));
  }

  @Test
  void numQueuesAbove16IsClamped() {
    List<Diagnostic> d = check("PF { device = ixl0; num_vfs = 2; }\nVF-1 { num-queues = 32; }\n");
    assertEquals(List.of("IXL001"), ids(d));
    assertTrue(d.get(0).message().contains("32 becomes 16"), d.get(0).message());
    assertEquals(Severity.WARNING, d.get(0).severity());
  }

  @Test
  void numQueuesZeroIsRaisedToOne() {
    List<Diagnostic> d = check("PF { device = ixl0; num_vfs = 2; }\nDEFAULT { num-queues = 0; }\n");
    assertEquals(List.of("IXL001"), ids(d));
    assertTrue(d.get(0).message().contains("0 becomes 1"), d.get(0).message());
  }

  @Test
  void numQueuesAtTheBoundsIsQuiet() {
    assertEquals(List.of(), check("PF { device = ixl0; num_vfs = 2; }\nVF-0 { num-queues = 1; }\nVF-1 { num-queues = 16; }\n"));
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
    try (InputStream in = IxlPluginTest.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing test resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
