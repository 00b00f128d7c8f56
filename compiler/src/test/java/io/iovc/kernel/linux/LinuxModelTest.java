package io.iovc.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParseException;
import io.iovc.apply.linux.Desired;
import io.iovc.check.CheckResult;
import io.iovc.check.Checker;
import io.iovc.diag.Diagnostic;
import io.iovc.kernel.linux.Netlink.VfLink;
import io.iovc.plugin.DriverPlugin;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces: the file's meaning on Linux, PF resolution, ip -json parsing, the installer. */
class LinuxModelTest {
  private static Desired.Result desired(DriverPlugin plugin, String text) {
    CheckResult r =
        Checker.check(Ucl.parse(SourceText.of("t.conf", text)), Schema.fromPlugin(plugin));
    assertTrue(!r.hasErrors(), r.diagnostics().toString());
    return Desired.from(r.config(), Schema.fromPlugin(plugin), "i40e", false);
  }

  private static Boolean trust(String vf) {
    String text = "PF { device = \"eth0\"; num_vfs = 1; }\nVF-0 { " + vf + " }\n";
    return desired(new TestPlugins.Ixl(), text).target().vfs().get(0).trust();
  }

  // ------------------------------------------------------------------ mapping

  @Test
  void allowSetMacAndAllowPromiscShareTheTrustBit() {
    String mac = "mac-addr = \"02:00:00:00:00:01\"; ";
    assertEquals(false, trust(mac));
    assertEquals(true, trust(mac + "allow-set-mac = true; allow-promisc = true;"));
    assertEquals(true, trust(mac + "allow-set-mac = true;"));
    assertEquals(true, trust(mac + "allow-promisc = true;"));
    assertEquals(
        false,
        trust("allow-set-mac = true;"),
        "without mac-addr the VF may set its MAC anyway: no trust needed");
    assertEquals(true, trust("allow-promisc = true;"));
  }

  @Test
  void aPairLinuxCannotExpressIsAWarningWhereTheValueIsWritten() {
    String text =
        """
        PF { device = "eth0"; num_vfs = 3; }
        DEFAULT { mac-addr = "02:00:00:00:00:01"; allow-promisc = true; }
        VF-2 { allow-promisc = false; }
        """;
    List<Diagnostic> d = desired(new TestPlugins.Ixl(), text).diagnostics();
    assertEquals(1, d.size(), d.toString());
    assertEquals("IOV401", d.get(0).code().id());
    assertEquals("VF-0, VF-1 get trust on", d.get(0).label());
    assertEquals(text.indexOf("allow-promisc = true"), d.get(0).span().start());
  }

  @Test
  void schemaDefaultsAreWrittenExplicitly() {
    var vf =
        desired(new TestPlugins.Nsim(), "PF { device = \"eth0\"; num_vfs = 1; }\n")
            .target()
            .vfs()
            .get(0);
    assertEquals(true, vf.spoofchk());
    assertEquals(false, vf.trust());
    assertEquals(Target.Vlan.NONE, vf.vlan(), "trunk, the default, is VLAN 0");
    assertNull(vf.mac(), "no mac-addr: left to the driver");
    assertTrue(vf.binding() instanceof Target.Binding.Native);
    assertEquals(false, vf.source("spoofchk").explicit());
  }

  @Test
  void vlanAndDefaultFolding() {
    String text =
        """
        PF { device = "eth0"; num_vfs = 3; }
        DEFAULT { vlan = 10; passthrough = true; }
        VF-1 { vlan = trunk; }
        VF-2 { passthrough = false; VLAN = 4095; }
        """;
    var vfs = desired(new TestPlugins.Nsim(), text).target().vfs();
    assertEquals(10, vfs.get(0).vlan().id());
    assertEquals(0, vfs.get(1).vlan().id());
    assertEquals(4095, vfs.get(2).vlan().id());
    assertTrue(vfs.get(0).binding() instanceof Target.Binding.Passthrough);
    assertTrue(vfs.get(2).binding() instanceof Target.Binding.Native);
    assertEquals("vlan = 10 (from DEFAULT)", vfs.get(0).source("vlan").why());
  }

