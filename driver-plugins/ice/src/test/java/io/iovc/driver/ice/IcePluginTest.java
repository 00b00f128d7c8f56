package io.iovc.driver.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Severity;
import io.iovc.driver.testkit.FreeBsdPluginContract;
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
}
