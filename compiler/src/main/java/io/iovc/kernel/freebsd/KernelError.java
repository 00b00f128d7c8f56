package io.iovc.kernel.freebsd;

import io.iovc.kernel.Outcome;
import java.util.Locale;

/**
 * A failed system call on {@code /dev/iov/<pf>}: which operation, the errno, and what it means for
 * the person at the keyboard (spec §5.6–5.7). Each failure has two renderings: iovctl's own line
 * ({@code Failed to configure SR-IOV: Device busy}), and iovc's explanation saying what happened
 * and what to do. Its {@link #outcome()} says how it ended; the front end picks the exit status.
 */
public final class KernelError extends Exception {
  private static final long serialVersionUID = 1L;

  /** The system call that failed. */
  public enum Op {
    OPEN,
    SCHEMA_SIZE,
    SCHEMA,
    SCHEMA_UNPACK,
    CONFIG,
    DELETE,
    LOAD
  }

  /**
   * The errno values the SR-IOV path can produce, with their numbers on FreeBSD and on Linux (the
   * test seam runs there) and FreeBSD's strerror(3) text, which iovctl prints.
   */
  public enum Errno {
    EPERM(1, 1, "Operation not permitted"),
    ENOENT(2, 2, "No such file or directory"),
    EINTR(4, 4, "Interrupted system call"),
    EIO(5, 5, "Input/output error"),
    ENXIO(6, 6, "Device not configured"),
    ECHILD(10, 10, "No child processes"),
    ENOMEM(12, 12, "Cannot allocate memory"),
    EACCES(13, 13, "Permission denied"),
    EFAULT(14, 14, "Bad address"),
    EBUSY(16, 16, "Device busy"),
    ENODEV(19, 19, "Operation not supported by device"),
    ENOTDIR(20, 20, "Not a directory"),
    EISDIR(21, 21, "Is a directory"),
    EINVAL(22, 22, "Invalid argument"),
    ENOTTY(25, 25, "Inappropriate ioctl for device"),
    ENOSPC(28, 28, "No space left on device"),
    EROFS(30, 30, "Read-only file system"),
    EAGAIN(35, 11, "Resource temporarily unavailable"),
    EMSGSIZE(40, 90, "Message too long"),
    EOPNOTSUPP(45, 95, "Operation not supported"),
    ELOOP(62, 40, "Too many levels of symbolic links"),
    ENAMETOOLONG(63, 36, "File name too long"),
    EILSEQ(86, 84, "Illegal byte sequence");

    private final int freebsd;
    private final int linux;
    private final String text;

    Errno(int freebsd, int linux, String text) {
      this.freebsd = freebsd;
      this.linux = linux;
      this.text = text;
    }

    /** FreeBSD's strerror text. */
    public String text() {
      return text;
    }

    public int freebsd() {
      return freebsd;
    }

    public int linux() {
      return linux;
    }

    /** This errno's number on the running OS. */
    public int host() {
      return hostIsLinux() ? linux : freebsd;
    }

    /** The errno with this number on the running OS, or null. */
    public static Errno fromHost(int n) {
      boolean linux = hostIsLinux();
      for (Errno e : values()) {
        if ((linux ? e.linux : e.freebsd) == n) return e;
      }
      return null;
    }

    static boolean hostIsLinux() {
      return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }
  }

  private final Op op;
  private final int errno;
  private final Errno known;
  private final String path;
  private final String device;
  private final String detail;

  /**
   * @param op the call that failed
   * @param errno the host errno (for SCHEMA, possibly the kernel's {@code arg.error})
   * @param path the path opened, e.g. {@code /dev/iov/ixl0}
   * @param device the PF's name for messages, e.g. {@code ixl0}
   * @param detail extra facts (an unpack error, a library that failed to load), or null
   */
  public KernelError(Op op, int errno, String path, String device, String detail) {
    super(
        op
            + " on "
            + path
            + ": "
            + (Errno.fromHost(errno) != null ? Errno.fromHost(errno).name() : "errno " + errno)
            + (detail == null ? "" : " (" + detail + ")"));
    this.op = op;
    this.errno = errno;
    this.known = Errno.fromHost(errno);
    this.path = path;
    this.device = device;
    this.detail = detail;
  }

  public Op op() {
    return op;
  }

  public int errno() {
    return errno;
  }

  /** The errno by name, or null for one iovc does not know. */
  public Errno known() {
    return known;
  }

  public boolean is(Errno e) {
    return known == e;
  }

  public String path() {
    return path;
  }

