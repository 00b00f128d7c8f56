package io.iovc.driver.igb;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import java.util.List;

/**
 * igb(4), Intel 82576 and I350 ({@code sys/dev/e1000/if_igb_iov.c}, FreeBSD main 2026, in no
 * release yet). Spec §8.9. The driver also needs MSI-X and a PF with exactly one TX and one RX
 * queue (set {@code dev.igb.N.iflib.override_ntxqs=1} and {@code override_nrxqs=1} before attach);
 * otherwise it refuses SR-IOV.
 */
public final class IgbPlugin implements DriverPlugin {
  private static final String SINCE = "16.0 (main, 2026)";

  private static final List<ParamSpec> VF_PARAMS =
      List.of(
          ParamSpec.of("mac-addr", ParamType.UNICAST_MAC)
              .doc(
                  "MAC address for the VF. Without it igb derives a stable one from the name"
                      + " <pf>-vf<N>. An address already in use makes the driver refuse the VF.")
              .since(SINCE)
              .linux(LinuxMapping.MAC_ADDRESS)
              .build(),
          ParamSpec.of("mac-anti-spoof", ParamType.BOOL)
              .defaultValue(true)
              .doc("Drop frames the VF sends with a source MAC address other than its own.")
              .since(SINCE)
              .linux(LinuxMapping.SPOOF_CHECK)
              .build(),
          ParamSpec.of("allow-set-mac", ParamType.BOOL)
              .defaultValue(false)
              .doc("Let the VF change its MAC address.")
              .since(SINCE)
              .linux(LinuxMapping.TRUST)
              .build(),
          ParamSpec.of("allow-promisc", ParamType.BOOL)
              .defaultValue(false)
              .doc("Let the VF use promiscuous mode, i.e. see traffic addressed to others.")
              .since(SINCE)
              .linux(LinuxMapping.TRUST)
              .build(),
          ParamSpec.of("vlan", ParamType.VLAN)
              .defaultValue(4096L)
              .doc(
                  "Port VLAN. 1 to 4095 makes the VF an access port: the PF adds that tag on transmit"
                      + " and strips it on receive. trunk, the default, lets the VF manage its own VLANs."
                      + " 0 is refused, and so is the VF when the card's VLAN filter table is full.")
              .since(SINCE)
              .linux(LinuxMapping.VLAN)
              .build());

  @Override
  public String name() {
    return "igb";
  }

  @Override
  public String description() {
    return "Intel 1 GbE 82576 and I350 (igb VFs; FreeBSD main 2026)";
  }

  @Override
  public List<String> devicePatterns() {
    return List.of("igb[0-9]+");
  }

  @Override
  public List<String> linuxDrivers() {
    return List.of("igb");
  }

  @Override
  public List<ParamSpec> vfParams() {
    return VF_PARAMS;
  }

  /**
   * What Linux's igb does with each VF setting, read from {@code
   * drivers/net/ethernet/intel/igb/igb_main.c} (the same on 6.1 and 6.12, and observed so under
   * QEMU's 82576): {@code igb_netdev_ops} has no {@code .ndo_set_vf_link_state} and no {@code
   * .ndo_set_vf_rss_query_en} (EOPNOTSUPP); {@code igb_ndo_set_vf_vlan()} refuses any protocol but
   * 802.1Q (EPROTONOSUPPORT); {@code igb_ndo_set_vf_bw()} refuses a minimum rate (EINVAL), and a
   * maximum above the link speed or while the PF has no link (EINVAL), and on MACs other than the
   * 82576 (EOPNOTSUPP). igb registers no devlink instance, so it has no eswitch mode ({@code
   * eswitch-mode} is refused).
   */
  private static final LinuxDriverSupport IGB =
      LinuxDriverSupport.of("igb", "drivers/net/ethernet/intel/igb/igb_main.c")
          .any(LinuxMapping.MAC_ADDRESS, "igb_ndo_set_vf_mac()")
          .any(LinuxMapping.VLAN, "igb_ndo_set_vf_vlan()")
          .any(LinuxMapping.VLAN_QOS, "igb_ndo_set_vf_vlan()")
          .only(LinuxMapping.VLAN_PROTO, "802.1Q", "EPROTONOSUPPORT", "igb_ndo_set_vf_vlan()")
          .any(LinuxMapping.SPOOF_CHECK, "igb_ndo_set_vf_spoofchk()")
          .any(LinuxMapping.TRUST, "igb_ndo_set_vf_trust()")
          .atMost(
              LinuxMapping.MAX_TX_RATE,
              1000,
              "EINVAL",
              "igb_ndo_set_vf_bw()",
              "igb_ndo_set_vf_bw() also refuses (EINVAL) a rate while the PF has no link and above"
                  + " the current link speed, and every rate on MACs other than the 82576"
                  + " (EOPNOTSUPP); the kernel checks that when the file is applied")
          .only(LinuxMapping.MIN_TX_RATE, "0", "EINVAL", "igb_ndo_set_vf_bw()")
          .build();

  @Override
  public List<LinuxDriverSupport> linuxSupport() {
    return List.of(IGB);
  }

  @Override
  public int maxVfs() {
    return 7;
  }

  @Override
  public String maxVfsReason() {
    return "igb has 8 pools and keeps one for the PF (MAX_NUM_VFS = 7); more fails with EINVAL.";
  }
}
