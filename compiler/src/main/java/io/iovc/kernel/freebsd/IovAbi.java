package io.iovc.kernel.freebsd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The SR-IOV ioctl interface of {@code sys/sys/iov.h} (spec §5.2–5.3), derived rather than copied:
 * request codes from FreeBSD's {@code _IOC(inout, group, num, len)} and the sizes of the argument
 * structs, which follow C layout rules for the data model (LP64 on amd64, arm64, riscv64,
 * powerpc64; ILP32 on i386 and armv7).
 *
 * <pre>
 * struct pci_iov_arg    { void *config; size_t len; };              IOV_CONFIG     _IOW('p', 10, …)
 *                                                                    IOV_DELETE     _IO('p', 11)
 * struct pci_iov_schema { void *schema; size_t len; int error; };   IOV_GET_SCHEMA _IOWR('p', 12, …)
 * </pre>
 */
public final class IovAbi {
  /** {@code sys/sys/ioccom.h}. */
  public static final long IOC_VOID = 0x20000000L;

  public static final long IOC_OUT = 0x40000000L;
  public static final long IOC_IN = 0x80000000L;
  public static final long IOC_INOUT = IOC_IN | IOC_OUT;
  public static final int IOCPARM_MASK = 0x1fff;

  /** The ioctl group of {@code sys/sys/iov.h}. */
  public static final int GROUP = 'p';

  public static final int NUM_CONFIG = 10;
  public static final int NUM_DELETE = 11;
  public static final int NUM_GET_SCHEMA = 12;

  /** 64-bit pointers and size_t. */
  public static final IovAbi LP64 = new IovAbi("LP64", 8, 8, 4);

  /** 32-bit pointers and size_t. */
  public static final IovAbi ILP32 = new IovAbi("ILP32", 4, 4, 4);

  private final String name;
  private final int pointerSize;
  private final int sizeTSize;
  private final int intSize;

  private IovAbi(String name, int pointerSize, int sizeTSize, int intSize) {
    this.name = name;
    this.pointerSize = pointerSize;
    this.sizeTSize = sizeTSize;
    this.intSize = intSize;
  }

  /** The data model of a process whose pointers have this many bytes. */
  public static IovAbi forAddressSize(int bytes) {
    return switch (bytes) {
      case 8 -> LP64;
      case 4 -> ILP32;
      default ->
          throw new IllegalArgumentException("no SR-IOV ABI for " + bytes + "-byte pointers");
    };
  }

  public String name() {
    return name;
  }

  public int pointerSize() {
    return pointerSize;
  }

  public int sizeTSize() {
    return sizeTSize;
  }

  // ------------------------------------------------------------------ _IOC

  /** FreeBSD's {@code _IOC}: {@code inout | ((len & IOCPARM_MASK) << 16) | (group << 8) | num}. */
  public static long ioc(long inout, int group, int num, int len) {
    return (inout | ((long) (len & IOCPARM_MASK) << 16) | ((long) group << 8) | num) & 0xffffffffL;
  }

  /** {@code _IO(g, n)}. */
  public static long io(int group, int num) {
    return ioc(IOC_VOID, group, num, 0);
  }

  /** {@code _IOW(g, n, t)}: the kernel copies {@code len} bytes in. */
  public static long iow(int group, int num, int len) {
    return ioc(IOC_IN, group, num, len);
  }

  /** {@code _IOWR(g, n, t)}: in and back out. */
  public static long iowr(int group, int num, int len) {
    return ioc(IOC_INOUT, group, num, len);
  }

  /** {@code IOV_CONFIG}: 0x8010700a on LP64, 0x8008700a on ILP32. */
  public long iovConfig() {
    return iow(GROUP, NUM_CONFIG, argSize());
  }

  /** {@code IOV_DELETE}: 0x2000700b everywhere. */
  public long iovDelete() {
    return io(GROUP, NUM_DELETE);
  }

  /** {@code IOV_GET_SCHEMA}: 0xc018700c on LP64, 0xc00c700c on ILP32. */
  public long iovGetSchema() {
    return iowr(GROUP, NUM_GET_SCHEMA, schemaSize());
  }

  /** A request code as the kernel names it, for messages and logs. */
  public String requestName(long request) {
    if (request == iovConfig()) return "IOV_CONFIG";
    if (request == iovDelete()) return "IOV_DELETE";
    if (request == iovGetSchema()) return "IOV_GET_SCHEMA";
    return String.format("0x%08x", request);
  }

  // ------------------------------------------------------------------ struct layout

  /**
   * C layout of consecutive fields: each at a multiple of its size, the struct padded to the
   * largest.
   */
  private static int[] layout(int... sizes) {
    int[] out = new int[sizes.length + 1];
    int off = 0;
    int align = 1;
    for (int i = 0; i < sizes.length; i++) {
      int a = sizes[i];
      off = (off + a - 1) / a * a;
      out[i] = off;
      off += sizes[i];
      align = Math.max(align, a);
    }
    out[sizes.length] = (off + align - 1) / align * align;
    return out;
  }

  /** {@code sizeof(struct pci_iov_arg)}: 16 on LP64, 8 on ILP32. */
  public int argSize() {
    return layout(pointerSize, sizeTSize)[2];
  }

  /** Offset of {@code pci_iov_arg.len}. */
  public int argLenOffset() {
    return layout(pointerSize, sizeTSize)[1];
  }

  /** {@code sizeof(struct pci_iov_schema)}: 24 on LP64 (4 bytes trailing padding), 12 on ILP32. */
  public int schemaSize() {
    return layout(pointerSize, sizeTSize, intSize)[3];
  }

  public int schemaLenOffset() {
    return layout(pointerSize, sizeTSize, intSize)[1];
  }

  public int schemaErrorOffset() {
    return layout(pointerSize, sizeTSize, intSize)[2];
  }

  /** The bytes of a {@code struct pci_iov_arg} as this ABI lays it out. */
  public byte[] encodeArg(long config, long len, ByteOrder order) {
    ByteBuffer b = ByteBuffer.allocate(argSize()).order(order);
    putWord(b, 0, pointerSize, config);
    putWord(b, argLenOffset(), sizeTSize, len);
    return b.array();
  }

  /** The bytes of a {@code struct pci_iov_schema}. */
  public byte[] encodeSchema(long schema, long len, int error, ByteOrder order) {
    ByteBuffer b = ByteBuffer.allocate(schemaSize()).order(order);
    putWord(b, 0, pointerSize, schema);
    putWord(b, schemaLenOffset(), sizeTSize, len);
    b.putInt(schemaErrorOffset(), error);
    return b.array();
  }

  /** What the kernel wrote back into a {@code struct pci_iov_schema}. */
  public record SchemaReply(long schema, long len, int error) {}

  public SchemaReply decodeSchema(byte[] bytes, ByteOrder order) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
    return new SchemaReply(
        getWord(b, 0, pointerSize),
        getWord(b, schemaLenOffset(), sizeTSize),
        b.getInt(schemaErrorOffset()));
  }

  private static void putWord(ByteBuffer b, int off, int size, long v) {
    if (size == 8) {
      b.putLong(off, v);
    } else {
      if ((v >>> 32) != 0)
        throw new IllegalArgumentException(
            "value 0x" + Long.toHexString(v) + " does not fit a 32-bit field");
      b.putInt(off, (int) v);
    }
  }

  private static long getWord(ByteBuffer b, int off, int size) {
    return size == 8 ? b.getLong(off) : b.getInt(off) & 0xffffffffL;
  }

  @Override
  public String toString() {
    return name;
  }
}
