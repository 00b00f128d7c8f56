package io.iovc.kernel.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files {@code iovc install} writes (spec/linux-sriov.md §4: boot ordering, and NetworkManager
 * or udev grabbing or renaming VFs):
 *
 * <ul>
 *   <li>{@code /etc/systemd/system/iovc.service}: a oneshot unit, ordered before {@code
 *       network-pre.target}, that applies every {@code /etc/iov/*.conf};
 *   <li>with {@code --nm-unmanaged}: {@code /etc/udev/rules.d/70-iovc-vfs.rules} (every VF netdev
 *       gets {@code NM_UNMANAGED=1}), {@code /etc/NetworkManager/conf.d/90-iovc-vfs.conf} (the
 *       VF-only drivers unmanaged, for NetworkManager without udev properties) and {@code
 *       /etc/systemd/network/10-iovc-vf.link} (udev keeps the kernel's names for VFs).
 * </ul>
 */
public final class Installer {
  private Installer() {}

  public static final String UNIT_PATH = "etc/systemd/system/iovc.service";
  public static final String UDEV_PATH = "etc/udev/rules.d/70-iovc-vfs.rules";
  public static final String NM_PATH = "etc/NetworkManager/conf.d/90-iovc-vfs.conf";
  public static final String LINK_PATH = "etc/systemd/network/10-iovc-vf.link";

  /** Linux drivers that bind only VFs (their PF drivers are others), safe to match by driver. */
  static final List<String> VF_ONLY_DRIVERS =
      List.of("iavf", "i40evf", "ixgbevf", "igbvf", "cxgb4vf");

  /** This installation's bin/iovc (the launcher sets iovc.home), else /usr/bin/iovc. */
  public static String defaultExecutable() {
    String home = System.getProperty("iovc.home");
    if (home != null && !home.isBlank()) return Path.of(home, "bin", "iovc").toString();
    return "/usr/bin/iovc";
  }

  public static String unit(String iovc) {
    return """
        # iovc.service: apply every /etc/iov/*.conf (iovctl.conf format) with iovc at boot,
        # before the network is configured. Written by `iovc install`.
        [Unit]
        Description=SR-IOV configuration from /etc/iov (iovc)
        Documentation=man:iovctl.conf(5)
        DefaultDependencies=no
        After=local-fs.target systemd-modules-load.service systemd-udev-trigger.service
        Wants=network-pre.target
        Before=network-pre.target shutdown.target
        Conflicts=shutdown.target
        ConditionPathExistsGlob=/etc/iov/*.conf

        [Service]
        Type=oneshot
        RemainAfterExit=yes
        # wait until the PF drivers found at boot have probed, and have vfio-pci for passthrough
        ExecStartPre=-/bin/udevadm settle --timeout=60
        ExecStartPre=-/sbin/modprobe -q vfio-pci
        ExecStart=/bin/sh -c 'rc=0; for f in /etc/iov/*.conf; do %s compile --apply --backend linux "$f" || rc=1; done; exit $rc'

        [Install]
        WantedBy=multi-user.target
        """
        .formatted(iovc);
  }

  public static String udevRule() {
    return """
        # Written by `iovc install --nm-unmanaged`: SR-IOV VF netdevs belong to iovc.
        # NetworkManager leaves them unmanaged (no automatic DHCP profiles), systemd-networkd
        # (255+) is told who manages them, and 10-iovc-vf.link keeps udev from renaming them.
        ACTION=="add|change|move", SUBSYSTEM=="net", TEST=="device/physfn", ENV{NM_UNMANAGED}="1", ENV{ID_NET_MANAGED_BY}="io.iovc", ENV{IOVC_VF}="1"
        """;
  }

  public static String nmConf() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        """
        # Written by `iovc install --nm-unmanaged`: NetworkManager leaves SR-IOV VFs alone.
        # VFs of drivers that serve only VFs are listed here; 70-iovc-vfs.rules marks every VF
        # netdev NM_UNMANAGED=1 whatever its driver (mlx5_core, bnxt_en and qede serve PFs and VFs alike).
        [keyfile]
        unmanaged-devices=""");
    for (int i = 0; i < VF_ONLY_DRIVERS.size(); i++)
      sb.append(i == 0 ? "" : ";").append("driver:").append(VF_ONLY_DRIVERS.get(i));
    sb.append('\n');
    return sb.toString();
  }

  public static String linkFile() {
    return """
        # Written by `iovc install --nm-unmanaged`: SR-IOV VF netdevs keep the kernel's name and
        # MAC (70-iovc-vfs.rules sets IOVC_VF=1 on them before 80-net-setup-link.rules runs).
        [Match]
        Property=IOVC_VF=1

        [Link]
        NamePolicy=keep kernel
        MACAddressPolicy=none
        """;
  }

  /** Writes the files under {@code root}; returns their paths. */
  public static List<Path> install(Path root, String iovc, boolean nmUnmanaged) throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(write(root.resolve(UNIT_PATH), unit(iovc)));
    if (nmUnmanaged) {
      out.add(write(root.resolve(UDEV_PATH), udevRule()));
      out.add(write(root.resolve(NM_PATH), nmConf()));
      out.add(write(root.resolve(LINK_PATH), linkFile()));
    }
    return out;
  }

  private static Path write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Path tmp = Files.createTempFile(p.getParent(), ".iovc-", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      tmp.toFile().setReadable(true, false);
      Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return p;
  }
}
