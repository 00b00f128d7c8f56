package io.iovc.driver.mlx5;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import java.util.List;

/**
 * mlx5(4)/mlx5en(4), Mellanox/NVIDIA ConnectX-4 and newer ({@code
 * sys/dev/mlx5/mlx5_core/mlx5_main.c}). Spec §8.5. The schema exists only when the device is an
 * e-switch manager; the driver silently lowers num_vfs to the e-switch's vports minus one, a limit
 * only the hardware knows.
 */
public final class Mlx5Plugin implements DriverPlugin {
  private static final List<ParamSpec> VF_PARAMS =
      List.of(
          ParamSpec.of("mac-addr", ParamType.UNICAST_MAC)
              .doc("MAC address for the VF, set on its e-switch vport before the VF is enabled.")
              .since("13.0 (approx.)")
              .linux(LinuxMapping.MAC_ADDRESS)
              .build());

  @Override
  public String name() {
    return "mlx5";
  }

  /** FreeBSD documents the mlx5_core PF and its Ethernet side in mlx5en(4); there is no mlx5(4). */
  @Override
  public String manualPage() {
    return "mlx5en";
  }

  @Override
  public String description() {
    return "Mellanox/NVIDIA ConnectX-4, -5, -6, -7 and BlueField (mlx5en VFs)";
  }

  @Override
  public List<String> devicePatterns() {
    return List.of("mlx5_core[0-9]+");
  }

  @Override
  public List<String> linuxDrivers() {
    return List.of("mlx5_core");
  }

  @Override
  public List<ParamSpec> vfParams() {
    return VF_PARAMS;
  }
}
