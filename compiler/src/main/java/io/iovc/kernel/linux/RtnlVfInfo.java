package io.iovc.kernel.linux;

import io.iovc.kernel.linux.Netlink.VfLink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bytes of one {@code RTM_GETLINK} request for a PF's VFs and the parser of its answer. Pure
 * Java over a {@link ByteBuffer} in the host's byte order (netlink is host-endian), so the tests
 * feed it constructed messages; {@link RtNetlink} does the socket calls.
 *
 * <p>Every number below is from Linux's UAPI headers, 6.1.192 (Debian's {@code linux-libc-dev}, the
 * kernel the kernel tests boot), and is stable ABI:
 *
 * <ul>
 *   <li>{@code include/uapi/linux/netlink.h}: {@code NETLINK_ROUTE 0}, {@code struct nlmsghdr} {u32
 *       nlmsg_len; u16 nlmsg_type; u16 nlmsg_flags; u32 nlmsg_seq; u32 nlmsg_pid} (16 bytes),
 *       {@code NLM_F_REQUEST 0x01}, {@code NLMSG_ERROR 0x2}, {@code NLMSG_DONE 0x3}, {@code struct
 *       nlmsgerr} {int error; struct nlmsghdr msg}, {@code NLMSG_ALIGNTO 4}, {@code struct nlattr}
 *       {u16 nla_len; u16 nla_type}, {@code NLA_ALIGNTO 4}, {@code NLA_TYPE_MASK ~(NLA_F_NESTED
 *       (1<<15) | NLA_F_NET_BYTEORDER (1<<14))}.
 *   <li>{@code include/uapi/linux/rtnetlink.h}: {@code RTM_NEWLINK 16}, {@code RTM_GETLINK} (the
 *       next value, 18 after {@code RTM_DELLINK} 17), {@code struct ifinfomsg} {u8 ifi_family; u8
 *       pad; u16 ifi_type; int ifi_index; u32 ifi_flags; u32 ifi_change} (16 bytes), {@code
 *       RTEXT_FILTER_VF (1 << 0)}, {@code RTEXT_FILTER_SKIP_STATS (1 << 3)}.
 *   <li>{@code include/uapi/linux/if_link.h}, the {@code IFLA_*} enum: {@code IFLA_ADDRESS 1},
 *       {@code IFLA_IFNAME 3}, {@code IFLA_NUM_VF 21}, {@code IFLA_VFINFO_LIST 22}, {@code
 *       IFLA_EXT_MASK 29}; {@code IFLA_VF_INFO 1}; the {@code IFLA_VF_*} enum: {@code MAC 1},
 *       {@code VLAN 2}, {@code TX_RATE 3}, {@code SPOOFCHK 4}, {@code LINK_STATE 5}, {@code RATE
 *       6}, {@code RSS_QUERY_EN 7}, {@code STATS 8}, {@code TRUST 9}, {@code VLAN_LIST 12}; {@code
 *       IFLA_VF_VLAN_INFO 1}; {@code IFLA_VF_LINK_STATE_AUTO 0 / ENABLE 1 / DISABLE 2}; the structs
 *       {@code ifla_vf_mac {u32 vf; u8 mac[32]}}, {@code ifla_vf_vlan {u32 vf, vlan, qos}}, {@code
 *       ifla_vf_vlan_info {u32 vf, vlan, qos; __be16 vlan_proto}}, {@code ifla_vf_tx_rate {u32 vf,
 *       rate}}, {@code ifla_vf_rate {u32 vf, min_tx_rate, max_tx_rate}}, {@code ifla_vf_spoofchk /
 *       ifla_vf_link_state / ifla_vf_rss_query_en / ifla_vf_trust {u32 vf; u32 setting}}.
 *   <li>{@code include/uapi/linux/if_ether.h}: {@code ETH_P_8021Q 0x8100}, {@code ETH_P_8021AD
 *       0x88A8}.
 * </ul>
 *
 * <p>What the kernel puts in the answer ({@code net/core/rtnetlink.c}, 6.1: {@code rtnl_fill_vf},
 * {@code rtnl_fill_vfinfo}): {@code IFLA_NUM_VF} = {@code dev_num_vf()}, then the nest {@code
 * IFLA_VFINFO_LIST} with one {@code IFLA_VF_INFO} per VF whose {@code ndo_get_vf_config} succeeds
 * (a VF whose query fails is left out without a word). Settings the driver does not report
 * (spoofchk, trust, query_rss) are {@code (u32) -1}. The list's length is the {@code u16 nla_len}
 * that {@code nla_nest_end()} writes: past 65 535 bytes it wraps and the list is cut. Hence {@link
 * #parse}: the answer must hold exactly {@code IFLA_NUM_VF} entries, VF 0 to N-1 once each, or it
 * is an error that says so; and nothing after a list is trusted (a wrapped length points into it).
 */
final class RtnlVfInfo {
  private RtnlVfInfo() {}

  static final int NETLINK_ROUTE = 0;
  static final int NLMSG_HDRLEN = 16;
  static final int NLM_F_REQUEST = 0x01;
  static final int NLMSG_ERROR = 0x2;
  static final int NLMSG_DONE = 0x3;
  static final int NLA_HDRLEN = 4;
  static final int NLA_TYPE_MASK = ~((1 << 15) | (1 << 14)) & 0xffff;

  static final int RTM_NEWLINK = 16;
  static final int RTM_GETLINK = 18;
  static final int IFINFOMSG_LEN = 16;
  static final int RTEXT_FILTER_VF = 1;
  static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

  static final int IFLA_ADDRESS = 1;
  static final int IFLA_IFNAME = 3;
  static final int IFLA_NUM_VF = 21;
  static final int IFLA_VFINFO_LIST = 22;
  static final int IFLA_EXT_MASK = 29;

  static final int IFLA_VF_INFO = 1;
  static final int IFLA_VF_MAC = 1;
  static final int IFLA_VF_VLAN = 2;
  static final int IFLA_VF_TX_RATE = 3;
  static final int IFLA_VF_SPOOFCHK = 4;
  static final int IFLA_VF_LINK_STATE = 5;
  static final int IFLA_VF_RATE = 6;
  static final int IFLA_VF_RSS_QUERY_EN = 7;
  static final int IFLA_VF_TRUST = 9;
  static final int IFLA_VF_VLAN_LIST = 12;
  static final int IFLA_VF_VLAN_INFO = 1;

  static final int ETH_P_8021Q = 0x8100;
  static final int ETH_P_8021AD = 0x88A8;

  /** Largest {@code nla_len}: the cap on one nested list, whatever the message size. */
  static final int NLA_LEN_MAX = 0xffff;

  static int align(int n) {
    return (n + 3) & ~3;
  }

  /**
   * {@code RTM_GETLINK} for one interface by name ({@code IFLA_IFNAME}), asking for the VF list
   * without per-VF statistics: {@code IFLA_EXT_MASK = RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS}.
   */
  static byte[] getLinkRequest(String ifname, int seq, ByteOrder order) {
    byte[] name = ifname.getBytes(StandardCharsets.UTF_8);
    int nameAttr = NLA_HDRLEN + name.length + 1;
    int len = NLMSG_HDRLEN + IFINFOMSG_LEN + align(NLA_HDRLEN + 4) + align(nameAttr);
    ByteBuffer b = ByteBuffer.allocate(len).order(order);
    b.putInt(len).putShort((short) RTM_GETLINK).putShort((short) NLM_F_REQUEST);
    b.putInt(seq).putInt(0);
    b.put(new byte[IFINFOMSG_LEN]); // AF_UNSPEC, any type, index 0: by name
    b.putShort((short) (NLA_HDRLEN + 4)).putShort((short) IFLA_EXT_MASK);
    b.putInt(RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
    b.putShort((short) nameAttr).putShort((short) IFLA_IFNAME);
    b.put(name).put((byte) 0);
    return b.array();
  }

  /** An error answer from the kernel ({@code NLMSG_ERROR} with a negative errno). */
  static final class KernelRefusal extends IOException {
    private static final long serialVersionUID = 1L;
    final int errno;

    KernelRefusal(int errno, String message) {
      super(message);
      this.errno = errno;
    }
  }

  /**
   * The VFs in the answer to {@link #getLinkRequest} with sequence {@code seq}: the messages in
   * {@code buf} from its position to its limit. Returns null when {@code buf} holds no answer to
   * {@code seq} (another message: read on).
   *
   * @throws KernelRefusal the kernel answered with an error
   * @throws IOException the answer is malformed or holds fewer VFs than {@code IFLA_NUM_VF}
   */
  static List<VfLink> parse(ByteBuffer buf, int seq, String pf) throws IOException {
    ByteBuffer b = buf.duplicate().order(buf.order());
    while (b.remaining() >= NLMSG_HDRLEN) {
      int start = b.position();
      int len = b.getInt(start);
      int type = b.getShort(start + 4) & 0xffff;
      int mseq = b.getInt(start + 8);
      if (len < NLMSG_HDRLEN || len > b.remaining())
        throw new IOException(
            "netlink answer for " + pf + " is malformed (message length " + len + ")");
      if (mseq == seq) {
        if (type == NLMSG_ERROR) {
          if (len < NLMSG_HDRLEN + 4) throw new IOException("netlink error message too short");
          int err = -b.getInt(start + NLMSG_HDRLEN);
          if (err == 0) return null; // an acknowledgement, not the answer
          throw new KernelRefusal(err, "RTNETLINK answers: " + Errnos.describe(err));
        }
        if (type == RTM_NEWLINK) return link(b.slice(start, len).order(b.order()), pf);
        if (type == NLMSG_DONE)
          throw new IOException("netlink: no link information for " + pf + " in the answer");
      }
      b.position(start + Math.min(align(len), b.remaining()));
    }
    return null;
  }

  /** One {@code RTM_NEWLINK} message (header included). */
  static List<VfLink> link(ByteBuffer m, String pf) throws IOException {
    int end = m.limit();
    if (end < NLMSG_HDRLEN + IFINFOMSG_LEN)
      throw new IOException("netlink answer for " + pf + " is too short");
    int addrLen = 6;
    Integer numVf = null;
    int p = NLMSG_HDRLEN + IFINFOMSG_LEN;
    while (p + NLA_HDRLEN <= end) {
      int alen = m.getShort(p) & 0xffff;
      int atype = m.getShort(p + 2) & NLA_TYPE_MASK;
      int plen = Math.max(0, alen - NLA_HDRLEN);
      int data = p + NLA_HDRLEN;
      if (atype == IFLA_VFINFO_LIST) {
        if (numVf == null)
          throw new IOException(
              "netlink answer for " + pf + " has a VF list but no IFLA_NUM_VF before it");
        // The list is the last attribute iovc reads: if its 16-bit length wrapped, what follows
        // its declared end is the rest of the list, not attributes.
        int listEnd = Math.min(end, data + plen);
        return vfList(m, data, listEnd, numVf, addrLen, pf);
      }
      if (alen < NLA_HDRLEN || data + plen > end)
        throw new IOException(
            "netlink answer for " + pf + " is malformed (attribute length " + alen + ")");
      if (atype == IFLA_ADDRESS && plen > 0 && plen <= 32) addrLen = plen;
      if (atype == IFLA_NUM_VF && plen >= 4) numVf = m.getInt(data);
      p += align(alen);
    }
    // No list: the PF has no VFs, or its driver has no ndo_get_vf_config (rtnl_fill_vf returns
    // before opening the list). Nothing is cut; the caller sees no VF settings.
    return List.of();
  }

  private static List<VfLink> vfList(
      ByteBuffer m, int p, int end, int numVf, int addrLen, String pf) throws IOException {
    List<VfLink> out = new ArrayList<>();
    boolean[] seen = new boolean[Math.max(0, numVf)];
    while (p + NLA_HDRLEN <= end) {
      int alen = m.getShort(p) & 0xffff;
      int atype = m.getShort(p + 2) & NLA_TYPE_MASK;
      if (alen < NLA_HDRLEN || p + alen > end) break; // cut: counted below
      if (atype == IFLA_VF_INFO) {
        VfLink l = vfInfo(m, p + NLA_HDRLEN, p + alen, addrLen, pf);
        if (l.vf() < 0 || l.vf() >= numVf || seen[l.vf()])
          throw new IOException(
              "netlink answer for "
                  + pf
                  + " names VF "
                  + Integer.toUnsignedString(l.vf())
                  + (l.vf() >= 0 && l.vf() < numVf ? " twice" : " outside 0.." + (numVf - 1)));
        seen[l.vf()] = true;
        out.add(l);
      }
      p += align(alen);
    }
    if (out.size() != numVf) {
      throw new IOException(
          "the kernel reports "
              + numVf
              + " VFs on "
              + pf
              + " but its netlink answer describes only "
              + out.size()
              + " of them ("
              + (out.size() < numVf ? "missing: " + missing(seen) + "; " : "")
              + "the VF list of one link is a netlink attribute whose length is 16 bits, so the"
              + " kernel cuts it past 65535 bytes, about 330 VFs; a VF whose driver query fails"
              + " is also left out). iovc will not guess their settings.");
    }
    out.sort(java.util.Comparator.comparingInt(VfLink::vf));
    return out;
  }

  private static String missing(boolean[] seen) {
    StringBuilder s = new StringBuilder();
    int first = -1;
    for (int i = 0; i <= seen.length; i++) {
      boolean gap = i < seen.length && !seen[i];
      if (gap && first < 0) first = i;
      if (!gap && first >= 0) {
        if (s.length() > 0) s.append(", ");
        s.append("VF-").append(first);
        if (i - 1 > first) s.append("..VF-").append(i - 1);
        first = -1;
      }
    }
    return s.toString();
  }

  private static VfLink vfInfo(ByteBuffer m, int p, int end, int addrLen, String pf)
      throws IOException {
    Integer vf = null;
    String mac = null;
    int vlan = 0;
    int qos = 0;
    int proto = ETH_P_8021Q;
    boolean haveVlanInfo = false;
    Boolean spoof = null;
    Boolean trust = null;
    Boolean rss = null;
    String state = null;
    long min = 0;
    long max = 0;
    boolean haveRate = false;
    while (p + NLA_HDRLEN <= end) {
      int alen = m.getShort(p) & 0xffff;
      int atype = m.getShort(p + 2) & NLA_TYPE_MASK;
      if (alen < NLA_HDRLEN || p + alen > end)
        throw new IOException("netlink answer for " + pf + ": malformed VF attribute");
      int d = p + NLA_HDRLEN;
      int plen = alen - NLA_HDRLEN;
      switch (atype) {
        case IFLA_VF_MAC -> {
          need(plen, 4 + 32, "ifla_vf_mac", pf);
          vf = m.getInt(d);
          StringBuilder s = new StringBuilder();
          for (int i = 0; i < Math.min(addrLen, 32); i++) {
            if (i > 0) s.append(':');
            s.append(String.format(Locale.ROOT, "%02x", m.get(d + 4 + i) & 0xff));
          }
          mac = s.toString();
        }
        case IFLA_VF_VLAN -> {
          need(plen, 12, "ifla_vf_vlan", pf);
          if (!haveVlanInfo) {
            vlan = m.getInt(d + 4);
            qos = m.getInt(d + 8);
          }
        }
        case IFLA_VF_VLAN_LIST -> {
          int q = d;
          while (q + NLA_HDRLEN <= d + plen) {
            int ilen = m.getShort(q) & 0xffff;
            int itype = m.getShort(q + 2) & NLA_TYPE_MASK;
            if (ilen < NLA_HDRLEN || q + ilen > d + plen) break;
            if (itype == IFLA_VF_VLAN_INFO && !haveVlanInfo) {
              need(ilen - NLA_HDRLEN, 14, "ifla_vf_vlan_info", pf);
              int x = q + NLA_HDRLEN;
              vlan = m.getInt(x + 4);
              qos = m.getInt(x + 8);
              proto = ((m.get(x + 12) & 0xff) << 8) | (m.get(x + 13) & 0xff); // __be16
              haveVlanInfo = true;
            }
            q += align(ilen);
          }
        }
        case IFLA_VF_TX_RATE -> {
          need(plen, 8, "ifla_vf_tx_rate", pf);
          if (!haveRate) max = Integer.toUnsignedLong(m.getInt(d + 4));
        }
        case IFLA_VF_RATE -> {
          need(plen, 12, "ifla_vf_rate", pf);
          min = Integer.toUnsignedLong(m.getInt(d + 4));
          max = Integer.toUnsignedLong(m.getInt(d + 8));
          haveRate = true;
        }
        case IFLA_VF_SPOOFCHK -> spoof = setting(m, d, plen, "ifla_vf_spoofchk", pf);
        case IFLA_VF_TRUST -> trust = setting(m, d, plen, "ifla_vf_trust", pf);
        case IFLA_VF_RSS_QUERY_EN -> rss = setting(m, d, plen, "ifla_vf_rss_query_en", pf);
        case IFLA_VF_LINK_STATE -> {
          need(plen, 8, "ifla_vf_link_state", pf);
          int v = m.getInt(d + 4);
          state =
              switch (v) {
                case 0 -> "auto";
                case 1 -> "enable";
                case 2 -> "disable";
                default -> "link-state " + Integer.toUnsignedString(v);
              };
        }
        default -> {
          // statistics, GUIDs, broadcast: not iovc's
        }
      }
      p += align(alen);
    }
    if (vf == null)
      throw new IOException("netlink answer for " + pf + ": a VF entry without IFLA_VF_MAC");
    // As iproute2 shows it: without a VLAN there is no qos, and the protocol is 802.1Q.
    if (vlan == 0) {
      qos = 0;
      proto = ETH_P_8021Q;
    }
    String protoName =
        proto == ETH_P_8021Q
            ? "802.1Q"
            : proto == ETH_P_8021AD ? "802.1ad" : String.format(Locale.ROOT, "0x%04x", proto);
    return new VfLink(vf, mac, vlan, qos, protoName, spoof, trust, state, min, max, rss);
  }

  private static Boolean setting(ByteBuffer m, int d, int plen, String what, String pf)
      throws IOException {
    need(plen, 8, what, pf);
    int v = m.getInt(d + 4);
    return v == -1 ? null : v != 0; // (u32) -1: the driver did not report it
  }

  private static void need(int plen, int size, String what, String pf) throws IOException {
    if (plen < size)
      throw new IOException(
          "netlink answer for "
              + pf
              + ": struct "
              + what
              + " has "
              + plen
              + " bytes, expected "
              + size);
  }

  /**
   * Error texts for messages, as glibc's {@code strerror} words them; numbers from Linux's {@code
   * include/uapi/asm-generic/errno-base.h} and {@code errno.h} (x86 and arm use these).
   */
  static final class Errnos {
    private Errnos() {}

    static String describe(int errno) {
      return switch (errno) {
        case 1 -> "Operation not permitted";
        case 2 -> "No such file or directory";
        case 12 -> "Cannot allocate memory";
        case 13 -> "Permission denied";
        case 16 -> "Device or resource busy";
        case 19 -> "No such device";
        case 22 -> "Invalid argument";
        case 90 -> "Message too long";
        case 95 -> "Operation not supported";
        case 105 -> "No buffer space available";
        default -> "errno " + errno;
      };
    }
  }
}
