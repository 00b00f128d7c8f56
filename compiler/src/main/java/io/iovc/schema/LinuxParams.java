package io.iovc.schema;

import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import java.util.List;
import java.util.Locale;

/**
 * The VF settings only Linux has (rtnetlink's {@code IFLA_VF_*} attributes, set with {@code ip link
 * set dev PF vf N …}, see ip-link(8) and {@code include/uapi/linux/if_link.h}), written in
 * iovctl.conf's own style: lower-case words joined by hyphens, numbers as numbers. They join the
 * VF's DRIVER parameters when the file is checked for Linux, so DEFAULT, hover, completion and
 * inlay hints treat them like every other parameter. They have no defaults: a setting the file does
 * not write is left as the driver has it. For FreeBSD they stay unknown keys, as iovctl says. The
 * PF has one of its own, {@code eswitch-mode} ({@link #pf()}), set through devlink.
 */
public final class LinuxParams {
  private LinuxParams() {}

  private static final String SINCE = "iovc 0.1 (Linux only)";

  /** The accepted words of the string settings, in the order hover and completion show them. */
  public static final List<String> LINK_STATES = List.of("auto", "enable", "disable");

  public static final List<String> VLAN_PROTOCOLS = List.of("802.1Q", "802.1ad");

  /**
   * The eswitch modes {@code devlink dev eswitch set} takes (iproute2 devlink.c, ESWITCH_MODE_*).
   */
  public static final List<String> ESWITCH_MODES = List.of("legacy", "switchdev");

  /** Highest 802.1p priority ({@code IFLA_VF_VLAN}'s qos; rtnetlink refuses more with EINVAL). */
  public static final long MAX_QOS = 7;

  static final List<ParamSpec> VF =
      List.of(
          ParamSpec.of("max-tx-rate", ParamType.UINT32)
              .doc(
                  "Linux only. Transmit rate limit of the VF in Mb/s (`ip link set dev PF vf N"
                      + " max_tx_rate R`, IFLA_VF_RATE); 0 means no limit.")
              .since(SINCE)
              .linux(LinuxMapping.MAX_TX_RATE)
              .build(),
          ParamSpec.of("min-tx-rate", ParamType.UINT32)
              .doc(
                  "Linux only. Guaranteed transmit rate of the VF in Mb/s (`ip link set dev PF vf N"
                      + " min_tx_rate R`, IFLA_VF_RATE); 0 means none. Few drivers implement it.")
              .since(SINCE)
              .linux(LinuxMapping.MIN_TX_RATE)
              .build(),
          ParamSpec.of("link-state", ParamType.STRING)
              .doc(
                  "Linux only. The link the VF sees (`ip link set dev PF vf N state …`,"
                      + " IFLA_VF_LINK_STATE): auto follows the PF's link, enable is always up,"
                      + " disable always down.")
              .since(SINCE)
              .linux(LinuxMapping.LINK_STATE)
              .build(),
          ParamSpec.of("vlan-qos", ParamType.UINT8)
              .doc(
                  "Linux only. 802.1p priority 0 to 7 in the port VLAN's tag (`ip link set dev PF vf"
                      + " N vlan V qos Q`); needs a port VLAN (vlan = 1..4095).")
              .since(SINCE)
              .linux(LinuxMapping.VLAN_QOS)
              .build(),
          ParamSpec.of("vlan-proto", ParamType.STRING)
              .doc(
                  "Linux only. Tag protocol of the port VLAN, 802.1Q or 802.1ad (`ip link set dev PF"
                      + " vf N vlan V proto P`, IFLA_VF_VLAN_LIST); needs a port VLAN.")
              .since(SINCE)
              .linux(LinuxMapping.VLAN_PROTO)
              .build(),
          ParamSpec.of("query-rss", ParamType.BOOL)
              .doc(
                  "Linux only. Let the VF query the PF's RSS hash key and table (`ip link set dev PF"
                      + " vf N query_rss on|off`, IFLA_VF_RSS_QUERY_EN).")
              .since(SINCE)
              .linux(LinuxMapping.QUERY_RSS)
              .build(),
          ParamSpec.of("trust", ParamType.BOOL)
              .doc(
                  "Linux only. The VF's trust bit on its own (`ip link set dev PF vf N trust"
                      + " on|off`, IFLA_VF_TRUST): a trusted VF may change its MAC and use"
                      + " promiscuous mode. Written, it decides over allow-set-mac and"
                      + " allow-promisc.")
              .since(SINCE)
              .linux(LinuxMapping.TRUST)
              .build());

  /**
   * The PF settings only Linux has: the eswitch mode, set through devlink ({@code devlink dev
   * eswitch set DEV mode M}, {@code DEVLINK_CMD_ESWITCH_SET}; include/uapi/linux/devlink.h).
   */
  static final List<ParamSpec> PF =
      List.of(
          ParamSpec.of("eswitch-mode", ParamType.STRING)
              .doc(
                  "Linux only. The PF's embedded switch (`devlink dev eswitch set DEV mode …`):"
                      + " legacy steers by MAC and VLAN and takes the VF settings of `ip link set"
                      + " … vf N`; switchdev adds a representor netdev per VF (devlink port"
                      + " flavour pcivf) for tc, bridge or OVS, and some drivers then refuse"
                      + " part of the per-VF settings. Not written: the mode stays as the driver"
                      + " has it.")
              .since(SINCE)
              .linux(LinuxMapping.ESWITCH_MODE)
              .build());

  /** The Linux-only PF settings (for completion, docs and the FreeBSD note). */
  public static List<ParamSpec> pf() {
    return PF;
  }

  /** The Linux-only PF setting of this name (any case), or null. */
  public static ParamSpec pf(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (ParamSpec p : PF) if (p.name().equals(n)) return p;
    return null;
  }

  /** The Linux-only VF settings (for completion, docs and the FreeBSD note). */
  public static List<ParamSpec> vf() {
    return VF;
  }

  /** The Linux-only VF setting of this name (any case), or null. */
  public static ParamSpec vf(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (ParamSpec p : VF) if (p.name().equals(n)) return p;
    return null;
  }
}
