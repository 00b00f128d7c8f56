package io.iovc.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.kernel.SriovStatus;
import io.iovc.kernel.SriovStatus.Consumer;
import io.iovc.kernel.SriovStatus.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linux consumers over a fake /sys, /proc and /run/netns: an i40e PF with five VFs — one moved into
 * the named namespace {@code blue}, one on vfio-pci held by a QEMU, one on the host, one in a
 * container's unnamed namespace, one unbound.
 */
class LinuxStatusTest {
  @TempDir Path root;

  final List<String> asked = new ArrayList<>();

  static final String BLUE =
      "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\"],\"mtu\":65536},"
          + "{\"ifindex\":9,\"ifname\":\"eth1\",\"mtu\":1500,\"address\":\"02:00:00:00:00:01\","
          + "\"parentbus\":\"pci\",\"parentdev\":\"0000:05:02.0\"}]";
  static final String CONTAINER =
      "[{\"ifindex\":1,\"ifname\":\"lo\"},{\"ifindex\":3,\"ifname\":\"eth0\","
          + "\"parentbus\":\"pci\",\"parentdev\":\"0000:05:02.3\"},"
          + "{\"ifindex\":4,\"ifname\":\"usb0\",\"parentbus\":\"usb\",\"parentdev\":\"0000:05:02.4\"}]";

  LinuxStatus.Namespaces ns =
      new LinuxStatus.Namespaces() {
        @Override
        public String linksOfNamed(String name) throws IOException {
          asked.add("netns " + name);
          if (name.equals("blue")) return BLUE;
          throw new IOException("Cannot open network namespace \"" + name + "\"");
        }

        @Override
        public String linksOfPid(long pid) throws IOException {
          asked.add("pid " + pid);
          if (pid == 4242) return CONTAINER;
          throw new IOException("nsenter: no such process");
        }
      };

  Netlink netlink =
      new Netlink() {
        @Override
        public List<Netlink.VfLink> read(String pf) {
          List<Netlink.VfLink> out = new ArrayList<>();
          for (int i = 0; i < 5; i++)
            out.add(
                new Netlink.VfLink(
                    i,
                    "02:00:00:00:00:0" + (i + 1),
                    i == 2 ? 100 : 0,
                    0,
                    null,
                    true,
                    i == 1,
                    "auto",
                    0,
                    0,
                    null));
          return out;
        }

        @Override
        public void set(String pf, int vf, List<String> args) {
          throw new AssertionError("status must not change anything");
        }
      };

