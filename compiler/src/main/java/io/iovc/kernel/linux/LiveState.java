package io.iovc.kernel.linux;

import io.iovc.kernel.linux.Netlink.VfLink;
import io.iovc.kernel.linux.Sysfs.SysfsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the kernel says about a PF and its VFs, read from sysfs and netlink: the model the planner
 * compares the file with, the snapshot an apply rolls back to, and what {@code iovc status} prints.
 *
 * <p>Two kinds of PF: a PCI function ({@code /sys/bus/pci/devices/BDF}, with {@code
 * sriov_totalvfs}, {@code sriov_drivers_autoprobe} and {@code virtfnN} links) and a netdevsim
 * device ({@code /sys/bus/netdevsim/devices/netdevsimN}: only {@code sriov_numvfs}, the limit in
 * debugfs {@code max_vfs}, VFs without PCI functions).
 */
public final class LiveState {
  private LiveState() {}

  /** The bus a PF lives on. */
  public enum Bus {
    PCI,
    NETDEVSIM
  }

  /**
   * A physical function.
   *
   * @param id the PCI address ({@code 0000:00:03.0}) or netdevsim device name ({@code netdevsim10})
   * @param dir its canonical sysfs directory, as written in plans ({@code /sys/bus/pci/devices/…})
   * @param netdev its network interface, or null (e.g. an NVMe controller)
   * @param driver the bound kernel driver, or null
   * @param totalVfs {@code sriov_totalvfs} (netdevsim: debugfs {@code max_vfs}), or null if unknown
   * @param numVfs {@code sriov_numvfs}, or null when the device cannot do SR-IOV
   * @param autoprobe {@code sriov_drivers_autoprobe}, or null (netdevsim has none)
   * @param vfOffset {@code sriov_offset}, or null
   * @param vfStride {@code sriov_stride}, or null
   */
  public record Pf(
      String id,
      Bus bus,
      String dir,
      String netdev,
      String driver,
      Integer totalVfs,
      Integer numVfs,
      Boolean autoprobe,
      Integer vfOffset,
      Integer vfStride) {
    public String numVfsPath() {
      return dir + "/sriov_numvfs";
    }

    public String autoprobePath() {
      return dir + "/sriov_drivers_autoprobe";
    }

    /** For messages: {@code eth0 (0000:00:03.0)} or {@code 0000:00:03.0}. */
    public String label() {
      return netdev == null ? id : netdev + " (" + id + ")";
    }

    /**
     * The PCI address VF {@code n} will have: routing ID = PF's + offset + stride × n ({@code
     * virtfn_bus}/{@code virtfn_devfn} in drivers/pci/iov.c); null when unknown.
     */
    public String predictedVfAddress(int n) {
      if (bus != Bus.PCI || vfOffset == null || vfStride == null) return null;
      String[] a = id.split("[:.]");
      if (a.length != 4) return null;
      int domain = Integer.parseInt(a[0], 16);
      int rid =
          (Integer.parseInt(a[1], 16) << 8)
              | (Integer.parseInt(a[2], 16) << 3)
              | Integer.parseInt(a[3], 16);
      rid += vfOffset + vfStride * n;
      return String.format(
          "%04x:%02x:%02x.%d", domain, (rid >> 8) & 0xff, (rid >> 3) & 0x1f, rid & 7);
    }

    /**
     * The devlink handle of the device ({@code devlink dev show}): {@code pci/BDF} for a PCI
     * function, {@code netdevsim/netdevsimN} for netdevsim (the bus name and the device name, as
     * devlink_nl_put_handle() in net/devlink puts DEVLINK_ATTR_BUS_NAME and _DEV_NAME).
     */
    public String devlinkHandle() {
      return (bus == Bus.PCI ? "pci/" : "netdevsim/") + id;
    }

    /** The lock file name under /run/iovc. */
    public String lockName() {
      return (bus == Bus.PCI ? "pci-" : "netdevsim-") + id;
    }
  }

  /**
   * A VF as sysfs shows it.
   *
   * @param bdf its PCI address, or null on netdevsim
   * @param driver its bound driver, or null
   * @param override its {@code driver_override}, "" when none
   * @param netdevs its network interfaces (none while unbound or bound to vfio-pci)
   * @param busy those of them that are in use: up ({@code IFF_UP}) or enslaved (a {@code master})
   */
  public record Vf(
      int index,
      String bdf,
      String driver,
      String override,
      List<String> netdevs,
      List<String> busy) {
    public Vf {
      netdevs = List.copyOf(netdevs);
      busy = List.copyOf(busy);
      override = override == null ? "" : override;
    }

    public Vf(int index, String bdf, String driver, String override, List<String> netdevs) {
      this(index, bdf, driver, override, netdevs, List.of());
    }

    public String dir() {
      return bdf == null ? null : "/sys/bus/pci/devices/" + bdf;
    }
  }

