package io.iovc.plugin;

/**
 * How a FreeBSD VF parameter is expressed on Linux (spec/linux-sriov.md §2). Each plugin declares
 * one per parameter; the Linux backend turns them into sysfs writes and netlink requests.
 */
public enum LinuxMapping {
  /** {@code ip link set PF vf N mac …} */
  MAC_ADDRESS,
  /** {@code ip link set PF vf N spoofchk on|off} */
  SPOOF_CHECK,
  /** {@code ip link set PF vf N trust on|off} (allow-set-mac, allow-promisc, bnxt trust). */
  TRUST,
  /** {@code ip link set PF vf N vlan V} ({@code trunk} is VLAN 0 on Linux). */
  VLAN,
  /** {@code ip link set PF vf N vlan V qos Q}: the priority bits of the port VLAN (0..7). */
  VLAN_QOS,
  /** {@code ip link set PF vf N vlan V proto 802.1Q|802.1ad} ({@code IFLA_VF_VLAN_LIST}). */
  VLAN_PROTO,
  /** {@code ip link set PF vf N max_tx_rate R} in Mbit/s ({@code IFLA_VF_RATE}; 0 = no limit). */
  MAX_TX_RATE,
  /** {@code ip link set PF vf N min_tx_rate R} in Mbit/s ({@code IFLA_VF_RATE}; 0 = none). */
  MIN_TX_RATE,
  /** {@code ip link set PF vf N state auto|enable|disable} ({@code IFLA_VF_LINK_STATE}). */
  LINK_STATE,
  /** {@code ip link set PF vf N query_rss on|off} ({@code IFLA_VF_RSS_QUERY_EN}). */
  QUERY_RSS,
  /**
   * PF only: {@code devlink dev eswitch set DEV mode legacy|switchdev} ({@code
   * DEVLINK_ATTR_ESWITCH_MODE}, a driver's {@code devlink_ops.eswitch_mode_set}).
   */
  ESWITCH_MODE,
  /** passthrough: bind the VF to vfio-pci instead of its native driver. */
  VFIO_PASSTHROUGH,
  /** Not settable from the host on Linux (e.g. queue counts); a warning when set. */
  NOT_SETTABLE,
  /** Has no Linux counterpart at all. */
  NONE
}
