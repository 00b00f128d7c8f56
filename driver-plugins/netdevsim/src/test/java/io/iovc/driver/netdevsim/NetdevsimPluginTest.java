package io.iovc.driver.netdevsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.driver.testkit.PluginContract;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The common plugin tests (PluginContract; netdevsim has no FreeBSD driver, so no oracle blob) with
 * netdevsim's facts, and its Linux mapping.
 */
class NetdevsimPluginTest extends PluginContract {
  NetdevsimPluginTest() {
    super(
        new Facts(new NetdevsimPlugin(), "netdevsim")
            // the common Intel parameters
            .vfSchema(
                """
            \tmac-addr : unicast-mac (optional)
            \tmac-anti-spoof : bool (default = true)
            \tallow-set-mac : bool (default = false)
            \tallow-promisc : bool (default = false)
            \tvlan : vlan (default = trunk)
            """)
            // the file the kernel tests apply (kernel-tests/cases/nsim-a.conf has the same shape)
            .normalConfig(
                """
            PF { device = "eth0"; num_vfs = 4; }
            DEFAULT { mac-anti-spoof = true; }
            VF-0 { mac-addr = "02:00:00:00:00:01"; vlan = 100; }
            VF-1 { mac-addr = "02:00:00:00:00:02"; allow-set-mac = true; allow-promisc = true; }
            VF-2 { mac-anti-spoof = false; vlan = trunk; }
            """)
            .serves("netdevsim0", "netdevsim10")
            .doesNotServe("netdevsim", "eth0", "nsim0", "NETDEVSIM1")
            .linuxDrivers("netdevsim")
            .codes());
  }

  @Test
  void mapsLikeTheIntelPlugins() {
    Map<String, LinuxMapping> m = new LinkedHashMap<>();
    for (ParamSpec p : plugin().vfParams()) m.put(p.name(), p.linux());
    assertEquals(
        Map.of(
            "mac-addr", LinuxMapping.MAC_ADDRESS,
            "mac-anti-spoof", LinuxMapping.SPOOF_CHECK,
            "allow-set-mac", LinuxMapping.TRUST,
            "allow-promisc", LinuxMapping.TRUST,
            "vlan", LinuxMapping.VLAN),
        m);
  }
}
