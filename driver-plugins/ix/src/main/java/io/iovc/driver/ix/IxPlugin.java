package io.iovc.driver.ix;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import io.iovc.plugin.PluginCode;
import io.iovc.plugin.ValueHint;
import java.util.List;

/**
 * ix(4), Intel 10 GbE ({@code sys/dev/ixgbe/if_sriov.c}); VFs run ixv. Spec §8.2. This plugin
 * describes the 2026 (main) generation, whose schema adds {@code vlan}; the released kernels (11.1
 * to 15) have the same schema without it and ignore mac-anti-spoof and allow-promisc.
 */
public final class IxPlugin implements DriverPlugin {
  /**
   * Released ix (FreeBSD 15 and older) has the parameter in its schema but ixgbe_vf_add ignores it.
   */
  public static final PluginCode IGNORED_BEFORE_2026 =
      new PluginCode("IX001", PluginCode.Severity.WARNING, "ignored on FreeBSD 15 and older");

  /** vlan only exists in the 2026 schema; older iovctl/kernels refuse the key. */
  public static final PluginCode VLAN_NEEDS_2026 =
      new PluginCode("IX002", PluginCode.Severity.WARNING, "vlan needs a 2026 or newer kernel");

  private static final List<ParamSpec> VF_PARAMS =
      List.of(
          ParamSpec.of("mac-addr", ParamType.UNICAST_MAC)
              .doc(
                  "MAC address the VF starts with. Without it the VF may choose its own MAC. On 2026"
                      + " kernels the driver refuses the VF if the address is already in use.")
              .since("11.1")
              .linux(LinuxMapping.MAC_ADDRESS)
              .build(),
          ParamSpec.of("mac-anti-spoof", ParamType.BOOL)
              .defaultValue(true)
              .doc(
                  "Drop frames the VF sends with a source MAC address other than its own. Honoured"
                      + " from the 2026 driver on; FreeBSD 15 and older ignore it.")
              .since("11.1")
              .linux(LinuxMapping.SPOOF_CHECK)
              .hint(
                  ValueHint.ignored(
                      IGNORED_BEFORE_2026,
                      "ix on FreeBSD 15 and older ignores mac-anti-spoof; it takes effect only with a 2026"
                          + " or newer kernel"))
              .build(),
          ParamSpec.of("allow-set-mac", ParamType.BOOL)
              .defaultValue(false)
              .doc(
                  "Let the VF change the MAC address given in mac-addr. Only matters when mac-addr is"
                      + " set: without mac-addr the VF may always choose its own MAC.")
              .since("11.1")
              .linux(LinuxMapping.TRUST)
              .build(),
          ParamSpec.of("allow-promisc", ParamType.BOOL)
              .defaultValue(false)
              .doc(
                  "Let the VF use promiscuous mode, i.e. see traffic addressed to others. Honoured from"
                      + " the 2026 driver on; FreeBSD 15 and older ignore it.")
              .since("11.1")
              .linux(LinuxMapping.TRUST)
              .hint(
                  ValueHint.ignored(
                      IGNORED_BEFORE_2026,
                      "ix on FreeBSD 15 and older ignores allow-promisc; it takes effect only with a 2026"
                          + " or newer kernel"))
              .build(),
          ParamSpec.of("vlan", ParamType.VLAN)
              .defaultValue(4096L)
              .doc(
                  "Port VLAN. 1 to 4095 makes the VF an access port: the PF adds that tag on transmit"
                      + " and strips it on receive. trunk, the default, lets the VF manage its own VLANs."
                      + " 0 is refused. Needs a 2026 or newer kernel (FreeBSD main from 2026); older"
                      + " kernels do not have this parameter.")
              .since("16.0 (main, 2026)")
              .linux(LinuxMapping.VLAN)
              .hint(
                  ValueHint.ignored(
                      VLAN_NEEDS_2026,
                      "vlan needs a 2026 or newer ix driver; on FreeBSD 15 and older iovctl refuses it"
                          + " (`Invalid config key 'vlan'`)"))
              .build());

  @Override
  public String name() {
    return "ix";
  }

  @Override
  public String description() {
    return "Intel 10 GbE (ixgbe): 82599, X520, X540, X550, X552, X553; not 82598 (ixv VFs)";
  }

  @Override
  public List<String> devicePatterns() {
    return List.of("ix[0-9]+");
  }

