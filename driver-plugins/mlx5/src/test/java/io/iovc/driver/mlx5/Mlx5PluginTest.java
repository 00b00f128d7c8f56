package io.iovc.driver.mlx5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.driver.testkit.FreeBsdPluginContract;
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
}
