package io.iovc.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.kernel.linux.Netlink.VfLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The RTM_GETLINK request and answer, on bytes built here the way the kernel builds them ({@code
 * rtnl_fill_vf} / {@code rtnl_fill_vfinfo} in net/core/rtnetlink.c, 6.1), with the layouts of
 * include/uapi/linux/{netlink,rtnetlink,if_link}.h written out by hand below, independently of the
 * parser's constants.
 */
class RtnlVfInfoTest {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final int SEQ = 4242;

  /** Little-endian writer with netlink's 4-byte alignment. */
  private static final class W {
    final ByteArrayOutputStream b = new ByteArrayOutputStream();

    W u8(int v) {
      b.write(v);
      return this;
    }

    W u16(int v) {
      return u8(v & 0xff).u8((v >> 8) & 0xff);
    }

    W u32(long v) {
      return u16((int) (v & 0xffff)).u16((int) ((v >> 16) & 0xffff));
    }

    W bytes(byte[] x) {
      b.writeBytes(x);
      return this;
    }

    W pad() {
      while (b.size() % 4 != 0) b.write(0);
      return this;
    }

    byte[] done() {
      return b.toByteArray();
    }
  }

  /** struct nlattr {u16 nla_len; u16 nla_type} + payload, padded to 4. */
  private static byte[] attr(int type, byte[] payload) {
    return new W().u16(4 + payload.length).u16(type).bytes(payload).pad().done();
  }

  /** A nest whose nla_len is the real length modulo 65536, as nla_nest_end() stores it. */
  private static byte[] nest(int type, List<byte[]> children) {
    W body = new W();
    for (byte[] c : children) body.bytes(c);
    byte[] p = body.done();
    return new W().u16((4 + p.length) & 0xffff).u16(type).bytes(p).done();
  }

  private static byte[] vfStruct(int vf, long... u32s) {
    W w = new W().u32(vf);
    for (long v : u32s) w.u32(v);
    return w.done();
  }

  /** One IFLA_VF_INFO (type 1) the way rtnl_fill_vfinfo() orders it. */
  private static byte[] vfInfo(
      int vf, String mac, int vlan, int qos, int proto, int spoof, int trust, int state) {
    byte[] macBytes = new byte[32];
    byte[] m = HexFormat.ofDelimiter(":").parseHex(mac);
    System.arraycopy(m, 0, macBytes, 0, m.length);
    List<byte[]> a = new ArrayList<>();
    a.add(attr(1, new W().u32(vf).bytes(macBytes).done())); // IFLA_VF_MAC, ifla_vf_mac
    byte[] bc = new byte[32];
    java.util.Arrays.fill(bc, 0, 6, (byte) 0xff);
    a.add(attr(13, bc)); // IFLA_VF_BROADCAST
    a.add(attr(2, vfStruct(vf, vlan, qos))); // IFLA_VF_VLAN
    a.add(attr(6, vfStruct(vf, 100, 1000))); // IFLA_VF_RATE min, max
    a.add(attr(3, vfStruct(vf, 1000))); // IFLA_VF_TX_RATE
    a.add(attr(4, vfStruct(vf, spoof))); // IFLA_VF_SPOOFCHK
    a.add(attr(5, vfStruct(vf, state))); // IFLA_VF_LINK_STATE
    a.add(attr(7, vfStruct(vf, 0xffffffffL))); // IFLA_VF_RSS_QUERY_EN: not reported
    a.add(attr(9, vfStruct(vf, trust))); // IFLA_VF_TRUST
    // IFLA_VF_VLAN_LIST > IFLA_VF_VLAN_INFO {u32 vf, vlan, qos; __be16 proto} (16 bytes)
    byte[] info = new W().u32(vf).u32(vlan).u32(qos).u8(proto >> 8).u8(proto & 0xff).u16(0).done();
    a.add(nest(12, List.of(attr(1, info))));
    return nest(1, a);
  }

