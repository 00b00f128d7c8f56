package io.iovc.check;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.schema.LinuxParams;
import io.iovc.schema.Platform;
import java.util.List;

/**
 * The checks of a file meant for Linux ({@link io.iovc.schema.Schema#platform()}): the words of the
 * Linux-only settings, then every setting the file writes against the table of the PF's Linux
 * driver ({@link DriverPlugin#linuxSupport()}), so that a setting the driver would refuse is
 * reported with the driver's name before anything is written: the VFs' netlink settings and the
 * PF's {@code eswitch-mode} (devlink). Emits IOV405 and IOV406.
 */
final class LinuxSettings {
  private LinuxSettings() {}

  static void check(CheckRun r, List<ConfigSection> sections) {
    if (r.schema.platform() != Platform.LINUX) return;
    LinuxDriverSupport driver = support(r.schema.plugin(), r.schema.linuxDriver());
    for (ConfigSection s : sections) {
      for (ConfigParam p : s.driver()) {
        ParamSpec spec = p.schemaParam().spec();
        if (spec == null) continue;
        LinuxMapping m = spec.linux();
        if (!values(r, p, m)) continue;
        if (driver != null) capability(r, p, m, driver);
      }
    }
  }

  /** Emits IOV405 for a Linux-only value the kernel does not take; true when the value is fine. */
  private static boolean values(CheckRun r, ConfigParam p, LinuxMapping m) {
    switch (m) {
      case LINK_STATE -> {
        if (p.value() instanceof TypedValue.Str v && !LinuxParams.LINK_STATES.contains(v.value())) {
          r.add(
              LinuxDiagnostics.badValue(
                  p,
                  "auto, enable or disable",
                  "IFLA_VF_LINK_STATE has three values: AUTO, ENABLE, DISABLE (ip link … state)"));
          return false;
        }
      }
      case VLAN_PROTO -> {
        if (p.value() instanceof TypedValue.Str v
            && LinuxParams.VLAN_PROTOCOLS.stream().noneMatch(x -> x.equalsIgnoreCase(v.value()))) {
          r.add(
              LinuxDiagnostics.badValue(
                  p,
                  "802.1Q or 802.1ad",
                  "rtnetlink answers EPROTONOSUPPORT to any other VLAN protocol"));
          return false;
        }
      }
      case ESWITCH_MODE -> {
        if (p.value() instanceof TypedValue.Str v
            && !LinuxParams.ESWITCH_MODES.contains(v.value())) {
          r.add(
              LinuxDiagnostics.badValue(
                  p,
                  "legacy or switchdev",
                  "devlink has two eswitch modes, DEVLINK_ESWITCH_MODE_LEGACY and"
                      + " DEVLINK_ESWITCH_MODE_SWITCHDEV (devlink dev eswitch set … mode)"));
          return false;
        }
      }
      case VLAN_QOS -> {
        if (p.value() instanceof TypedValue.Num n && n.value() > LinuxParams.MAX_QOS) {
          r.add(
              LinuxDiagnostics.badValue(
                  p, "a priority from 0 to 7", "rtnetlink answers EINVAL to a qos above 7"));
          return false;
        }
      }
      default -> {}
    }
    return true;
  }

  /** Emits IOV406 when the driver does not implement the setting or refuses this value. */
  private static void capability(
      CheckRun r, ConfigParam p, LinuxMapping m, LinuxDriverSupport driver) {
    switch (m) {
      case MAC_ADDRESS,
          SPOOF_CHECK,
          TRUST,
          VLAN,
          VLAN_QOS,
          VLAN_PROTO,
          MAX_TX_RATE,
          MIN_TX_RATE,
          LINK_STATE,
          QUERY_RSS,
          ESWITCH_MODE -> {}
      default -> {
        return;
      }
    }
    LinuxDriverSupport.Support s = driver.support(m);
    // the protocol and priority travel with the VLAN (ndo_set_vf_vlan) unless the table says more
    if (s == null && (m == LinuxMapping.VLAN_QOS || m == LinuxMapping.VLAN_PROTO))
      s = driver.support(LinuxMapping.VLAN);
    if (s == null) {
      r.add(LinuxDiagnostics.driverCannot(p, driver, null));
      return;
    }
    switch (s.kind()) {
      case ANY -> {}
      case ONLY -> {
        if (!p.value().display().equalsIgnoreCase(s.value()))
          r.add(LinuxDiagnostics.driverCannot(p, driver, s));
      }
      case AT_MOST -> {
        if (p.value() instanceof TypedValue.Num n && Long.compareUnsigned(n.value(), s.max()) > 0)
          r.add(LinuxDiagnostics.driverCannot(p, driver, s));
      }
    }
  }

  /** The plugin's table for this Linux driver, or null when it has none. */
  static LinuxDriverSupport support(DriverPlugin plugin, String linuxDriver) {
    if (plugin == null || linuxDriver == null) return null;
    for (LinuxDriverSupport s : plugin.linuxSupport()) {
      if (s.driver().equalsIgnoreCase(linuxDriver)) return s;
    }
    return null;
  }
}
