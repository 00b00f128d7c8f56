package io.iovc.driver.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Severity;
import io.iovc.driver.testkit.FreeBsdPluginContract;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The common plugin tests (FreeBsdPluginContract) with ice's facts, and what ice adds. */
class IcePluginTest extends FreeBsdPluginContract {
  IcePluginTest() {
    super(
        new Facts(new IcePlugin(), "ice")
            // spec §8.3, as the oracle prints it for schemas/ice.bin
            .vfSchema(
                """
            \tmac-addr : unicast-mac (optional)
            \tmac-anti-spoof : bool (default = true)
            \tallow-set-mac : bool (default = false)
            \tallow-promisc : bool (default = false)
            \tnum-queues : uint16_t (default = 4)
            \tmirror-src-vsi : uint16_t (default = 65535)
            \tmax-vlan-allowed : uint16_t (default = 64)
            \tmax-mac-filters : uint16_t (default = 16)
            """)
            .packsTo("ice.bin", 1829)
            .normalConfig(
                """
            PF { device = "ice0"; num_vfs = 4; }
            DEFAULT { num-queues = 8; max-vlan-allowed = 64; max-mac-filters = 32; }
            VF-0 { mac-addr = "02:00:00:00:00:01"; allow-set-mac = true; allow-promisc = true; }
            VF-1 { num-queues = 16; mirror-src-vsi = 3; }
            VF-2 { num-queues = 1; max-mac-filters = 16; }
            """)
            .serves("ice0", "ice1", "ice12")
            .doesNotServe("ice", "iavf0", "ixl0", "icex0", "ICE0", "ice0 ")
            .linuxDrivers("ice")
            .codes("ICE001", "ICE002"));
  }

  @Test
  void numQueuesAbove16IsClamped() {
    List<Diagnostic> d = check("PF { device = ice0; num_vfs = 2; }\nVF-1 { num-queues = 17; }\n");
    assertEquals(List.of("ICE001"), ids(d));
    assertTrue(d.get(0).message().contains("17 becomes 16"), d.get(0).message());
    assertEquals(Severity.WARNING, d.get(0).severity());
  }

  @Test
  void numQueuesZeroIsRaisedToOne() {
    List<Diagnostic> d = check("PF { device = ice0; num_vfs = 2; }\nDEFAULT { num-queues = 0; }\n");
    assertEquals(List.of("ICE001"), ids(d));
    assertTrue(d.get(0).message().contains("0 becomes 1"), d.get(0).message());
  }

  @Test
  void manPageDefaultsAreFlagged() {
    List<Diagnostic> d =
        check(
            "PF { device = ice0; num_vfs = 1; }\nVF-0 { max-vlan-allowed = 16; max-mac-filters = 64; }\n");
    assertEquals(List.of("ICE002", "ICE002"), ids(d));
    assertEquals(Severity.INFO, d.get(0).severity());
    assertTrue(d.get(0).message().contains("64"), d.get(0).message());
    assertTrue(d.get(1).message().contains("16"), d.get(1).message());
  }

  /**
   * The table of Linux's ice: each refusal it states is reported with the driver's name when the
   * file is checked for Linux, before anything is written.
   */
  @Test
  void linuxIceRefusesOnlyQueryRss() {
    LinuxDriverSupport t = new IcePlugin().linuxSupport().get(0);
    assertEquals("ice", t.driver());
    assertNull(t.support(LinuxMapping.QUERY_RSS));
    assertFalse(t.support(LinuxMapping.VLAN_PROTO).condition().isEmpty());
    assertFalse(t.support(LinuxMapping.MIN_TX_RATE).condition().isEmpty());
    List<Diagnostic> d =
        checkForLinux(
            "PF { device = ice0; num_vfs = 2; }\n"
                + "VF-0 { vlan-qos = 7; vlan-proto = 802.1ad; min-tx-rate = 100; max-tx-rate = 25000; }\n"
                + "VF-1 { query-rss = true; trust = true; link-state = enable; }\n");
    assertEquals(java.util.Collections.nCopies(1, "IOV406"), ids(d), d.toString());
    for (Diagnostic x : d) assertTrue(x.message().startsWith("ice "), x.message());
    assertEquals(List.of(), ids(check("PF { device = ice0; num_vfs = 1; }\n")));
  }
}
