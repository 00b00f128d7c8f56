package io.iovc.kernel.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.kernel.SriovStatus;
import io.iovc.kernel.SriovStatus.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * FreeBSD status from recorded command output: the seed article's host (an X710, ixl0 with two VFs
 * on FreeBSD 14: VF-0 attached as iavf0 and moved into the vnet jail {@code desk}, VF-1 reserved as
 * ppt0 and passed to the bhyve VM {@code debian-test} with {@code -s 5:0,passthru,1/0/17}). The
 * {@code pciconf -lc} text is in pciconf's own layout around the article's lines {@code
 * iavf0@pci0:1:0:16} and {@code ppt0@pci0:1:0:17} (spec/operations.md §1.4).
 */
class FreeBsdStatusTest {
  static final Path SEED = Path.of("src/test/resources/io/iovc/kernel/freebsd/seed");

  /** Commands answered from files; a command without a recording fails as a missing tool would. */
  static FreeBsdStatus.Commands recorded(Map<String, String> outputs) {
    return (tool, args) -> {
      String key = tool + " " + String.join(" ", args);
      String out = outputs.get(key);
      if (out == null) throw new IOException(tool + " is not available (" + key + ")");
      return out;
    };
  }

  static Map<String, String> seed() {
    Map<String, String> m = new HashMap<>();
    m.put("pciconf -lc", read("pciconf-lc.txt"));
    m.put("ifconfig -l", read("ifconfig-l.txt"));
    m.put("jls -n jid name vnet", read("jls.txt"));
    m.put("jexec 3 ifconfig -l", read("jexec-3-ifconfig-l.txt"));
    m.put("jexec 1 ifconfig -l", read("jexec-1-ifconfig-l.txt"));
    m.put("ps -axww -o pid,command", read("ps.txt"));
    return m;
  }

