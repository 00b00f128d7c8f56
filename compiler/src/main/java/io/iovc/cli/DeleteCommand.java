package io.iovc.cli;

import io.iovc.apply.ApplyResult;
import io.iovc.apply.freebsd.FreeBsdApply;
import io.iovc.apply.linux.LinuxApply;
import io.iovc.kernel.Outcome;
import io.iovc.kernel.SriovStatus;
import io.iovc.kernel.freebsd.DeviceName;
import io.iovc.kernel.freebsd.FreeBsdStatus;
import io.iovc.kernel.linux.LinuxHost;
import io.iovc.kernel.linux.LinuxStatus;
import io.iovc.source.SourceText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code iovc delete (-d PF | -f FILE)}: destroy every VF of a PF. FreeBSD: {@code IOV_DELETE}, as
 * {@code iovctl -D} does. Linux: {@code sriov_numvfs} 0 under the PF's lock, read back, the
 * snapshot restored on a failure (as {@code compile --apply}). Both refuse while a VF is used by a
 * network namespace, a VM holding its vfio group, a vnet jail or a bhyve VM, unless {@code
 * --force}. Exit status: 0 deleted (or, with {@code --if-exists}, nothing to delete), 2 usage, 69
 * no such PF, 71 the kernel refused (no VFs), 75 a VF is in use or another iovc holds the PF, 77
 * not root.
 */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete every VF of a PF (FreeBSD: IOV_DELETE on /dev/iov/DEV, like `iovctl -D`; Linux: sriov_numvfs 0, rolled back on failure).",
      "Refuses while a VF is in use (network namespace, VM, jail) unless --force.",
      "Exit 0 when deleted, 77 without root, 69 when there is no such PF, 71 when the kernel refuses, 75 when a VF is in use."
    })
final class DeleteCommand implements Callable<Integer> {
  static final class Which {
    @Option(
        names = {"-d", "--device"},
        required = true,
        paramLabel = "DEV",
        description =
            "The PF: FreeBSD: its name under /dev/iov (ixl0) or an absolute path, as iovctl accepts it; Linux: its interface or PCI address.")
    String device;

    @Option(
        names = {"-f", "--file"},
        required = true,
        paramLabel = "FILE",
        description = "The PF named by PF.device in this configuration file.")
    String file;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  @Option(names = "--if-exists", description = "Succeed (exit 0) when the PF has no VFs.")
  boolean ifExists;

  @Option(
      names = {"-n", "--dry-run"},
      description = "FreeBSD: open the PF and print what iovctl -D -n prints; change nothing.")
  boolean dryRun;

  @Option(names = "--force", description = "Delete even VFs that are in use.")
  boolean force;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "human (default) or json (the schema io/iovc/ops/result.schema.json).")
  String format = "human";

  @Option(
      names = "--backend",
      paramLabel = "OS",
      description = "freebsd or linux (default: the running OS).")
  String backend;

  @Override
  public Integer call() throws UserError {
    boolean json = OpsOutput.json(format);
    String os = OpsOutput.backend(backend);
    String device = which.device != null ? which.device : deviceOf(which.file);
    if (dryRun && !os.equals("freebsd"))
      throw new UserError(2, "-n: use `iovc status " + device + "` to see the VFs on Linux");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = json ? new PrintStream(log, true, StandardCharsets.UTF_8) : Output.out;
    ApplyResult r;
    List<String> inUse = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (os.equals("freebsd")) {
      DeviceName.Target t;
      try {
        t = DeviceName.fromOption(device);
      } catch (IllegalArgumentException e) {
        throw new UserError(2, "-d " + device + ": " + e.getMessage());
      }
      if (!force && !dryRun) Kernel.freebsdUsers(t.name(), inUse, warnings);
      r =
          inUse.isEmpty()
              ? new FreeBsdApply().delete(t, ifExists, dryRun, FreeBsdApply.Style.IOVC, out)
              : refused(t.name(), inUse);
    } else {
      if (!force) Kernel.linuxUsers(device, inUse, warnings);
      r = inUse.isEmpty() ? new LinuxApply().delete(device, ifExists, out) : refused(device, inUse);
    }
    out.flush();
    for (String w : warnings) Output.err.println("iovc: warning: " + w);
    if (json) {
      List<String> lines =
          log.size() == 0 ? List.of() : List.of(log.toString(StandardCharsets.UTF_8).split("\n"));
      Output.out.print(OpsOutput.result(os, "delete", which.file, r, lines));
    }
    Output.flush();
    for (String m : r.messages()) Output.err.println("iovc: " + m);
    Output.flush();
    return ExitStatus.of(r.outcome());
  }

  private static ApplyResult refused(String device, List<String> inUse) {
    List<String> m = new ArrayList<>();
    m.add(device + ": not deleted: " + String.join("; ", inUse));
    m.add("stop them or move the VFs away first, or delete anyway with --force");
    return new ApplyResult(Outcome.BUSY, List.of(), m).on(device);
  }

  /** PF.device of a configuration file, as iovctl's find_device reads it. */
  private static String deviceOf(String file) throws UserError {
    Inputs.Input in = Inputs.expand(List.of(file), Inputs.DEFAULT_MAX_INPUT).get(0);
    if (in.problem() != null) throw new UserError(66, in.problem().message());
    SourceText src = in.source();
    String d = io.iovc.check.ConfigTree.findDevice(io.iovc.syntax.Ucl.parse(src));
    if (d == null)
      throw new UserError(1, in.name() + ": no PF.device names the PF (iovc check " + file + ")");
    return d;
  }

  /** Who uses the VFs, in its own class so that the kernel classes load only when asked. */
  private static final class Kernel {
    private Kernel() {}

    static void freebsdUsers(String device, List<String> inUse, List<String> warnings) {
      try {
        users(FreeBsdStatus.read(StatusCommand.Seams.freebsd(), List.of(device)), inUse);
      } catch (FreeBsdStatus.StatusException e) {
        warnings.add("cannot tell whether the VFs of " + device + " are in use: " + e.getMessage());
      }
    }

    static void linuxUsers(String device, List<String> inUse, List<String> warnings) {
      try {
        users(
            LinuxStatus.read(
                LinuxHost.current(), StatusCommand.Seams.namespaces(), List.of(device)),
            inUse);
      } catch (io.iovc.kernel.linux.LiveState.PfException e) {
        // the delete itself reports a PF that is not there
      } catch (Exception e) {
        warnings.add("cannot tell whether the VFs of " + device + " are in use: " + e.getMessage());
      }
    }

    private static void users(List<SriovStatus.Pf> pfs, List<String> inUse) {
      for (SriovStatus.Pf pf : pfs) {
        for (SriovStatus.Vf v : pf.vfs()) {
          if (v.consumer() == null || v.consumer().kind() == SriovStatus.Kind.HOST) continue;
          inUse.add("VF-" + v.index() + " is used by " + v.consumer().display());
        }
      }
    }
  }
}
