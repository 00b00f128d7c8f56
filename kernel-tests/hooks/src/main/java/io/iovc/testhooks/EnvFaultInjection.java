package io.iovc.testhooks;

import io.iovc.kernel.linux.FaultInjection;
import io.iovc.kernel.linux.LinuxHost;

/**
 * The kernel tests' failure injection: {@code IOVC_INJECT_FAILURE} ({@code step:N}, {@code vf:K},
 * {@code verify}, {@code kill:N}, {@code kill:verify}; see {@link LinuxHost.Injection#parse}). Only
 * an iovc with this jar on its class path reads the variable; the distribution does not ship it.
 */
public final class EnvFaultInjection implements FaultInjection {
  /** The variable the kernel tests' scenarios set. */
  public static final String VARIABLE = "IOVC_INJECT_FAILURE";

  @Override
  public LinuxHost.Injection injection() {
    return LinuxHost.Injection.parse(System.getenv(VARIABLE));
  }
}
