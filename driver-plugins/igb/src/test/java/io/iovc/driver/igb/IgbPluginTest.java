package io.iovc.driver.igb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Diagnostic;
import io.iovc.driver.testkit.FreeBsdPluginContract;
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
}
