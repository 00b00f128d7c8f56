package io.iovc.kernel.linux;

import io.iovc.apply.ApplyRequest;
import io.iovc.apply.ApplyResult;
import io.iovc.apply.linux.LinuxApply;
import io.iovc.kernel.Outcome;
import io.iovc.kernel.linux.Netlink.VfLink;
import io.iovc.pipeline.Pipeline;
import io.iovc.schema.PluginRegistry;
import io.iovc.source.SourceText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A temporary sysfs-shaped directory that behaves like the kernel where iovc touches it: writing
 * {@code sriov_numvfs} creates or removes VFs (with the kernel's EBUSY/ERANGE/ENOMEM rules), {@code
 * driver_override}, {@code drivers_probe} and {@code unbind} bind and unbind drivers, and a fake
 * netlink keeps each VF's MAC, VLAN, spoofchk, trust, link state, rates and query_rss. Every change
 * is logged, so tests can see that a plan changed nothing and in which order an apply wrote.
 */
public final class FakeKernel {
  final Path root;
  final Sysfs sysfs;
  final Netlink netlink;
  final Devlink devlink;
  final List<String> log = new ArrayList<>();

  /**
   * Eswitch modes by devlink handle: every netdevsim device has one (legacy at first, as
   * nsim_dev_reload_create() starts it); a PCI PF only when a test gives it one ({@link #eswitch}).
   */
  final Map<String, String> eswitch = new LinkedHashMap<>();

  /** Writes or netlink requests matching this fail (with {@link #failWith}). */
  Predicate<String> failWhen = s -> false;

  String failWith = "Invalid argument";

  /** The driver a VF binds when probed without an override (null: none matches). */
  String nativeVfDriver = "iavf";

  /** netdevsim-like: numvfs above the limit is ENOMEM; PCI: ERANGE. */
  private final Map<String, Device> devices = new LinkedHashMap<>();

  /** VF state by PF netdev. */
  final Map<String, List<MutableVf>> links = new LinkedHashMap<>();

  /** A PF as the fake knows it. */
  static final class Device {
    final String id;
    final boolean pci;
    final String dir; // canonical /sys/devices/... path
    final String netdev;
    final int offset;
    int createdLimit = Integer.MAX_VALUE; // fewer VFs than asked (the XXV710 race)

    Device(String id, boolean pci, String dir, String netdev, int offset) {
      this.id = id;
      this.pci = pci;
      this.dir = dir;
      this.netdev = netdev;
      this.offset = offset;
    }
  }

  /** One VF's netlink attributes. */
  static final class MutableVf {
    String mac = "00:00:00:00:00:00";
    int vlan;
    int qos;
    String proto = "802.1Q";
    boolean spoofchk;
    boolean trust;
    String state = "auto";
    long min;
    long max;
    boolean rss;

    VfLink freeze(int i) {
      return new VfLink(i, mac, vlan, qos, proto, spoofchk, trust, state, min, max, rss);
    }
  }

  FakeKernel() throws IOException {
    root = Files.createTempDirectory("iovc-sysfs-");
    sysfs = new FakeSysfs(root);
    netlink = new FakeNetlink();
    devlink = new FakeDevlink();
    for (String d :
        List.of(
            "/sys/bus/pci/devices",
            "/sys/bus/pci/drivers/iavf",
            "/sys/bus/pci/drivers/nvme",
            "/sys/bus/pci/drivers/vfio-pci",
            "/sys/bus/pci/drivers/i40e",
            "/sys/class/net",
            "/sys/bus/netdevsim/devices",
            "/sys/bus/netdevsim/drivers/netdevsim")) {
      mkdirs(d);
    }
    for (String drv : List.of("iavf", "nvme", "vfio-pci", "i40e")) {
      file("/sys/bus/pci/drivers/" + drv + "/bind", "");
      file("/sys/bus/pci/drivers/" + drv + "/unbind", "");
    }
    file("/sys/bus/pci/drivers_probe", "");
  }

  public LinuxHost host() {
    return new LinuxHost(
        sysfs,
        netlink,
        root.resolve("run/iovc"),
        Duration.ofMillis(300),
        LinuxHost.Injection.NONE,
        root.resolve("run/iovc"),
        devlink);
  }

  /** Gives the PCI PF {@code bdf} a devlink eswitch in {@code mode} (mlx5- or ice-like). */
  FakeKernel eswitch(String bdf, String mode) {
    eswitch.put("pci/" + bdf, mode);
    return this;
  }