  @Test
  void bnxtTrustMapsStraight() {
    var vfs =
        desired(
                new TestPlugins.Bnxt(),
                "PF { device = \"eth0\"; num_vfs = 2; }\nVF-1 { trust = true; }\n")
            .target()
            .vfs();
    assertEquals(false, vfs.get(0).trust());
    assertEquals(true, vfs.get(1).trust());
    assertEquals(false, vfs.get(0).spoofchk(), "bnxt's FreeBSD default");
  }

  @Test
  void notSettableAndUnmappedParametersWarnOnlyWhenWritten() {
    assertEquals(
        List.of(),
        desired(new TestPlugins.Ixl(), "PF { device = \"eth0\"; num_vfs = 1; }\n").diagnostics());
    List<Diagnostic> d =
        desired(
                new TestPlugins.Ixl(),
                "PF { device = \"eth0\"; num_vfs = 2; }\nDEFAULT { num-queues = 8; }\nVF-1 { num-queues = 2; mirror-src-vsi = 1; }\n")
            .diagnostics();
    assertEquals(
        List.of("IOV402", "IOV402", "IOV403"), d.stream().map(x -> x.code().id()).toList());
    assertTrue(
        d.get(0).message().contains("not settable from the host on this driver (i40e)"),
        d.get(0).message());
  }

  @Test
  void aSchemaWithoutAPluginIsMappedByName() throws Exception {
    Schema s =
        Schema.fromIovctlText(Schema.fromPlugin(new TestPlugins.Ixl()).toIovctlText(), "text");
    CheckResult r =
        Checker.check(
            Ucl.parse(SourceText.of("t.conf", "PF { device = \"eth0\"; num_vfs = 1; }\n")), s);
    var vf = Desired.from(r.config(), s, null, false).target().vfs().get(0);
    assertEquals(true, vf.spoofchk());
    assertEquals(false, vf.trust());
  }

  // ------------------------------------------------------------------ live state

  @Test
  void pfByNetdevAddressShortAddressOrNetdevsimName() throws Exception {
    FakeKernel k =
        new FakeKernel()
            .netdevsim(10, "eth0", 4)
            .pciPf("0000:00:03.0", "nvme", null, 4)
            .pciPf("0000:00:05.0", "i40e", "enp0s5", 8);
    try {
      assertEquals("netdevsim10", LiveState.findPf(k.sysfs, "eth0").id());
      assertEquals("eth0", LiveState.findPf(k.sysfs, "netdevsim10").netdev());
      assertEquals(4, LiveState.findPf(k.sysfs, "netdevsim10").totalVfs());
      LiveState.Pf nvme = LiveState.findPf(k.sysfs, "00:03.0");
      assertEquals("0000:00:03.0", nvme.id());
      assertEquals("/sys/bus/pci/devices/0000:00:03.0", nvme.dir());
      assertNull(nvme.netdev());
      assertEquals("nvme", nvme.driver());
      assertEquals(Boolean.TRUE, nvme.autoprobe());
      assertEquals("enp0s5", LiveState.findPf(k.sysfs, "0000:00:05.0").netdev());
      assertEquals("i40e", LiveState.findPf(k.sysfs, "enp0s5").driver());
      var e = assertThrows(LiveState.PfException.class, () -> LiveState.findPf(k.sysfs, "ixl0"));
      assertTrue(e.getMessage().contains("`ixl0`"), e.getMessage());
      assertThrows(LiveState.PfException.class, () -> LiveState.findPf(k.sysfs, "0000:00:09.0"));
      assertThrows(LiveState.PfException.class, () -> LiveState.findPf(k.sysfs, "../../etc"));
    } finally {
      k.close();
    }
  }

  @Test
  void predictedVfAddressesFollowOffsetAndStride() {
    LiveState.Pf pf =
        new LiveState.Pf(
            "0000:05:00.0",
            LiveState.Bus.PCI,
            "/sys/bus/pci/devices/0000:05:00.0",
            null,
            "i40e",
            64,
            0,
            true,
            16,
            1);
    assertEquals("0000:05:02.0", pf.predictedVfAddress(0));
    assertEquals("0000:05:02.7", pf.predictedVfAddress(7));
    assertEquals("0000:05:03.0", pf.predictedVfAddress(8));
    LiveState.Pf wide =
        new LiveState.Pf(
            "0000:3b:00.1", LiveState.Bus.PCI, "/x", null, "ice", 256, 0, true, 0x7f, 2);
    assertEquals("0000:3b:10.0", wide.predictedVfAddress(0));
    assertEquals("0000:3c:00.0", wide.predictedVfAddress(64));
  }