  @Override
  public List<String> linuxDrivers() {
    return List.of("ixgbe");
  }

  /**
   * Linux's ixgbe as Debian's 6.1 and 6.12 have it: {@code ixgbe_netdev_ops} ({@code
   * drivers/net/ethernet/intel/ixgbe/ixgbe_main.c}) sets mac, vlan, rate, spoofchk, rss_query_en
   * and trust from {@code ixgbe_sriov.c}, and no link state (a later kernel adds {@code
   * ixgbe_ndo_set_vf_link_state}). {@code ixgbe_ndo_set_vf_bw()} refuses a minimum rate (EINVAL)
   * and a maximum unless the link is up at 10 Gb/s and the rate is 11 to 10000 Mb/s; {@code
   * ixgbe_ndo_set_vf_vlan()} refuses 802.1ad (EPROTONOSUPPORT). No {@code eswitch_mode_set} in any
   * devlink ops, so no {@code eswitch-mode}.
   */
  private static final LinuxDriverSupport IXGBE =
      LinuxDriverSupport.of("ixgbe", "drivers/net/ethernet/intel/ixgbe/ixgbe_sriov.c")
          .any(LinuxMapping.MAC_ADDRESS, "ixgbe_ndo_set_vf_mac()")
          .any(LinuxMapping.VLAN, "ixgbe_ndo_set_vf_vlan()")
          .any(LinuxMapping.VLAN_QOS, "ixgbe_ndo_set_vf_vlan()")
          .only(LinuxMapping.VLAN_PROTO, "802.1Q", "EPROTONOSUPPORT", "ixgbe_ndo_set_vf_vlan()")
          .any(LinuxMapping.SPOOF_CHECK, "ixgbe_ndo_set_vf_spoofchk()")
          .any(LinuxMapping.TRUST, "ixgbe_ndo_set_vf_trust()")
          .any(LinuxMapping.QUERY_RSS, "ixgbe_ndo_set_vf_rss_query_en()")
          .atMost(
              LinuxMapping.MAX_TX_RATE,
              10000,
              "EINVAL",
              "ixgbe_ndo_set_vf_bw()",
              "ixgbe_ndo_set_vf_bw() takes a rate only while the link is up at 10 Gb/s, and 0 or"
                  + " 11 to 10000 Mb/s (EINVAL otherwise); the kernel checks that when applied")
          .only(LinuxMapping.MIN_TX_RATE, "0", "EINVAL", "ixgbe_ndo_set_vf_bw()")
          .build();

  @Override
  public List<LinuxDriverSupport> linuxSupport() {
    return List.of(IXGBE);
  }

  @Override
  public List<ParamSpec> vfParams() {
    return VF_PARAMS;
  }

  @Override
  public int maxVfs() {
    return 63;
  }

  @Override
  public String maxVfsReason() {
    return "ix splits the card into 64 pools (2 queues per VF) and keeps one for the PF, so at most"
        + " 63 VFs; below 32 VFs it uses 32 pools (4 queues per VF), which allows 31. More fails"
        + " with ENOSPC.";
  }

  @Override
  public List<CodeDoc> codes() {
    return List.of(
        new CodeDoc(
            IGNORED_BEFORE_2026,
            """
            The released ix(4) driver (FreeBSD 11.1 through 15) publishes mac-anti-spoof and
            allow-promisc in its SR-IOV schema, so iovctl accepts them, but the driver's VF-add
            routine never reads them: the setting has no effect. The 2026 driver in FreeBSD main
            honours both.

            On a released kernel, remove the line (or suppress this warning if the same file also
            serves 2026 kernels). Do not rely on allow-promisc = true or mac-anti-spoof = false to
            make CARP, bridging or similar setups work there.
            """),
        new CodeDoc(
            VLAN_NEEDS_2026,
            """
            The vlan parameter of ix(4) appeared in FreeBSD main in 2026. Released kernels (15 and
            older) do not have it in their schema, so iovctl refuses the whole file:

                iovctl: VF-0: Invalid config key 'vlan'

            Keep vlan only for hosts that run a 2026 or newer kernel. Its values: 1 to 4095 makes
            the VF an access port (the PF inserts and strips the tag), trunk (the default) lets the
            VF choose its own VLANs, and 0 makes the driver refuse the VF (ENOTSUP).
            """));
  }
}
