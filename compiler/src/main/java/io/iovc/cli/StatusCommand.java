package io.iovc.cli;

import io.iovc.apply.Backends;
import io.iovc.kernel.SriovStatus;
import io.iovc.kernel.freebsd.FreeBsdStatus;
import io.iovc.kernel.linux.LinuxHost;
import io.iovc.kernel.linux.LinuxStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iovc status [PF…]}: the PFs and their VFs as the OS reports them, with each VF's user. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show SR-IOV PFs and their VFs: index, PCI address, driver, netdev, MAC, VLAN, spoof checking, trust (what the OS can read) and who uses each VF: a network namespace, a VM holding its vfio group, a vnet jail, a bhyve VM.",
      "Without PF: every SR-IOV PF on the host. Read-only."
    })
final class StatusCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "PF",
      arity = "0..*",
      description =
          "Linux: interface name (eth0), PCI address (0000:05:00.0) or netdevsim device; FreeBSD: device (ixl0) or selector (pci0:1:0:0).")
  List<String> devices = List.of();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "human (default) or json (the schema io/iovc/ops/status.schema.json).")
  String format = "human";

  @Option(
      names = "--backend",
      paramLabel = "OS",
      description = "freebsd or linux (default: the running OS).")
  String backend;

  /**
   * Test seams, in their own class so that building the command line (which reflects on this
   * class's fields) loads nothing of the kernel packages.
   */
  static final class Seams {
    private Seams() {}

    /** FreeBSD's tools answered from recorded output. */
    static FreeBsdStatus.Commands freebsdTools;

    /** Linux's network namespaces answered from recorded output. */
    static LinuxStatus.Namespaces linuxNamespaces;

    /** FreeBSD's tools: the recorded ones in tests, else the system's. */
    static FreeBsdStatus.Commands freebsd() {
      return freebsdTools != null ? freebsdTools : FreeBsdStatus.Commands.system();
    }

    /** Linux's namespaces: the recorded ones in tests, else the system's. */
    static LinuxStatus.Namespaces namespaces() {
      return linuxNamespaces != null ? linuxNamespaces : LinuxStatus.Namespaces.system();
    }
  }

  @Override
  public Integer call() throws UserError {
    if (!format.equals("human") && !format.equals("json"))
      throw new UserError(2, "unknown --format `" + format + "`; use human or json");
    String os = backend != null ? backend : Backends.forThisOs();
    if (os == null)
      throw new UserError(
          2,
          "this host runs "
              + System.getProperty("os.name")
              + ", which has no SR-IOV; name one with --backend freebsd|linux");
    switch (os) {
      case "freebsd" -> Kernel.freebsd(devices, format.equals("json"));
      case "linux" -> Kernel.linux(devices, format.equals("json"));
      default -> throw new UserError(2, "unknown backend `" + os + "`; use freebsd or linux");
    }
    Output.flush();
    return 0;
  }

  /**
   * The reading, in its own class: the JVM loads (and verifies) it, and the kernel classes it
   * names, only when a status is actually read, never when the command line is built.
   */
  private static final class Kernel {
    private Kernel() {}

    static void freebsd(List<String> devices, boolean json) throws UserError {
      List<SriovStatus.Pf> pfs;
      try {
        pfs =
            FreeBsdStatus.read(
                Seams.freebsdTools != null ? Seams.freebsdTools : FreeBsdStatus.Commands.system(),
                devices);
      } catch (FreeBsdStatus.StatusException e) {
        throw new UserError(e.unreadable() ? 69 : 1, e.getMessage());
      }
      Output.out.print(json ? StatusOutput.json("freebsd", pfs) : StatusOutput.human(pfs));
    }

    static void linux(List<String> devices, boolean json) throws UserError {
      try {
        List<SriovStatus.Pf> pfs =
            LinuxStatus.read(
                LinuxHost.current(),
                Seams.linuxNamespaces != null
                    ? Seams.linuxNamespaces
                    : LinuxStatus.Namespaces.system(),
                devices);
        if (json) {
          Output.out.print(StatusOutput.json("linux", pfs));
        } else if (pfs.isEmpty()) {
          Output.out.print("no SR-IOV PF on this host\n");
        } else {
          // the established table (iovc status PF), then who uses the VFs
          for (SriovStatus.Pf pf : pfs) {
            Output.out.print(
                LinuxText.status(LinuxHost.current(), pf.pci() != null ? pf.pci() : pf.device()));
            Output.out.print(StatusOutput.consumers(pf));
          }
        }
      } catch (io.iovc.kernel.linux.LiveState.PfException e) {
        throw new UserError(1, e.getMessage());
      } catch (io.iovc.kernel.linux.Sysfs.SysfsException | java.io.IOException e) {
        throw new UserError(69, "cannot read the SR-IOV devices: " + e.getMessage());
      }
    }
  }
}
