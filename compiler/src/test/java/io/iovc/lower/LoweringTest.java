package io.iovc.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.check.CheckResult;
import io.iovc.check.Checker;
import io.iovc.nvlist.Examples;
import io.iovc.nvlist.NvDump;
import io.iovc.nvlist.NvList;
import io.iovc.nvlist.NvPacker;
import io.iovc.nvlist.NvPair;
import io.iovc.nvlist.NvValue;
import io.iovc.schema.Schema;
import io.iovc.schema.SchemaException;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import io.iovc.testing.Oracle;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The nvlist iovctl hands to the kernel (spec §4.2, §4.3). Expected trees were confirmed with
 * iovctl's own validate_config and libnv (the oracle); with {@code IOVC_ORACLE} set, each case's
 * listing and packed bytes are compared with iovctl again.
 */
class LoweringTest {
  private static final Schema IX_2026 =
      schema(
          "The following configuration parameters may be configured on the PF:\n"
              + "\tnum_vfs : uint16_t (required)\n"
              + "\tdevice : string (required)\n"
              + "\nThe following configuration parameters may be configured on a VF:\n"
              + "\tpassthrough : bool (default = false)\n"
              + "\tmac-addr : unicast-mac (optional)\n"
              + "\tmac-anti-spoof : bool (default = true)\n"
              + "\tallow-set-mac : bool (default = false)\n"
              + "\tallow-promisc : bool (default = false)\n"
              + "\tvlan : vlan (default = trunk)\n");

  private static Schema schema(String text) {
    try {
      return Schema.fromIovctlText(text, "ix-2026");
    } catch (SchemaException e) {
      throw new AssertionError(e);
    }
  }

  private static NvList lower(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    CheckResult r = Checker.check(Ucl.parse(new SourceText("t.conf", bytes)), IX_2026);
    assertFalse(r.hasErrors(), () -> r.diagnostics() + "\n" + text);
    NvList nv = Lowering.lower(r.config());
    Oracle.Verdict v = Oracle.iovctl(NvPacker.pack(IX_2026.nvlist()), bytes);
    if (v != null) {
      assertTrue(v.accepted(), v.stderr());
      assertEquals(
          v.packed(),
          HexFormat.of().formatHex(NvPacker.pack(nv)),
          "packed bytes differ from iovctl's for:\n" + text);
    }
    return nv;
  }

  private static List<String> names(NvList l) {
    return l.pairs().stream().map(NvPair::name).toList();
  }

  private static NvList list(NvList l, String... path) {
    NvList cur = l;
    for (String p : path) {
      cur = cur.getList(p);
      assertNotNull(cur, "no " + p);
    }
    return cur;
  }

  @Test
  void pfFirstThenEveryVfInOrderEvenUnwritten() {
    NvList nv = lower("VF-2 { passthrough = true }\nPF { device = \"ix0\"; num_vfs = 3; }\n");
    assertEquals(List.of("PF", "VF-0", "VF-1", "VF-2"), names(nv));
    for (String vf : List.of("VF-0", "VF-1")) {
      assertEquals(List.of("DRIVER", "IOV"), names(list(nv, vf)));
      assertTrue(list(nv, vf, "DRIVER").isEmpty());
      assertTrue(list(nv, vf, "IOV").isEmpty());
    }
    assertEquals(new NvValue.Bool(true), list(nv, "VF-2", "IOV").get("passthrough"));
  }

  @Test
  void sectionNamesAreCanonicalButParameterNamesAsWritten() {
    NvList nv =
        lower(
            "pf { NUM_VFS = 2; Device = \"ix0\" }\nvf-1 { Mac-Addr = \"02:00:00:00:00:01\"; PassThrough = true }\n");
    assertEquals(List.of("PF", "VF-0", "VF-1"), names(nv));
    assertEquals(
        List.of("NUM_VFS", "Device"), names(list(nv, "PF", "IOV")), "PF.IOV in the order written");
    assertEquals(List.of("Mac-Addr"), names(list(nv, "VF-1", "DRIVER")));
    assertEquals(List.of("PassThrough"), names(list(nv, "VF-1", "IOV")));
  }