  /** nlmsghdr + ifinfomsg + IFLA_IFNAME, IFLA_ADDRESS, IFLA_NUM_VF, IFLA_VFINFO_LIST, a tail. */
  private static byte[] newLink(int seq, int numVf, List<byte[]> vfs) {
    W body = new W();
    body.u8(0).u8(0).u16(1).u32(7).u32(0x1003).u32(0); // ifinfomsg: ARPHRD_ETHER, index 7
    body.bytes(attr(3, "eth0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    body.bytes(attr(1, HexFormat.ofDelimiter(":").parseHex("02:00:00:00:00:99")));
    body.bytes(attr(21, new W().u32(numVf).done())); // IFLA_NUM_VF
    if (vfs != null) body.bytes(nest(22, vfs)); // IFLA_VFINFO_LIST
    body.bytes(attr(26, new byte[8])); // IFLA_AF_SPEC-ish tail the parser must not need
    byte[] p = body.done();
    return new W().u32(16 + p.length).u16(16).u16(0).u32(seq).u32(0).bytes(p).done();
  }

  private static List<VfLink> parse(byte[] msg) throws IOException {
    return RtnlVfInfo.parse(ByteBuffer.wrap(msg).order(LE), SEQ, "eth0");
  }

  private static List<byte[]> vfs(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++)
      out.add(
          vfInfo(
              i, String.format("02:00:00:00:%02x:%02x", i >> 8, i & 0xff), 0, 0, 0x8100, 1, 0, 0));
    return out;
  }

  @Test
  void theRealSocketAnswersForLoopbackAndRefusesAnUnknownName() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getProperty("os.name").equals("Linux"), "netlink is Linux's");
    assertEquals(List.of(), RtNetlink.getLink("lo"), "no VFs, no list");
    IOException e = assertThrows(IOException.class, () -> RtNetlink.getLink("iovc-none0"));
    assertEquals("RTM_GETLINK for iovc-none0: RTNETLINK answers: No such device", e.getMessage());
  }

  @Test
  void theRequestAsksForVfsWithoutStatisticsByName() {
    byte[] req = RtnlVfInfo.getLinkRequest("eth0", SEQ, LE);
    byte[] expected =
        new W()
            .u32(52) // nlmsg_len: 16 + 16 + 8 + (4 + 5, padded to 12)
            .u16(18) // RTM_GETLINK
            .u16(1) // NLM_F_REQUEST
            .u32(SEQ)
            .u32(0)
            .bytes(new byte[16]) // ifinfomsg, index 0
            .u16(8)
            .u16(29) // IFLA_EXT_MASK
            .u32(1 | 8) // RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS
            .u16(9)
            .u16(3) // IFLA_IFNAME "eth0\0"
            .bytes("eth0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .pad()
            .done();
    assertArrayEquals(expected, req);
  }

  @Test
  void everySettingOfEveryVfIsRead() throws IOException {
    List<byte[]> v = new ArrayList<>();
    v.add(vfInfo(0, "02:00:00:00:00:01", 0, 0, 0x8100, 1, 0, 0));
    v.add(vfInfo(1, "02:00:00:00:00:02", 200, 3, 0x88a8, 0, 1, 2));
    v.add(vfInfo(2, "00:00:00:00:00:00", 5, 0, 0x8100, 0xffffffff, 0xffffffff, 1));
    List<VfLink> got = parse(newLink(SEQ, 3, v));
    assertEquals(
        new VfLink(0, "02:00:00:00:00:01", 0, 0, "802.1Q", true, false, "auto", 100, 1000, null),
        got.get(0));
    assertEquals(
        new VfLink(
            1, "02:00:00:00:00:02", 200, 3, "802.1ad", false, true, "disable", 100, 1000, null),
        got.get(1));
    assertEquals(
        new VfLink(2, "00:00:00:00:00:00", 5, 0, "802.1Q", null, null, "enable", 100, 1000, null),
        got.get(2));
  }

  @Test
  void twoHundredFiftySixVfsFitWithoutStatistics() throws IOException {
    byte[] msg = newLink(SEQ, 256, vfs(256));
    List<VfLink> got = parse(msg);
    assertEquals(256, got.size());
    assertEquals(255, got.get(255).vf());
    assertEquals("02:00:00:00:00:ff", got.get(255).mac());
    // 196 bytes per VF, as rtnl_fill_vfinfo() writes them without IFLA_VF_STATS
    assertEquals(196, vfInfo(0, "02:00:00:00:00:01", 0, 0, 0x8100, 1, 0, 0).length);
  }

  @Test
  void aWrappedListIsRefusedAndNamesTheMissingVfs() {
    // 400 VFs: 78 404 bytes, nla_len wraps to 12 868: 65 entries fit in the declared length
    IOException e = assertThrows(IOException.class, () -> parse(newLink(SEQ, 400, vfs(400))));
    assertTrue(e.getMessage().contains("reports 400 VFs"), e.getMessage());
    assertTrue(e.getMessage().contains("only 65 of them"), e.getMessage());
    assertTrue(e.getMessage().contains("VF-65..VF-399"), e.getMessage());
  }

  @Test
  void aVfTheDriverSkippedIsRefused() {
    List<byte[]> v = vfs(4);
    v.remove(2);
    IOException e = assertThrows(IOException.class, () -> parse(newLink(SEQ, 4, v)));
    assertTrue(e.getMessage().contains("only 3 of them (missing: VF-2;"), e.getMessage());
  }

  @Test
  void aRepeatedOrOutOfRangeVfIsRefused() {
    List<byte[]> v = vfs(2);
    v.set(1, vfs(1).get(0));
    assertThrows(IOException.class, () -> parse(newLink(SEQ, 2, v)));
    List<byte[]> w = vfs(2);
    w.set(1, vfInfo(7, "02:00:00:00:00:07", 0, 0, 0x8100, 1, 0, 0));
    assertThrows(IOException.class, () -> parse(newLink(SEQ, 2, w)));
  }

  @Test
  void noListMeansTheDriverReportsNoSettings() throws IOException {
    assertEquals(List.of(), parse(newLink(SEQ, 4, null)));
    assertEquals(List.of(), parse(newLink(SEQ, 0, List.of())));
  }

  @Test
  void theKernelsRefusalIsAnError() {
    // NLMSG_ERROR: nlmsghdr + struct nlmsgerr {int error; struct nlmsghdr msg}
    byte[] err = new W().u32(36).u16(2).u16(0).u32(SEQ).u32(0).u32(-19).bytes(new byte[16]).done();
    RtnlVfInfo.KernelRefusal r = assertThrows(RtnlVfInfo.KernelRefusal.class, () -> parse(err));
    assertEquals(19, r.errno);
    assertEquals("RTNETLINK answers: No such device", r.getMessage());
  }

  @Test
  void otherSequencesAreSkippedAndGarbageIsAnErrorNotACrash() throws IOException {
    byte[] other = newLink(SEQ + 1, 1, vfs(1));
    assertNull(parse(other));
    byte[] both = new W().bytes(other).bytes(newLink(SEQ, 1, vfs(1))).done();
    assertEquals(1, parse(both).size());
    byte[] cut = java.util.Arrays.copyOf(newLink(SEQ, 2, vfs(2)), 60);
    ByteBuffer b = ByteBuffer.wrap(cut).order(LE);
    b.putInt(0, 60);
    assertThrows(IOException.class, () -> parse(cut));
    byte[] bad = new W().u32(3).u16(16).u16(0).u32(SEQ).u32(0).done();
    assertThrows(IOException.class, () -> parse(bad));
  }
}