  /**
   * A PF with its VFs: sysfs view and netlink view (keyed by VF index), and the eswitch mode when
   * it was read (devlink; only when the file sets one, see {@link #withEswitch}), else null.
   */
  public record Snapshot(Pf pf, List<Vf> vfs, Map<Integer, VfLink> links, String eswitchMode) {
    public Snapshot {
      vfs = List.copyOf(vfs);
      links = Map.copyOf(links);
    }

    public Snapshot(Pf pf, List<Vf> vfs, Map<Integer, VfLink> links) {
      this(pf, vfs, links, null);
    }

    public int numVfs() {
      return pf.numVfs() == null ? 0 : pf.numVfs();
    }

    public Vf vf(int i) {
      return i < vfs.size() ? vfs.get(i) : null;
    }

    public VfLink link(int i) {
      return links.get(i);
    }
  }

  /** Why a PF could not be found or used. */
  public static final class PfException extends Exception {
    private static final long serialVersionUID = 1L;

    public PfException(String message) {
      super(message);
    }
  }

  /** A name for messages: whole when short, else its start and its length. */
  static String shown(String s) {
    return s.length() <= 64 ? s : s.substring(0, 40) + "...(" + s.length() + " characters)";
  }

  public static boolean looksLikePciAddress(String s) {
    // (?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7], written out: the first regular
    // expression a run compiles sets up the JVM's lambda machinery (RegexEquivalenceTest holds it
    // to it)
    int at;
    if (s.length() == 12) {
      if (!hex(s, 0, 4) || s.charAt(4) != ':') return false;
      at = 5;
    } else if (s.length() == 7) {
      at = 0;
    } else {
      return false;
    }
    return hex(s, at, 2)
        && s.charAt(at + 2) == ':'
        && hex(s, at + 3, 2)
        && s.charAt(at + 5) == '.'
        && s.charAt(at + 6) >= '0'
        && s.charAt(at + 6) <= '7';
  }

