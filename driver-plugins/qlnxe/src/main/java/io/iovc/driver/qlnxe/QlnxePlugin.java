package io.iovc.driver.qlnxe;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import io.iovc.plugin.PluginCode;
import io.iovc.plugin.ValueHint;
import java.util.List;

/**
 * qlnxe(4), QLogic/Cavium FastLinQ ({@code sys/dev/qlnx/qlnxe/qlnx_os.c}); VFs run qlnxv. Spec
 * §8.6. Of its four VF parameters the driver uses only mac-addr.
 */
public final class QlnxePlugin implements DriverPlugin {
  /**
   * allow-set-mac, allow-promisc and num-queues are in the schema, but the driver never reads them.
   */
  public static final PluginCode IGNORED =
      new PluginCode("QLNXE001", PluginCode.Severity.WARNING, "the driver ignores this parameter");

  private static final List<ParamSpec> VF_PARAMS =
      List.of(
          ParamSpec.of("mac-addr", ParamType.UNICAST_MAC)
              .doc(
                  "MAC address for the VF, published to it through the VF bulletin board. The only"
                      + " parameter qlnxe actually uses.")
              .since("12.0 (approx.)")
              .linux(LinuxMapping.MAC_ADDRESS)
              .build(),
          ParamSpec.of("allow-set-mac", ParamType.BOOL)
              .defaultValue(false)
              .doc(
                  "Meant to let the VF change its MAC address. In the schema, but qlnxe ignores it.")
              .since("12.0 (approx.)")
              .linux(LinuxMapping.TRUST)
              .hint(
                  ValueHint.ignored(IGNORED, "qlnxe ignores allow-set-mac: only mac-addr is used"))
              .build(),
          ParamSpec.of("allow-promisc", ParamType.BOOL)
              .defaultValue(false)
              .doc("Meant to let the VF use promiscuous mode. In the schema, but qlnxe ignores it.")
              .since("12.0 (approx.)")
              .linux(LinuxMapping.TRUST)
              .hint(
                  ValueHint.ignored(IGNORED, "qlnxe ignores allow-promisc: only mac-addr is used"))
              .build(),
          ParamSpec.of("num-queues", ParamType.UINT16)
              .defaultValue(1L)
              .doc(
                  "Meant to set the VF's queue count. In the schema, but qlnxe ignores it: each VF"
                      + " gets min(the card's VF L2 queues / num_vfs, 16) queues.")
              .since("12.0 (approx.)")
              .linux(LinuxMapping.NOT_SETTABLE)
              .hint(
                  ValueHint.ignored(
                      IGNORED,
                      "qlnxe ignores num-queues: each VF gets min(VF L2 queues / num_vfs, 16) queues"))
              .build());

  @Override
  public String name() {
    return "qlnxe";
  }

  @Override
  public String description() {
    return "QLogic/Cavium FastLinQ QL41000 and QL45000 (qlnxv VFs)";
  }

  @Override
  public List<String> devicePatterns() {
    return List.of("ql[0-9]+");
  }

  @Override
  public List<String> linuxDrivers() {
    return List.of("qede");
  }

  @Override
  public List<ParamSpec> vfParams() {
    return VF_PARAMS;
  }

  @Override
  public List<CodeDoc> codes() {
    return List.of(
        new CodeDoc(
            IGNORED,
            """
        qlnxe(4) publishes four VF parameters in its SR-IOV schema, so iovctl accepts all of them,
        but when a VF is added the driver reads only mac-addr (which it writes to the VF's
        bulletin board). allow-set-mac, allow-promisc and num-queues have no effect:

        - the number of queues per VF is computed by the driver as
          min(VF L2 queues / num_vfs, 16), so fewer VFs get more queues;
        - there is no per-VF MAC or promiscuous-mode policy.

        Remove the line, or suppress this warning if the file is shared with other drivers.
        """));
  }
}
