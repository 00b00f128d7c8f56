package io.iovc.kernel.freebsd;

import io.iovc.kernel.freebsd.KernelError.Errno;
import io.iovc.kernel.freebsd.KernelError.Op;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Memory;
import jnr.ffi.NativeLong;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.SaveError;

/**
 * One open {@code /dev/iov/<pf>} node, driven through jnr-ffi: {@code open}, {@code ioctl} and
 * {@code close} from the C library, exactly as iovctl calls them. The only class that touches
 * native code; it is loaded only when a kernel operation runs.
 *
 * <p>The C library is the platform's libc, or the one the environment variable {@code IOVC_LIBC}
 * names (the test seam: a library that emulates /dev/iov nodes).
 */
final class NativeIov implements AutoCloseable {
  /** The three calls iovctl makes. */
  public interface LibC {
    @SaveError
    int open(String path, int flags);

    @SaveError
    int ioctl(int fd, NativeLong request, Pointer arg);

    @SaveError
    int close(int fd);
  }

  /** {@code O_RDWR}: 2 on FreeBSD and Linux alike. */
  static final int O_RDWR = 2;

  /** Upper bound for a schema size the kernel reports; a real one is a few kB. */
  static final long MAX_SCHEMA = 64L << 20;

  private static final Map<String, LibC> LIBS = new ConcurrentHashMap<>();

  private final LibC libc;
  private final Runtime runtime;
  private final IovAbi abi;
  private final ByteOrder order;
  private final DeviceName.Target target;
  private int fd;

  private NativeIov(LibC libc, DeviceName.Target target, int fd) {
    this.libc = libc;
    this.runtime = Runtime.getRuntime(libc);
    this.abi = IovAbi.forAddressSize(runtime.addressSize());
    this.order = runtime.byteOrder();
    this.target = target;
    this.fd = fd;
  }

  /** The library to load: {@code IOVC_LIBC} when set, else the platform's C library. */
  static String libraryName(String override) {
    return override != null && !override.isBlank() ? override : "c";
  }

  static LibC load(String library) throws KernelError {
    String name = libraryName(library);
    try {
      return LIBS.computeIfAbsent(
          name,
          n ->
              LibraryLoader.create(LibC.class)
                  .option(LibraryOption.SaveError, Boolean.TRUE)
                  .failImmediately()
                  .load(n));
    } catch (LinkageError | RuntimeException e) {
      throw new KernelError(
          Op.LOAD,
          0,
          "",
          "",
          "cannot load the C library `"
              + name
              + "`"
              + (library != null ? " (IOVC_LIBC)" : "")
              + ": "
              + e.getMessage());
    }
  }

  /** {@code open(path, O_RDWR)}. */
  static NativeIov open(String library, DeviceName.Target target) throws KernelError {
    LibC c = load(library);
    int fd = c.open(target.path(), O_RDWR);
    if (fd < 0) {
      int err = Runtime.getRuntime(c).getLastError();
      throw new KernelError(Op.OPEN, err, target.path(), target.name(), null);
    }
    return new NativeIov(c, target, fd);
  }

  IovAbi abi() {
    return abi;
  }

  ByteOrder byteOrder() {
    return order;
  }

  private KernelError error(Op op, int errno, String detail) {
    return new KernelError(op, errno, target.path(), target.name(), detail);
  }

  /**
   * {@code IOV_GET_SCHEMA} with iovctl's two-call protocol (spec §5.5): ask for the size with a
   * NULL buffer, then fetch into a buffer of that size. The kernel answers EMSGSIZE in {@code
   * arg.error} (not as the ioctl's result) when the buffer is too small; should the schema grow in
   * between, iovc asks again (twice at most) where iovctl would give up.
   */
  byte[] getSchema() throws KernelError {
    long request = abi.iovGetSchema();
    Pointer arg = Memory.allocateDirect(runtime, abi.schemaSize(), true);
    arg.put(0, abi.encodeSchema(0, 0, 0, order), 0, abi.schemaSize());
    if (libc.ioctl(fd, NativeLong.valueOf(request), arg) != 0) {
      throw error(Op.SCHEMA_SIZE, runtime.getLastError(), null);
    }
    IovAbi.SchemaReply r = reply(arg);
    for (int attempt = 0; attempt < 3; attempt++) {
      long len = r.len();
      if (len <= 0 || len > MAX_SCHEMA) {
        throw error(
            Op.SCHEMA_SIZE,
            Errno.EINVAL.host(),
            "the kernel reported a schema of " + len + " bytes");
      }
      Pointer buf = Memory.allocateDirect(runtime, (int) len, true);
      arg.put(0, abi.encodeSchema(buf.address(), len, 0, order), 0, abi.schemaSize());
      int rc = libc.ioctl(fd, NativeLong.valueOf(request), arg);
      int errno = runtime.getLastError();
      if (rc != 0) throw error(Op.SCHEMA, errno, null);
      r = reply(arg);
      if (r.error() == 0) {
        if (r.len() > len)
          throw error(
              Op.SCHEMA,
              Errno.EMSGSIZE.host(),
              "the kernel reported " + r.len() + " bytes in a " + len + "-byte buffer");
        byte[] out = new byte[(int) r.len()];
        buf.get(0, out, 0, out.length);
        java.lang.ref.Reference.reachabilityFence(buf);
        return out;
      }
      if (r.error() != Errno.EMSGSIZE.host()) throw error(Op.SCHEMA, r.error(), "in arg.error");
    }
    throw error(Op.SCHEMA, Errno.EMSGSIZE.host(), "the schema changed size three times");
  }

  private IovAbi.SchemaReply reply(Pointer arg) {
    byte[] b = new byte[abi.schemaSize()];
    arg.get(0, b, 0, b.length);
    return abi.decodeSchema(b, order);
  }

  /** {@code IOV_CONFIG} with the packed nvlist. */
  void config(byte[] packed) throws KernelError {
    Pointer buf = Memory.allocateDirect(runtime, Math.max(1, packed.length), true);
    buf.put(0, packed, 0, packed.length);
    Pointer arg = Memory.allocateDirect(runtime, abi.argSize(), true);
    arg.put(0, abi.encodeArg(buf.address(), packed.length, order), 0, abi.argSize());
    int rc = libc.ioctl(fd, NativeLong.valueOf(abi.iovConfig()), arg);
    int errno = runtime.getLastError();
    java.lang.ref.Reference.reachabilityFence(buf);
    java.lang.ref.Reference.reachabilityFence(arg);
    if (rc != 0) throw error(Op.CONFIG, errno, null);
  }

  /** {@code IOV_DELETE}: no argument (iovctl passes none; the kernel reads nothing). */
  void delete() throws KernelError {
    if (libc.ioctl(fd, NativeLong.valueOf(abi.iovDelete()), null) != 0) {
      throw error(Op.DELETE, runtime.getLastError(), null);
    }
  }

  @Override
  public void close() {
    if (fd >= 0) {
      libc.close(fd);
      fd = -1;
    }
  }
}
