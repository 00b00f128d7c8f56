package io.iovc.kernel.freebsd;

import java.nio.ByteOrder;

/**
 * FreeBSD's SR-IOV device operations: {@code /dev/iov/<pf>} with the {@code IOV_GET_SCHEMA}, {@code
 * IOV_CONFIG} and {@code IOV_DELETE} ioctls (spec §5), and the read-only facts of {@code pciconf
 * -lc} and {@code sysctl hw.pci.iov_max_config}. It takes and returns bytes and numbers: the apply
 * layer reads the file, unpacks the schema, packs the configuration and words the outcome.
 *
 * <p>Native code (jnr-ffi) is reached only through {@link NativeIov}, i.e. only once a device is
 * opened; {@code iovc check}, {@code compile} and the language server never load it.
 */
public final class FreeBsdBackend {
  private final String libc;
  private final HostTools tools;

  public FreeBsdBackend() {
    this(System.getenv("IOVC_LIBC"), HostTools.fromEnv());
  }

  /** For tests: an explicit C library (the /dev/iov emulator) and host tools. */
  FreeBsdBackend(String libc, HostTools tools) {
    this.libc = libc;
    this.tools = tools;
  }

  /** Opens {@code /dev/iov/<pf>}; close it when done. */
  public Device open(DeviceName.Target target) throws KernelError {
    return new Device(NativeIov.open(libc, target));
  }

  /** An open PF. */
  public static final class Device implements AutoCloseable {
    private final NativeIov dev;

    private Device(NativeIov dev) {
      this.dev = dev;
    }

    /** The packed schema, fetched with IOV_GET_SCHEMA's two-call protocol. */
    public byte[] schema() throws KernelError {
      return dev.getSchema();
    }

    /** The kernel's byte order (the packed configuration must use it). */
    public ByteOrder byteOrder() {
      return dev.byteOrder();
    }

    /** IOV_CONFIG with a packed nvlist. */
    public void config(byte[] packed) throws KernelError {
      dev.config(packed);
    }

    /** IOV_DELETE: every VF of the PF. */
    public void delete() throws KernelError {
      dev.delete();
    }

    @Override
    public void close() {
      dev.close();
    }
  }

  /** TotalVFs of {@code device} ({@code pciconf -lc}), or -1 when unknown. */
  public int totalVfs(String device) {
    return tools.totalVfs(device);
  }

  /** {@code hw.pci.iov_max_config}, or -1 when it cannot be read. */
  public long maxConfig() {
    return tools.maxConfig();
  }

  /** Counts the VFs of {@code device} that pciconf lists, against {@code requested}. */
  public HostTools.Readback readBack(String device, int requested) {
    return tools.readBack(device, requested);
  }
}
