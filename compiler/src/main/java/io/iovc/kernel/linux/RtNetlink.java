package io.iovc.kernel.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * {@link Netlink} that reads VFs with one {@code RTM_GETLINK} on a {@code NETLINK_ROUTE} socket
 * (through jnr-ffi) and sets them with iproute2 ({@link IpNetlink}), one attribute per request.
 *
 * <p>Why not {@code ip -json -details link show dev PF}: iproute2 6.1 asks for that link with
 * {@code IFLA_EXT_MASK = RTEXT_FILTER_VF} only (seen with strace), so the kernel adds an {@code
 * IFLA_VF_STATS} nest of eight u64 counters to each VF: 296 bytes per VF on x86-64 instead of 196
 * ({@code rtnl_fill_vfinfo}, net/core/rtnetlink.c, 6.1). The list is one attribute whose length is
 * a u16 ({@code struct nlattr}), which {@code nla_nest_end()} fills with the real length modulo
 * 65536: past 221 VFs it wraps and iproute2 prints the first entries and "Truncated VF list" on
 * stderr with exit status 0 (512 VFs: 151 556 bytes, wrapped to 20 484, 69 VFs shown). No {@code
 * ip} option sets {@code RTEXT_FILTER_SKIP_STATS} for that request. Asking ourselves with {@code
 * RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS} fits 334 VFs with netdevsim's attributes (fewer for a
 * driver that adds IB GUIDs), which covers i40e's 128, ice's 256 and mlx5's 127 per PF; past that
 * {@link RtnlVfInfo#parse} refuses the answer loudly. A single get (not a dump) is what the kernel
 * sizes for the link ({@code rtnl_getlink} allocates {@code if_nlmsg_size()}), and the receive
 * buffer is sized for the message: {@code recv(MSG_PEEK | MSG_TRUNC)} returns the datagram's full
 * length first. sysfs has no per-VF netlink settings and rtnetlink has no per-VF get.
 *
 * <p>When {@code $IOVC_IP} names an iproute2 binary, reads go through it as before (with the same
 * refusal to show a partial list).
 */
public final class RtNetlink implements Netlink {
  /** The libc calls a netlink request needs. */
  public interface LibC {
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    @ssize_t
    long send(int fd, @In byte[] buf, @size_t long len, int flags);

    @SaveError
    @ssize_t
    long recv(int fd, Pointer buf, @size_t long len, int flags);

    @SaveError
    int close(int fd);
  }

  // glibc's bits/socket.h and bits/socket_type.h (Linux x86-64 and arm64 alike)
  static final int AF_NETLINK = 16;
  static final int SOCK_RAW = 3;
  static final int SOCK_CLOEXEC = 02000000;
  static final int MSG_PEEK = 0x02;
  static final int MSG_TRUNC = 0x20;
  static final int MSG_DONTWAIT = 0x40;
  // include/uapi/asm-generic/errno.h, errno-base.h
  static final int EAGAIN = 11;
  static final int EINTR = 4;

  private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() & 0xffff));
  private static volatile LibC libc;

  private final IpNetlink writer;
  private final IpNetlink reader; // non-null: read through iproute2

  private RtNetlink(IpNetlink writer, IpNetlink reader) {
    this.writer = writer;
    this.reader = reader;
  }

  /** Reads through netlink unless {@code $IOVC_IP} chooses iproute2; writes through iproute2. */
  public static Netlink system() {
    String env = System.getenv("IOVC_IP");
    IpNetlink ip = IpNetlink.system();
    return new RtNetlink(ip, env != null && !env.isBlank() ? ip : null);
  }

  @Override
  public List<VfLink> read(String pfNetdev) throws IOException {
    if (reader != null) return reader.read(pfNetdev);
    return getLink(pfNetdev);
  }

  @Override
  public void set(String pfNetdev, int vf, List<String> args) throws IOException {
    writer.set(pfNetdev, vf, args);
  }

  @Override
  public void setAll(String pfNetdev, List<VfRequest> requests) throws BatchFailure {
    writer.setAll(pfNetdev, requests);
  }

  private static LibC libc() throws IOException {
    LibC c = libc;
    if (c != null) return c;
    try {
      c =
          LibraryLoader.create(LibC.class)
              .option(LibraryOption.SaveError, Boolean.TRUE)
              .failImmediately()
              .load("c");
    } catch (LinkageError | RuntimeException e) {
      throw new IOException("cannot load the C library for netlink: " + e.getMessage());
    }
    libc = c;
    return c;
  }

  /** One {@code RTM_GETLINK} by name; the VFs of its answer. */
  static List<VfLink> getLink(String ifname) throws IOException {
    LibC c = libc();
    Runtime rt = Runtime.getRuntime(c);
    ByteOrder order = rt.byteOrder();
    int fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, RtnlVfInfo.NETLINK_ROUTE);
    if (fd < 0) throw error(rt, "cannot open a netlink socket");
    try {
      int seq = SEQ.incrementAndGet();
      byte[] req = RtnlVfInfo.getLinkRequest(ifname, seq, order);
      long sent = c.send(fd, req, req.length, 0);
      if (sent != req.length) throw error(rt, "cannot send RTM_GETLINK for " + ifname);
      Pointer peek = Memory.allocateDirect(rt, RtnlVfInfo.NLMSG_HDRLEN);
      for (int i = 0; i < 64; i++) {
        // The kernel answers a get while handling send(), so the answer is queued by now.
        long size = c.recv(fd, peek, RtnlVfInfo.NLMSG_HDRLEN, MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
        if (size < 0) {
          int err = rt.getLastError();
          if (err == EINTR) continue;
          if (err == EAGAIN)
            throw new IOException("netlink: no answer to RTM_GETLINK for " + ifname);
          throw error(rt, "cannot receive from netlink");
        }
        int len = (int) Math.max(size, RtnlVfInfo.NLMSG_HDRLEN);
        Pointer buf = Memory.allocateDirect(rt, len);
        long got = c.recv(fd, buf, len, MSG_DONTWAIT);
        if (got < 0) throw error(rt, "cannot receive from netlink");
        byte[] bytes = new byte[(int) got];
        buf.get(0, bytes, 0, bytes.length);
        List<VfLink> vfs;
        try {
          vfs = RtnlVfInfo.parse(ByteBuffer.wrap(bytes).order(order), seq, ifname);
        } catch (RtnlVfInfo.KernelRefusal e) {
          throw new IOException("RTM_GETLINK for " + ifname + ": " + e.getMessage(), e);
        }
        if (vfs != null) return vfs;
      }
      throw new IOException("netlink: no answer to RTM_GETLINK for " + ifname);
    } finally {
      c.close(fd);
    }
  }

  private static IOException error(Runtime rt, String what) {
    int err = rt.getLastError();
    return new IOException(what + ": " + RtnlVfInfo.Errnos.describe(err));
  }
}
