package io.iovc.driver.netdevsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.check.Checker;
import io.iovc.diag.Diagnostic;
import io.iovc.nvlist.NvPacker;
import io.iovc.schema.DriverPlugin;
import io.iovc.schema.LinuxMapping;
import io.iovc.schema.ParamSpec;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import io.iovc.syntax.SourceText;
import io.iovc.syntax.Ucl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NetdevsimPluginTest {
  private static final DriverPlugin PLUGIN = new NetdevsimPlugin();

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

  /** The file the kernel tests apply (kernel-tests/cases/nsim-a.conf has the same shape). */
  private static final String NORMAL = """
      PF { device = "eth0"; num_vfs = 4; }
      DEFAULT { mac-anti-spoof = true; }
      VF-0 { mac-addr = "02:00:00:00:00:01"; vlan = 100; }
      VF-1 { mac-addr = "02:00:00:00:00:02"; allow-set-mac = true; allow-promisc = true; }
      VF-2 { mac-anti-spoof = false; vlan = trunk; }
      """;

  @Test
  void schemaTextHasTheCommonIntelParameters() throws Exception {
    assertEquals(IOVCTL_S, Schema.fromPlugin(PLUGIN).toIovctlText());
  }

  @Test
  void schemaRoundTripsThroughItsPackedForm() throws Exception {
    byte[] packed = NvPacker.pack(Schema.fromPlugin(PLUGIN).nvlist());
    assertEquals(IOVCTL_S, Schema.fromBlob(packed, "round trip").toIovctlText());
  }

  @Test
  void mapsLikeTheIntelPlugins() {
    Map<String, LinuxMapping> m = new LinkedHashMap<>();
    for (ParamSpec p : PLUGIN.vfParams()) m.put(p.name(), p.linux());
    assertEquals(Map.of(
        "mac-addr", LinuxMapping.MAC_ADDRESS,
        "mac-anti-spoof", LinuxMapping.SPOOF_CHECK,
        "allow-set-mac", LinuxMapping.TRUST,
        "allow-promisc", LinuxMapping.TRUST,
        "vlan", LinuxMapping.VLAN), m);
  }

  @Test
  void everyParameterIsDocumented() {
    assertTrue(PLUGIN.pfParams().isEmpty());
    for (ParamSpec p : PLUGIN.vfParams()) {
      assertFalse(p.doc().isBlank(), p.name());
      assertFalse(p.since().isBlank(), p.name());
    }
  }

  @Test
  void serviceLoaderFindsExactlyThisPlugin() {
    List<DriverPlugin> found = ServiceLoader.load(DriverPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
    assertEquals(1, found.size(), found.toString());
    assertInstanceOf(NetdevsimPlugin.class, found.get(0));
  }

  @Test
  void registryFindsItByTheLinuxDriverName() {
    PluginRegistry r = PluginRegistry.classPath();
    assertEquals(List.of(), r.problems());
    assertEquals("netdevsim", r.forLinuxDriver("netdevsim").orElseThrow().plugin().name());
    assertEquals("netdevsim", r.forDevice("netdevsim10").orElseThrow().plugin().name());
  }

  @Test
  void devicePatterns() {
    for (String n : List.of("netdevsim0", "netdevsim10")) assertTrue(serves(n), n);
    for (String n : List.of("netdevsim", "eth0", "nsim0", "NETDEVSIM1")) assertFalse(serves(n), n);
  }

  @Test
  void normalConfigIsQuiet() {
    List<Diagnostic> d = Checker.check(Ucl.parse(SourceText.of("t.conf", NORMAL)), Schema.fromPlugin(PLUGIN)).diagnostics();
    assertEquals(List.of(), d);
  }

  private static boolean serves(String device) {
    return PLUGIN.devicePatterns().stream().anyMatch(p -> Pattern.compile(p).matcher(device).matches());
  }
}