  public String device() {
    return device;
  }

  /** FreeBSD's strerror text, as iovctl's err(3) prints it. */
  public String strerror() {
    return known != null ? known.text() : "Unknown error: " + errno;
  }

  private String errnoName() {
    return known != null ? known.name() : "errno " + errno;
  }

  /** The line iovctl prints for this failure (without the program-name prefix). */
  public String iovctlMessage() {
    return switch (op) {
      case OPEN -> "Could not open device '" + path + "': " + strerror();
      case SCHEMA_SIZE -> "Could not fetch size of config schema: " + strerror();
      case SCHEMA -> "Could not fetch config schema: " + strerror();
      case SCHEMA_UNPACK -> "Could not unpack schema: " + strerror();
      case CONFIG -> "Failed to configure SR-IOV: " + strerror();
      case DELETE -> "Failed to delete VFs: " + strerror();
      case LOAD -> "Could not load the C library: " + (detail == null ? strerror() : detail);
    };
  }

  /**
   * The raw facts in one parenthesis-free phrase: "IOV_CONFIG on /dev/iov/ixl0 failed: EBUSY
   * (Device busy)".
   */
  public String facts() {
    String call =
        switch (op) {
          case OPEN -> "open(" + path + ", O_RDWR)";
          case SCHEMA_SIZE, SCHEMA -> "IOV_GET_SCHEMA on " + path;
          case SCHEMA_UNPACK -> "unpacking the schema of " + path;
          case CONFIG -> "IOV_CONFIG on " + path;
          case DELETE -> "IOV_DELETE on " + path;
          case LOAD -> "loading the C library";
        };
    if (op == Op.SCHEMA_UNPACK || op == Op.LOAD) return call + " failed: " + detail;
    return call
        + " failed: "
        + errnoName()
        + " ("
        + strerror()
        + ")"
        + (detail == null ? "" : "; " + detail);
  }

  /**
   * How the operation ended: no permission, no such device (or no C library), the kernel refused
   * the file's content (EINVAL from IOV_CONFIG: like a file with errors, nothing was applied), an
   * iovc bug (EFAULT), or another OS error.
   */
  public Outcome outcome() {
    if (op == Op.LOAD) return Outcome.UNAVAILABLE;
    if (op == Op.SCHEMA_UNPACK) return Outcome.OS_ERROR;
    if (known == null) return Outcome.OS_ERROR;
    return switch (known) {
      case EACCES, EPERM -> Outcome.NO_PERMISSION;
      case ENOENT, ENXIO, ENODEV, ENOTDIR -> Outcome.UNAVAILABLE;
      case EFAULT -> Outcome.INTERNAL;
      case EINVAL -> op == Op.CONFIG ? Outcome.REFUSED : Outcome.OS_ERROR;
      default -> Outcome.OS_ERROR;
    };
  }

  /** What the caller knows about the attempt, for the explanation. */
  public record Context(
      boolean replace, int numVfs, int packedSize, long maxConfig, int totalVfs, String driver) {
    public static Context none() {
      return new Context(false, -1, -1, -1, -1, null);
    }
  }

  /**
   * iovc's explanation: what happened and what to do. Says whether anything changed, because that
   * is what an admin needs to know first.
   */
  public String explain(Context c) {
    String d = device;
    String root =
        d
            + ": permission denied ("
            + errnoName()
            + "); SR-IOV changes need root outside a jail (the /dev/iov nodes are mode 0600 root:wheel); run iovc as root, e.g. with sudo or doas";
    if (known == Errno.EACCES || known == Errno.EPERM) return root;
    switch (op) {
      case LOAD:
        return "cannot call the kernel: " + detail;
      case OPEN:
        if (known == Errno.ENOENT) {
          return "there is no "
              + path
              + ": no SR-IOV capable PF is called "
              + d
              + "; `ls /dev/iov` lists them (is the driver loaded, and is SR-IOV enabled in the card's firmware and the BIOS?)"
              + (Errno.hostIsLinux() ? "; note: this host runs Linux, which has no /dev/iov" : "");
        }
        if (known == Errno.ENXIO || known == Errno.ENODEV)
          return path + " exists but its PF is gone (detached or failed); check `dmesg`";
        if (known == Errno.EISDIR || known == Errno.ENOTDIR)
          return path + " is not an SR-IOV device node; name a PF such as ixl0";
        return "cannot open " + path + ": " + strerror();
      case SCHEMA_SIZE:
      case SCHEMA:
        if (known == Errno.EMSGSIZE)
          return "the schema of " + d + " kept changing size while iovc read it; try again";
        if (known == Errno.ENOMEM)
          return "the kernel could not allocate memory to pack the schema of " + d + "; try again";
        if (known == Errno.EFAULT)
          return "the kernel could not write the schema into iovc's buffer; this is a bug in iovc, please report it";
        if (known == Errno.EINVAL || known == Errno.ENOTTY)
          return d + " does not answer IOV_GET_SCHEMA; " + path + " is not an SR-IOV node";
        return "cannot read the schema of " + d + ": " + strerror();
      case SCHEMA_UNPACK:
        return "the kernel's schema for "
            + d
            + " is not a valid nvlist ("
            + detail
            + "); nothing was changed";
      case CONFIG:
        return explainConfig(c);
      case DELETE:
        if (known == Errno.ECHILD) return d + " has no VFs";
        if (known == Errno.EBUSY) {
          return d
              + " is busy: another SR-IOV operation is running, or a VF is in use (e.g. passed through to a bhyve guest with ppt) and cannot detach; stop its user and try again (`dmesg` names the VF)";
        }
        return "the kernel could not delete the VFs of "
            + d
            + ": "
            + strerror()
            + "; `dmesg` says which VF refused to detach";
      default:
        return strerror();
    }
  }