  private static boolean hex(String s, int from, int n) {
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
        return false;
    }
    return true;
  }

  /** Resolves {@code PF.device}: a netdev name, a PCI address, or a netdevsim device name. */
  public static Pf findPf(Sysfs sys, String device) throws PfException {
    String devDir;
    String netdev = null;
    if (device != null && device.indexOf('\0') >= 0) {
      // a C string ends there: the kernel would see a different, shorter name
      throw new PfException(
          "`"
              + shown(device.replace('\0', '\u2400'))
              + "` contains a NUL byte, which no"
              + " interface or device name can");
    }
    if (device != null && device.length() > 64) {
      throw new PfException(
          "`"
              + shown(device)
              + "` is too long to name a PF: an interface name has at most 15 bytes"
              + " (IFNAMSIZ 16 in include/uapi/linux/if.h), a PCI address 12 characters");
    }
    if (device == null
        || device.isEmpty()
        || device.contains("/")
        || device.equals(".")
        || device.equals("..")) {
      throw new PfException(
          "`" + (device == null ? "" : device) + "` is not a network interface or PCI address");
    }
    if (looksLikePciAddress(device)) {
      String bdf = device.indexOf(':') == device.lastIndexOf(':') ? "0000:" + device : device;
      bdf = bdf.toLowerCase(java.util.Locale.ROOT);
      devDir = sys.realPath("/sys/bus/pci/devices/" + bdf);
      if (devDir == null) throw new PfException("there is no PCI device " + bdf + " on this host");
    } else if (sys.exists("/sys/class/net/" + device)) {
      devDir = sys.realPath("/sys/class/net/" + device + "/device");
      if (devDir == null)
        throw new PfException(
            "network interface "
                + device
                + " has no device behind it (a virtual interface cannot have VFs)");
      netdev = device;
    } else if (sys.exists("/sys/bus/netdevsim/devices/" + device)) {
      devDir = sys.realPath("/sys/bus/netdevsim/devices/" + device);
    } else {
      throw new PfException(
          "there is no network interface or PCI device called `" + device + "` on this host");
    }
    String subsystem = sys.linkName(devDir + "/subsystem");
    String id = devDir.substring(devDir.lastIndexOf('/') + 1);
    Bus bus;
    String dir;
    if ("pci".equals(subsystem)) {
      bus = Bus.PCI;
      dir = "/sys/bus/pci/devices/" + id;
    } else if ("netdevsim".equals(subsystem)) {
      bus = Bus.NETDEVSIM;
      dir = "/sys/bus/netdevsim/devices/" + id;
    } else {
      throw new PfException(
          device
              + " is on the "
              + (subsystem == null ? "unknown" : subsystem)
              + " bus; iovc handles PCI and netdevsim devices");
    }
    if (netdev == null) {
      List<String> nets = sys.list(dir + "/net");
      netdev = nets.isEmpty() ? null : nets.get(0);
    }
    try {
      String driver = sys.linkName(dir + "/driver");
      Integer numVfs = sys.readInt(dir + "/sriov_numvfs");
      Integer total;
      Boolean autoprobe = null;
      Integer offset = null;
      Integer stride = null;
      if (bus == Bus.PCI) {
        total = sys.readInt(dir + "/sriov_totalvfs");
        Integer ap = sys.readInt(dir + "/sriov_drivers_autoprobe");
        autoprobe = ap == null ? null : ap != 0;
        offset = sys.readInt(dir + "/sriov_offset");
        stride = sys.readInt(dir + "/sriov_stride");
      } else {
        try {
          total = sys.readInt("/sys/kernel/debug/netdevsim/" + id + "/max_vfs");
        } catch (SysfsException e) {
          // debugfs is root's (mode 0700): without it the limit is unknown, the PF still is one
          if (!e.permissionDenied()) throw e;
          total = null;
        }
      }
      return new Pf(id, bus, dir, netdev, driver, total, numVfs, autoprobe, offset, stride);
    } catch (SysfsException e) {
      throw new PfException(e.getMessage());
    }
  }

  /** The PF again (after changes), by its canonical id. */
  public static Pf refresh(Sysfs sys, Pf pf) throws PfException {
    Pf p = findPf(sys, pf.id());
    // keep the interface the user named (a PF may have several netdevs)
    String netdev = pf.netdev() != null ? pf.netdev() : p.netdev();
    return new Pf(
        p.id(),
        p.bus(),
        p.dir(),
        netdev,
        p.driver(),
        p.totalVfs(),
        p.numVfs(),
        p.autoprobe(),
        p.vfOffset(),
        p.vfStride());
  }

  /** The VFs as sysfs lists them. */
  public static List<Vf> readVfs(Sysfs sys, Pf pf) throws SysfsException {
    List<Vf> out = new ArrayList<>();
    int n = pf.numVfs() == null ? 0 : pf.numVfs();
    for (int i = 0; i < n; i++) {
      if (pf.bus() != Bus.PCI) {
        out.add(new Vf(i, null, null, "", List.of()));
        continue;
      }
      String bdf = sys.linkName(pf.dir() + "/virtfn" + i);
      if (bdf == null) {
        out.add(new Vf(i, null, null, "", List.of()));
        continue;
      }
      String d = "/sys/bus/pci/devices/" + bdf;
      String override = sys.read(d + "/driver_override");
      if (override == null || override.equals("(null)")) override = "";
      List<String> nets = sys.list(d + "/net");
      List<String> busy = new ArrayList<>();
      for (String net : nets) {
        String flags = sys.read(d + "/net/" + net + "/flags");
        boolean up = false;
        try {
          up = flags != null && (Long.decode(flags.strip()) & 1) != 0; // IFF_UP
        } catch (NumberFormatException e) {
          up = true; // unreadable: assume it is in use
        }
        if (up || sys.exists(d + "/net/" + net + "/master")) busy.add(net);
      }
      out.add(new Vf(i, bdf, sys.linkName(d + "/driver"), override.strip(), nets, busy));
    }
    return out;
  }

  /**
   * The snapshot with the PF's eswitch mode read through devlink. Only applies that set a mode ask
   * for it: a {@code devlink} process per plan or status would cost every other user.
   */
  public static Snapshot withEswitch(Snapshot s, Devlink devlink) throws IOException {
    String mode = devlink.eswitchMode(s.pf().devlinkHandle());
    return new Snapshot(s.pf(), s.vfs(), s.links(), mode);
  }

  /** Everything about the PF: sysfs and, when it has a netdev, netlink. */
  public static Snapshot snapshot(Sysfs sys, Netlink nl, Pf pf) throws SysfsException, IOException {
    List<Vf> vfs = readVfs(sys, pf);
    Map<Integer, VfLink> links = new TreeMap<>();
    if (pf.netdev() != null && pf.numVfs() != null && pf.numVfs() > 0) {
      for (VfLink l : nl.read(pf.netdev())) links.put(l.vf(), l);
      // Never a partial picture: a VF without its settings would look unknown (`-`) in status
      // and be planned from scratch. An empty list means the driver reports none at all.
      if (!links.isEmpty() && links.size() != pf.numVfs()) {
        throw new IOException(
            pf.label()
                + " has "
                + pf.numVfs()
                + " VFs (sriov_numvfs) but netlink describes "
                + links.size()
                + "; read again when the VF count is stable");
      }
    }
    return new Snapshot(pf, vfs, links);
  }
}
