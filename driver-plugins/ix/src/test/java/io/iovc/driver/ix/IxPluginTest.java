package io.iovc.driver.ix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Severity;
import io.iovc.driver.testkit.FreeBsdPluginContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The common plugin tests (FreeBsdPluginContract) with ix's facts, and what ix adds. */
class IxPluginTest extends FreeBsdPluginContract {
  IxPluginTest() {
    super(
        new Facts(new IxPlugin(), "ix")
            // spec §1.5: the ix example for the 2026 tree ($IOVC_ORACLE/schemas/ix-2026.bin)
            .vfSchema(
                """
            \tmac-addr : unicast-mac (optional)
            \tmac-anti-spoof : bool (default = true)
            \tallow-set-mac : bool (default = false)
            \tallow-promisc : bool (default = false)
            \tvlan : vlan (default = trunk)
            """)
            .packsTo("ix-2026.bin", 1393)
            .normalConfig(
                """
            PF { device = "ix0"; num_vfs = 63; }
            DEFAULT { passthrough = false; }
            VF-0 { mac-addr = "02:00:00:00:00:01"; allow-set-mac = true; }
            VF-62 { passthrough = true; }
            """)
            .serves("ix0", "ix1", "ix10")
            .doesNotServe("ix", "ixl0", "ixv0", "ixgbe0", "ix0a", "/dev/iov/ix0", "IX0")
            .linuxDrivers("ixgbe")
            .codes("IX001", "IX002"));
  }

  @Test
  void antiSpoofAndPromiscAreIgnoredBeforeFreeBsd16() {
    List<Diagnostic> d =
        check(
            "PF { device = ix0; num_vfs = 2; }\nDEFAULT { mac-anti-spoof = false; }\nVF-1 { allow-promisc = true; }\n");
    assertEquals(List.of("IX001", "IX001"), ids(d));
    assertTrue(d.get(0).message().contains("mac-anti-spoof"), d.get(0).message());
    assertTrue(d.get(1).message().contains("allow-promisc"), d.get(1).message());
    assertTrue(d.get(0).message().contains("15"), d.get(0).message());
    assertEquals(Severity.WARNING, d.get(0).severity());
  }

  @Test
  void vlanNeedsA2026Kernel() {
    assertEquals(
        List.of("IX002"), ids(check("PF { device = ix0; num_vfs = 1; }\nVF-0 { vlan = 100; }\n")));
    assertEquals(
        List.of("IX002"),
        ids(check("PF { device = ix0; num_vfs = 1; }\nVF-0 { vlan = trunk; }\n")));
    assertTrue(plugin().vfParams().get(4).doc().contains("2026"));
  }

  @Test
  void vlanZeroIsLeftToTheCoreCheck() {
    List<String> ids = ids(check("PF { device = ix0; num_vfs = 1; }\nVF-0 { vlan = 0; }\n"));
    assertEquals(1, ids.stream().filter(id -> id.startsWith("IX")).count(), ids.toString());
    assertTrue(
        ids.stream().anyMatch(id -> id.startsWith("IOV")), "the core reports vlan 0: " + ids);
  }

  @Test
  void atMost63Vfs() {
    List<Diagnostic> d = check("PF { device = ix0; num_vfs = 64; }\n");
    assertEquals(1, d.size(), d.toString());
    assertTrue(d.get(0).message().contains("63"), d.get(0).message());
    assertTrue(
        d.get(0).notes().stream().anyMatch(n -> n.contains("pool")), d.get(0).notes().toString());
    assertEquals(List.of(), check("PF { device = ix0; num_vfs = 63; }\n"));
  }
}
