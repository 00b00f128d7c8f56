package io.iovc.kernel.linux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The machine iovc applies to: its sysfs (under a root prefix), its netlink and devlink, where the
 * per-PF locks live, and an optional injected failure. {@link #system()} is the real one; tests
 * build their own over a temporary sysfs-shaped directory and a fake netlink.
 *
 * <p>Test seams: an {@link Injection} ({@code step:N} fails the N-th step of the plan instead of
 * running it, {@code vf:K} fails the first step that touches VF-K, {@code verify} fails the
 * read-back after every step ran, {@code kill:N} ends the process before step N as SIGKILL would,
 * {@code kill:verify} after the last step, before the read-back), so the kernel tests can prove
 * that a failure after some VFs were configured leaves the device as it was, and that a killed
 * apply leaves a journal; and {@link #override(LinuxHost)} for the command-line tests. Unit tests
 * give a host its injection with {@link #withInjection}; {@link #system()} takes it from a {@link
 * FaultInjection} provider, and the distribution ships none: the installed iovc injects nothing,
 * whatever its environment says (only the kernel tests' hook jar, {@code kernel-tests/hooks}, reads
 * {@code IOVC_INJECT_FAILURE}).
 */
public record LinuxHost(
    Sysfs sysfs,
    Netlink netlink,
    Path lockDir,
    Duration lockWait,
    Injection injection,
    Path journalDir,
    Devlink devlink) {
  private static volatile LinuxHost override;

  /** A host without devlink (tests that set no eswitch mode). */
  public LinuxHost(
      Sysfs sysfs,
      Netlink netlink,
      Path lockDir,
      Duration lockWait,
      Injection injection,
      Path journalDir) {
    this(sysfs, netlink, lockDir, lockWait, injection, journalDir, Devlink.NONE);
  }

  /** A host whose apply journals live beside its locks (tests). */
  public LinuxHost(
      Sysfs sysfs, Netlink netlink, Path lockDir, Duration lockWait, Injection injection) {
    this(sysfs, netlink, lockDir, lockWait, injection, lockDir);
  }

  /**
   * A failure to inject during an apply (never during a rollback); {@code kill} ends the process at
   * once before that step, as SIGKILL would (no finally blocks, no shutdown hooks).
   */
  public record Injection(int step, int vf, boolean verify, int kill) {
    public static final Injection NONE = new Injection(0, -1, false, 0);

    public Injection(int step, int vf, boolean verify) {
      this(step, vf, verify, 0);
    }

    private static final String EXPECTED = ": expected step:N, vf:K, kill:N, kill:verify or verify";

    /**
     * Parses {@code step:N}, {@code vf:K}, {@code kill:N}, {@code kill:verify} (every step ran, the
     * read-back not yet; also {@code kill:N} past the plan's last step) or {@code verify}; NONE for
     * empty.
     */
    public static Injection parse(String s) {
      if (s == null || s.isBlank()) return NONE;
      String v = s.strip().toLowerCase(Locale.ROOT);
      try {
        if (v.startsWith("step:"))
          return new Injection(Integer.parseInt(v.substring(5)), -1, false);
        if (v.startsWith("vf:")) return new Injection(0, Integer.parseInt(v.substring(3)), false);
        if (v.equals("kill:verify")) return new Injection(0, -1, false, Integer.MAX_VALUE);
        if (v.startsWith("kill:"))
          return new Injection(0, -1, false, Integer.parseInt(v.substring(5)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("IOVC_INJECT_FAILURE=" + s + EXPECTED);
      }
      if (v.equals("verify")) return new Injection(0, -1, true);
      throw new IllegalArgumentException("IOVC_INJECT_FAILURE=" + s + EXPECTED);
    }

    public boolean any() {
      return step > 0 || vf >= 0 || verify || kill > 0;
    }

    public String describe() {
      return step > 0
          ? "step:" + step
          : vf >= 0
              ? "vf:" + vf
              : verify
                  ? "verify"
                  : kill == Integer.MAX_VALUE ? "kill:verify" : kill > 0 ? "kill:" + kill : "none";
    }
  }

  /**
   * The running system: sysfs at /, rtnetlink and iproute2 (ip, devlink), locks in /run/iovc, apply
   * journals in /var/lib/iovc (they must outlive a power loss, which empties /run).
   */
  public static LinuxHost system() {
    return new LinuxHost(
        Sysfs.system(),
        RtNetlink.system(),
        Path.of("/run/iovc"),
        Duration.ofSeconds(60),
        injected(),
        Path.of("/var/lib/iovc"),
        Devlink.system());
  }

  /**
   * The failure this process was given to inject: the {@link FaultInjection} provider's on the
   * class path when {@link #HOOKS_PROPERTY} is set (asked on every call, so a malformed value fails
   * the command that reads it, as a usage error would), {@link Injection#NONE} without one — always
   * so in the distribution.
   */
  public static Injection injected() {
    FaultInjection source = FaultInjectionSource.PROVIDER;
    return source == null ? Injection.NONE : source.injection();
  }

  /**
   * The system property the test hooks' agent sets ({@code -javaagent:} in the kernel tests): only
   * then is a provider looked for. The lookup opens every jar on the class path and the JDK's
   * module image, 10 ms of every plan, status and apply, to find nothing in the distribution.
   */
  public static final String HOOKS_PROPERTY = "iovc.testHooks";

  /** The provider, looked up once and only by a command that touches the Linux kernel. */
  private static final class FaultInjectionSource {
    static final FaultInjection PROVIDER =
        System.getProperty(HOOKS_PROPERTY) == null
            ? null
            : ServiceLoader.load(FaultInjection.class, FaultInjection.class.getClassLoader())
                .findFirst()
                .orElse(null);
  }

  /** The host commands use: the test override when set, else the system. */
  public static LinuxHost current() {
    LinuxHost o = override;
    return o != null ? o : system();
  }

  /** Test seam: makes {@link #current()} return {@code host} until the result is closed. */
  public static AutoCloseable override(LinuxHost host) {
    override = host;
    return () -> override = null;
  }

  public LinuxHost withInjection(Injection i) {
    return new LinuxHost(sysfs, netlink, lockDir, lockWait, i, journalDir, devlink);
  }

  public LinuxHost withDevlink(Devlink d) {
    return new LinuxHost(sysfs, netlink, lockDir, lockWait, injection, journalDir, d);
  }
}
