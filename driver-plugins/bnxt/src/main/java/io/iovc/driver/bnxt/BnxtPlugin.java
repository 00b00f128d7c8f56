package io.iovc.driver.bnxt;

import io.iovc.plugin.DriverPlugin;
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

  @Override
  public List<ParamSpec> vfParams() {
    return VF_PARAMS;
  }
}
