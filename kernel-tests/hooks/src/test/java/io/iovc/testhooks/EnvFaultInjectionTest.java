package io.iovc.testhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.kernel.linux.LinuxHost;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The seam end to end, in fresh JVMs (the variable is read from the real environment): with this
 * module's provider on the class path {@code IOVC_INJECT_FAILURE} is honoured, without it (as in
 * the distribution) it is ignored, malformed or not.
 */
class EnvFaultInjectionTest {
  private static final String CLASS_PATH = System.getProperty("java.class.path");

  @Test
  void theHookReadsTheVariable() throws Exception {
    assertEquals("vf:2", probe(CLASS_PATH, "vf:2"));
    assertEquals("kill:verify", probe(CLASS_PATH, "kill:verify"));
    assertEquals("none", probe(CLASS_PATH, null));
  }

  @Test
  void theHookRefusesAMalformedValue() throws Exception {
    assertEquals(
        "refused: IOVC_INJECT_FAILURE=after:2: expected step:N, vf:K, kill:N, kill:verify or verify",
        probe(CLASS_PATH, "after:2"));
  }

  @Test
  void withoutTheAgentsPropertyNoProviderIsLookedFor() throws Exception {
    // the provider on the class path, but no -javaagent (which sets the property): as if absent
    assertEquals("none", probe(CLASS_PATH, "vf:2", false));
    assertEquals("none", probe(CLASS_PATH, "after:2", false));
  }

  @Test
  void withoutTheHookTheVariableMeansNothing() throws Exception {
    // this module's own classes (the provider and its META-INF/services) left out: what the
    // distribution's class path is
    String main = Path.of("target", "classes").toAbsolutePath().toString();
    String without =
        Arrays.stream(CLASS_PATH.split(File.pathSeparator))
            .filter(e -> !Path.of(e).toAbsolutePath().toString().equals(main))
            .collect(Collectors.joining(File.pathSeparator));
    assertEquals(false, without.equals(CLASS_PATH), "target/classes is on the test class path");
    // Probe itself comes from target/test-classes
    assertEquals("none", probe(without, "vf:2"));
    assertEquals("none", probe(without, "after:2"));
    assertEquals("none", probe(without, "kill:1"));
  }

  private static String probe(String classPath, String value)
      throws IOException, InterruptedException {
    return probe(classPath, value, true);
  }

  /** {@code agent}: the property the hooks' agent sets, as {@code -javaagent:} would set it. */
  private static String probe(String classPath, String value, boolean agent)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:off");
    if (agent) cmd.add("-D" + LinuxHost.HOOKS_PROPERTY + "=agent");
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(Probe.class.getName());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove(EnvFaultInjection.VARIABLE);
    if (value != null) pb.environment().put(EnvFaultInjection.VARIABLE, value);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
