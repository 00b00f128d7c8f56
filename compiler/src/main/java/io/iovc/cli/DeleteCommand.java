package io.iovc.cli;

import io.iovc.kernel.ApplyResult;
import io.iovc.kernel.freebsd.DeviceName;
import io.iovc.kernel.freebsd.FreeBsdBackend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code iovc delete -d DEV}: destroy every VF of a PF with FreeBSD's {@code IOV_DELETE}, as {@code
 * iovctl -D -d DEV} does, with messages that say what to do. Exit status: 0 deleted (or, with
 * {@code --if-exists}, there was nothing to delete), 77 not root, 69 no such PF, 71 the kernel
 * refused (no VFs, busy).
 */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete every VF of a PF (FreeBSD: IOV_DELETE on /dev/iov/DEV), like `iovctl -D -d DEV`.",
      "Exit 0 when deleted, 77 without root, 69 when there is no such PF, 71 when the kernel refuses."
    })
final class DeleteCommand implements Callable<Integer> {
  @Option(
      names = {"-d", "--device"},
      required = true,
      paramLabel = "DEV",
      description =
          "The PF: its name under /dev/iov (ixl0), or an absolute path as iovctl accepts it.")
  String device;

  @Option(names = "--if-exists", description = "Succeed (exit 0) when the PF has no VFs.")
  boolean ifExists;

  @Option(
      names = {"-n", "--dry-run"},
      description = "Open the PF and print what iovctl -D -n prints; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws UserError {
    DeviceName.Target t;
    try {
      t = DeviceName.fromOption(device);
    } catch (IllegalArgumentException e) {
      throw new UserError(2, "-d " + device + ": " + e.getMessage());
    }
    ApplyResult r =
        new FreeBsdBackend().delete(t, ifExists, dryRun, FreeBsdBackend.Style.IOVC, Output.out);
    Output.flush();
    for (String m : r.messages()) Output.err.println("iovc: " + m);
    Output.flush();
    return r.exitStatus();
  }
}
