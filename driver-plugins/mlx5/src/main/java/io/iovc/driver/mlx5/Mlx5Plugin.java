package io.iovc.driver.mlx5;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxDriverSupport;
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

  /**
   * What Linux's mlx5_core does with each VF setting: {@code mlx5e_netdev_ops} in {@code
   * drivers/net/ethernet/mellanox/mlx5/core/en_main.c} sets mac, vlan, spoofchk, trust, rate and
   * link state (all under CONFIG_MLX5_ESWITCH), and no rss_query (EOPNOTSUPP); {@code
   * mlx5e_set_vf_vlan()} refuses any protocol but 802.1Q (EPROTONOSUPPORT, also spec §1.3). The
   * eswitch functions behind them ({@code esw/legacy.c}, torvalds/linux at 01dd742) refuse
   * spoofchk, trust and a non-zero VLAN unless the eswitch is in legacy mode (EOPNOTSUPP in
   * switchdev), and everything when the function is not the eswitch manager (EPERM); the rates
   * depend on the firmware's QoS capabilities ({@code mlx5_esw_qos_set_vport_rate()}).
   *
   * <p>The eswitch mode: {@code mlx5_devlink_eswitch_mode_set()} in {@code
   * drivers/net/ethernet/mellanox/mlx5/core/eswitch_offloads.c} changes it with the VFs in place
   * (it disables the eswitch and enables it again in the new mode with {@code
   * dev->priv.sriov.num_vfs} VFs), and refuses it when the function is not the eswitch manager
   * (EPERM). Some firmware wants switchdev set before the VFs exist (spec §1.4): when the VF count
   * changes, iovc sets the mode while the PF has none.
   */
  private static final LinuxDriverSupport MLX5 =
      LinuxDriverSupport.of("mlx5_core", "drivers/net/ethernet/mellanox/mlx5/core/en_main.c")
          .any(LinuxMapping.MAC_ADDRESS, "mlx5e_set_vf_mac()")
          .anyUnless(
              LinuxMapping.VLAN,
              "mlx5e_set_vf_vlan()",
              "mlx5_eswitch_set_vport_vlan() (esw/legacy.c) refuses a VLAN (EOPNOTSUPP) unless the"
                  + " eswitch is in legacy mode")
          .any(LinuxMapping.VLAN_QOS, "mlx5e_set_vf_vlan()")
          .only(LinuxMapping.VLAN_PROTO, "802.1Q", "EPROTONOSUPPORT", "mlx5e_set_vf_vlan()")
          .anyUnless(
              LinuxMapping.SPOOF_CHECK,
              "mlx5e_set_vf_spoofchk()",
              "mlx5_eswitch_set_vport_spoofchk() (esw/legacy.c) refuses (EOPNOTSUPP) unless the"
                  + " eswitch is in legacy mode")
          .anyUnless(
              LinuxMapping.TRUST,
              "mlx5e_set_vf_trust()",
              "mlx5_eswitch_set_vport_trust() (esw/legacy.c) refuses (EOPNOTSUPP) unless the"
                  + " eswitch is in legacy mode")
          .anyUnless(
              LinuxMapping.MAX_TX_RATE,
              "mlx5e_set_vf_rate()",
              "mlx5_esw_qos_set_vport_rate() needs the firmware's rate-limit capability")
          .anyUnless(
              LinuxMapping.MIN_TX_RATE,
              "mlx5e_set_vf_rate()",
              "mlx5_esw_qos_set_vport_rate() needs the firmware's bandwidth-share capability")
          .any(LinuxMapping.LINK_STATE, "mlx5e_set_vf_link_state()")
          .anyUnless(
              LinuxMapping.ESWITCH_MODE,
              "eswitch_offloads.c mlx5_devlink_eswitch_mode_set()",
              "mlx5_devlink_eswitch_mode_set() refuses (EPERM) unless the function is the eswitch"
                  + " manager; in switchdev, spoofchk, trust and VLANs are refused (esw/legacy.c)")
          .build();

  @Override
  public List<LinuxDriverSupport> linuxSupport() {
    return List.of(MLX5);
  }

  @Override
  public List<ParamSpec> vfParams() {
    return VF_PARAMS;
  }
}
