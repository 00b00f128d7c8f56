package io.iovc.driver.bnxt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Diagnostic;
import io.iovc.driver.testkit.FreeBsdPluginContract;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The common plugin tests (FreeBsdPluginContract) with bnxt's facts, and its anti-spoof default.
 */
class BnxtPluginTest extends FreeBsdPluginContract {
  BnxtPluginTest() {
    super(
        new Facts(new BnxtPlugin(), "bnxt")
            // spec §8.8, as the oracle prints it for schemas/bnxt.bin
            .vfSchema(
                """
            \tmac-addr : unicast-mac (optional)
            \tmac-anti-spoof : bool (default = false)
            \ttrust : bool (default = false)
            """)
            .packsTo("bnxt.bin", 1129)
            .normalConfig(
                """
            PF { device = "bnxt0"; num_vfs = 16; }
            DEFAULT { mac-anti-spoof = true; }
            VF-0 { mac-addr = "02:00:00:00:00:01"; trust = true; }
            """)
            .serves("bnxt0", "bnxt1", "bnxt12")
            .doesNotServe("bnxt", "bnxt_en0", "bnxtv0", "bge0", "bxe0", "ix0")
            .linuxDrivers("bnxt_en")
            .codes());
  }

  @Test
  void antiSpoofIsOffByDefault() {
    assertEquals(Boolean.FALSE, plugin().vfParams().get(1).defaultValue());
    assertEquals(0, plugin().maxVfs());
  }

  /**
   * The table of Linux's bnxt_en: each refusal it states is reported with the driver's name when
   * the file is checked for Linux, before anything is written.
   */
  @Test
  void linuxBnxtRefusesOnlyQueryRss() {
    LinuxDriverSupport t = new BnxtPlugin().linuxSupport().get(0);
    assertEquals("bnxt_en", t.driver());
    assertNull(t.support(LinuxMapping.QUERY_RSS));
    assertNotNull(t.support(LinuxMapping.SPOOF_CHECK));
    List<Diagnostic> d =
        checkForLinux(
            "PF { device = bnxt0; num_vfs = 2; }\n"
                + "VF-0 { mac-anti-spoof = true; trust = true; vlan-qos = 7; min-tx-rate = 100; max-tx-rate = 25000; }\n"
                + "VF-1 { query-rss = true; link-state = enable; vlan-proto = 802.1ad; }\n");
    assertEquals(java.util.Collections.nCopies(1, "IOV406"), ids(d), d.toString());
    for (Diagnostic x : d) assertTrue(x.message().startsWith("bnxt_en "), x.message());
    assertEquals(List.of(), ids(check("PF { device = bnxt0; num_vfs = 1; }\n")));
  }
}
