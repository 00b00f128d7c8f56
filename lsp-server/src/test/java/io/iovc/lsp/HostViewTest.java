package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.iovc.apply.linux.LinuxApply;
import io.iovc.kernel.linux.LinuxHost;
import io.iovc.kernel.linux.Netlink;
import io.iovc.kernel.linux.Sysfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code lens's view of the host through the real {@link LinuxApply} (what {@code iovc diff}
 * runs), over a sysfs-shaped directory holding one netdevsim PF: nothing unless live checks are on
 * and the host has the file's PF; then the PF's VF limit and whether it matches the file.
 */
class HostViewTest {
  @TempDir Path root;

  private void file(String p, String text) throws IOException {
    Path f = root.resolve(p.substring(1));
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private void link(String p, String target) throws IOException {
    Path f = root.resolve(p.substring(1));
    Files.createDirectories(f.getParent());
    Files.createSymbolicLink(f, Path.of(target));
  }

  /** netdevsim0 with the interface eni0 and at most 8 VFs, as the kernel lays it out. */
  private LinuxHost host(AtomicInteger netlinkReads) throws IOException {
    String dir = "/sys/devices/netdevsim0";
    Files.createDirectories(root.resolve("sys/bus/netdevsim/drivers/netdevsim"));
    Files.createDirectories(root.resolve("sys/devices/netdevsim0/net/eni0"));
    file(dir + "/sriov_numvfs", "0\n");
    link(dir + "/driver", "../../bus/netdevsim/drivers/netdevsim");
    link(dir + "/subsystem", "../../bus/netdevsim");
    link(dir + "/net/eni0/device", "../../../netdevsim0");
    link("/sys/bus/netdevsim/devices/netdevsim0", "../../../devices/netdevsim0");
    link("/sys/class/net/eni0", "../../devices/netdevsim0/net/eni0");
    file("/sys/kernel/debug/netdevsim/netdevsim0/max_vfs", "8\n");
    Netlink nl =
        new Netlink() {
          @Override
          public List<VfLink> read(String pf) {
            netlinkReads.incrementAndGet();
            return List.of();
          }

          @Override
          public void set(String pf, int vf, List<String> args) throws IOException {
            throw new IOException("the code lens must not change anything");
          }
        };
    return new LinuxHost(
        new Sysfs(root), nl, root.resolve("run"), Duration.ofMillis(100), LinuxHost.Injection.NONE);
  }

  private static Analysis analysis(String uri, int version, String text, Settings s) {
    return Analysis.of(
        uri,
        version,
        uri,
        text,
        java.util.Map.of(),
        Fixture.PLUGINS,
        null,
        s.driver,
        Positions.Encoding.UTF16);
  }

  @Test
  void theHostsPfAndItsDrift() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    LinuxHost h = host(reads);
    Settings s = Fixture.settings();
    AtomicInteger asked = new AtomicInteger();
    HostView v =
        new HostView.Linux(
            s,
            Fixture.PLUGINS,
            () -> {
              asked.incrementAndGet();
              return new LinuxApply(h);
            },
            0);
    String text = "PF {\n\tdevice = \"eni0\";\n\tnum_vfs = 2;\n}\n";
    Analysis a = analysis("file:///etc/iov/eni0.conf", 1, text, s);
    // live checks are off by default: the host is not even asked
    assertNull(v.look(a));
    assertEquals(0, asked.get());

    s.liveChecks = true;
    HostView.Host got = v.look(a);
    assertEquals("eni0 = netdevsim0", got.pf());
    assertEquals(8, got.totalVfs());
    assertEquals("live: eni0 = netdevsim0 differs (1 difference): iovc diff", got.drift());
    assertEquals(
        List.of("2 of 8 VFs (the most eni0 = netdevsim0 has)", "live: " + got.drift().substring(6)),
        CodeLenses.lenses(a, got).stream()
            .map(l -> l.getCommand().getTitle())
            .filter(t -> !t.startsWith("no driver schema"))
            .toList());

    // the kernel now has the file's two VFs: in sync
    file("/sys/devices/netdevsim0/sriov_numvfs", "2\n");
    assertEquals("live: eni0 = netdevsim0 matches the file", v.look(a).drift());
    assertEquals(1, reads.get(), "VF attributes read through netlink once VFs exist");

    // a PF this host does not have: no lens about the host
    assertNull(v.look(analysis("file:///etc/iov/x.conf", 1, text.replace("eni0", "eth9"), s)));
    // a file with errors is not compared
    Analysis broken = analysis("file:///etc/iov/b.conf", 1, text.replace("2;", "two;"), s);
    assertEquals("live: not compared while the file has errors", v.look(broken).drift());
  }

  @Test
  void askedOncePerVersionWithinTheTtl() throws Exception {
    LinuxHost h = host(new AtomicInteger());
    Settings s = Fixture.settings();
    s.liveChecks = true;
    AtomicInteger asked = new AtomicInteger();
    HostView v =
        new HostView.Linux(
            s,
            Fixture.PLUGINS,
            () -> {
              asked.incrementAndGet();
              return new LinuxApply(h);
            },
            60_000);
    String text = "PF {\n\tdevice = \"eni0\";\n\tnum_vfs = 2;\n}\n";
    Analysis a1 = analysis("file:///etc/iov/eni0.conf", 1, text, s);
    v.look(a1);
    v.look(a1);
    assertEquals(1, asked.get());
    v.look(analysis("file:///etc/iov/eni0.conf", 2, text, s));
    assertEquals(2, asked.get(), "a new version is compared again");
  }
}
