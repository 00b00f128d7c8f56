package io.iovc.driver.ixl;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import io.iovc.plugin.PluginCode;
import io.iovc.plugin.ValueHint;
import java.util.List;

/**
 * ixl(4), Intel Ethernet 700 series ({@code sys/dev/ixl/ixl_pf_iov.c}); VFs run iavf(4). Spec §8.1.
 * The schema order is the order of the driver's {@code pci_iov_schema_add_*} calls.
 */
public final class IxlPlugin implements DriverPlugin {
  /** {@code ixl_if_iov_vf_add} clamps num-queues to 1..16 (IAVF_MAX_QUEUES) and logs it. */
  public static final PluginCode NUM_QUEUES_CLAMPED =
      new PluginCode("IXL001", PluginCode.Severity.WARNING, "num-queues outside 1..16 is clamped");

  private static final List<ParamSpec> VF_PARAMS =
      List.of(
          ParamSpec.of("mac-addr", ParamType.UNICAST_MAC)
              .doc(
                  "MAC address the VF starts with. Without it the VF gets a random MAC and may always"
                      + " change it.")
              .since("11.0")
              .linux(LinuxMapping.MAC_ADDRESS)
              .build(),
          ParamSpec.of("mac-anti-spoof", ParamType.BOOL)
              .defaultValue(true)
              .doc("Drop frames the VF sends with a source MAC address other than its own.")
              .since("11.0")
              .linux(LinuxMapping.SPOOF_CHECK)
              .build(),
          ParamSpec.of("allow-set-mac", ParamType.BOOL)
              .defaultValue(false)
              .doc(
                  "Let the VF change the MAC address given in mac-addr. Only matters when mac-addr is"
                      + " set: without mac-addr the VF may always choose its own MAC.")
              .since("11.0")
              .linux(LinuxMapping.TRUST)
              .build(),
          ParamSpec.of("allow-promisc", ParamType.BOOL)
              .defaultValue(false)
              .doc("Let the VF use promiscuous mode, i.e. see traffic addressed to others.")
              .since("11.0")
              .linux(LinuxMapping.TRUST)
              .build(),
          ParamSpec.of("num-queues", ParamType.UINT16)
              .defaultValue(4L)
              .doc(
                  "Queue pairs the VF gets, 1 to 16. The real default depends on the card: the VF's"
                      + " MSI-X vectors minus one, at most 16 (typically 4). The driver clamps other values,"
                      + " and drops the VF if the PF has too few queues left.")
              .since("12.0")
              .linux(LinuxMapping.NOT_SETTABLE)
              .hint(
                  ValueHint.equals(
                      0,
                      NUM_QUEUES_CLAMPED,
                      "ixl clamps num-queues to 1..16: 0 becomes 1 (the console says `Invalid num-queues (0)"
                          + " for VF n` and `Setting VF n num-queues to 1`)"))
              .hint(
                  ValueHint.outside(
                      0,
                      16,
                      NUM_QUEUES_CLAMPED,
                      "ixl clamps num-queues to 1..16: {value} becomes 16 (the console says `Invalid"
                          + " num-queues ({value}) for VF n` and `Setting VF n num-queues to 16`)"))
              .build());

  @Override
  public String name() {
    return "ixl";
  }

  @Override
  public String description() {
    return "Intel Ethernet 700 series: X710, XL710, XXV710, X722 (iavf VFs)";
  }

  @Override
  public List<String> devicePatterns() {
    return List.of("ixl[0-9]+");
  }

  @Override
  public List<String> linuxDrivers() {
    return List.of("i40e");
  }

  /**
   * What Linux's i40e does with each VF setting, read from {@code
   * drivers/net/ethernet/intel/i40e/i40e_virtchnl_pf.c} (torvalds/linux at aa46732, the 6.1-era
   * file; spec §1.3 has the same {@code i40e_netdev_ops} from Debian's 6.1): no {@code
   * .ndo_set_vf_rss_query_en} (EOPNOTSUPP); {@code i40e_ndo_set_vf_port_vlan()} refuses any
   * protocol but 802.1Q (EPROTONOSUPPORT); {@code i40e_ndo_set_vf_bw()} refuses any minimum rate
   * (EINVAL) and hands the maximum to {@code i40e_set_bw_limit()} ({@code i40e_main.c}), which
   * refuses a rate above the current link speed (EINVAL, 40 Gb/s at most) and raises 1..49 to 50;
   * {@code i40e_ndo_set_vf_trust()} refuses trust in multi-function (MFP) mode (EINVAL). Every
   * callback answers EAGAIN while another VF operation is pending or the VF is in reset. i40e's
   * devlink ops have no {@code eswitch_mode_set}, so no {@code eswitch-mode}.
   */
  private static final LinuxDriverSupport I40E =
      LinuxDriverSupport.of("i40e", "drivers/net/ethernet/intel/i40e/i40e_virtchnl_pf.c")
          .any(LinuxMapping.MAC_ADDRESS, "i40e_ndo_set_vf_mac()")
          .any(LinuxMapping.VLAN, "i40e_ndo_set_vf_port_vlan()")
          .any(LinuxMapping.VLAN_QOS, "i40e_ndo_set_vf_port_vlan()")
          .only(LinuxMapping.VLAN_PROTO, "802.1Q", "EPROTONOSUPPORT", "i40e_ndo_set_vf_port_vlan()")
          .any(LinuxMapping.SPOOF_CHECK, "i40e_ndo_set_vf_spoofchk()")
          .anyUnless(
              LinuxMapping.TRUST,
              "i40e_ndo_set_vf_trust()",
              "i40e_ndo_set_vf_trust() refuses trust (EINVAL) while the PF is in multi-function"
                  + " (MFP) mode")
          .atMost(
              LinuxMapping.MAX_TX_RATE,
              40000,
              "EINVAL",
              "i40e_ndo_set_vf_bw()",
              "i40e_set_bw_limit() (i40e_main.c) also refuses (EINVAL) a rate above the current"
                  + " link speed and raises 1 to 49 Mb/s to 50; the kernel checks that when the"
                  + " file is applied")
          .only(LinuxMapping.MIN_TX_RATE, "0", "EINVAL", "i40e_ndo_set_vf_bw()")
          .any(LinuxMapping.LINK_STATE, "i40e_ndo_set_vf_link_state()")
          .build();

  @Override
  public List<LinuxDriverSupport> linuxSupport() {
    return List.of(I40E);
  }

  @Override
  public List<ParamSpec> vfParams() {
    return VF_PARAMS;
  }

  @Override
  public List<CodeDoc> codes() {
    return List.of(
        new CodeDoc(
            NUM_QUEUES_CLAMPED,
            """
        ixl(4) gives each VF between 1 and 16 queue pairs (IAVF_MAX_QUEUES). iovctl and the kernel
        accept any uint16_t for num-queues, but when the VF is created the driver replaces a value
        below 1 with 1 and a value above 16 with 16, and only says so on the console:

            ixl0: Invalid num-queues (32) for VF 0
            ixl0: Setting VF 0 num-queues to 16

        The ixl(4) manual page does not mention the cap. Write a value from 1 to 16 so the file
        says what the VF really gets. If the PF has fewer free queues than requested, the driver
        drops that VF (`Error allocating 16 queues for VF 0's VSI`), which iovctl cannot see either.
        """));
  }
}
