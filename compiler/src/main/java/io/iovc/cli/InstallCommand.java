package io.iovc.cli;

import io.iovc.kernel.linux.Installer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code iovc install}: the systemd unit that applies every {@code /etc/iov/*.conf} at boot, before
 * the network comes up, and optionally the rules that keep NetworkManager and udev renaming off the
 * VFs.
 */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Linux: write the systemd unit iovc.service (oneshot, before network-pre.target) that applies every /etc/iov/*.conf at boot.",
      "With --nm-unmanaged also a udev rule, a NetworkManager keyfile setting and a .link file that leave VFs to iovc."
    })
final class InstallCommand implements Callable<Integer> {
  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Write under DIR instead of / (packaging, tests).")
  Path root = Path.of("/");

  @Option(
      names = "--nm-unmanaged",
      description = "Also keep NetworkManager (and udev renaming) off SR-IOV VFs.")
  boolean nmUnmanaged;

  @Option(
      names = "--iovc",
      paramLabel = "PATH",
      description =
          "The iovc the unit runs (default: this installation's bin/iovc, else /usr/bin/iovc).")
  String iovc;

  @Override
  public Integer call() throws UserError {
    String home = System.getProperty("iovc.home");
    Path clone = Installer.sourceTree(home);
    if (iovc == null && clone != null) {
      throw new UserError(
          Exit.USAGE,
          "this iovc runs from the source tree "
              + clone
              + "; a boot unit must not run a clone (it moves, is rebuilt, belongs to a user)."
              + " Nothing written. Next: install iovc and run that one's `iovc install`:\n"
              + "  Debian: packaging/debian/build-deb.sh && sudo apt-get install ./dist/iovc_*.deb && sudo iovc install\n"
              + "  tarball (README.install): sudo tar -xzf dist/iovc-"
              + Main.VERSION
              + ".tar.gz -C /usr/local/lib && sudo /usr/local/lib/iovc-"
              + Main.VERSION
              + "/bin/iovc install\n"
              + "  or name an installed iovc: iovc install --iovc /usr/bin/iovc");
    }
    String exe = iovc != null ? iovc : Installer.defaultExecutable();
    String bad = Installer.invalidExecutable(exe);
    if (bad != null) throw new UserError(Exit.USAGE, bad);
    List<Path> written;
    try {
      written = Installer.install(root, exe, nmUnmanaged);
    } catch (IOException e) {
      throw new UserError(
          e instanceof java.nio.file.AccessDeniedException ? Exit.NO_PERMISSION : Exit.UNUSABLE,
          "cannot write under " + root + ": " + e.getMessage());
    }
    for (Path p : written) Output.out.println("wrote " + p);
    if (root.toAbsolutePath().normalize().equals(Path.of("/"))) {
      Output.out.println(
          "next: systemctl daemon-reload && systemctl enable --now iovc.service"
              + (nmUnmanaged ? " && udevadm control --reload" : ""));
    }
    Output.flush();
    return 0;
  }
}
