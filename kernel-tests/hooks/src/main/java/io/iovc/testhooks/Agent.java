package io.iovc.testhooks;

import io.iovc.kernel.linux.LinuxHost;

/**
 * Makes the jar a Java agent: {@code -javaagent:iovc-test-hooks.jar} in {@code IOVC_JAVA_OPTS}
 * appends the jar to the system class path, where {@link java.util.ServiceLoader} finds {@link
 * EnvFaultInjection}, and sets {@link LinuxHost#HOOKS_PROPERTY}, without which iovc does not look
 * for a provider at all (the lookup costs every plan, status and apply 10 ms). The installed
 * launcher's own class path stays as it is (a class-data archive made for it still matches), and
 * the launcher has no option of its own that a test hook could use.
 */
public final class Agent {
  private Agent() {}

  /** Tells iovc to look for a fault-injection provider; this jar is one. */
  public static void premain(String args) {
    System.setProperty(LinuxHost.HOOKS_PROPERTY, "agent");
  }
}