  // ------------------------------------------------------------------ building the machine

  /** A netdevsim device {@code netdevsimN} with netdev {@code netdev} and a VF limit. */
  FakeKernel netdevsim(int n, String netdev, int maxVfs) {
    String id = "netdevsim" + n;
    String dir = "/sys/devices/" + id;
    mkdirs(dir + "/net/" + netdev);
    file(dir + "/sriov_numvfs", "0\n");
    link(dir + "/driver", "../../bus/netdevsim/drivers/netdevsim");
    link(dir + "/subsystem", "../../bus/netdevsim");
    link(dir + "/net/" + netdev + "/device", "../../../" + id);
    link("/sys/bus/netdevsim/devices/" + id, "../../../devices/" + id);
    link("/sys/class/net/" + netdev, "../../devices/" + id + "/net/" + netdev);
    file("/sys/kernel/debug/netdevsim/" + id + "/max_vfs", maxVfs + "\n");
    devices.put(dir, new Device(id, false, dir, netdev, 0));
    links.put(netdev, new ArrayList<>());
    eswitch.put("netdevsim/" + id, "legacy");
    return this;
  }

  /** A PCI PF at {@code 0000:00:BB.0} bound to {@code driver}, with a netdev or not. */
  FakeKernel pciPf(String bdf, String driver, String netdev, int totalVfs) {
    String dir = "/sys/devices/pci0000:00/" + bdf;
    mkdirs(dir);
    file(dir + "/sriov_totalvfs", totalVfs + "\n");
    file(dir + "/sriov_numvfs", "0\n");
    file(dir + "/sriov_drivers_autoprobe", "1\n");
    file(dir + "/sriov_offset", "1\n");
    file(dir + "/sriov_stride", "1\n");
    file(dir + "/driver_override", "(null)\n");
    if (driver != null) link(dir + "/driver", "../../../bus/pci/drivers/" + driver);
    link(dir + "/subsystem", "../../../bus/pci");
    link("/sys/bus/pci/devices/" + bdf, "../../../devices/pci0000:00/" + bdf);
    if (netdev != null) {
      mkdirs(dir + "/net/" + netdev);
      link(dir + "/net/" + netdev + "/device", "../../../" + bdf);
      link("/sys/class/net/" + netdev, "../../devices/pci0000:00/" + bdf + "/net/" + netdev);
      links.put(netdev, new ArrayList<>());
    }
    devices.put(dir, new Device(bdf, true, dir, netdev, 1));
    return this;
  }

  Device device(String id) {
    for (Device d : devices.values()) if (d.id.equals(id)) return d;
    throw new IllegalArgumentException(id);
  }

  /** Sets VF attributes behind iovc's back (as an admin with ip would). */
  MutableVf vf(String netdev, int i) {
    return links.get(netdev).get(i);
  }