  void file(String path, String content) throws IOException {
    Path p = root.resolve(path.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  void link(String path, String target) throws IOException {
    Path p = root.resolve(path.substring(1));
    Files.createDirectories(p.getParent());
    Files.createSymbolicLink(p, Path.of(target));
  }

  void dir(String path) throws IOException {
    Files.createDirectories(root.resolve(path.substring(1)));
  }

  LinuxHost machine() throws IOException {
    String pf = "/sys/bus/pci/devices/0000:05:00.0";
    link(pf + "/subsystem", "../../../bus/pci");
    link(pf + "/driver", "../../../bus/pci/drivers/i40e");
    file(pf + "/sriov_numvfs", "5\n");
    file(pf + "/sriov_totalvfs", "64\n");
    file(pf + "/sriov_drivers_autoprobe", "1\n");
    dir(pf + "/net/enp5s0f0");
    link("/sys/class/net/enp5s0f0/device", "../../../bus/pci/devices/0000:05:00.0");
    String[] drivers = {"iavf", "vfio-pci", "iavf", "iavf", null};
    for (int i = 0; i < 5; i++) {
      String bdf = "0000:05:02." + i;
      String vf = "/sys/bus/pci/devices/" + bdf;
      link(pf + "/virtfn" + i, "../" + bdf);
      link(vf + "/subsystem", "../../../bus/pci");
      if (drivers[i] != null) link(vf + "/driver", "../../../bus/pci/drivers/" + drivers[i]);
      dir(vf + "/net");
      link(vf + "/iommu_group", "../../../kernel/iommu_groups/" + (40 + i));
    }
    dir("/sys/bus/pci/devices/0000:05:02.2/net/enp5s0f0v2");
    // a PCI device without SR-IOV is not listed without arguments
    link("/sys/bus/pci/devices/0000:00:1f.6/subsystem", "../../../bus/pci");
    // named namespaces
    file("/run/netns/blue", "");
    file("/run/netns/stale", "");
    // processes: init (host namespace), a container (two processes, one namespace), a QEMU
    link("/proc/1/ns/net", "net:[4026531840]");
    file("/proc/1/comm", "systemd\n");
    link("/proc/4242/ns/net", "net:[4026532300]");
    file("/proc/4242/comm", "lxc-init\n");
    link("/proc/4250/ns/net", "net:[4026532300]");
    link("/proc/812/ns/net", "net:[4026531840]");
    link("/proc/812/fd/0", "socket:[51234]");
    link("/proc/812/fd/17", "/dev/vfio/vfio");
    link("/proc/812/fd/18", "/dev/vfio/41");
    file("/proc/812/comm", "qemu-system-x86\n");
    file(
        "/proc/812/cmdline",
        "/usr/bin/qemu-system-x86_64\0-name\0guest=web1,debug-threads=on\0-m\0002048\0");
    return new LinuxHost(
        new Sysfs(root), netlink, root.resolve("run/iovc"), Duration.ofSeconds(1), null);
  }

  @Test
  void everyConsumer() throws Exception {
    List<SriovStatus.Pf> pfs = LinuxStatus.read(machine(), ns, List.of());
    assertEquals(1, pfs.size(), "only the PF with sriov_totalvfs");
    SriovStatus.Pf pf = pfs.get(0);
    assertEquals("enp5s0f0", pf.device());
    assertEquals("0000:05:00.0", pf.pci());
    assertEquals("i40e", pf.driver());
    assertEquals(5, pf.numVfs());
    assertEquals(64, pf.totalVfs());
    List<SriovStatus.Vf> v = pf.vfs();

    assertEquals(new Consumer(Kind.NETNS, "blue", null, null), v.get(0).consumer());
    assertEquals("eth1", v.get(0).netdev(), "its name inside the namespace");
    assertEquals("02:00:00:00:00:01", v.get(0).mac());

    assertEquals(new Consumer(Kind.VFIO, "web1", 812L, null), v.get(1).consumer());
    assertEquals("vfio-pci", v.get(1).driver());
    assertEquals(Boolean.TRUE, v.get(1).trust());

    assertEquals(Consumer.host("enp5s0f0v2"), v.get(2).consumer());
    assertEquals(100, v.get(2).vlan());

    assertEquals(new Consumer(Kind.NETNS, "lxc-init", 4242L, null), v.get(3).consumer());
    assertEquals("eth0", v.get(3).netdev());

    assertNull(v.get(4).consumer(), "unbound: nobody");
    assertNull(v.get(4).driver());

    assertEquals(
        List.of("netns blue", "netns stale", "pid 4242"),
        asked,
        "each namespace asked once: the host's and a second pid of the container's are skipped");
    assertEquals(1, pf.notes().size(), pf.notes().toString());
    assertTrue(pf.notes().get(0).contains("stale"), pf.notes().toString());
  }

  @Test
  void unheldVfioGroupHasNoConsumer() throws Exception {
    LinuxHost h = machine();
    Files.delete(root.resolve("proc/812/fd/18"));
    SriovStatus.Pf pf = LinuxStatus.read(h, ns, List.of("enp5s0f0")).get(0);
    assertNull(pf.vfs().get(1).consumer());
  }

  @Test
  void qemuWithoutGuestKeyword() throws Exception {
    LinuxHost h = machine();
    Files.writeString(
        root.resolve("proc/812/cmdline"), "qemu-system-x86_64\0-name\0router\0-m\0512\0");
    SriovStatus.Pf pf = LinuxStatus.read(h, ns, List.of("0000:05:00.0")).get(0);
    assertEquals(new Consumer(Kind.VFIO, "router", 812L, null), pf.vfs().get(1).consumer());
  }

  @Test
  void noNamespaceQueriedWhenEveryVfIsOnTheHost() throws Exception {
    LinuxHost h = machine();
    for (int i : new int[] {0, 3})
      Files.createDirectories(root.resolve("sys/bus/pci/devices/0000:05:02." + i + "/net/v" + i));
    SriovStatus.Pf pf = LinuxStatus.read(h, ns, List.of("enp5s0f0")).get(0);
    assertEquals(Consumer.host("v0"), pf.vfs().get(0).consumer());
    assertEquals(List.of(), asked);
  }
}
