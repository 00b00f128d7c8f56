package io.iovc.driver.ice;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import io.iovc.plugin.PluginCode;
import io.iovc.plugin.ValueHint;
import java.util.List;

/**
 * ice(4), Intel Ethernet 800 series ({@code sys/dev/ice/ice_iov.c}); VFs run iavf(4). Spec §8.3.
 */
public final class IcePlugin implements DriverPlugin {
  /** num-queues is clamped to 1..ICE_MAX_SCATTERED_QUEUES (16), with ixl's console messages. */
  public static final PluginCode NUM_QUEUES_CLAMPED =
      new PluginCode("ICE001", PluginCode.Severity.WARNING, "num-queues outside 1..16 is clamped");

  /** ice.4 swaps the defaults of max-vlan-allowed (really 64) and max-mac-filters (really 16). */
  public static final PluginCode MAN_PAGE_DEFAULT =
      new PluginCode(
          "ICE002",
          PluginCode.Severity.INFO,
          "the manual page's swapped default, not the driver's");

  private static final List<ParamSpec> VF_PARAMS =
      List.of(
          ParamSpec.of("mac-addr", ParamType.UNICAST_MAC)
              .doc("MAC address the VF starts with. Without it the VF may choose its own MAC.")
              .since("15.0")
              .linux(LinuxMapping.MAC_ADDRESS)
              .build(),
          ParamSpec.of("mac-anti-spoof", ParamType.BOOL)
              .defaultValue(true)
              .doc("Drop frames the VF sends with a source MAC address other than its own.")
              .since("15.0")
              .linux(LinuxMapping.SPOOF_CHECK)
              .build(),
          ParamSpec.of("allow-set-mac", ParamType.BOOL)
              .defaultValue(false)
              .doc(
                  "Let the VF change the MAC address given in mac-addr. Only matters when mac-addr is"
                      + " set: without mac-addr the VF may always choose its own MAC.")
              .since("15.0")
              .linux(LinuxMapping.TRUST)
              .build(),
          ParamSpec.of("allow-promisc", ParamType.BOOL)
              .defaultValue(false)
              .doc("Let the VF use promiscuous mode, i.e. see traffic addressed to others.")
              .since("15.0")
              .linux(LinuxMapping.TRUST)
              .build(),
          ParamSpec.of("num-queues", ParamType.UINT16)
              .defaultValue(4L)
              .doc("Queue pairs the VF gets, 1 to 16 (default 4). The driver clamps other values.")
              .since("15.0")
              .linux(LinuxMapping.NOT_SETTABLE)
              .hint(
                  ValueHint.equals(
                      0,
                      NUM_QUEUES_CLAMPED,
                      "ice clamps num-queues to 1..16: 0 becomes 1 (the console says `Invalid num-queues (0)"
                          + " for VF n` and `Setting VF n num-queues to 1`)"))
              .hint(
                  ValueHint.outside(
                      0,
                      16,
                      NUM_QUEUES_CLAMPED,
                      "ice clamps num-queues to 1..16: {value} becomes 16 (the console says `Invalid"
                          + " num-queues ({value}) for VF n` and `Setting VF n num-queues to 16`)"))
              .build(),
          ParamSpec.of("mirror-src-vsi", ParamType.UINT16)
              .defaultValue(65535L)
              .doc(
                  "Number of a VSI whose traffic is copied (mirrored) to this VF. The default, 65535,"
                      + " means no mirroring.")
              .since("15.0")
              .linux(LinuxMapping.NONE)
              .build(),
          ParamSpec.of("max-vlan-allowed", ParamType.UINT16)
              .defaultValue(64L)
              .doc(
                  "Most VLAN filters the VF may install. The default is 64; the ice(4) manual page"
                      + " wrongly says 16.")
              .since("15.0")
              .linux(LinuxMapping.NOT_SETTABLE)
              .hint(
                  ValueHint.equals(
                      16,
                      MAN_PAGE_DEFAULT,
                      "max-vlan-allowed = 16 is what ice(4) calls the default, but the driver's default is"
                          + " 64 (the manual page swaps it with max-mac-filters); 16 lowers the limit"))
              .build(),
          ParamSpec.of("max-mac-filters", ParamType.UINT16)
              .defaultValue(16L)
              .doc(
                  "Most MAC address filters the VF may install. The default is 16; the ice(4) manual"
                      + " page wrongly says 64.")
              .since("15.0")
              .linux(LinuxMapping.NOT_SETTABLE)
              .hint(
                  ValueHint.equals(
                      64,
                      MAN_PAGE_DEFAULT,
                      "max-mac-filters = 64 is what ice(4) calls the default, but the driver's default is"
                          + " 16 (the manual page swaps it with max-vlan-allowed); 64 raises the limit"))
              .build());

  @Override
  public String name() {
    return "ice";
  }

