package io.iovc.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.apply.ApplyRequest;
import io.iovc.apply.ApplyResult;
import io.iovc.apply.linux.LinuxApply;
import io.iovc.kernel.Outcome;
import io.iovc.pipeline.Pipeline;
import io.iovc.schema.PluginRegistry;
import io.iovc.source.SourceText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The apply cycle against a fake sysfs and netlink: apply, re-apply (nothing changes), failures at
 * every stage rolled back to exactly the state before, drivers and autoprobe, the lock.
 */
class LinuxBackendTest {
  private static PluginRegistry registry;
  private FakeKernel k;

  static final String NSIM =
      """
      PF { device = "eth0"; num_vfs = 4; }
      DEFAULT { mac-anti-spoof = true; }
      VF-0 { mac-addr = "02:00:00:00:00:01"; vlan = 100; }
      VF-1 { mac-addr = "02:00:00:00:00:02"; allow-set-mac = true; allow-promisc = true; }
      VF-2 { mac-anti-spoof = false; vlan = 300; }
      """;

  static final String NVME =
      """
      PF { device = "0000:00:03.0"; num_vfs = 3; }
      DEFAULT { passthrough = true; }
      VF-1 { passthrough = false; }
      """;

  @BeforeAll
  static void plugins() throws Exception {
    registry = TestPlugins.registry();
  }

  @AfterEach
  void cleanup() {
    if (k != null) k.close();
  }

  private ApplyResult apply(LinuxHost host, String text, boolean replace) {
    return FakeKernel.applyText(host, registry, text, replace, false);
  }

  private ApplyResult apply(String text) {
    return apply(k.host(), text, false);
  }

  private static String all(ApplyResult r) {
    return FakeKernel.messages(r);
  }

  // ------------------------------------------------------------------ netdevsim

  @Test
  void applySetsEveryValueAndReapplyChangesNothing() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    ApplyResult r = apply(NSIM);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertEquals("4", k.read("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs"));
    var vf0 = k.vf("eth0", 0);
    assertEquals("02:00:00:00:00:01", vf0.mac);
    assertEquals(100, vf0.vlan);
    assertTrue(
        vf0.spoofchk, "FreeBSD's default (on) is written explicitly; netdevsim starts with off");
    assertFalse(vf0.trust);
    assertTrue(k.vf("eth0", 1).trust);
    assertFalse(k.vf("eth0", 2).spoofchk);
    assertEquals(300, k.vf("eth0", 2).vlan);
    assertTrue(k.vf("eth0", 3).spoofchk);
    assertEquals(
        "00:00:00:00:00:00", k.vf("eth0", 3).mac, "no mac-addr: the MAC is left to the driver");

