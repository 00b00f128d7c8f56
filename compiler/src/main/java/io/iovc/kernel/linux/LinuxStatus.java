package io.iovc.kernel.linux;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.iovc.kernel.SriovStatus;
import io.iovc.kernel.SriovStatus.Consumer;
import io.iovc.kernel.SriovStatus.Kind;
import io.iovc.kernel.linux.LiveState.Bus;
import io.iovc.kernel.linux.LiveState.Pf;
import io.iovc.kernel.linux.LiveState.PfException;
import io.iovc.kernel.linux.LiveState.Snapshot;
import io.iovc.kernel.linux.Sysfs.SysfsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code iovc status} on Linux as records: every PF (or the ones named), its VFs from sysfs and
 * netlink, and who uses each VF (spec/operations.md §2):
 *
 * <ul>
 *   <li>its netdev is in the host's namespace ({@code /sys/bus/pci/devices/VF/net/*}): {@code
 *       host};
 *   <li>bound to {@code vfio-pci}: the process holding {@code /dev/vfio/GROUP} open (a {@code
 *       /proc/PID/fd/*} link; the group is the VF's {@code iommu_group} link), named by QEMU's
 *       {@code -name guest=NAME} when it has one: {@code vfio};
 *   <li>bound to a network driver but no netdev in the host's namespace: the network namespace
 *       whose {@code ip -j -d link show} lists a link with {@code "parentdev": VF} — first the
 *       named ones ({@code /run/netns}, what {@code ip netns} lists), then the namespaces of
 *       running processes ({@code /proc/PID/ns/net}, one per inode, the lowest pid; containers
 *       rarely name theirs): {@code netns}.
 * </ul>
 *
 * <p>{@code /proc} and {@code /run/netns} are read under the same root prefix as sysfs, so tests
 * build a fake tree; the commands run inside namespaces go through {@link Namespaces}.
 */
public final class LinuxStatus {
  private LinuxStatus() {}

  /** {@code ip -j -d link show} inside a network namespace. */
  public interface Namespaces {
    /** In the named namespace ({@code ip -n NAME -j -d link show}). */
    String linksOfNamed(String name) throws IOException;

    /** In the namespace of a process ({@code nsenter -t PID -n ip -j -d link show}). */
    String linksOfPid(long pid) throws IOException;

    /** iproute2 and util-linux's nsenter. */
    static Namespaces system() {
      String ip = System.getenv("IOVC_IP");
      if (ip == null || ip.isBlank()) ip = firstExecutable("ip");
      String nsenter = firstExecutable("nsenter");
      String ipBin = ip;
      return new Namespaces() {
        @Override
        public String linksOfNamed(String name) throws IOException {
          return run(List.of(ipBin, "-n", name, "-j", "-d", "link", "show"));
        }

        @Override
        public String linksOfPid(long pid) throws IOException {
          return run(
              List.of(nsenter, "-t", Long.toString(pid), "-n", ipBin, "-j", "-d", "link", "show"));
        }
      };
    }
  }

  /**
   * The inode of a {@code /proc/PID/ns/net} link's text {@code net:[4026531840]}, or null: written
   * out rather than as the regular expression {@code net:\\[([0-9]+)\\]}, which status would
   * compile at every start (the first one a run compiles sets up the JVM's lambda machinery).
   */
  static String nsInodeOf(String t) {
    if (!t.startsWith("net:[") || !t.endsWith("]") || t.length() < 7) return null;
    String digits = t.substring(5, t.length() - 1);
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') return null;
    }
    return digits;
  }

  /**
   * The PFs named ({@code eth0}, {@code 0000:05:00.0}, {@code netdevsim1}), or every SR-IOV PF when
   * {@code devices} is empty.
   */
  public static List<SriovStatus.Pf> read(LinuxHost h, Namespaces ns, List<String> devices)
      throws PfException, SysfsException, IOException {
    Sysfs sys = h.sysfs();
    List<Pf> pfs = new ArrayList<>();
    if (devices.isEmpty()) {
      for (String bdf : sys.list("/sys/bus/pci/devices")) {
        if (sys.exists("/sys/bus/pci/devices/" + bdf + "/sriov_totalvfs"))
          pfs.add(LiveState.findPf(sys, bdf));
      }
      for (String d : sys.list("/sys/bus/netdevsim/devices")) {
        if (sys.exists("/sys/bus/netdevsim/devices/" + d + "/sriov_numvfs"))
          pfs.add(LiveState.findPf(sys, d));
      }
    } else {
      for (String d : devices) pfs.add(LiveState.findPf(sys, d));
    }
    Finder finder = new Finder(sys, ns);
    List<SriovStatus.Pf> out = new ArrayList<>();
    for (Pf pf : pfs) {
      Snapshot s = LiveState.snapshot(sys, h.netlink(), pf);
      List<SriovStatus.Vf> vfs = new ArrayList<>();
      for (int i = 0; i < s.numVfs(); i++) vfs.add(vf(i, s, finder));
      List<String> notes = new ArrayList<>(finder.notes);
      finder.notes.clear();
      out.add(
          new SriovStatus.Pf(
              pf.netdev() != null ? pf.netdev() : pf.id(),
              pf.bus() == Bus.PCI ? pf.id() : null,
              pf.driver(),
              s.numVfs(),
              pf.totalVfs(),
              vfs,
              notes));
    }
    return out;
  }

  private static SriovStatus.Vf vf(int i, Snapshot s, Finder finder) {
    LiveState.Vf v = s.vf(i);
    Netlink.VfLink l = s.link(i);
    String netdev = v == null || v.netdevs().isEmpty() ? null : v.netdevs().get(0);
    Consumer consumer = null;
    if (netdev != null) {
      consumer = Consumer.host(netdev);
    } else if (v != null && v.bdf() != null && v.driver() != null) {
      if (v.driver().equals("vfio-pci")) {
        consumer = finder.vfioHolder(v.bdf());
      } else {
        Found f = finder.inNamespace(v.bdf());
        if (f != null) {
          consumer = f.consumer();
          netdev = f.ifname();
        }
      }
    }
    Integer vlan = l == null ? null : l.vlan();
    return new SriovStatus.Vf(
        i,
        v == null ? null : v.bdf(),
        v == null ? null : v.driver(),
        netdev,
        l == null ? null : l.mac(),
        vlan,
        l == null ? null : l.spoofchk(),
        l == null ? null : l.trust(),
        null,
        consumer);
  }

  /** A VF's netdev found in a namespace: who, and its name there. */
  record Found(Consumer consumer, String ifname) {}

  /** Reads /proc and the namespaces once, on the first VF that needs them. */
  private static final class Finder {
    final Sysfs sys;
    final Namespaces ns;
    final List<String> notes = new ArrayList<>();
    Map<String, Found> byParent;
    Map<String, Consumer> vfioByGroup;

    Finder(Sysfs sys, Namespaces ns) {
      this.sys = sys;
      this.ns = ns;
    }

    Found inNamespace(String bdf) {
      if (byParent == null) scanNamespaces();
      return byParent.get(bdf);
    }

    Consumer vfioHolder(String bdf) {
      String group = sys.linkName("/sys/bus/pci/devices/" + bdf + "/iommu_group");
      if (group == null) return null;
      if (vfioByGroup == null) scanVfio();
      return vfioByGroup.get(group);
    }

    private void scanNamespaces() {
      byParent = new LinkedHashMap<>();
      for (String name : sys.list("/run/netns")) {
        try {
          collect(ns.linksOfNamed(name), new Consumer(Kind.NETNS, name, null, null));
        } catch (IOException | IllegalArgumentException | JsonParseException e) {
          notes.add("cannot list the links of network namespace " + name + ": " + e.getMessage());
        }
      }
      String host = nsInode(1);
      Map<String, Long> firstPid = new TreeMap<>();
      for (long pid : pids()) {
        String ino = nsInode(pid);
        if (ino == null || ino.equals(host)) continue;
        firstPid.putIfAbsent(ino, pid);
      }
      for (long pid : firstPid.values()) {
        try {
          collect(ns.linksOfPid(pid), new Consumer(Kind.NETNS, comm(pid), pid, null));
        } catch (IOException | IllegalArgumentException | JsonParseException e) {
          notes.add(
              "cannot list the links in the network namespace of pid "
                  + pid
                  + ": "
                  + e.getMessage());
        }
      }
    }

    private void collect(String json, Consumer who) {
      if (!(JsonParser.parseString(json) instanceof JsonArray links)) return;
      for (JsonElement o : links) {
        if (!(o instanceof JsonObject link)) continue;
        if (!"pci".equals(IpNetlink.string(link.get("parentbus")))) continue;
        String dev = IpNetlink.string(link.get("parentdev"));
        String n = IpNetlink.string(link.get("ifname"));
        if (dev != null && n != null) byParent.putIfAbsent(dev, new Found(who, n));
      }
    }

    private void scanVfio() {
      vfioByGroup = new LinkedHashMap<>();
      for (long pid : pids()) {
        for (String fd : sys.list("/proc/" + pid + "/fd")) {
          String target = link("/proc/" + pid + "/fd/" + fd);
          if (target == null || !target.startsWith("/dev/vfio/")) continue;
          String group = target.substring("/dev/vfio/".length());
          if (group.equals("vfio") || vfioByGroup.containsKey(group)) continue;
          vfioByGroup.put(group, new Consumer(Kind.VFIO, vmName(pid), pid, null));
        }
      }
    }

    private List<Long> pids() {
      List<Long> out = new ArrayList<>();
      for (String p : sys.list("/proc")) if (p.matches("[0-9]+")) out.add(Long.parseLong(p));
      out.sort(null);
      return out;
    }

    private String nsInode(long pid) {
      String t = link("/proc/" + pid + "/ns/net");
      if (t == null) return null;
      return nsInodeOf(t);
    }

    private String link(String path) {
      try {
        return Files.readSymbolicLink(sys.resolve(path)).toString();
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return null;
      }
    }

    private String comm(long pid) {
      try {
        String c = sys.read("/proc/" + pid + "/comm");
        return c == null || c.isBlank() ? null : c.strip();
      } catch (SysfsException e) {
        return null;
      }
    }

    /** QEMU's {@code -name guest=NAME,…} or {@code -name NAME}, else the process's comm. */
    private String vmName(long pid) {
      try {
        Path p = sys.resolve("/proc/" + pid + "/cmdline");
        String[] argv = new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\0");
        for (int a = 0; a + 1 < argv.length; a++) {
          if (!argv[a].equals("-name")) continue;
          String v = argv[a + 1];
          for (String part : v.split(",")) {
            if (part.startsWith("guest=")) return part.substring("guest=".length());
          }
          if (!v.contains("=")) return v.split(",")[0];
        }
      } catch (IOException | SecurityException e) {
        // fall back to comm
      }
      return comm(pid);
    }
  }

  private static String firstExecutable(String name) {
    for (String d : List.of("/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/")) {
      if (Files.isExecutable(Path.of(d + name))) return d + name;
    }
    return name;
  }

  private static String run(List<String> cmd) throws IOException {
    Process p;
    try {
      p =
          new ProcessBuilder(cmd)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new IOException("cannot run " + cmd.get(0) + ": " + e.getMessage());
    }
    byte[] out;
    try {
      out = p.getInputStream().readAllBytes();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + ": no answer after 20 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted");
    }
    if (p.exitValue() != 0)
      throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + ")");
    return new String(out, StandardCharsets.UTF_8);
  }
}