  @Override
  public String description() {
    return "Intel Ethernet 800 series: E810, E822, E823 (iavf VFs)";
  }

  @Override
  public List<String> devicePatterns() {
    return List.of("ice[0-9]+");
  }

  @Override
  public List<String> linuxDrivers() {
    return List.of("ice");
  }

  /**
   * What Linux's ice does with each VF setting, read from {@code
   * drivers/net/ethernet/intel/ice/ice_sriov.c} (torvalds/linux at db03dce, Linux 6.1.84; spec §1.3
   * has the same {@code ice_netdev_ops} from Debian's 6.1): no {@code .ndo_set_vf_rss_query_en}
   * (EOPNOTSUPP); {@code ice_set_vf_port_vlan()} takes 802.1ad only when the device is in double
   * VLAN mode (EPROTONOSUPPORT otherwise); {@code ice_set_vf_bw()} refuses a minimum rate while DCB
   * is active (EOPNOTSUPP) and one that would make the VFs' minimums exceed the link speed
   * (EINVAL); {@code ice_set_vf_trust()} refuses trust in switchdev mode (EOPNOTSUPP). A new MAC,
   * VLAN or trust resets the VF.
   *
   * <p>The eswitch mode: {@code ice_eswitch_mode_set()} in {@code
   * drivers/net/ethernet/intel/ice/ice_eswitch.c} refuses a change while VFs exist ("Changing
   * eswitch mode is allowed only if there is no VFs created", EOPNOTSUPP), so iovc removes the VFs,
   * sets the mode and creates them again (spec §1.4); without CONFIG_ICE_SWITCHDEV the stub answers
   * EOPNOTSUPP (Debian sets it).
   */
  private static final LinuxDriverSupport ICE =
      LinuxDriverSupport.of("ice", "drivers/net/ethernet/intel/ice/ice_sriov.c")
          .any(LinuxMapping.MAC_ADDRESS, "ice_set_vf_mac()")
          .any(LinuxMapping.VLAN, "ice_set_vf_port_vlan()")
          .any(LinuxMapping.VLAN_QOS, "ice_set_vf_port_vlan()")
          .anyUnless(
              LinuxMapping.VLAN_PROTO,
              "ice_set_vf_port_vlan()",
              "ice_set_vf_port_vlan() takes 802.1ad only in double VLAN mode (EPROTONOSUPPORT"
                  + " otherwise)")
          .any(LinuxMapping.SPOOF_CHECK, "ice_set_vf_spoofchk()")
          .anyUnless(
              LinuxMapping.TRUST,
              "ice_set_vf_trust()",
              "ice_set_vf_trust() refuses (EOPNOTSUPP) while the eswitch is in switchdev mode")
          .any(LinuxMapping.MAX_TX_RATE, "ice_set_vf_bw()")
          .anyUnless(
              LinuxMapping.MIN_TX_RATE,
              "ice_set_vf_bw()",
              "ice_set_vf_bw() refuses a minimum while DCB is active (EOPNOTSUPP) and one that"
                  + " makes all VFs' minimums exceed the link speed (EINVAL)")
          .any(LinuxMapping.LINK_STATE, "ice_set_vf_link_state()")
          .anyUnless(
              LinuxMapping.ESWITCH_MODE,
              "ice_eswitch.c ice_eswitch_mode_set()",
              "ice_eswitch_mode_set() changes the mode only while the PF has no VFs: iovc removes"
                  + " them and creates them again")
          .eswitchModeWithoutVfs("ice_eswitch.c ice_eswitch_mode_set()")
          .build();

  @Override
  public List<LinuxDriverSupport> linuxSupport() {
    return List.of(ICE);
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
            ice(4) gives each VF between 1 and 16 queue pairs (ICE_MAX_SCATTERED_QUEUES). iovctl
            and the kernel accept any uint16_t for num-queues, but when the VF is created the
            driver replaces a value below 1 with 1 and a value above 16 with 16, and only says so
            on the console:

                ice0: Invalid num-queues (32) for VF 0
                ice0: Setting VF 0 num-queues to 16

            Write a value from 1 to 16 so the file says what the VF really gets.
            """),
        new CodeDoc(
            MAN_PAGE_DEFAULT,
            """
            The ice(4) manual page ("IOVCTL OPTIONS") gives the defaults of two limits the wrong
            way round: it says max-vlan-allowed defaults to 16 and max-mac-filters to 64. The
            driver's real defaults are the opposite: max-vlan-allowed = 64
            (ICE_DEFAULT_VF_VLAN_LIMIT) and max-mac-filters = 16 (ICE_DEFAULT_VF_FILTER_LIMIT);
            `iovctl -S` and `iovc schema --driver ice` show the real values.

            Writing max-vlan-allowed = 16 or max-mac-filters = 64 "to keep the default" therefore
            changes the limit. If that value is what you want, keep it and suppress this note;
            if you meant the default, remove the line.
            """));
  }
}
