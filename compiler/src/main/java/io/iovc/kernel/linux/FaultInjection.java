package io.iovc.kernel.linux;

/**
 * Where the system host's {@link LinuxHost.Injection} comes from: a test-only service ({@link
 * java.util.ServiceLoader}), found once by {@link LinuxHost#injected()}.
 *
 * <p>No jar of the distribution (dist/, the .deb, the FreeBSD port, the tarball) provides one, so
 * the installed iovc never injects a failure, whatever its environment says. The kernel tests'
 * provider lives in {@code kernel-tests/hooks} (a jar that is never shipped; it reads {@code
 * IOVC_INJECT_FAILURE}) and reaches the guest's iovc through {@code IOVC_JAVA_OPTS}. Unit tests do
 * not need it: they build their host with {@link LinuxHost#withInjection}.
 */
public interface FaultInjection {
  /**
   * The failure to inject into this process's applies, {@link LinuxHost.Injection#NONE} for none.
   *
   * @throws IllegalArgumentException when the provider's source names no injection iovc knows
   */
  LinuxHost.Injection injection();
}
