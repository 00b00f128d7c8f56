#!/usr/bin/env python3
"""The kernel's own view of a PF's VFs for the kernel tests, independent of iovc's reader and of
iproute2 (whose `ip -d link show` asks with per-VF statistics and is cut past ~221 VFs).

One RTM_GETLINK by name with IFLA_EXT_MASK = RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS; prints
`num_vf N entries K` and then `vf MAC VLAN SPOOFCHK` per IFLA_VF_INFO. Numbers from Linux's UAPI
headers (6.1): netlink.h (NETLINK_ROUTE 0, NLM_F_REQUEST 1, NLMSG_ERROR 2), rtnetlink.h
(RTM_GETLINK 18, struct ifinfomsg 16 bytes, RTEXT_FILTER_VF 1, RTEXT_FILTER_SKIP_STATS 8),
if_link.h (IFLA_IFNAME 3, IFLA_NUM_VF 21, IFLA_VFINFO_LIST 22, IFLA_EXT_MASK 29, IFLA_VF_INFO 1,
IFLA_VF_MAC 1 {u32 vf; u8 mac[32]}, IFLA_VF_VLAN 2 {u32 vf, vlan, qos}, IFLA_VF_SPOOFCHK 4
{u32 vf, setting})."""
import socket
import struct
import sys

name = sys.argv[1].encode() + b"\0"
attr = lambda t, p: struct.pack("=HH", 4 + len(p), t) + p + b"\0" * (-len(p) % 4)
body = b"\0" * 16 + attr(29, struct.pack("=I", 1 | 8)) + attr(3, name)
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
s.send(struct.pack("=IHHII", 16 + len(body), 18, 1, 1, 0) + body)
size = len(s.recv(1 << 20, socket.MSG_PEEK | socket.MSG_TRUNC))
msg = s.recv(max(size, 1 << 20))
length, typ = struct.unpack_from("=IH", msg)
if typ == 2:
    sys.exit("RTM_GETLINK: errno %d" % -struct.unpack_from("=i", msg, 16)[0])


def attrs(buf, start, end):
    while start + 4 <= end:
        alen, atype = struct.unpack_from("=HH", buf, start)
        if alen < 4 or start + alen > end:
            return
        yield atype & 0x3FFF, start + 4, start + alen
        start += (alen + 3) & ~3


num_vf, rows = None, []
for t, a, b in attrs(msg, 32, length):
    if t == 21:
        num_vf = struct.unpack_from("=I", msg, a)[0]
    if t == 22:
        for _, va, vb in attrs(msg, a, b):
            vf = mac = vlan = spoof = None
            for ft, fa, fb in attrs(msg, va, vb):
                if ft == 1:
                    vf = struct.unpack_from("=I", msg, fa)[0]
                    mac = ":".join("%02x" % x for x in msg[fa + 4:fa + 10])
                if ft == 2:
                    vlan = struct.unpack_from("=I", msg, fa + 4)[0]
                if ft == 4:
                    spoof = struct.unpack_from("=I", msg, fa + 4)[0]
            rows.append("%d %s %d %d" % (vf, mac, vlan, spoof))
        break
print("num_vf %s entries %d" % (num_vf, len(rows)))
print("\n".join(rows))
