package io.iovc.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.apply.ApplyResult;
import io.iovc.apply.linux.LinuxApply;
import io.iovc.kernel.DeviceResult;
import io.iovc.kernel.Outcome;
import io.iovc.kernel.linux.LiveState.Pf;
import io.iovc.kernel.linux.LiveState.Snapshot;
import io.iovc.kernel.linux.Netlink.VfLink;
import io.iovc.pipeline.Pipeline;
import io.iovc.schema.PluginRegistry;
import io.iovc.source.SourceText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interrupted applies: the journal an apply keeps beside its lock, what the next iovc says about
 * it, converging and {@code --rollback-interrupted}. A process death is simulated by a netlink that
 * throws an unchecked error at the N-th request: it escapes the apply the way SIGKILL ends it (no
 * rollback, no journal cleanup); the kernel tests do it with a real kill.
 */
class JournalTest {
  private static PluginRegistry registry;
  private FakeKernel k;

  static final String NSIM =
      """
      PF { device = "eth0"; num_vfs = 4; }
      DEFAULT { mac-anti-spoof = true; }
      VF-0 { mac-addr = "02:00:00:00:00:01"; vlan = 100; }
      VF-1 { mac-addr = "02:00:00:00:00:02"; allow-set-mac = true; allow-promisc = true; }
      VF-2 { mac-addr = "02:00:00:00:00:03"; mac-anti-spoof = false; vlan = 300; }
      VF-3 { mac-addr = "02:00:00:00:00:04"; vlan = trunk; }
      """;

  @BeforeAll
  static void plugins() throws Exception {
    registry = TestPlugins.registry();
  }

  @AfterEach
  void cleanup() {
    if (k != null) k.close();
  }

  /** Stands for the process dying. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;
  }

  /** The fake kernel's netlink, dying at the {@code at}-th set. */
  private LinuxHost dyingAt(int at) {
    AtomicInteger n = new AtomicInteger();
    Netlink inner = k.netlink;
    Netlink dying =
        new Netlink() {
          @Override
          public List<VfLink> read(String pf) throws IOException {
            return inner.read(pf);
          }

          @Override
          public void set(String pf, int vf, List<String> args) throws IOException {
            if (n.incrementAndGet() == at) throw new Killed();
            inner.set(pf, vf, args);
          }
        };
    LinuxHost h = k.host();
    return new LinuxHost(h.sysfs(), dying, h.lockDir(), h.lockWait(), h.injection());
  }

  private static ApplyResult apply(LinuxHost host, String text, boolean rollbackInterrupted) {
    return FakeKernel.applyText(host, registry, text, false, rollbackInterrupted);
  }

  private static String all(ApplyResult r) {
    return FakeKernel.messages(r);
  }

  private static String all(DeviceResult r) {
    return String.join("\n", r.messages());
  }

  private Path journal() {
    return k.host().lockDir().resolve("netdevsim-netdevsim10.journal");
  }

