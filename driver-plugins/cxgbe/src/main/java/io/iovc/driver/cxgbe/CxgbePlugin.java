package io.iovc.driver.cxgbe;

import io.iovc.plugin.DriverPlugin;
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

  @Override
  public List<ParamSpec> vfParams() {
    return VF_PARAMS;
  }
}