  // ------------------------------------------------------------------ ip -json

  @Test
  void parsesIpJsonFromARealKernel() throws Exception {
    String json;
    try (InputStream in = LinuxModelTest.class.getResourceAsStream("ip-link-netdevsim.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<VfLink> vfs = IpNetlink.parse(json);
    assertEquals(3, vfs.size());
    assertEquals(
        new VfLink(0, "00:00:00:00:00:00", 0, 0, "802.1Q", false, false, "disable", 10, 100, false),
        vfs.get(0));
    assertEquals(
        new VfLink(1, "00:00:00:00:00:00", 100, 3, "802.1Q", false, false, "auto", 0, 0, false),
        vfs.get(1));
    assertEquals(
        new VfLink(2, "00:00:00:00:00:00", 200, 0, "802.1ad", false, false, "auto", 0, 0, false),
        vfs.get(2));
  }

  /**
   * One {@code ip -batch -} for many requests; iproute2 stops at the first refused line and names
   * it ({@code Command failed -:N}, as iproute2 6.1 prints it): the refusal maps back to that
   * request. The "ip" here is a script that behaves so.
   */
  @Test
  void aBatchRefusalNamesItsRequest(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path log = dir.resolve("stdin");
    Path ip = dir.resolve("ip");
    Files.writeString(
        ip,
        "#!/bin/sh\n"
            + "[ \"$1 $2\" = \"-batch -\" ] || exit 9\n"
            + "n=0; while read -r l; do n=$((n+1)); echo \"$l\" >> "
            + log
            + "; case \"$l\" in *max_tx_rate*) echo 'RTNETLINK answers: Invalid argument' >&2;"
            + " echo \"Command failed -:$n\" >&2; exit 1;; esac; done\n");
    assertTrue(ip.toFile().setExecutable(true));
    IpNetlink nl = new IpNetlink(ip.toString());
    Netlink.BatchFailure f =
        assertThrows(
            Netlink.BatchFailure.class,
            () ->
                nl.setAll(
                    "eth0",
                    List.of(
                        new Netlink.VfRequest(0, List.of("vlan", "5")),
                        new Netlink.VfRequest(1, List.of("min_tx_rate", "0", "max_tx_rate", "9")),
                        new Netlink.VfRequest(2, List.of("trust", "on")))));
    assertEquals(1, f.failed());
    assertEquals("RTNETLINK answers: Invalid argument", f.getMessage());
    assertEquals(
        List.of(
            "link set dev eth0 vf 0 vlan 5", "link set dev eth0 vf 1 min_tx_rate 0 max_tx_rate 9"),
        Files.readAllLines(log));
    assertEquals(-1, IpNetlink.failedLine("RTNETLINK answers: File exists"));
  }

  /**
   * A word iproute2's batch reader would split or cut (an interface name may hold {@code #} or a
   * quote) never goes into a batch: those requests run one {@code ip link set} each, with their
   * arguments as they are.
   */
  @Test
  void aWordTheBatchReaderWouldCutIsNotBatched(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("argv");
    Path ip = dir.resolve("ip");
    Files.writeString(
        ip, "#!/bin/sh\n" + "printf '%s|' \"$@\" >> " + log + "\necho >> " + log + "\n");
    assertTrue(ip.toFile().setExecutable(true));
    IpNetlink nl = new IpNetlink(ip.toString());
    List<Netlink.VfRequest> two =
        List.of(
            new Netlink.VfRequest(0, List.of("mac", "02:00:00:00:00:01")),
            new Netlink.VfRequest(1, List.of("spoofchk", "on")));
    nl.setAll("eth#0", two);
    assertEquals(
        List.of(
            "link|set|dev|eth#0|vf|0|mac|02:00:00:00:00:01|",
            "link|set|dev|eth#0|vf|1|spoofchk|on|"),
        Files.readAllLines(log));
    assertTrue(IpNetlink.batchSafe("enp0s5f0", two));
    assertTrue(!IpNetlink.batchSafe("en p0", two));
    assertTrue(
        !IpNetlink.batchSafe("eth0", List.of(new Netlink.VfRequest(0, List.of("vlan", "5\"")))));
  }

  @Test
  void aLinkWithoutVfsHasNone() {
    assertEquals(List.of(), IpNetlink.parse("[{\"ifindex\":2,\"ifname\":\"eth0\"}]"));
    assertEquals(List.of(), IpNetlink.parse("[]"));
  }

  @Test
  void malformedIpJsonIsRefusedNotGuessed() {
    for (String bad : List.of("[{\"vfinfo_list\" 1}]", "[1,", "[] x", "[\"abc"))
      assertThrows(JsonParseException.class, () -> IpNetlink.parse(bad), bad);
    // values of the wrong JSON type are absent, never a crash
    var vf =
        IpNetlink.parse(
                "[{\"num_vf\":1,\"vfinfo_list\":[{\"vf\":0,\"address\":7,\"spoofchk\":\"on\",\"vlan\":\"x\"}]}]")
            .get(0);
    assertEquals(null, vf.mac());
    assertEquals(null, vf.spoofchk());
    assertEquals(0, vf.vlan());
  }

  @Test
  void injectionSpellings() {
    assertEquals(new LinuxHost.Injection(3, -1, false), LinuxHost.Injection.parse("step:3"));
    assertEquals(new LinuxHost.Injection(0, 2, false), LinuxHost.Injection.parse("VF:2"));
    assertEquals(new LinuxHost.Injection(0, -1, true), LinuxHost.Injection.parse("verify"));
    assertEquals(LinuxHost.Injection.NONE, LinuxHost.Injection.parse(""));
    assertThrows(IllegalArgumentException.class, () -> LinuxHost.Injection.parse("after:2"));
  }

  // ------------------------------------------------------------------ install

  @Test
  void installWritesTheUnitAndWithNmUnmanagedTheRules() throws Exception {
    Path root = Files.createTempDirectory("iovc-root-");
    try {
      List<Path> one = Installer.install(root, "/usr/bin/iovc", false);
      assertEquals(List.of(root.resolve("etc/systemd/system/iovc.service")), one);
      String unit = Files.readString(one.get(0));
      assertTrue(unit.contains("Type=oneshot"));
      assertTrue(unit.contains("Before=network-pre.target"));
      assertTrue(
          unit.contains(
              "for f in /etc/iov/*.conf; do \"$$1\" compile --apply --backend linux \"$$f\""));
      assertTrue(unit.contains("' iovc.service \"/usr/bin/iovc\"\n"), unit);
      List<Path> all = Installer.install(root, "/opt/iovc/bin/iovc", true);
      assertEquals(4, all.size());
      assertTrue(
          Files.readString(root.resolve(Installer.UDEV_PATH))
              .contains("TEST==\"device/physfn\", ENV{NM_UNMANAGED}=\"1\""));
      assertTrue(
          Files.readString(root.resolve(Installer.NM_PATH))
              .contains("unmanaged-devices=driver:iavf;"));
      assertTrue(
          Files.readString(root.resolve(Installer.LINK_PATH)).contains("Property=IOVC_VF=1"));
    } finally {
      FakeKernel.deleteTree(root);
    }
  }

  @Test
  void thePackagedUnitIsWhatInstallWrites() throws Exception {
    Path dir = Path.of("../packaging/linux");
    assertEquals(Installer.unit("/usr/bin/iovc"), Files.readString(dir.resolve("iovc.service")));
    assertEquals(Installer.udevRule(), Files.readString(dir.resolve("70-iovc-vfs.rules")));
    assertEquals(Installer.nmConf(), Files.readString(dir.resolve("90-iovc-vfs.conf")));
    assertEquals(Installer.linkFile(), Files.readString(dir.resolve("10-iovc-vf.link")));
  }
}