  @Test
  void defaultIsFoldedAfterTheVfsOwnKeysInDefaultOrderAndSpelling() {
    NvList nv =
        lower(
            "PF { device = \"ix0\"; num_vfs = 2; }\n"
                + "DEFAULT { VLAN = 7; allow-promisc = true; Mac-Anti-Spoof = false; passthrough = true }\n"
                + "VF-0 { allow-set-mac = true; mac-anti-spoof = true }\n");
    assertEquals(
        List.of("allow-set-mac", "mac-anti-spoof", "VLAN", "allow-promisc"),
        names(list(nv, "VF-0", "DRIVER")),
        "own keys first, then DEFAULT's missing ones; mac-anti-spoof is already present ignoring case");
    assertEquals(
        new NvValue.Bool(true),
        list(nv, "VF-0", "DRIVER").get("mac-anti-spoof"),
        "the VF's own value wins");
    assertEquals(
        List.of("VLAN", "allow-promisc", "Mac-Anti-Spoof"), names(list(nv, "VF-1", "DRIVER")));
    assertEquals(new NvValue.Number(7), list(nv, "VF-1", "DRIVER").get("vlan"));
    assertEquals(List.of("passthrough"), names(list(nv, "VF-0", "IOV")));
    assertFalse(nv.contains("DEFAULT"), "DEFAULT itself is never sent");
  }

  @Test
  void alreadyPresentIgnoresCase() {
    NvList nv =
        lower(
            "PF { device = \"ix0\"; num_vfs = 1; }\nDEFAULT { mac-addr = \"02:00:00:00:00:01\" }\nVF-0 { MAC-ADDR = \"02:00:00:00:00:02\" }\n");
    assertEquals(List.of("MAC-ADDR"), names(list(nv, "VF-0", "DRIVER")));
    assertInstanceOf(NvValue.Binary.class, list(nv, "VF-0", "DRIVER").get("mac-addr"));
    assertEquals(
        "020000000002",
        HexFormat.of()
            .formatHex(((NvValue.Binary) list(nv, "VF-0", "DRIVER").get("mac-addr")).bytes()));
  }

  @Test
  void everyListIsIgnoreCase() {
    NvList nv =
        lower(
            "PF { device = \"ix0\"; num_vfs = 2; }\nDEFAULT { passthrough = true }\nVF-1 { vlan = 5 }\n");
    assertIgnoreCaseEverywhere(nv);
    assertEquals(
        NvList.IGNORE_CASE, NvPacker.pack(nv)[2] & 0xff, "the packed header carries the flag");
  }

  private static void assertIgnoreCaseEverywhere(NvList l) {
    assertEquals(NvList.IGNORE_CASE, l.flags());
    for (NvPair p : l.pairs()) {
      if (p.value() instanceof NvValue.Nested n) assertIgnoreCaseEverywhere(n.list());
    }
  }

  @Test
  void valueTypes() {
    NvList nv =
        lower(
            "PF { device = \"ix0\"; num_vfs = 1; }\nVF-0 { passthrough = yes; vlan = trunk; mac-addr = \"02:00:00:00:00:0a\" }\n");
    assertEquals(new NvValue.Str("ix0"), list(nv, "PF", "IOV").get("device"));
    assertEquals(new NvValue.Number(1), list(nv, "PF", "IOV").get("num_vfs"));
    assertEquals(new NvValue.Bool(true), list(nv, "VF-0", "IOV").get("passthrough"));
    assertEquals(new NvValue.Number(4096), list(nv, "VF-0", "DRIVER").get("vlan"));
    assertEquals(6, ((NvValue.Binary) list(nv, "VF-0", "DRIVER").get("mac-addr")).bytes().length);
  }

