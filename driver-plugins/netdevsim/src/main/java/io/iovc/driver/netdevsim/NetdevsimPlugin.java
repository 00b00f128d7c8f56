package io.iovc.driver.netdevsim;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import java.util.List;

/**
 * Linux's netdevsim ({@code drivers/net/netdevsim}), a network device the kernel simulates so that
 * tools can be tested without hardware. In legacy mode its VFs take every {@code ip link set dev PF
 * vf N …} setting (mac, vlan, spoofchk, trust, …) through the real rtnetlink code, which makes it
 * the test target for iovc's Linux backend (spec/linux-sriov.md §5). There is no FreeBSD driver:
 * the device names follow the Linux device ({@code netdevsim10}); on Linux, PF.device is the
 * interface name or the netdevsim device.
 *
 * <p>The VF parameters are the ones FreeBSD's Intel drivers share, mapped as the Intel plugins map
 * them. Its VFs are not PCI functions, so {@code passthrough} cannot be applied.
 */
public final class NetdevsimPlugin implements DriverPlugin {
  private static final String SINCE = "iovc 0.1 (Linux only)";

  private static final List<ParamSpec> VF_PARAMS =
      List.of(
          ParamSpec.of("mac-addr", ParamType.UNICAST_MAC)
              .doc(
                  "Administrative MAC address of the VF (`ip link set dev PF vf N mac`). Without it"
                      + " iovc leaves the MAC to the driver.")
              .since(SINCE)
              .linux(LinuxMapping.MAC_ADDRESS)
              .build(),
          ParamSpec.of("mac-anti-spoof", ParamType.BOOL)
              .defaultValue(true)
              .doc(
                  "Drop frames the VF sends with a source MAC other than its own (spoofchk). netdevsim"
                      + " itself starts with it off; iovc always writes the file's value.")
              .since(SINCE)
              .linux(LinuxMapping.SPOOF_CHECK)
              .build(),
          ParamSpec.of("allow-set-mac", ParamType.BOOL)
              .defaultValue(false)
              .doc(
                  "Let the VF change the MAC given in mac-addr. On Linux this is the VF's trust bit,"
                      + " shared with allow-promisc.")
              .since(SINCE)
              .linux(LinuxMapping.TRUST)
              .build(),
          ParamSpec.of("allow-promisc", ParamType.BOOL)
              .defaultValue(false)
              .doc(
                  "Let the VF use promiscuous mode. On Linux this is the VF's trust bit, shared with"
                      + " allow-set-mac.")
              .since(SINCE)
              .linux(LinuxMapping.TRUST)
              .build(),
          ParamSpec.of("vlan", ParamType.VLAN)
              .defaultValue(4096L)
              .doc(
                  "Port VLAN (`ip link set dev PF vf N vlan V`): 1 to 4095 tags the VF's traffic;"
                      + " trunk, the default, means no port VLAN (VLAN 0 on Linux).")
              .since(SINCE)
              .linux(LinuxMapping.VLAN)
              .build());

  /**
   * netdevsim implements every VF callback ({@code nsim_netdev_ops} in {@code
   * drivers/net/netdevsim/netdev.c}: nsim_set_vf_mac, _vlan, _rate, _spoofchk, _trust, _link_state,
   * _rss_query_en), both VLAN protocols and both rates; in switchdev mode its rate callback answers
   * EOPNOTSUPP.
   *
   * <p>Its devlink instance ({@code netdevsim/netdevsimN}) changes the eswitch mode with VFs in
   * place ({@code nsim_devlink_eswitch_mode_set()} in {@code drivers/net/netdevsim/dev.c}:
   * switchdev adds one representor port per VF in {@code nsim_esw_switchdev_enable()}, legacy
   * removes them in {@code nsim_esw_legacy_enable()}); writing 0 to {@code sriov_numvfs} puts it
   * back into legacy ({@code nsim_drv_configure_vfs()}), so iovc sets the mode after the VFs are
   * removed and before they are created again. Checked on Debian's 6.1 source.
   */
  private static final LinuxDriverSupport NETDEVSIM =
      LinuxDriverSupport.of("netdevsim", "drivers/net/netdevsim/netdev.c")
          .any(LinuxMapping.MAC_ADDRESS, "nsim_set_vf_mac()")
          .any(LinuxMapping.VLAN, "nsim_set_vf_vlan()")
          .any(LinuxMapping.VLAN_QOS, "nsim_set_vf_vlan()")
          .any(LinuxMapping.VLAN_PROTO, "nsim_set_vf_vlan()")
          .any(LinuxMapping.SPOOF_CHECK, "nsim_set_vf_spoofchk()")
          .any(LinuxMapping.TRUST, "nsim_set_vf_trust()")
          .any(LinuxMapping.MAX_TX_RATE, "nsim_set_vf_rate()")
          .any(LinuxMapping.MIN_TX_RATE, "nsim_set_vf_rate()")
          .any(LinuxMapping.LINK_STATE, "nsim_set_vf_link_state()")
          .any(LinuxMapping.QUERY_RSS, "nsim_set_vf_rss_query_en()")
          .anyUnless(
              LinuxMapping.ESWITCH_MODE,
              "dev.c nsim_devlink_eswitch_mode_set()",
              "in switchdev mode nsim_set_vf_rate() answers EOPNOTSUPP (\"use devlink API\"):"
                  + " max-tx-rate and min-tx-rate then fail")
          .build();

  @Override
  public List<LinuxDriverSupport> linuxSupport() {
    return List.of(NETDEVSIM);
  }

  @Override
  public String name() {
    return "netdevsim";
  }

  /** Linux's simulator: no FreeBSD manual page. */
  @Override
  public String manualPage() {
    return null;
  }

  @Override
  public String description() {
    return "Linux netdevsim, the kernel's simulated NIC for testing (VFs in legacy mode)";
  }

  @Override
  public List<String> devicePatterns() {
    return List.of("netdevsim[0-9]+");
  }

  @Override
  public List<String> linuxDrivers() {
    return List.of("netdevsim");
  }

  @Override
  public List<ParamSpec> vfParams() {
    return VF_PARAMS;
  }
}