  private String explainConfig(Context c) {
    String d = device;
    String after =
        c.replace()
            ? "; the old VFs were already deleted, so " + d + " now has none"
            : "; nothing was changed";
    if (known == null) {
      return "the kernel refused to create VFs on "
          + d
          + " ("
          + strerror()
          + "); the "
          + driverName(c)
          + " driver's SR-IOV init failed, `dmesg` says why"
          + after;
    }
    switch (known) {
      case EBUSY:
        if (c.replace())
          return d
              + " is busy: another SR-IOV operation is running, or VFs came back after the delete; try again";
        return d + " already has VFs; run `iovc delete -d " + d + "` first, or use `--replace`";
      case EINVAL:
        if (c.totalVfs() > 0 && c.numVfs() > c.totalVfs()) {
          return "num_vfs is "
              + c.numVfs()
              + " but "
              + d
              + " supports at most "
              + c.totalVfs()
              + " VFs (its TotalVFs); lower num_vfs to "
              + c.totalVfs()
              + " or less"
              + after;
        }
        return "the kernel refused the configuration as invalid although it checked clean against the live schema: num_vfs ("
            + c.numVfs()
            + ") may be above the card's TotalVFs (see `pciconf -lc`: \"VFs configured out of N supported\"), or the "
            + driverName(c)
            + " driver refused a value (see `dmesg`)"
            + after;
      case EMSGSIZE:
        return "the packed configuration ("
            + (c.packedSize() >= 0 ? c.packedSize() + " bytes" : "its size")
            + ") is larger than the kernel accepts"
            + (c.maxConfig() > 0
                ? " (hw.pci.iov_max_config is " + c.maxConfig() + ")"
                : " (hw.pci.iov_max_config)")
            + "; raise it with `sysctl hw.pci.iov_max_config="
            + (c.packedSize() > 0 ? c.packedSize() : "BYTES")
            + "` or use fewer VFs"
            + after;
      case EFAULT:
        return "the kernel could not read the configuration from iovc's buffer; this is a bug in iovc, please report it"
            + after;
      case ENXIO:
        return d
            + " cannot enable SR-IOV: the system page size is not one the card supports, ARI could not be enabled, or the VF BARs could not be mapped"
            + "; `dmesg` says which (check the BIOS settings for SR-IOV and ARI)"
            + after;
      case ENOSPC:
        return "not enough PCIe bus numbers for "
            + (c.numVfs() > 0 ? c.numVfs() + " VFs" : "the VFs")
            + " behind "
            + d
            + " (`dmesg`: \"not enough PCIe bus numbers for VFs\"); use fewer VFs, or enable ARI / SR-IOV bus reservation in the BIOS"
            + after;
      case ENOMEM:
        return "the kernel ran out of memory or of address space for the VF BARs on "
            + d
            + "; use fewer VFs or check `dmesg`"
            + after;
      default:
        return "the kernel refused to create VFs on "
            + d
            + " ("
            + strerror()
            + "); the "
            + driverName(c)
            + " driver's SR-IOV init failed, `dmesg` says why"
            + after;
    }
  }

  private static String driverName(Context c) {
    return c.driver() == null ? "PF" : c.driver();
  }
}