  @Test
  void schemaDefaultsAreNotAdded() {
    NvList nv = lower("PF { device = \"ix0\"; num_vfs = 1; }\n");
    assertTrue(list(nv, "VF-0", "DRIVER").isEmpty());
    assertTrue(list(nv, "VF-0", "IOV").isEmpty());
    assertNull(list(nv, "VF-0", "IOV").get("passthrough"));
  }

  @Test
  void firstOfDuplicateSectionsAndParametersIsUsed() {
    NvList nv =
        lower(
            "PF { device = \"ix0\"; num_vfs = 1; }\nVF-0 { vlan = 1; vlan = 2 }\nVF-0 { vlan = 3 }\n");
    assertEquals(new NvValue.Number(1), list(nv, "VF-0", "DRIVER").get("vlan"));
  }

  // ------------------------------------------------------------------ §4.3

  private static final String MAN_PAGE =
      "PF {\n\tdevice : \"ix0\";\n\tnum_vfs : 3;\n}\n\nDEFAULT {\n\tpassthrough : true;\n}\n\n"
          + "VF-0 {\n\tmac-addr : \"02:56:48:7e:d9:f7\";\n\tpassthrough : false;\n\tvlan: 1;\n}\n";

  /** What iovctl -C -n packs for the man page example (1004 bytes, little-endian host). */
  private static final String MAN_PACKED =
      """
        6c00010000000000000000d903000000000000050300af0300000000000000000000000000005046006c0001000000000000
        0000b00300000000000005070013000000000000000000000000000000445249564552006c00010000000000000000830300
        0000000000ff0100000000000000000000000000000000000005040030030000000000000000000000000000494f56006c00
        0100000000000000004503000000000000040700040000000000000000000000000000006465766963650069783000030800
        080000000000000000000000000000006e756d5f766673000300000000000000ff0100000000000000000000000000000000
        0000ff01000000000000000000000000000000000000050500b002000000000000000000000000000056462d30006c000100
        00000000000000b1020000000000000507006f020000000000000000000000000000445249564552006c0001000000000000
        00008402000000000000070900060000000000000000000000000000006d61632d61646472000256487ed9f7030500080000
        00000000000000000000000000766c616e000100000000000000ff01000000000000000000000000000000000000050400ef
        010000000000000000000000000000494f56006c000100000000000000000402000000000000020c00010000000000000000
        00000000000000706173737468726f7567680000ff01000000000000000000000000000000000000ff010000000000000000
        000000000000000000000505009001000000000000000000000000000056462d31006c000100000000000000009101000000
        00000005070013000000000000000000000000000000445249564552006c000100000000000000006401000000000000ff01
        00000000000000000000000000000000000005040011010000000000000000000000000000494f56006c0001000000000000
        00002601000000000000020c0001000000000000000000000000000000706173737468726f7567680001ff01000000000000
        000000000000000000000000ff01000000000000000000000000000000000000050500b20000000000000000000000000000
        0056462d32006c00010000000000000000b30000000000000005070013000000000000000000000000000000445249564552
        006c000100000000000000008600000000000000ff0100000000000000000000000000000000000005040033000000000000
        000000000000000000494f56006c000100000000000000004800000000000000020c00010000000000000000000000000000
        00706173737468726f7567680001ff01000000000000000000000000000000000000ff010000000000000000000000000000
        00000000
      """
          .replaceAll("\\s", "");

  @Test
  void manPageExampleListing() {
    NvList nv = lower(MAN_PAGE);
    assertEquals(Examples.MAN_PAGE_43_DUMP, NvDump.fdump(nv));
  }

  @Test
  void manPageExamplePacksTo1004Bytes() {
    byte[] packed = NvPacker.pack(lower(MAN_PAGE));
    assertEquals(1004, packed.length);
    assertEquals(1004, NvPacker.packedSize(lower(MAN_PAGE)));
    assertEquals(MAN_PACKED, HexFormat.of().formatHex(packed));
  }
}
