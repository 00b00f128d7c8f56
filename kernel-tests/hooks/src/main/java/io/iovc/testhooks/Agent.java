package io.iovc.testhooks;

/**
 * Makes the jar a Java agent, which is all it needs to be one: {@code
 * -javaagent:iovc-test-hooks.jar} in {@code IOVC_JAVA_OPTS} appends the jar to the system class
 * path, where {@link java.util.ServiceLoader} finds {@link EnvFaultInjection}. The installed
 * launcher's own class path stays as it is (a class-data archive made for it still matches), and
 * the launcher has no option of its own that a test hook could use.
 */
public final class Agent {
  private Agent() {}

  /** Nothing to do: being on the class path is the point. */
  public static void premain(String args) {}
}
