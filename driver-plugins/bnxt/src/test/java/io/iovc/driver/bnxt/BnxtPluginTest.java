package io.iovc.driver.bnxt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.driver.testkit.FreeBsdPluginContract;
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
}