  String read(String sysPath) {
    try {
      return Files.readString(sysfs.resolve(sysPath), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return null;
    }
  }

  /** Everything iovc can observe, as text: for "exactly as before" comparisons. */
  public String dump() {
    StringBuilder sb = new StringBuilder();
    for (Device d : devices.values()) {
      sb.append(d.id).append(" numvfs=").append(read(d.dir + "/sriov_numvfs"));
      if (d.pci) sb.append(" autoprobe=").append(read(d.dir + "/sriov_drivers_autoprobe"));
      // netdevsim's own legacy mode is left out: the documents written before devlink stay as
      // they were
      String mode = eswitch.get((d.pci ? "pci/" : "netdevsim/") + d.id);
      if (mode != null && (d.pci || !mode.equals("legacy"))) sb.append(" eswitch=").append(mode);
      sb.append('\n');
      int n = Integer.parseInt(read(d.dir + "/sriov_numvfs"));
      for (int i = 0; i < n; i++) {
        if (d.pci) {
          String bdf = sysfs.linkName(d.dir + "/virtfn" + i);
          String vdir = "/sys/bus/pci/devices/" + bdf;
          sb.append("  vf")
              .append(i)
              .append(' ')
              .append(bdf)
              .append(" driver=")
              .append(sysfs.linkName(vdir + "/driver"))
              .append(" override=")
              .append(read(vdir + "/driver_override"))
              .append(" net=")
              .append(sysfs.list(vdir + "/net"))
              .append('\n');
        }
        if (d.netdev != null)
          sb.append("  link")
              .append(i)
              .append(' ')
              .append(links.get(d.netdev).get(i).freeze(i))
              .append('\n');
      }
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ kernel behaviour

  private final class FakeSysfs extends Sysfs {
    FakeSysfs(Path root) {
      super(root);
    }

    @Override
    public void write(String sysPath, String value) throws SysfsException {
      String v = value.strip();
      String entry = "write " + sysPath + " " + (v.isEmpty() ? "\"\"" : v);
      if (failWhen.test(entry)) throw new SysfsException(sysPath, "write `" + v + "` to", failWith);
      String real = realPath(sysPath);
      if (real == null)
        throw new SysfsException(sysPath, "write `" + v + "` to", "No such file or directory");
      log.add(entry);
      String parent = real.substring(0, real.lastIndexOf('/'));
      String name = real.substring(real.lastIndexOf('/') + 1);
      if (name.equals("sriov_numvfs")) {
        numvfs(devices.get(parent), sysPath, v);
      } else if (name.equals("driver_override")) {
        super.write(sysPath, v.isEmpty() ? "(null)\n" : v + "\n");
      } else if (real.equals("/sys/bus/pci/drivers_probe")) {
        probe(v);
      } else if (name.equals("unbind")) {
        String drv = parent.substring(parent.lastIndexOf('/') + 1);
        String dev = "/sys/bus/pci/devices/" + v;
        if (!drv.equals(linkName(dev + "/driver")))
          throw new SysfsException(sysPath, "write `" + v + "` to", "No such device");
        unbindVf(v);
      } else if (name.equals("sriov_drivers_autoprobe")) {
        if (!v.equals("0") && !v.equals("1"))
          throw new SysfsException(sysPath, "write", "Invalid argument");
        super.write(sysPath, v + "\n");
      } else {
        super.write(sysPath, value);
      }
    }

    private void numvfs(Device d, String sysPath, String v) throws SysfsException {
      int n;
      try {
        n = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new SysfsException(sysPath, "write", "Invalid argument");
      }
      int cur = Integer.parseInt(read(d.dir + "/sriov_numvfs"));
      int limit =
          Integer.parseInt(
              d.pci
                  ? read(d.dir + "/sriov_totalvfs")
                  : read("/sys/kernel/debug/netdevsim/" + d.id + "/max_vfs"));
      if (d.pci && n > limit)
        throw new SysfsException(sysPath, "write", "Numerical result out of range");
      if (n == cur) return;
      if (cur != 0 && n != 0) throw new SysfsException(sysPath, "write", "Device or resource busy");
      if (!d.pci && n > limit) throw new SysfsException(sysPath, "write", "Cannot allocate memory");
      if (n == 0) {
        for (int i = 0; i < cur; i++) {
          if (d.pci) {
            String bdf = linkName(d.dir + "/virtfn" + i);
            deleteTree(resolve("/sys/devices/pci0000:00/" + bdf));
            deleteTree(resolve("/sys/bus/pci/devices/" + bdf));
            deleteTree(resolve(d.dir + "/virtfn" + i));
          }
        }
        if (d.netdev != null) links.get(d.netdev).clear();
        // netdevsim's nsim_drv_configure_vfs(): no VFs, no switchdev
        if (!d.pci) eswitch.put("netdevsim/" + d.id, "legacy");
        super.write(sysPath, "0\n");
        return;
      }
      int made = Math.min(n, d.createdLimit);
      boolean autoprobe = d.pci && "1".equals(read(d.dir + "/sriov_drivers_autoprobe"));
      for (int i = 0; i < made; i++) {
        if (d.pci) {
          String bdf = vfAddress(d.id, d.offset + i);
          String vdir = "/sys/devices/pci0000:00/" + bdf;
          mkdirs(vdir);
          file(vdir + "/driver_override", "(null)\n");
          link(vdir + "/physfn", "../" + d.id);
          link(vdir + "/subsystem", "../../../bus/pci");
          link("/sys/bus/pci/devices/" + bdf, "../../../devices/pci0000:00/" + bdf);
          link(d.dir + "/virtfn" + i, "../" + bdf);
          if (autoprobe && nativeVfDriver != null) bindVf(bdf, nativeVfDriver);
        }
        if (d.netdev != null) links.get(d.netdev).add(new MutableVf());
      }
      super.write(sysPath, made + "\n");
    }

    private void probe(String bdf) throws SysfsException {
      String dev = "/sys/bus/pci/devices/" + bdf;
      if (!exists(dev))
        throw new SysfsException("/sys/bus/pci/drivers_probe", "write", "No such device");
      if (linkName(dev + "/driver") != null) return;
      String ov = read(dev + "/driver_override");
      if (ov != null && !ov.equals("(null)")) {
        if (exists("/sys/bus/pci/drivers/" + ov)) bindVf(bdf, ov);
        return;
      }
      // pci_device_can_probe: a VF without driver_override probes only while its PF's
      // sriov_drivers_autoprobe is on
      if (!"1".equals(read(dev + "/physfn/sriov_drivers_autoprobe"))) return;
      if (nativeVfDriver != null) bindVf(bdf, nativeVfDriver);
    }

    private void bindVf(String bdf, String driver) {
      String vdir = "/sys/devices/pci0000:00/" + bdf;
      link(vdir + "/driver", "../../../bus/pci/drivers/" + driver);
      if (!driver.equals("vfio-pci"))
        mkdirs(
            vdir
                + "/net/ens"
                + Integer.parseInt(bdf.substring(8, 10), 16)
                + "v"
                + bdf.charAt(bdf.length() - 1));
    }

    private void unbindVf(String bdf) {
      String vdir = "/sys/devices/pci0000:00/" + bdf;
      deleteTree(resolve(vdir + "/driver"));
      deleteTree(resolve(vdir + "/net"));
    }
  }

  /** How many request batches netlink got (one per run of netlink steps on a PF). */
  int batches;

  private final class FakeNetlink implements Netlink {
    @Override
    public void setAll(String pf, List<VfRequest> requests) throws BatchFailure {
      batches++;
      Netlink.super.setAll(pf, requests);
    }

    @Override
    public List<VfLink> read(String pf) throws IOException {
      List<MutableVf> l = links.get(pf);
      if (l == null) throw new IOException("Device \"" + pf + "\" does not exist.");
      List<VfLink> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) out.add(l.get(i).freeze(i));
      return out;
    }

    @Override
    public void set(String pf, int vf, List<String> args) throws IOException {
      String entry = "ip link set dev " + pf + " vf " + vf + " " + String.join(" ", args);
      if (failWhen.test(entry)) throw new IOException("RTNETLINK answers: " + failWith);
      List<MutableVf> l = links.get(pf);
      if (l == null) throw new IOException("Cannot find device \"" + pf + "\"");
      if (vf >= l.size()) throw new IOException("RTNETLINK answers: Invalid argument");
      log.add(entry);
      MutableVf m = l.get(vf);
      for (int i = 0; i < args.size(); i += 2) {
        String k = args.get(i);
        String v = args.get(i + 1);
        switch (k) {
          case "mac" -> m.mac = v;
          case "vlan" -> {
            m.vlan = Integer.parseInt(v);
            m.qos = 0;
            m.proto = "802.1Q";
          }
          case "qos" -> m.qos = Integer.parseInt(v);
          case "proto" -> m.proto = v;
          case "spoofchk" -> m.spoofchk = v.equals("on");
          case "trust" -> m.trust = v.equals("on");
          case "state" -> m.state = v;
          case "min_tx_rate" -> m.min = Long.parseLong(v);
          case "max_tx_rate" -> m.max = Long.parseLong(v);
          case "query_rss" -> m.rss = v.equals("on");
          default -> throw new IOException("ip: unknown vf argument " + k);
        }
      }
    }
  }

  /** devlink's eswitch: a mode per handle; a device without one answers EOPNOTSUPP. */
  private final class FakeDevlink implements Devlink {
    @Override
    public String eswitchMode(String handle) throws IOException {
      String m = eswitch.get(handle);
      if (m == null) throw new IOException("devlink answers: Operation not supported");
      return m;
    }

    @Override
    public void setEswitchMode(String handle, String mode) throws IOException {
      String entry = "devlink dev eswitch set " + handle + " mode " + mode;
      if (failWhen.test(entry)) throw new IOException("Error: devlink answers: " + failWith);
      if (!eswitch.containsKey(handle))
        throw new IOException("devlink answers: Operation not supported");
      log.add(entry);
      eswitch.put(handle, mode);
    }
  }

  /** PF address + routing-ID offset, as drivers/pci/iov.c computes it (stride 1). */
  static String vfAddress(String pf, int offset) {
    String[] a = pf.split("[:.]");
    int rid =
        (Integer.parseInt(a[1], 16) << 8)
            | (Integer.parseInt(a[2], 16) << 3)
            | Integer.parseInt(a[3], 16);
    rid += offset;
    return String.format("%s:%02x:%02x.%d", a[0], (rid >> 8) & 0xff, (rid >> 3) & 0x1f, rid & 7);
  }

  // ------------------------------------------------------------------ files

  void mkdirs(String sysPath) {
    try {
      Files.createDirectories(sysfs.resolve(sysPath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void file(String sysPath, String content) {
    try {
      Path p = sysfs.resolve(sysPath);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void link(String sysPath, String target) {
    try {
      Path p = sysfs.resolve(sysPath);
      Files.createDirectories(p.getParent());
      Files.deleteIfExists(p);
      Files.createSymbolicLink(p, Path.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void deleteTree(Path p) {
    try {
      if (Files.isSymbolicLink(p) || !Files.isDirectory(p)) {
        Files.deleteIfExists(p);
        return;
      }
      try (var s = Files.list(p)) {
        for (Path c : s.toList()) deleteTree(c);
      }
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void close() {
    deleteTree(root);
  }

  /**
   * Builds a machine from directives (the {@code # machine:} lines of a golden case): {@code
   * netdevsim N NETDEV MAX}, {@code pci BDF DRIVER NETDEV|- TOTALVFS}, {@code native-vf-driver
   * NAME|-}, {@code eswitch BDF MODE} (a PCI PF with a devlink eswitch), {@code devlink dev eswitch
   * set HANDLE mode MODE}, {@code echo VALUE > PATH}, {@code ip link set dev PF vf N ARGS…}, {@code
   * rm PATH}, and {@code apply} (applies {@code conf} first, as iovc would).
   */
  public static FakeKernel machine(
      List<String> directives, Path conf, io.iovc.schema.PluginRegistry registry) throws Exception {
    FakeKernel k = new FakeKernel();
    for (String d : directives) {
      String[] w = d.trim().split("\\s+");
      switch (w[0]) {
        case "netdevsim" -> k.netdevsim(Integer.parseInt(w[1]), w[2], Integer.parseInt(w[3]));
        case "pci" ->
            k.pciPf(
                w[1],
                w[2].equals("-") ? null : w[2],
                w[3].equals("-") ? null : w[3],
                Integer.parseInt(w[4]));
        case "native-vf-driver" -> k.nativeVfDriver = w[1].equals("-") ? null : w[1];
        case "eswitch" -> k.eswitch(w[1], w[2]);
        case "devlink" -> k.devlink.setEswitchMode(w[4], w[6]);
        case "echo" -> k.sysfs.write(w[3], w[1]);
        case "ip" -> k.netlink.set(w[4], Integer.parseInt(w[6]), List.of(w).subList(7, w.length));
        case "rm" -> deleteTree(k.sysfs.resolve(w[1]));
        case "apply" -> {
          byte[] bytes = Files.readAllBytes(conf);
          var r =
              new LinuxApply(k.host())
                  .apply(
                      new io.iovc.apply.ApplyRequest(
                          conf,
                          new io.iovc.source.SourceText(conf.toString(), bytes),
                          registry,
                          null,
                          io.iovc.pipeline.Pipeline.DEFAULT_MAX_CONFIG,
                          false,
                          null));
          if (r.outcome() != Outcome.OK)
            throw new IllegalStateException(
                "setup apply failed: " + r.messages() + " " + r.diagnostics());
        }
        case "refuse" -> {
          String pattern = d.trim().substring("refuse ".length());
          k.failWhen = s -> s.contains(pattern);
        }
        case "cmd", "inject" -> {}
        default -> throw new IllegalArgumentException("unknown machine directive: " + d);
      }
    }
    k.log.clear();
    return k;
  }

  public List<String> log() {
    return log;
  }

  /**
   * {@code iovc compile --apply t.conf} of {@code text} on {@code host} through the apply layer,
   * progress discarded (the tests of the apply cycle and of its journal share it).
   */
  static ApplyResult applyText(
      LinuxHost host,
      PluginRegistry registry,
      String text,
      boolean replace,
      boolean rollbackInterrupted) {
    return new LinuxApply(host)
        .apply(
            new ApplyRequest(
                Path.of("t.conf"),
                SourceText.of("t.conf", text),
                registry,
                null,
                Pipeline.DEFAULT_MAX_CONFIG,
                replace,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                rollbackInterrupted));
  }

  /** A result's messages, one a line (for assertion messages). */
  static String messages(ApplyResult r) {
    return String.join("\n", r.messages());
  }
}
