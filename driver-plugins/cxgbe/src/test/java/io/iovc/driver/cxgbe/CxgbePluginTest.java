package io.iovc.driver.cxgbe;

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

/** The common plugin tests (FreeBsdPluginContract) with cxgbe's facts, and its vlan. */
class CxgbePluginTest extends FreeBsdPluginContract {
  CxgbePluginTest() {
    super(
        new Facts(new CxgbePlugin(), "cxgbe")
            // spec §8.4 (2024+: vlan with no default), as the oracle prints it for
            // schemas/cxgbe.bin
            .vfSchema(
                """
            \tmac-addr : unicast-mac (optional)
            \tvlan : vlan (optional)
            """)
            .packsTo("cxgbe.bin", 970)
            .normalConfig(
                """
            PF { device = "cxl0"; num_vfs = 4; }
            DEFAULT { passthrough = true; }
            VF-0 { mac-addr = "02:00:00:00:00:01"; passthrough = false; }
            """)
            .serves("cxgbe0", "cxgbe1", "cxl0", "cxl1", "cc0", "cc3")
            .doesNotServe(
                "t4iov0",
                "t5iov0",
                "t6iov0",
                "t4nex0",
                "t5nex0",
                "t6nex0",
                "cxgbev0",
                "cxlv0",
                "ccv0",
                "cxl",
                "cc",
                "cxgbecc0",
                "ix0")
            .linuxDrivers("cxgb4")
            .codes());
  }

  @Test
  void vlanHasNoDefault() {
    assertEquals(null, plugin().vfParams().get(1).defaultValue());
    assertFalse(plugin().vfParams().get(1).required());
  }

  @Test
  void vlanValuesAreQuiet() {
    assertEquals(
        List.of(),
        ids(
            check(
                "PF { device = cc0; num_vfs = 2; }\nVF-0 { vlan = 100; }\nVF-1 { vlan = trunk; }\n")));
  }

  @Test
  void vlanZeroIsLeftToTheCoreCheck() {
    List<String> ids = ids(check("PF { device = cxgbe0; num_vfs = 1; }\nVF-0 { vlan = 0; }\n"));
    assertEquals(0, ids.stream().filter(id -> id.startsWith("CXGBE")).count(), ids.toString());
    assertTrue(
        ids.stream().anyMatch(id -> id.startsWith("IOV")), "the core reports vlan 0: " + ids);
  }

  /**
   * The table of Linux's cxgb4: each refusal it states is reported with the driver's name when the
   * file is checked for Linux, before anything is written.
   */
  @Test
  void linuxCxgb4RefusesTrustQueryRssPriorityMinRateAndMoreThan100G() {
    LinuxDriverSupport t = new CxgbePlugin().linuxSupport().get(0);
    assertEquals("cxgb4", t.driver());
    assertNull(t.support(LinuxMapping.TRUST));
    assertNull(t.support(LinuxMapping.SPOOF_CHECK));
    assertNull(t.support(LinuxMapping.QUERY_RSS));
    assertEquals("0", t.support(LinuxMapping.VLAN_QOS).value());
    List<Diagnostic> d =
        checkForLinux(
            "PF { device = cxl0; num_vfs = 2; }\n"
                + "VF-0 { vlan = 5; vlan-qos = 0; max-tx-rate = 100000; link-state = disable; }\n"
                + "VF-1 { vlan = 6; vlan-qos = 3; trust = true; query-rss = true; min-tx-rate = 1; max-tx-rate = 100001; }\n");
    assertEquals(java.util.Collections.nCopies(5, "IOV406"), ids(d), d.toString());
    for (Diagnostic x : d) assertTrue(x.message().startsWith("cxgb4 "), x.message());
    assertEquals(List.of(), ids(check("PF { device = cxl0; num_vfs = 1; }\n")));
  }
}
