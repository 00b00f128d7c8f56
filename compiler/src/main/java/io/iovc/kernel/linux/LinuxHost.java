package io.iovc.kernel.linux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The machine iovc applies to: its sysfs (under a root prefix), its netlink, where the per-PF locks
 * live, and an optional injected failure. {@link #system()} is the real one; tests build their own
 * over a temporary sysfs-shaped directory and a fake netlink.
 *
 * <p>Test seams: the environment variable {@code IOVC_INJECT_FAILURE} ({@code step:N} fails the
 * N-th step of the plan instead of running it, {@code vf:K} fails the first step that touches VF-K,
 * {@code verify} fails the read-back after every step ran), so the kernel tests can prove that a
 * failure after some VFs were configured leaves the device as it was; and {@link
 * #override(LinuxHost)} for the command-line tests.
 */
public record LinuxHost(
    Sysfs sysfs, Netlink netlink, Path lockDir, Duration lockWait, Injection injection) {
  private static volatile LinuxHost override;

  /** A failure to inject during an apply (never during a rollback). */
  public record Injection(int step, int vf, boolean verify) {
    public static final Injection NONE = new Injection(0, -1, false);

    /** Parses {@code step:N}, {@code vf:K} or {@code verify}; NONE for null or empty. */
    public static Injection parse(String s) {
      if (s == null || s.isBlank()) return NONE;
      String v = s.strip().toLowerCase(Locale.ROOT);
      try {
        if (v.startsWith("step:"))
          return new Injection(Integer.parseInt(v.substring(5)), -1, false);
        if (v.startsWith("vf:")) return new Injection(0, Integer.parseInt(v.substring(3)), false);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "IOVC_INJECT_FAILURE=" + s + ": expected step:N, vf:K or verify");
      }
      if (v.equals("verify")) return new Injection(0, -1, true);
      throw new IllegalArgumentException(
          "IOVC_INJECT_FAILURE=" + s + ": expected step:N, vf:K or verify");
    }

    public boolean any() {
      return step > 0 || vf >= 0 || verify;
    }

    public String describe() {
      return step > 0 ? "step:" + step : vf >= 0 ? "vf:" + vf : verify ? "verify" : "none";
    }
  }

  /** The running system: sysfs at /, rtnetlink and iproute2, locks in /run/iovc. */
  public static LinuxHost system() {
    return new LinuxHost(
        Sysfs.system(),
        RtNetlink.system(),
        Path.of("/run/iovc"),
        Duration.ofSeconds(60),
        Injection.parse(System.getenv("IOVC_INJECT_FAILURE")));
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
    return new LinuxHost(sysfs, netlink, lockDir, lockWait, i);
  }
}
