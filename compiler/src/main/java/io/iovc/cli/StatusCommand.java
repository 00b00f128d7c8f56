package io.iovc.cli;

import io.iovc.kernel.linux.LinuxBackend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code iovc status PF}: the PF and its VFs as the kernel reports them. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Linux: show a PF and its VFs: index, PCI address, netdev, MAC, VLAN, spoof checking, trust, link state, bound driver.",
      "PF is an interface name, a PCI address or a netdevsim device."
    })
final class StatusCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "PF",
      description =
          "The PF: interface name (eth0), PCI address (0000:05:00.0) or netdevsim device.")
  String device;

  @Override
  public Integer call() throws UserError {
    try {
      Output.out.print(new LinuxBackend().status(device));
    } catch (io.iovc.kernel.linux.LiveState.PfException e) {
      throw new UserError(1, e.getMessage());
    } catch (io.iovc.kernel.linux.Sysfs.SysfsException | java.io.IOException e) {
      throw new UserError(69, "cannot read " + device + ": " + e.getMessage());
    }
    Output.flush();
    return 0;
  }
}
