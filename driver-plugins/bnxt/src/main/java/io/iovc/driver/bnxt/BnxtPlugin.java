package io.iovc.driver.bnxt;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import java.util.List;

/**
 * bnxt(4), Broadcom NetXtreme-C/E ({@code sys/dev/bnxt/bnxt_en/bnxt_sriov.c}, 2025–2026 code whose
 * release is unverified). Spec §8.8. The PF interface must be up when VFs are created (ENETDOWN,
 * {@code PF is down, rejecting VF creation}); the VF limit, BNXT_MAX_VFS, is not known here.
 */
public final class BnxtPlugin implements DriverPlugin {
  private static final String SINCE = "16.0 (main, 2025-2026; release unverified)";

  private static final List<ParamSpec> VF_PARAMS =
      List.of(
          ParamSpec.of("mac-addr", ParamType.UNICAST_MAC)
              .doc("MAC address for the VF.")
              .since(SINCE)
              .linux(LinuxMapping.MAC_ADDRESS)
              .build(),
          ParamSpec.of("mac-anti-spoof", ParamType.BOOL)
              .defaultValue(false)
              .doc(
                  "Drop frames the VF sends with a source MAC address other than its own. Off by"
                      + " default on bnxt; also the sysctl dev.bnxt.N.vfM.spoofchk.")
              .since(SINCE)
              .linux(LinuxMapping.SPOOF_CHECK)
              .build(),
          ParamSpec.of("trust", ParamType.BOOL)
              .defaultValue(false)
              .doc(
                  "Mark the VF as trusted, which lifts the firmware's restrictions on it (such as"
                      + " changing its MAC address). Also the sysctl dev.bnxt.N.vfM.trusted.")
              .since(SINCE)
              .linux(LinuxMapping.TRUST)
              .build());

  @Override
  public String name() {
    return "bnxt";
  }

  @Override
  public String description() {
    return "Broadcom NetXtreme-C/E: BCM573xx, BCM574xx, BCM575xx (bnxt VFs)";
  }

  @Override
  public List<String> devicePatterns() {
    return List.of("bnxt[0-9]+");
  }

  @Override
  public List<String> linuxDrivers() {
    return List.of("bnxt_en");
  }

  /**
   * What Linux's bnxt_en does with each VF setting, read from {@code
   * drivers/net/ethernet/broadcom/bnxt/bnxt_sriov.c} (torvalds/linux at 004b500, a 6.x file):
   * {@code bnxt_netdev_ops} has no {@code .ndo_set_vf_rss_query_en} (EOPNOTSUPP); {@code
   * bnxt_set_vf_vlan()} takes 802.1ad only when the firmware can set the default VLAN's TPID
   * (EPROTONOSUPPORT otherwise) and refuses a priority without a VLAN (EINVAL); {@code
   * bnxt_set_vf_bw()} refuses a maximum or minimum above the PF's link speed (EINVAL). Ordering:
   * the PF must be up before VFs are created (systemd #40739).
   *
   * <p>The eswitch mode: {@code bnxt_dl_eswitch_mode_set()} in {@code
   * drivers/net/ethernet/broadcom/bnxt/bnxt_vfr.c} creates representors for the VFs that exist
   * ({@code bnxt_vf_reps_create()}) or destroys them, with the VFs in place; switchdev needs
   * firmware with HWRM spec 1.8.3 or newer (ENOTSUPP otherwise), and setting the mode the PF is
   * already in answers EINVAL ("already in … eswitch mode"), so iovc writes it only when it
   * differs.
   */
  private static final LinuxDriverSupport BNXT_EN =
      LinuxDriverSupport.of("bnxt_en", "drivers/net/ethernet/broadcom/bnxt/bnxt_sriov.c")
          .any(LinuxMapping.MAC_ADDRESS, "bnxt_set_vf_mac()")
          .any(LinuxMapping.VLAN, "bnxt_set_vf_vlan()")
          .anyUnless(
              LinuxMapping.VLAN_QOS,
              "bnxt_set_vf_vlan()",
              "bnxt_set_vf_vlan() refuses a priority without a VLAN (EINVAL)")
          .anyUnless(
              LinuxMapping.VLAN_PROTO,
              "bnxt_set_vf_vlan()",
              "bnxt_set_vf_vlan() takes 802.1ad only when the firmware can set the VLAN's TPID"
                  + " (EPROTONOSUPPORT otherwise)")
          .any(LinuxMapping.SPOOF_CHECK, "bnxt_set_vf_spoofchk()")
          .any(LinuxMapping.TRUST, "bnxt_set_vf_trust()")
          .anyUnless(
              LinuxMapping.MAX_TX_RATE,
              "bnxt_set_vf_bw()",
              "bnxt_set_vf_bw() refuses (EINVAL) a rate above the PF's link speed")
          .anyUnless(
              LinuxMapping.MIN_TX_RATE,
              "bnxt_set_vf_bw()",
              "bnxt_set_vf_bw() refuses (EINVAL) a rate above the PF's link speed")
          .any(LinuxMapping.LINK_STATE, "bnxt_set_vf_link_state()")
          .anyUnless(
              LinuxMapping.ESWITCH_MODE,
              "bnxt_vfr.c bnxt_dl_eswitch_mode_set()",
              "bnxt_dl_eswitch_mode_set() needs firmware with HWRM spec 1.8.3 or newer for"
                  + " switchdev (ENOTSUPP otherwise)")
          .build();

  @Override
  public List<LinuxDriverSupport> linuxSupport() {
    return List.of(BNXT_EN);
  }

  @Override
  public List<ParamSpec> vfParams() {
    return VF_PARAMS;
  }
}
