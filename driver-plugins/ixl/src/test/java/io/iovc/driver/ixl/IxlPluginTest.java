package io.iovc.driver.ixl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Severity;
import io.iovc.driver.testkit.FreeBsdPluginContract;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The common plugin tests (FreeBsdPluginContract) with ixl's facts, and ixl's queue clamping. */
class IxlPluginTest extends FreeBsdPluginContract {
  IxlPluginTest() {
    super(
        new Facts(new IxlPlugin(), "ixl")
            // spec §1.5: a published run of iovctl -S -d ixl0; spec §6.1: it packs to 1403 bytes
            .vfSchema(
                """
            \tmac-addr : unicast-mac (optional)
            \tmac-anti-spoof : bool (default = true)
            \tallow-set-mac : bool (default = false)
            \tallow-promisc : bool (default = false)
            \tnum-queues : uint16_t (default = 4)
            """)
            .packsTo("ixl.bin", 1403)
            .normalConfig(
                """
            PF { device = "ixl0"; num_vfs = 4; }
            DEFAULT { passthrough = true; num-queues = 8; }
            VF-0 { mac-addr = "02:00:00:00:00:01"; allow-set-mac = true; mac-anti-spoof = false; }
            VF-1 { passthrough = false; allow-promisc = true; num-queues = 16; }
            VF-2 { num-queues = 1; }
            """)
            .serves("ixl0", "ixl1", "ixl12")
            .doesNotServe(
                "ixl", "ix0", "iavf0", "ixlv0", "ice0", "/dev/iov/ixl0", "ixl0 ", "IXL0", "ixl-1")
            .linuxDrivers("i40e")
            .codes("IXL001"));
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
    assertEquals(
        List.of(),
        check(
            "PF { device = ixl0; num_vfs = 2; }\nVF-0 { num-queues = 1; }\nVF-1 { num-queues = 16; }\n"));
  }

  /**
   * The table of Linux's i40e: each refusal it states is reported with the driver's name when the
   * file is checked for Linux, before anything is written.
   */
  @Test
  void linuxI40eRefusesQueryRssMinRate8021adAndMoreThan40G() {
    LinuxDriverSupport t = new IxlPlugin().linuxSupport().get(0);
    assertEquals("i40e", t.driver());
    assertNull(t.support(LinuxMapping.QUERY_RSS));
    assertEquals("802.1Q", t.support(LinuxMapping.VLAN_PROTO).value());
    assertEquals("0", t.support(LinuxMapping.MIN_TX_RATE).value());
    List<Diagnostic> d =
        checkForLinux(
            "PF { device = ixl0; num_vfs = 2; }\n"
                + "VF-0 { vlan-qos = 7; max-tx-rate = 40000; trust = true; link-state = disable; }\n"
                + "VF-1 { query-rss = true; vlan-proto = 802.1ad; min-tx-rate = 1; max-tx-rate = 40001; }\n");
    assertEquals(java.util.Collections.nCopies(4, "IOV406"), ids(d), d.toString());
    for (Diagnostic x : d) assertTrue(x.message().startsWith("i40e "), x.message());
    assertEquals(List.of(), ids(check("PF { device = ixl0; num_vfs = 1; }\n")));
  }
}