    k.log().clear();
    ApplyResult again = apply(NSIM);
    assertEquals(Outcome.OK, again.outcome(), all(again));
    assertEquals(List.of(), k.log(), "re-applying an applied file changes nothing");
  }

  @Test
  void oneSettingPerRequestInVfOrder() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    apply(NSIM);
    assertEquals(
        List.of(
            "write /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs 4",
            "ip link set dev eth0 vf 0 mac 02:00:00:00:00:01",
            "ip link set dev eth0 vf 0 vlan 100",
            "ip link set dev eth0 vf 0 spoofchk on",
            "ip link set dev eth0 vf 0 trust off"),
        k.log().subList(0, 5));
    assertEquals(1 + 4 + 4 + 3 + 3, k.log().size());
  }

  @Test
  void injectedFailureAfterSomeVfsLeavesTheDeviceExactlyAsBefore() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    k.sysfs.write("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs", "2");
    k.netlink.set("eth0", 0, List.of("mac", "02:00:00:00:00:aa"));
    k.netlink.set("eth0", 0, List.of("vlan", "7", "qos", "3", "proto", "802.1ad"));
    k.netlink.set("eth0", 1, List.of("state", "disable"));
    k.netlink.set("eth0", 1, List.of("min_tx_rate", "10", "max_tx_rate", "100"));
    k.netlink.set("eth0", 1, List.of("query_rss", "on"));
    k.netlink.set("eth0", 1, List.of("trust", "on"));
    String before = k.dump();
    k.log().clear();
    ApplyResult r = apply(k.host().withInjection(LinuxHost.Injection.parse("vf:2")), NSIM, false);
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertTrue(all(r).contains("VF-2 vlan: injected failure"), all(r));
    assertTrue(all(r).contains("rolled back"), all(r));
    assertTrue(
        k.log().contains("ip link set dev eth0 vf 1 trust on"),
        "VF-0 and VF-1 were configured first: " + k.log());
    assertEquals(before, k.dump());
  }

  @Test
  void injectedFailureAtEveryStepIsRolledBack() throws Exception {
    for (int step = 1; step <= 13; step += 3) {
      k = new FakeKernel().netdevsim(10, "eth0", 4);
      k.sysfs.write("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs", "3");
      k.netlink.set("eth0", 2, List.of("mac", "02:00:00:00:00:33"));
      String before = k.dump();
      ApplyResult r =
          apply(k.host().withInjection(LinuxHost.Injection.parse("step:" + step)), NSIM, false);
      assertEquals(Outcome.OS_ERROR, r.outcome(), all(r));
      assertEquals(before, k.dump(), "step " + step + ": " + all(r));
      if (step == 1) assertTrue(all(r).contains("nothing was changed"), all(r));
      k.close();
      k = null;
    }
  }

  @Test
  void failedReadBackIsRolledBack() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    String before = k.dump();
    ApplyResult r = apply(k.host().withInjection(LinuxHost.Injection.parse("verify")), NSIM, false);
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertTrue(all(r).contains("read-back"), all(r));
    assertEquals(before, k.dump());
  }

  @Test
  void theNetlinkStepsOfAnApplyGoAsOneBatch() throws Exception {
    k = new FakeKernel().pciPf("0000:00:05.0", "i40e", "enp0s5", 8);
    assertEquals(Outcome.OK, apply(TWO_MACS).outcome());
    assertEquals(1, k.batches, "6 netlink steps, one batch: " + k.log());
  }

  @Test
  void kernelRefusalNamesTheVfAndTheParameter() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    String before = k.dump();
    k.failWhen = s -> s.equals("ip link set dev eth0 vf 2 vlan 300");
    ApplyResult r = apply(NSIM);
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertTrue(
        all(r)
            .contains(
                "VF-2 vlan: `ip link set dev eth0 vf 2 vlan 300` failed: RTNETLINK answers: Invalid argument"),
        all(r));
    assertEquals(before, k.dump());
  }

  @Test
  void fewerVfsThanAskedIsAFailure() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    k.device("netdevsim10").createdLimit = 3;
    ApplyResult r = apply(NSIM);
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertTrue(
        all(r)
            .contains(
                "num_vfs: wrote 4 to /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs but it reads 3"),
        all(r));
    assertEquals("0", k.read("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs"));
  }

  @Test
  void permissionProblemsSayRunAsRoot() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    k.failWhen = s -> s.startsWith("write");
    k.failWith = "Permission denied";
    ApplyResult r = apply(NSIM);
    assertEquals(Outcome.NO_PERMISSION, r.outcome());
    assertTrue(all(r).contains("nothing was changed"), all(r));
    assertTrue(all(r).contains("as root"), all(r));
  }

  @Test
  void replaceRecreatesTheVfs() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    apply(NSIM);
    k.log().clear();
    ApplyResult r = apply(k.host(), NSIM, true);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertEquals("write /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs 0", k.log().get(0));
    assertEquals("write /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs 4", k.log().get(1));
  }

  @Test
  @SuppressWarnings("try")
  void oneApplyAtATimePerPf() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    LinuxHost h = k.host();
    try (PfLock held = PfLock.acquire(h.lockDir(), "netdevsim-netdevsim10", h.lockWait(), null)) {
      ApplyResult r = apply(NSIM);
      assertEquals(Outcome.BUSY, r.outcome());
      assertTrue(all(r).contains("another iovc is applying to this PF"), all(r));
      assertEquals("0", k.read("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs"));
    }
    assertEquals(Outcome.OK, apply(NSIM).outcome(), "the lock is released");
  }

  @Test
  void planChangesNothing() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    LinuxApply.Prepared p =
        new LinuxApply(k.host())
            .prepare(
                Path.of("t.conf"),
                SourceText.of("t.conf", NSIM),
                registry,
                null,
                Pipeline.DEFAULT_MAX_CONFIG,
                false);
    assertTrue(p.ok());
    assertEquals(1 + 4 + 4 + 3 + 3, p.plan().steps().size());
    assertEquals(List.of(), k.log());
  }

  // ------------------------------------------------------------------ PCI

  @Test
  void passthroughVfsGoToVfioOthersToTheirDriverAndAutoprobeIsRestored() throws Exception {
    k = new FakeKernel().pciPf("0000:00:03.0", "nvme", null, 4);
    k.nativeVfDriver = "nvme";
    ApplyResult r = apply(NVME);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertEquals("vfio-pci", k.sysfs.linkName("/sys/bus/pci/devices/0000:00:03.1/driver"));
    assertEquals("vfio-pci", k.read("/sys/bus/pci/devices/0000:00:03.1/driver_override"));
    assertEquals("nvme", k.sysfs.linkName("/sys/bus/pci/devices/0000:00:03.2/driver"));
    assertEquals("(null)", k.read("/sys/bus/pci/devices/0000:00:03.2/driver_override"));
    assertEquals("vfio-pci", k.sysfs.linkName("/sys/bus/pci/devices/0000:00:03.3/driver"));
    assertEquals("1", k.read("/sys/bus/pci/devices/0000:00:03.0/sriov_drivers_autoprobe"));
    assertEquals(
        "write /sys/bus/pci/devices/0000:00:03.0/sriov_drivers_autoprobe 0",
        k.log().get(0),
        "autoprobe off before the VFs exist");
    k.log().clear();
    assertEquals(Outcome.OK, apply(NVME).outcome());
    assertEquals(List.of(), k.log());
  }

  @Test
  void autoprobeIsBackOnBeforeANativeDriverIsProbed() throws Exception {
    k = new FakeKernel().pciPf("0000:00:03.0", "nvme", null, 4);
    k.nativeVfDriver = "nvme";
    assertEquals(Outcome.OK, apply(NVME).outcome());
    int restored =
        k.log().indexOf("write /sys/bus/pci/devices/0000:00:03.0/sriov_drivers_autoprobe 1");
    int probed = k.log().indexOf("write /sys/bus/pci/drivers_probe 0000:00:03.2");
    assertTrue(restored >= 0 && restored < probed, "autoprobe on, then VF-1 probed: " + k.log());
  }

  @Test
  void aPfKeptWithoutAutoprobeGetsNoPointlessProbe() throws Exception {
    k = new FakeKernel().pciPf("0000:00:03.0", "nvme", null, 4);
    k.nativeVfDriver = "nvme";
    k.sysfs.write("/sys/bus/pci/devices/0000:00:03.0/sriov_drivers_autoprobe", "0");
    k.log().clear();
    assertEquals(Outcome.OK, apply(NVME).outcome());
    assertEquals(null, k.sysfs.linkName("/sys/bus/pci/devices/0000:00:03.2/driver"));
    assertEquals("0", k.read("/sys/bus/pci/devices/0000:00:03.0/sriov_drivers_autoprobe"));
    assertFalse(
        k.log().contains("write /sys/bus/pci/drivers_probe 0000:00:03.2"),
        "the kernel binds nothing to a VF without autoprobe or override: " + k.log());
  }

  @Test
  void aVfWithoutNativeDriverStaysUnboundWithoutChurn() throws Exception {
    k = new FakeKernel().pciPf("0000:00:03.0", "nvme", null, 4);
    k.nativeVfDriver = null;
    assertEquals(Outcome.OK, apply(NVME).outcome());
    assertEquals(null, k.sysfs.linkName("/sys/bus/pci/devices/0000:00:03.2/driver"));
    k.log().clear();
    assertEquals(Outcome.OK, apply(NVME).outcome());
    assertEquals(List.of(), k.log(), "an unbound VF is not probed again and again");
  }

  @Test
  void rollbackRecreatesPciVfsWithTheirDrivers() throws Exception {
    k = new FakeKernel().pciPf("0000:00:03.0", "nvme", null, 4);
    k.nativeVfDriver = "nvme";
    assertEquals(Outcome.OK, apply(NVME).outcome());
    String before = k.dump();
    String fewer = "PF { device = \"0000:00:03.0\"; num_vfs = 2; }\n";
    ApplyResult r =
        apply(k.host().withInjection(LinuxHost.Injection.parse("verify")), fewer, false);
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertTrue(all(r).contains("rolled back"), all(r));
    assertEquals(before, k.dump());
  }

  @Test
  void rollbackOfABindingChange() throws Exception {
    k = new FakeKernel().pciPf("0000:00:03.0", "nvme", null, 4);
    k.nativeVfDriver = "nvme";
    assertEquals(Outcome.OK, apply(NVME).outcome());
    String before = k.dump();
    String swapped =
        "PF { device = \"0000:00:03.0\"; num_vfs = 3; }\nVF-0 { passthrough = false; }\nVF-1 { passthrough = true; }\n";
    ApplyResult r =
        apply(k.host().withInjection(LinuxHost.Injection.parse("vf:1")), swapped, false);
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertNotEquals(List.of(), k.log());
    assertEquals(before, k.dump());
  }

  // ------------------------------------------------------------------ Linux-only settings

  @Test
  void linuxOnlySettingsReachTheKernelWithDefaultInheritance() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    String text =
        """
        PF { device = "eth0"; num_vfs = 2; }
        DEFAULT { max-tx-rate = 100; link-state = disable; }
        VF-0 { vlan = 10; vlan-qos = 3; vlan-proto = "802.1ad"; min-tx-rate = 10; query-rss = true; trust = true; }
        VF-1 { link-state = enable; allow-promisc = true; trust = false; }
        """;
    ApplyResult r = apply(text);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    var vf0 = k.vf("eth0", 0);
    assertEquals(List.of(10, 3, "802.1ad"), List.of(vf0.vlan, vf0.qos, vf0.proto));
    assertEquals(List.of(10L, 100L), List.of(vf0.min, vf0.max));
    assertEquals("disable", vf0.state, "link-state from DEFAULT");
    assertTrue(vf0.rss);
    assertTrue(vf0.trust);
    var vf1 = k.vf("eth0", 1);
    assertEquals("enable", vf1.state);
    assertEquals(List.of(0L, 100L), List.of(vf1.min, vf1.max), "max-tx-rate from DEFAULT");
    assertFalse(vf1.trust, "a written trust decides over allow-promisc");
    assertTrue(
        k.log().contains("ip link set dev eth0 vf 0 vlan 10 qos 3 proto 802.1ad"), "" + k.log());
    assertTrue(
        k.log().contains("ip link set dev eth0 vf 0 min_tx_rate 10 max_tx_rate 100"), "" + k.log());

    k.log().clear();
    ApplyResult again = apply(text);
    assertEquals(Outcome.OK, again.outcome(), all(again));
    assertEquals(List.of(), k.log(), "re-applying changes nothing");
  }

  // ------------------------------------------------------------------ eswitch mode (devlink)

  static final String NSIM_SWITCHDEV =
      """
      PF { device = "eth0"; num_vfs = 3; eswitch-mode = switchdev; }
      VF-0 { mac-addr = "02:00:00:00:00:01"; vlan = 100; }
      VF-2 { mac-anti-spoof = false; }
      """;

  @Test
  void theEswitchModeIsSetWhileThePfHasNoVfsAndReapplyChangesNothing() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    ApplyResult r = apply(NSIM_SWITCHDEV);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertEquals("switchdev", k.eswitch.get("netdevsim/netdevsim10"));
    assertEquals(
        List.of(
            "devlink dev eswitch set netdevsim/netdevsim10 mode switchdev",
            "write /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs 3"),
        k.log().subList(0, 2),
        "the mode before the VFs are created");

    k.log().clear();
    ApplyResult again = apply(NSIM_SWITCHDEV);
    assertEquals(Outcome.OK, again.outcome(), all(again));
    assertEquals(List.of(), k.log(), "re-applying changes nothing");
  }

  @Test
  void netdevsimChangesTheModeWithItsVfsInPlace() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    String legacy = NSIM_SWITCHDEV.replace("switchdev", "legacy");
    assertEquals(Outcome.OK, apply(legacy).outcome());
    assertEquals("legacy", k.eswitch.get("netdevsim/netdevsim10"));
    k.log().clear();
    ApplyResult r = apply(NSIM_SWITCHDEV);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertEquals(
        List.of("devlink dev eswitch set netdevsim/netdevsim10 mode switchdev"),
        k.log(),
        "one devlink request; the VFs stay");
  }

  @Test
  void removingTheVfsPutsNetdevsimBackToLegacySoTheModeIsSetAgain() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    assertEquals(Outcome.OK, apply(NSIM_SWITCHDEV).outcome());
    k.log().clear();
    // 4 VFs instead of 3: the VFs are removed (netdevsim falls back to legacy) and created again
    ApplyResult r = apply(NSIM_SWITCHDEV.replace("num_vfs = 3", "num_vfs = 4"));
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertEquals("switchdev", k.eswitch.get("netdevsim/netdevsim10"));
    assertEquals(
        List.of(
            "write /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs 0",
            "devlink dev eswitch set netdevsim/netdevsim10 mode switchdev",
            "write /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs 4"),
        k.log().subList(0, 3));
  }

  @Test
  void aFailedApplyRestoresTheEswitchMode() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    k.sysfs.write("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs", "2");
    k.netlink.set("eth0", 1, List.of("vlan", "7"));
    String before = k.dump();
    assertFalse(before.contains("eswitch=switchdev"), before);
    k.log().clear();
    ApplyResult r =
        apply(k.host().withInjection(LinuxHost.Injection.parse("vf:2")), NSIM_SWITCHDEV, false);
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertTrue(
        k.log().contains("devlink dev eswitch set netdevsim/netdevsim10 mode switchdev"),
        "the mode had changed: " + k.log());
    assertTrue(all(r).contains("rolled back"), all(r));
    assertEquals(before, k.dump(), "VFs, their settings and the legacy mode as before");
  }

  @Test
  void aModeDevlinkRefusesIsRolledBack() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    k.sysfs.write("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs", "4");
    String before = k.dump();
    k.failWhen = s -> s.startsWith("devlink dev eswitch set");
    k.failWith = "Operation not supported";
    ApplyResult r = apply(NSIM_SWITCHDEV);
    assertEquals(Outcome.OS_ERROR, r.outcome(), all(r));
    assertTrue(
        all(r)
            .contains(
                "eswitch-mode: `devlink dev eswitch set netdevsim/netdevsim10 mode switchdev` failed"),
        all(r));
    assertEquals(before, k.dump(), "the 4 VFs removed for the new count are back");
  }

  @Test
  void planAndDiffNameTheEswitchMode() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    assertEquals(Outcome.OK, apply(NSIM_SWITCHDEV.replace("switchdev", "legacy")).outcome());
    k.log().clear();
    var p =
        new LinuxApply(k.host())
            .prepare(
                Path.of("t.conf"),
                SourceText.of("t.conf", NSIM_SWITCHDEV),
                registry,
                null,
                Pipeline.DEFAULT_MAX_CONFIG,
                false);
    assertEquals(
        List.of("eswitch-mode: file switchdev, live legacy"),
        p.plan().differences().stream().map(io.iovc.kernel.linux.Plan.Difference::render).toList());
    assertEquals(
        List.of("devlink dev eswitch set netdevsim/netdevsim10 mode switchdev"),
        p.plan().steps().stream().map(io.iovc.kernel.linux.Plan.Step::display).toList());
    assertEquals(List.of(), k.log(), "a plan changes nothing");
  }

  @Test
  void aDriverThatChangesTheModeOnlyWithoutVfsGetsItsVfsCreatedAgain() throws Exception {
    // ice-like (ice_eswitch_mode_set refuses while VFs exist): planned over the fake PCI PF
    k =
        new FakeKernel()
            .pciPf("0000:00:05.0", "ice", "enp0s5", 8)
            .eswitch("0000:00:05.0", "legacy");
    k.sysfs.write("/sys/bus/pci/devices/0000:00:05.0/sriov_numvfs", "2");
    LiveState.Pf pf = LiveState.findPf(k.sysfs, "enp0s5");
    LiveState.Snapshot live =
        LiveState.withEswitch(LiveState.snapshot(k.sysfs, k.netlink, pf), k.devlink);
    Target.Source src = new Target.Source("eswitch-mode", "eswitch-mode = switchdev", true);
    Target t = new Target(2, List.of(), false, null, new Target.Eswitch("switchdev", true, src));
    Plan plan = Planner.plan(t, live);
    List<String> shown = plan.steps().stream().map(Plan.Step::display).toList();
    assertEquals(
        List.of(
            "echo 0 > /sys/bus/pci/devices/0000:00:05.0/sriov_drivers_autoprobe",
            "echo 0 > /sys/bus/pci/devices/0000:00:05.0/sriov_numvfs",
            "devlink dev eswitch set pci/0000:00:05.0 mode switchdev",
            "echo 2 > /sys/bus/pci/devices/0000:00:05.0/sriov_numvfs",
            "echo 1 > /sys/bus/pci/devices/0000:00:05.0/sriov_drivers_autoprobe"),
        shown);
    assertTrue(
        plan.notes().toString().contains("only while the PF has no VFs"), plan.notes().toString());
    Target.Eswitch inPlace = new Target.Eswitch("switchdev", false, src);
    assertEquals(
        List.of("devlink dev eswitch set pci/0000:00:05.0 mode switchdev"),
        Planner.plan(new Target(2, List.of(), false, null, inPlace), live).steps().stream()
            .map(Plan.Step::display)
            .toList(),
        "a driver that changes it in place (mlx5, bnxt, netdevsim): the VFs stay");
  }

  @Test
  void aDriverWithoutEswitchModeIsRefusedBeforeAnythingIsWritten() throws Exception {
    k = new FakeKernel().pciPf("0000:00:05.0", "i40e", "enp0s5", 8);
    String before = k.dump();
    ApplyResult r =
        apply(
            """
            PF { device = "enp0s5"; num_vfs = 2; eswitch-mode = switchdev; }
            """);
    assertEquals(Outcome.REFUSED, r.outcome(), all(r));
    String diags = r.diagnostics().toString();
    assertTrue(diags.contains("i40e does not implement `eswitch-mode` on Linux"), diags);
    assertTrue(diags.contains("no devlink eswitch_mode_set"), diags);
    assertEquals(List.of(), k.log(), "nothing written");
    assertEquals(before, k.dump());
  }

  @Test
  void aSettingTheDriverCannotTakeIsRefusedBeforeAnythingIsWritten() throws Exception {
    k = new FakeKernel().pciPf("0000:00:05.0", "i40e", "enp0s5", 8);
    String before = k.dump();
    String text =
        """
        PF { device = "enp0s5"; num_vfs = 2; }
        VF-0 { query-rss = true; }
        VF-1 { min-tx-rate = 10; max-tx-rate = 50000; }
        """;
    ApplyResult r = apply(text);
    assertEquals(Outcome.REFUSED, r.outcome(), all(r));
    String diags = r.diagnostics().toString();
    assertTrue(diags.contains("i40e does not implement `query-rss` on Linux"), diags);
    assertTrue(diags.contains("i40e accepts only `min-tx-rate = 0`"), diags);
    assertTrue(diags.contains("i40e accepts `max-tx-rate` up to 40000, not 50000"), diags);
    assertEquals(List.of(), k.log(), "nothing written");
    assertEquals(before, k.dump());
  }

  @Test
  void netlinkAndBindingOnOnePf() throws Exception {
    k = new FakeKernel().pciPf("0000:00:05.0", "i40e", "enp0s5", 8);
    String text =
        """
        PF { device = "enp0s5"; num_vfs = 2; }
        VF-0 { mac-addr = "02:00:00:0a:00:01"; }
        VF-1 { passthrough = true; mac-addr = "02:00:00:0a:00:02"; }
        """;
    ApplyResult r = apply(text);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    int lastNetlink = -1;
    int firstBind = -1;
    for (int i = 0; i < k.log().size(); i++) {
      if (k.log().get(i).startsWith("ip link")) lastNetlink = i;
      if (firstBind < 0 && k.log().get(i).contains("drivers_probe")) firstBind = i;
    }
    assertTrue(lastNetlink < firstBind, "VF settings before drivers: " + k.log());
    assertEquals("02:00:00:0a:00:02", k.vf("enp0s5", 1).mac);
    assertEquals("vfio-pci", k.sysfs.linkName("/sys/bus/pci/devices/0000:00:05.2/driver"));
    assertEquals("iavf", k.sysfs.linkName("/sys/bus/pci/devices/0000:00:05.1/driver"));
  }

  private static final String TWO_MACS =
      """
      PF { device = "enp0s5"; num_vfs = 2; }
      VF-0 { mac-addr = "02:00:00:0a:00:01"; }
      VF-1 { mac-addr = "02:00:00:0a:00:02"; }
      """;

  @Test
  void aNewMacOnABoundVfRebindsItsDriver() throws Exception {
    k = new FakeKernel().pciPf("0000:00:05.0", "i40e", "enp0s5", 8);
    assertEquals(Outcome.OK, apply(TWO_MACS).outcome());
    k.log().clear();
    ApplyResult r = apply(TWO_MACS.replace("0a:00:01", "0b:00:01"));
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertEquals(
        List.of(
            "ip link set dev enp0s5 vf 0 mac 02:00:00:0b:00:01",
            "write /sys/bus/pci/drivers/iavf/unbind 0000:00:05.1",
            "write /sys/bus/pci/drivers_probe 0000:00:05.1"),
        k.log(),
        "the MAC, then iavf bound again so that the VF's interface takes it; VF-1 untouched");
    assertEquals("iavf", k.sysfs.linkName("/sys/bus/pci/devices/0000:00:05.1/driver"));
  }

  @Test
  void aVfInUseIsNotReboundButTheApplySaysSo() throws Exception {
    k = new FakeKernel().pciPf("0000:00:05.0", "i40e", "enp0s5", 8);
    assertEquals(Outcome.OK, apply(TWO_MACS).outcome());
    Files.writeString(
        k.root.resolve("sys/bus/pci/devices/0000:00:05.1/net/ens5v1/flags"), "0x1003\n");
    k.log().clear();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ApplyResult r =
        new LinuxApply(k.host())
            .apply(
                new ApplyRequest(
                    Path.of("t.conf"),
                    SourceText.of("t.conf", TWO_MACS.replace("0a:00:01", "0b:00:01")),
                    registry,
                    null,
                    Pipeline.DEFAULT_MAX_CONFIG,
                    false,
                    new PrintStream(out, true, StandardCharsets.UTF_8)));
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertEquals(List.of("ip link set dev enp0s5 vf 0 mac 02:00:00:0b:00:01"), k.log());
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        printed.contains("note: VF-0: its interface ens5v1 is in use (up or enslaved)"), printed);
  }

  @Test
  void theSamePfByNameOrAddressSharesTheLock() throws Exception {
    k = new FakeKernel().pciPf("0000:00:05.0", "i40e", "enp0s5", 8);
    LiveState.Pf byName = LiveState.findPf(k.sysfs, "enp0s5");
    LiveState.Pf byAddress = LiveState.findPf(k.sysfs, "00:05.0");
    assertEquals(byName.lockName(), byAddress.lockName());
    assertEquals("pci-0000:00:05.0", byName.lockName());
  }
}
