package io.iovc.driver.mlx5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Diagnostic;
import io.iovc.driver.testkit.FreeBsdPluginContract;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The common plugin tests (FreeBsdPluginContract) with mlx5's facts, and its VF limit. */
class Mlx5PluginTest extends FreeBsdPluginContract {
  Mlx5PluginTest() {
    super(
        new Facts(new Mlx5Plugin(), "mlx5")
            // spec §8.5, as the oracle prints it for schemas/mlx5.bin
            .vfSchema(
                """
            \tmac-addr : unicast-mac (optional)
            """)
            .packsTo("mlx5.bin", 878)
            .normalConfig(
                """
            PF { device = "mlx5_core0"; num_vfs = 8; }
            DEFAULT { passthrough = true; }
            VF-0 { mac-addr = "02:00:00:00:00:01"; }
            """)
            .serves("mlx5_core0", "mlx5_core1", "mlx5_core15")
            .doesNotServe(
                "mlx5_core", "mlx5en0", "mce0", "mlx5_ib0", "mlx5_core0a", "mlx4_core0", "ix0")
            .linuxDrivers("mlx5_core")
            .codes());
  }

  @Test
  void onlyTheHardwareKnowsTheVfLimit() {
    assertEquals(0, plugin().maxVfs());
    assertEquals(List.of(), check("PF { device = mlx5_core0; num_vfs = 127; }\n"));
  }

  /**
   * The table of Linux's mlx5_core: each refusal it states is reported with the driver's name when
   * the file is checked for Linux, before anything is written.
   */
  @Test
  void linuxMlx5RefusesQueryRssAnd8021ad() {
    LinuxDriverSupport t = new Mlx5Plugin().linuxSupport().get(0);
    assertEquals("mlx5_core", t.driver());
    assertNull(t.support(LinuxMapping.QUERY_RSS));
    assertEquals("802.1Q", t.support(LinuxMapping.VLAN_PROTO).value());
    List<Diagnostic> d =
        checkForLinux(
            "PF { device = mlx5_core0; num_vfs = 2; }\n"
                + "VF-0 { vlan-qos = 7; min-tx-rate = 100; max-tx-rate = 25000; trust = true; }\n"
                + "VF-1 { query-rss = true; vlan-proto = 802.1ad; link-state = auto; }\n");
    assertEquals(java.util.Collections.nCopies(2, "IOV406"), ids(d), d.toString());
    for (Diagnostic x : d) assertTrue(x.message().startsWith("mlx5_core "), x.message());
    assertEquals(List.of(), ids(check("PF { device = mlx5_core0; num_vfs = 1; }\n")));
  }
}
