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
  /** passthrough: bind the VF to vfio-pci instead of its native driver. */
  VFIO_PASSTHROUGH,
  /** Not settable from the host on Linux (e.g. queue counts); a warning when set. */
  NOT_SETTABLE,
  /** Has no Linux counterpart at all. */
  NONE
}
