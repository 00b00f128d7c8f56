package io.iovc.driver.vnic;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import io.iovc.plugin.PluginCode;
import io.iovc.plugin.ValueHint;
import java.util.List;

/**
 * vnicpf, the Cavium ThunderX built-in NIC ({@code sys/dev/vnic/nic_main.c}, arm64); VFs run vnic.
 * Spec §8.7. Each VF is tied to a BGX LMAC, so a VF numbered at or above the number of LMACs is
 * refused by the driver (a limit only the hardware knows).
 *
 * <p>On Linux the PF driver (nicpf, called thunder-nic in early kernels) has no network interface
 * and no {@code ip link … vf} controls, so neither parameter maps to Linux.
 */
public final class VnicPlugin implements DriverPlugin {
  /** The driver sets allow-set-mac "just for the record" and never acts on it. */
  public static final PluginCode IGNORED =
      new PluginCode("VNIC001", PluginCode.Severity.WARNING, "the driver ignores this parameter");

  private static final List<ParamSpec> VF_PARAMS =
      List.of(
          ParamSpec.of("mac-addr", ParamType.UNICAST_MAC)
              .doc("MAC address for the VF, programmed into the BGX LMAC the VF uses.")
              .since("11.0")
              .linux(LinuxMapping.NONE)
              .build(),
          ParamSpec.of("allow-set-mac", ParamType.BOOL)
              .defaultValue(true)
              .doc(
                  "Meant to let the VF change its MAC address. In the schema (default true), but the"
                      + " driver only records it and never acts on it.")
              .since("11.0")
              .linux(LinuxMapping.NONE)
              .hint(
                  ValueHint.ignored(
                      IGNORED,
                      "vnicpf ignores allow-set-mac: the driver records it but never acts on it"))
              .build());

  @Override
  public String name() {
    return "vnic";
  }

  /** FreeBSD ships no manual page for vnicpf/vnic (share/man/man4 has none). */
  @Override
  public String manualPage() {
    return null;
  }

  @Override
  public String description() {
    return "Cavium ThunderX built-in NIC, arm64 (vnicpf PF, vnic VFs)";
  }

  @Override
  public List<String> devicePatterns() {
    return List.of("vnicpf[0-9]+");
  }

  @Override
  public List<String> linuxDrivers() {
    return List.of("nicpf", "thunder-nic");
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
        The ThunderX PF driver (vnicpf, sys/dev/vnic/nic_main.c) puts allow-set-mac in its
        SR-IOV schema with the default true, so iovctl accepts it, but the driver's own comment
        says the value is "ignored but we set it just for the record". Writing
        allow-set-mac = false does not stop a VF from changing its MAC address.

        Remove the line, or suppress this warning if the file is shared with other drivers.
        """));
  }
}