  static String read(String name) {
    try {
      return Files.readString(SEED.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void seedHostEveryPf() throws Exception {
    List<SriovStatus.Pf> pfs = FreeBsdStatus.read(recorded(seed()), List.of());
    assertEquals(2, pfs.size(), "ixl0 and ixl1 have the SR-IOV capability, hostb0/pcib1 do not");
    SriovStatus.Pf ixl0 = pfs.get(0);
    assertEquals("ixl0", ixl0.device());
    assertEquals("pci0:1:0:0", ixl0.pci());
    assertEquals("ixl", ixl0.driver());
    assertEquals(2, ixl0.numVfs());
    assertEquals(64, ixl0.totalVfs());
    assertEquals(List.of(), ixl0.notes());

    SriovStatus.Vf vf0 = ixl0.vfs().get(0);
    assertEquals("pci0:1:0:16", vf0.pci(), "RID 0x110 with ARI is function 16 of slot 0");
    assertEquals("iavf", vf0.driver());
    assertEquals("iavf0", vf0.netdev());
    assertEquals("1/0/16", vf0.passthru());
    assertEquals(new SriovStatus.Consumer(Kind.JAIL, "desk", null, 3), vf0.consumer());

    SriovStatus.Vf vf1 = ixl0.vfs().get(1);
    assertEquals("pci0:1:0:17", vf1.pci());
    assertEquals("ppt", vf1.driver());
    assertNull(vf1.netdev());
    assertEquals("1/0/17", vf1.passthru());
    assertEquals(new SriovStatus.Consumer(Kind.BHYVE, "debian-test", 1402L, null), vf1.consumer());

    SriovStatus.Pf ixl1 = pfs.get(1);
    assertEquals("ixl1", ixl1.device());
    assertEquals(0, ixl1.numVfs());
    assertTrue(ixl1.vfs().isEmpty());
  }

  @Test
  void interfaceBackOnTheHostIsAHostConsumer() throws Exception {
    Map<String, String> m = seed();
    m.put("ifconfig -l", "em0 ixl0 ixl1 iavf0 lo0\n");
    m.put("jexec 3 ifconfig -l", "lo0\n");
    SriovStatus.Vf vf0 = FreeBsdStatus.read(recorded(m), List.of("ixl0")).get(0).vfs().get(0);
    assertEquals(SriovStatus.Consumer.host("iavf0"), vf0.consumer());
  }

  @Test
  void aJailWithoutItsOwnStackHoldsNothing() throws Exception {
    // jail 1 (vnet=inherit) shares the host's stack: its `ifconfig -l` lists host interfaces
    Map<String, String> m = seed();
    m.put("jls -n jid name vnet", "jid=1 name=www vnet=inherit\n");
    m.put("ifconfig -l", "em0 ixl0 ixl1 iavf0 lo0\n");
    SriovStatus.Vf vf0 = FreeBsdStatus.read(recorded(m), List.of("ixl0")).get(0).vfs().get(0);
    assertEquals(Kind.HOST, vf0.consumer().kind());
  }

  @Test
  void titledBhyveLeavesThePptVfUnclaimedWithANote() throws Exception {
    Map<String, String> m = seed();
    m.put("ps -axww -o pid,command", "  PID COMMAND\n 1402 bhyve: debian-test (bhyve)\n");
    SriovStatus.Pf ixl0 = FreeBsdStatus.read(recorded(m), List.of("ixl0")).get(0);
    assertNull(ixl0.vfs().get(1).consumer());
    assertEquals(1, ixl0.notes().size(), ixl0.notes().toString());
    assertTrue(ixl0.notes().get(0).contains("debian-test (pid 1402)"), ixl0.notes().toString());
  }

  @Test
  void bhyveByPptNameAndHostKeyword() {
    List<FreeBsdStatus.Bhyve> b =
        FreeBsdStatus.parsePs(
            "  PID COMMAND\n"
                + "  77 /usr/sbin/bhyve -s 6,passthru,ppt0 -s 7:0,passthru,host=2/0/5 vm1\n"
                + "  78 /usr/local/bin/bhyvectl --vm=vm1 --get-stats\n");
    assertEquals(1, b.size());
    assertEquals("vm1", b.get(0).vm());
    assertEquals(java.util.Set.of("ppt0", "2/0/5"), b.get(0).passthru());
  }

  @Test
  void jlsQuotedValues() {
    List<FreeBsdStatus.Jail> j =
        FreeBsdStatus.parseJls("jid=4 name=\"my jail\" vnet=new\nnot a jail line\n");
    assertEquals(List.of(new FreeBsdStatus.Jail(4, "my jail", true)), j);
  }

  @Test
  void missingToolsBecomeNotesNotFailures() throws Exception {
    Map<String, String> m = new HashMap<>();
    m.put("pciconf -lc", read("pciconf-lc.txt"));
    SriovStatus.Pf ixl0 = FreeBsdStatus.read(recorded(m), List.of("ixl0")).get(0);
    assertNull(ixl0.vfs().get(0).consumer());
    assertNull(ixl0.vfs().get(1).consumer());
    assertEquals(3, ixl0.notes().size(), ixl0.notes().toString());
    String all = String.join("\n", ixl0.notes());
    for (String cmd : List.of("jls -n jid name vnet", "ifconfig -l", "ps -axww -o pid,command"))
      assertTrue(all.contains("`" + cmd + "`"), all);
  }

  @Test
  void wrongDevices() {
    FreeBsdStatus.StatusException e =
        assertThrows(
            FreeBsdStatus.StatusException.class,
            () -> FreeBsdStatus.read(recorded(seed()), List.of("ixl7")));
    assertFalse(e.unreadable());
    assertTrue(e.getMessage().contains("ixl7"), e.getMessage());
    e =
        assertThrows(
            FreeBsdStatus.StatusException.class,
            () -> FreeBsdStatus.read(recorded(seed()), List.of("iavf0")));
    assertTrue(e.getMessage().contains("no SR-IOV capability"), e.getMessage());
    e =
        assertThrows(
            FreeBsdStatus.StatusException.class,
            () -> FreeBsdStatus.read(recorded(Map.of()), List.of()));
    assertTrue(e.unreadable());
  }

  @Test
  void selectorsAndDevPaths() throws Exception {
    assertEquals(
        "ixl0", FreeBsdStatus.read(recorded(seed()), List.of("pci0:1:0:0")).get(0).device());
    assertEquals(
        "ixl0", FreeBsdStatus.read(recorded(seed()), List.of("/dev/iov/ixl0")).get(0).device());
  }
}
