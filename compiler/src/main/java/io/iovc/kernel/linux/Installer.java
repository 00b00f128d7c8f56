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

  /**
   * The source tree (a clone) this iovc runs from, or null: {@code bin/iovc} of a clone runs the
   * distribution it builds in {@code CLONE/dist/iovc-VERSION}, which a boot unit must never run (a
   * clone moves, is rebuilt half-way, or belongs to a user).
   */
  public static Path sourceTree(String home) {
    if (home == null || home.isBlank()) return null;
    Path h = Path.of(home).toAbsolutePath().normalize();
    Path dist = h.getParent();
    if (dist == null || dist.getFileName() == null || !dist.getFileName().toString().equals("dist"))
      return null;
    Path clone = dist.getParent();
    if (clone == null) return null;
    return Files.isRegularFile(clone.resolve("pom.xml"))
            && Files.isRegularFile(clone.resolve("bin").resolve("iovc"))
        ? clone
        : null;
  }

  /**
   * Why {@code path} cannot be the iovc a unit runs, or null: it must be absolute and free of
   * control characters (a newline would end the unit's line; systemd has no way to write a NUL).
   */
  public static String invalidExecutable(String path) {
    if (path.isEmpty() || !path.startsWith("/"))
      return "--iovc must be an absolute path (the unit runs it at boot from /), not '"
          + path
          + "'";
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f)
        return "--iovc contains the control character U+%04X at offset %d; a unit file cannot hold it"
            .formatted((int) c, i);
    }
    return null;
  }

  /**
   * One word of a unit's command line (systemd.service(5) "Command lines", systemd.syntax(7)
   * "Quoting"): in double quotes, {@code \} and {@code "} backslash-escaped, {@code %} doubled
   * (specifiers are expanded after unquoting) and {@code $} doubled (variables are expanded when
   * the command runs). Spaces and {@code '} need nothing inside double quotes.
   */
  public static String execWord(String word) {
    String bad = invalidControl(word);
    if (bad != null) throw new IllegalArgumentException(bad);
    StringBuilder sb = new StringBuilder(word.length() + 2).append('"');
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '%' -> sb.append("%%");
        case '$' -> sb.append("$$");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static String invalidControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f)
        return "control character U+%04X at offset %d".formatted((int) c, i);
    }
    return null;
  }

  /** The man page a Debian package (or a make install into /usr/local) put where man finds it. */
  static final List<Path> SYSTEM_MAN_PAGES =
      List.of(
          Path.of("/usr/share/man/man8/iovc.8.gz"),
          Path.of("/usr/share/man/man8/iovc.8"),
          Path.of("/usr/local/share/man/man8/iovc.8"),
          Path.of("/usr/local/share/man/man8/iovc.8.gz"),
          Path.of("/usr/local/man/man8/iovc.8"));

  /**
   * The unit's Documentation= value for this installation, or null: {@code man:iovc(8)} only when
   * man finds the page (`systemd-analyze verify` runs man on every man: reference), else the
   * installation's own page as a file: URI, else nothing.
   */
  public static String documentation(String home) {
    for (Path p : SYSTEM_MAN_PAGES) if (Files.isRegularFile(p)) return "man:iovc(8)";
    if (home != null && !home.isBlank()) {
      Path page = Path.of(home, "man", "man8", "iovc.8").toAbsolutePath().normalize();
      if (Files.isRegularFile(page) && invalidControl(page.toString()) == null)
        return fileUri(page).replace("%", "%%");
    }
    return null;
  }

  /**
   * A file: URI with every byte but {@code A-Za-z0-9-._~/} percent-encoded (systemd parses
   * Documentation= as quoted words: a {@code '} or {@code $} of the path must not reach it).
   */
  static String fileUri(Path absolute) {
    StringBuilder sb = new StringBuilder("file://");
    for (byte b : absolute.toString().getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') sb.append((char) c);
      else sb.append('%').append(String.format("%02X", c));
    }
    return sb.toString();
  }

  /** The unit the Debian package ships (its iovc(8) is in /usr/share/man). */
  public static String unit(String iovc) {
    return unit(iovc, "man:iovc(8)");
  }

  /**
   * The unit for {@code iovc} (an absolute path, see {@link #invalidExecutable}). The loop over
   * /etc/iov/*.conf needs a shell; the path is not part of the script but its first argument
   * ({@code "$1"}), one unit word quoted by {@link #execWord}, so no character of it reaches the
   * shell's parser or systemd's specifier and variable expansion.
   */
  public static String unit(String iovc, String documentation) {
    String bad = invalidExecutable(iovc);
    if (bad != null) throw new IllegalArgumentException(bad);
    return """
        # iovc.service: apply every /etc/iov/*.conf (iovctl.conf format) with iovc at boot,
        # before the network is configured. Written by `iovc install`.
        [Unit]
        Description=SR-IOV configuration from /etc/iov (iovc)
        %sDefaultDependencies=no
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
        # "$$1" is the iovc below (systemd turns $$ into $): the path never reaches the shell's parser
        ExecStart=/bin/sh -c 'rc=0; for f in /etc/iov/*.conf; do "$$1" compile --apply --backend linux "$$f" || rc=1; done; exit $$rc' iovc.service %s

        [Install]
        WantedBy=multi-user.target
        """
        .formatted(
            documentation == null ? "" : "Documentation=" + documentation + "\n", execWord(iovc));
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
    return install(root, iovc, documentation(System.getProperty("iovc.home")), nmUnmanaged);
  }

  /**
   * Writes the files under {@code root} with the unit's Documentation= given; returns their paths.
   */
  public static List<Path> install(
      Path root, String iovc, String documentation, boolean nmUnmanaged) throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(write(root.resolve(UNIT_PATH), unit(iovc, documentation)));
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
