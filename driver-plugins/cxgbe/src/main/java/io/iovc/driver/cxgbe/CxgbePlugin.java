package io.iovc.driver.cxgbe;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import java.util.List;

/**
 * cxgbe(4), Chelsio T4/T5/T6 ({@code sys/dev/cxgbe/t4_iov.c}). The SR-IOV PFs are the t4iov, t5iov
 * and t6iov drivers on PCI functions 0–3, but the /dev/iov node carries the name of the port:
 * {@code cxgbe<N>} (T4), {@code cxl<N>} (T5), {@code cc<N>} (T6). VFs run cxgbev(4). Spec §8.4.
 */
public final class CxgbePlugin implements DriverPlugin {
  private static final List<ParamSpec> VF_PARAMS =
      List.of(
          ParamSpec.of("mac-addr", ParamType.UNICAST_MAC)
              .doc("MAC address for the VF, set through the card's firmware.")
              .since("12.0 (approx.)")
              .linux(LinuxMapping.MAC_ADDRESS)
              .build(),
          ParamSpec.of("vlan", ParamType.VLAN)
              .doc(
                  "VLAN the VF is restricted to, through a VLAN ACL in the firmware: 1 to 4095, or"
                      + " trunk for no VLAN restriction. Not set: no ACL at all. 0 is refused. Needs a"
                      + " kernel from 2024 or later.")
              .since("15.0 (2024 code)")
              .linux(LinuxMapping.VLAN)
              .build());

  @Override
  public String name() {
    return "cxgbe";
  }

  @Override
  public String description() {
    return "Chelsio T4, T5, T6 (t4iov/t5iov/t6iov PFs, nodes cxgbeN/cxlN/ccN; cxgbev VFs)";
  }

  @Override
  public List<String> devicePatterns() {
    return List.of("(cxgbe|cxl|cc)[0-9]+");
  }

  @Override
  public List<String> linuxDrivers() {
    return List.of("cxgb4");
  }

  /**
   * What Linux's cxgb4 does with each VF setting, read from {@code
   * drivers/net/ethernet/chelsio/cxgb4/cxgb4_main.c} (the 5.15 to 6.x file): the VF settings go to
   * the PF's management netdev ({@code cxgb4_mgmt_netdev_ops}), which has mac, vlan, rate and link
   * state and no spoofchk, trust or rss_query (EOPNOTSUPP); {@code cxgb4_mgmt_set_vf_vlan()}
   * refuses any protocol but 802.1Q and any priority but 0 (EPROTONOSUPPORT); {@code
   * cxgb4_mgmt_set_vf_rate()} refuses a minimum rate (EINVAL), and a maximum while the link is down
   * or above the link speed (EINVAL). cxgb4 registers no devlink instance: no {@code eswitch-mode}.
   */
  private static final LinuxDriverSupport CXGB4 =
      LinuxDriverSupport.of("cxgb4", "drivers/net/ethernet/chelsio/cxgb4/cxgb4_main.c")
          .any(LinuxMapping.MAC_ADDRESS, "cxgb4_mgmt_set_vf_mac()")
          .any(LinuxMapping.VLAN, "cxgb4_mgmt_set_vf_vlan()")
          .only(LinuxMapping.VLAN_QOS, "0", "EPROTONOSUPPORT", "cxgb4_mgmt_set_vf_vlan()")
          .only(LinuxMapping.VLAN_PROTO, "802.1Q", "EPROTONOSUPPORT", "cxgb4_mgmt_set_vf_vlan()")
          .atMost(
              LinuxMapping.MAX_TX_RATE,
              100000,
              "EINVAL",
              "cxgb4_mgmt_set_vf_rate()",
              "cxgb4_mgmt_set_vf_rate() also refuses (EINVAL) a rate while the link is down and"
                  + " above the current link speed; the kernel checks that when the file is"
                  + " applied")
          .only(LinuxMapping.MIN_TX_RATE, "0", "EINVAL", "cxgb4_mgmt_set_vf_rate()")
          .any(LinuxMapping.LINK_STATE, "cxgb4_mgmt_set_vf_link_state()")
          .build();

  @Override
  public List<LinuxDriverSupport> linuxSupport() {
    return List.of(CXGB4);
  }

  @Override
  public List<ParamSpec> vfParams() {
    return VF_PARAMS;
  }
}
