package io.iovc.kernel.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading back the VFs from pciconf -lc, and hw.pci.iov_max_config from sysctl. */
class HostToolsTest {
  @TempDir Path tmp;

  int n;

  HostTools tools(String pciconf, Long max) {
    return FakeTools.tools(FakeTools.dir(tmp.resolve("tools" + n++), pciconf, max));
  }

  @Test
  void parsesTheSriovCapability() {
    HostTools.Listing l = tools(FakeTools.pciconf(4, 64, 0, 1), null).listing();
    HostTools.Sriov s = HostTools.sriov(l, "ixl0");
    assertNotNull(s);
    assertEquals(4, s.numVfs());
    assertEquals(64, s.totalVfs());
    assertEquals(0x10, s.offset());
    assertEquals(1, s.stride());
    assertEquals("pci0:3:0:0", s.pf().selector());
    assertEquals(0x310, s.vfRid(0));
    assertEquals(0x317, s.vfRid(7));
    assertEquals(0x318, s.vfRid(8), "RIDs carry into the next slot");
    assertEquals("iavf0", HostTools.byRid(l, 0, 0x310).name());
    assertEquals(null, HostTools.sriov(l, "ixl1"), "ixl1 shows no SR-IOV capability");
  }

  @Test
  void findsAriVfsByRoutingId() {
    // an X710 with ARI: pciconf names RID 0x110 pci0:1:0:16, not pci0:1:2:0 (the seed article)
    String text =
        FakeTools.pciconf(2, 64)
            .replace("@pci0:3:0:0:", "@pci0:1:0:0:")
            .concat(
                "iavf0@pci0:1:0:16:\tclass=0x020000 rev=0x02 hdr=0x00 vendor=0x8086 device=0x154c subvendor=0x8086 subdevice=0x0000\n")
            .concat(
                "ppt0@pci0:1:0:17:\tclass=0x020000 rev=0x02 hdr=0x00 vendor=0x8086 device=0x154c subvendor=0x8086 subdevice=0x0000\n");
    HostTools.Readback r = tools(text, null).readBack("ixl0", 2);
    assertEquals(2, r.found(), r.warnings().toString());
    assertEquals(
        List.of("ixl0: 2 VFs present: iavf0 (VF-0, pci0:1:0:16), ppt0 (VF-1, pci0:1:0:17)"),
        r.info());
  }

  @Test
  void countsPresentAndMissingVfs() {
    HostTools.Readback all = tools(FakeTools.pciconf(2, 64, 0, 1), null).readBack("ixl0", 2);
    assertEquals(2, all.found());
    assertEquals(
        List.of("ixl0: 2 VFs present: iavf0 (VF-0, pci0:3:2:0), iavf1 (VF-1, pci0:3:2:1)"),
        all.info());
    assertEquals(List.of(), all.warnings());
    HostTools.Readback some = tools(FakeTools.pciconf(3, 64, 1), null).readBack("ixl0", 3);
    assertEquals(1, some.found());
    assertTrue(
        some.warnings().get(0).startsWith("ixl0: only 1 of 3 VFs exist; missing VF-0, VF-2."),
        some.warnings().toString());
  }

  @Test
  void saysWhenItCannotCheck() {
    HostTools.Readback none = tools(null, null).readBack("ixl0", 2);
    assertEquals(-1, none.found());
    assertTrue(
        none.warnings().get(0).startsWith("could not check which VFs the kernel created: "),
        none.warnings().toString());
    HostTools.Readback chelsio = tools(FakeTools.pciconf(0, 64), null).readBack("cxl0", 2);
    assertTrue(
        chelsio
            .warnings()
            .get(0)
            .contains(
                "shows no SR-IOV capability for cxl0 (a Chelsio port's PF is listed as t4iov/t5iov/t6iov)"),
        chelsio.warnings().toString());
  }

  @Test
  void totalVfsAndMaxConfig() {
    HostTools t = tools(FakeTools.pciconf(0, 8), 2097152L);
    assertEquals(8, t.totalVfs("ixl0"));
    assertEquals(-1, t.totalVfs("ix0"));
    assertEquals(2097152L, t.maxConfig());
    assertEquals(-1, tools(null, null).maxConfig());
  }
}