  /** Two VFs with settings, then an apply of NSIM killed at its {@code at}-th netlink request. */
  private String killedApply(int at) throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    k.sysfs.write("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs", "2");
    k.netlink.set("eth0", 0, List.of("mac", "02:00:00:00:00:aa"));
    k.netlink.set("eth0", 1, List.of("vlan", "7", "qos", "3"));
    String before = k.dump();
    assertThrows(Killed.class, () -> apply(dyingAt(at), NSIM, false));
    assertNotEquals(before, k.dump(), "the killed apply changed the PF");
    assertTrue(Files.exists(journal()), "a killed apply leaves its journal");
    return before;
  }

  @Test
  void theNextApplyReportsTheInterruptedOneAndConverges() throws Exception {
    killedApply(6);
    ApplyResult r = apply(k.host(), NSIM, false);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    // steps: numvfs 0, numvfs 4, then VF-0..3's mac, vlan, spoofchk, trust as one netlink batch
    // (steps 3 to 18); the journal records a batch's last step before it starts, since any of its
    // requests may have run when the process dies (here at the 6th, VF-1's vlan)
    assertTrue(
        all(r)
            .matches(
                "(?s).*eth0 \\(netdevsim10\\): an apply of t\\.conf was interrupted at step 18"
                    + " of \\d+ at 20\\d\\d-.*"),
        all(r));
    assertEquals("02:00:00:00:00:02", k.vf("eth0", 1).mac);
    assertFalse(Files.exists(journal()), "converged: the journal is gone");
    ApplyResult again = apply(k.host(), NSIM, false);
    assertFalse(all(again).contains("interrupted"), all(again));
  }

  @Test
  void rollbackInterruptedRestoresTheStateBeforeIt() throws Exception {
    for (int at : List.of(1, 5, 9)) {
      String before = killedApply(at);
      ApplyResult r = apply(k.host(), NSIM, true);
      assertEquals(Outcome.OK, r.outcome(), all(r));
      assertTrue(all(r).contains("was interrupted"), all(r));
      assertTrue(
          all(r).contains("rolled back: eth0 (netdevsim10) is as it was before the interrupted"),
          all(r));
      assertEquals(before, k.dump(), "killed at request " + at);
      assertFalse(Files.exists(journal()));
      k.close();
      k = null;
    }
  }

  @Test
  void aConvergingApplyKilledAgainKeepsTheFirstSnapshot() throws Exception {
    String before = killedApply(3);
    assertThrows(Killed.class, () -> apply(dyingAt(4), NSIM, false));
    ApplyResult r = apply(k.host(), NSIM, true);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertEquals(before, k.dump());
  }

  @Test
  void planDiffAndStatusSayItToo() throws Exception {
    killedApply(2);
    LinuxApply b = new LinuxApply(k.host());
    String notice = LinuxBackend.journalNotice(k.host(), LiveState.findPf(k.sysfs, "eth0"));
    assertTrue(notice.startsWith("an apply of t.conf was interrupted at step"), notice);
    assertTrue(notice.contains("--rollback-interrupted"), notice);
    var p =
        b.prepare(
            Path.of("t.conf"),
            SourceText.of("t.conf", NSIM),
            registry,
            null,
            Pipeline.DEFAULT_MAX_CONFIG,
            false);
    assertEquals(notice, p.plan().notes().get(0), "plan and diff show the plan's notes");
  }

  @Test
  void rollbackInterruptedWithoutAJournalChangesNothing() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    String before = k.dump();
    ApplyResult r = apply(k.host(), NSIM, true);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertTrue(all(r).contains("no interrupted apply on eth0 (netdevsim10)"), all(r));
    assertEquals(before, k.dump());
  }

  @Test
  void aJournalRoundTripsOddValuesAndKnowsARunningApply() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    Pf pf = LiveState.findPf(k.sysfs, "eth0");
    Pf odd = new Pf(pf.id(), pf.bus(), pf.dir(), "e th%0\u00e9", null, null, 2, true, null, 1);
    Snapshot s =
        new Snapshot(
            odd,
            List.of(
                new LiveState.Vf(0, "0000:00:03.1", "vfio-pci", "vfio-pci", List.of("a b", "c")),
                new LiveState.Vf(1, null, null, "", List.of())),
            Map.of(
                0,
                new VfLink(0, "02:00:00:00:00:01", 7, 3, "802.1ad", true, null, "auto", 1, 2, null),
                1,
                new VfLink(1, null, 0, 0, "802.1Q", false, true, null, 0, 0, false)));
    Path dir = Files.createTempDirectory("iovc-journal-");
    Instant t = Instant.parse("2026-12-06T02:00:00Z");
    try (Journal j = Journal.begin(dir, pf, "my file's \"name\".conf", 9, s, "boot-1", t)) {
      j.reached(1);
      j.reached(2);
    }
    Journal.Entry e = Journal.read(dir, pf);
    assertEquals(s, e.before());
    assertEquals("my file's \"name\".conf", e.file());
    assertEquals(2, e.reached());
    assertEquals(9, e.steps());
    assertEquals(t, e.started());
    assertEquals(ProcessHandle.current().pid(), e.pid());
    assertFalse(e.stillRunning("boot-1"), "our own journal is not another running apply");
    // a journal from another boot is never running, whatever its pid
    long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
    Journal.Entry other = new Journal.Entry("f", t, parent, "boot-1", 3, 1, false, false, false, s);
    assertTrue(other.stillRunning("boot-1"));
    assertFalse(other.stillRunning("boot-2"));
    Files.writeString(Journal.path(dir, pf), "iovc-journal 1\nfile x\n");
    IOException bad = assertThrows(IOException.class, () -> Journal.read(dir, pf));
    assertTrue(bad.getMessage().contains("is damaged"), bad.getMessage());
    Files.delete(Journal.path(dir, pf));
    assertNull(Journal.read(dir, pf));
    Files.delete(dir);
  }

  /** Progress output that dies (as SIGKILL would) when the apply or delete announces a step. */
  private static PrintStream dyingAtStep(String step) {
    return new PrintStream(
        new java.io.OutputStream() {
          private final StringBuilder seen = new StringBuilder();

          @Override
          public void write(int b) {
            seen.append((char) b);
            if (seen.indexOf(step) >= 0) throw new Killed();
          }
        },
        true,
        StandardCharsets.UTF_8);
  }

  @Test
  void aDeleteKeepsAJournalTooAndTheNextDeleteFinishesIt() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    k.sysfs.write("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs", "2");
    LinuxBackend b = new LinuxBackend(k.host());
    assertThrows(Killed.class, () -> b.delete("eth0", false, dyingAtStep("   1  echo 0 >")));
    assertTrue(Files.exists(journal()), "a killed delete leaves its journal");
    Pf pf = LiveState.findPf(k.sysfs, "eth0");
    String notice = LinuxBackend.journalNotice(k.host(), pf);
    assertTrue(
        notice.startsWith("a delete of the VFs of eth0 was interrupted at step 1 of 1 at 20"),
        notice);
    assertTrue(notice.contains("`iovc delete eth0` finishes it"), notice);
    // status prints journalNotice; plan and diff show it from the plan's notes
    DeviceResult r = b.delete("eth0", false, null);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertTrue(
        all(r)
            .contains("eth0 (netdevsim10): a delete of the VFs of eth0 was interrupted at step 1"),
        all(r));
    assertEquals("0", k.sysfs.read("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs"));
    assertFalse(Files.exists(journal()), "finished: the journal is gone");
  }

  @Test
  void aKilledDeleteIsRolledBackOrSettled() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    k.sysfs.write("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs", "3");
    k.netlink.set("eth0", 0, List.of("mac", "02:00:00:00:00:aa"));
    k.netlink.set("eth0", 2, List.of("vlan", "7", "qos", "3"));
    k.netlink.set("eth0", 1, List.of("trust", "on"));
    String before = k.dump();
    LinuxBackend b = new LinuxBackend(k.host());
    assertThrows(Killed.class, () -> b.delete("eth0", false, dyingAtStep("   1  echo 0 >")));
    // the kernel had done the write when the process died
    k.sysfs.write("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs", "0");
    ApplyResult r = apply(k.host(), NSIM, true);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertTrue(
        all(r)
            .contains(
                "rolled back: eth0 (netdevsim10) is as it was before the interrupted delete of the"
                    + " VFs of eth0"),
        all(r));
    assertEquals(before, k.dump(), "the 3 VFs and their settings are back");
    assertFalse(Files.exists(journal()));

    // killed again; this time a delete of a PF that has no VFs left settles it
    assertThrows(Killed.class, () -> b.delete("eth0", false, dyingAtStep("   1  echo 0 >")));
    k.sysfs.write("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs", "0");
    DeviceResult settled = b.delete("eth0", false, null);
    assertEquals(Outcome.OK, settled.outcome(), all(settled));
    assertTrue(
        all(settled).contains("the interrupted delete is settled: eth0 (netdevsim10) has no VFs"),
        all(settled));
    assertFalse(Files.exists(journal()));
  }

  @Test
  void anApplyAfterAnInterruptedDeleteConverges() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    k.sysfs.write("/sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs", "2");
    LinuxBackend b = new LinuxBackend(k.host());
    assertThrows(Killed.class, () -> b.delete("eth0", false, dyingAtStep("   1  echo 0 >")));
    ApplyResult r = apply(k.host(), NSIM, false);
    assertEquals(Outcome.OK, r.outcome(), all(r));
    assertTrue(
        all(r).contains("a delete of the VFs of eth0 was interrupted at step 1 of 1"), all(r));
    assertEquals("02:00:00:00:00:04", k.vf("eth0", 3).mac);
    assertFalse(Files.exists(journal()));
  }

  @Test
  void killedBeforeTheReadBackSaysSo() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    Pf pf = LiveState.findPf(k.sysfs, "eth0");
    Snapshot s = LiveState.snapshot(k.sysfs, k.netlink, pf);
    Instant t = Instant.parse("2026-12-06T02:00:00Z");
    try (Journal j = Journal.begin(k.host().journalDir(), pf, "a.conf", 2, s, null, t)) {
      j.reached(1);
      j.reached(2);
      j.verifying();
    }
    Journal.Entry e = Journal.read(k.host().journalDir(), pf);
    assertTrue(e.verifying());
    assertTrue(
        e.describe()
            .startsWith(
                "an apply of a.conf was interrupted at step 2 of 2 (every step had run; during its"
                    + " read-back) at "),
        e.describe());
    assertEquals(
        new LinuxHost.Injection(0, -1, false, Integer.MAX_VALUE),
        LinuxHost.Injection.parse("kill:verify"));
    assertEquals("kill:verify", LinuxHost.Injection.parse("kill:verify").describe());
  }
}
