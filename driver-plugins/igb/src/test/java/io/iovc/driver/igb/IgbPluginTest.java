package io.iovc.driver.igb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Diagnostic;
import io.iovc.driver.testkit.FreeBsdPluginContract;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The common plugin tests (FreeBsdPluginContract) with igb's facts, and its VF limit. */
class IgbPluginTest extends FreeBsdPluginContract {
  IgbPluginTest() {
    super(
        new Facts(new IgbPlugin(), "igb")
            // spec §8.9 (FreeBSD main 2026), as the oracle prints it for schemas/igb.bin
            .vfSchema(
                """
            \tmac-addr : unicast-mac (optional)
            \tmac-anti-spoof : bool (default = true)
            \tallow-set-mac : bool (default = false)
            \tallow-promisc : bool (default = false)
            \tvlan : vlan (default = trunk)
            """)
            .packsTo("igb.bin", 1393)
            .normalConfig(
                """
            PF { device = "igb0"; num_vfs = 7; }
            DEFAULT { mac-anti-spoof = false; allow-promisc = true; }
            VF-0 { mac-addr = "02:00:00:00:00:01"; allow-set-mac = true; vlan = 100; }
            VF-6 { vlan = trunk; passthrough = true; }
            """)
            .serves("igb0", "igb1", "igb12")
            .doesNotServe("igb", "em0", "igc0", "ig0", "igbv0", "igb0 ", "ix0")
            .linuxDrivers("igb")
            .codes());
  }

  @Test
  void atMost7Vfs() {
    List<Diagnostic> d = check("PF { device = igb0; num_vfs = 8; }\n");
    assertEquals(1, d.size(), d.toString());
    assertTrue(d.get(0).message().contains("7"), d.get(0).message());
    assertTrue(
        d.get(0).notes().stream().anyMatch(n -> n.contains("pools")), d.get(0).notes().toString());
  }

  @Test
  void vlanZeroIsLeftToTheCoreCheck() {
    List<String> ids = ids(check("PF { device = igb0; num_vfs = 1; }\nVF-0 { vlan = 0; }\n"));
    assertFalse(ids.isEmpty());
    assertTrue(ids.stream().allMatch(id -> id.startsWith("IOV")), ids.toString());
  }

  /** The table of Linux's igb: what the driver under QEMU's 82576 really refused (kernel-tests). */
  @Test
  void linuxIgbRefusesLinkStateQueryRssMinRateAnd8021ad() {
    LinuxDriverSupport t = new IgbPlugin().linuxSupport().get(0);
    assertEquals("igb", t.driver());
    assertNull(t.support(LinuxMapping.LINK_STATE));
    assertNull(t.support(LinuxMapping.QUERY_RSS));
    assertEquals("0", t.support(LinuxMapping.MIN_TX_RATE).value());
    assertEquals("802.1Q", t.support(LinuxMapping.VLAN_PROTO).value());
    assertEquals(1000, t.support(LinuxMapping.MAX_TX_RATE).max());
    List<String> ids =
        ids(
            checkForLinux(
                "PF { device = igb0; num_vfs = 2; }\n"
                    + "VF-0 { vlan = 5; vlan-qos = 7; max-tx-rate = 1000; trust = true; }\n"
                    + "VF-1 { link-state = auto; vlan-proto = 802.1ad; min-tx-rate = 1; }\n"));
    assertEquals(List.of("IOV406", "IOV406", "IOV406"), ids);
  }
}
