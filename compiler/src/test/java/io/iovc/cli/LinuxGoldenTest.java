package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.golden.harness.Golden;
import io.iovc.kernel.linux.FakeKernel;
import io.iovc.kernel.linux.LinuxHost;
import io.iovc.kernel.linux.TestPlugins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests of {@code iovc plan}, {@code diff}, {@code status}, {@code compile --apply} and
 * {@code delete} on Linux, against a fake sysfs and netlink. Each case is {@code linux/NAME.conf}:
 * the file, whose {@code # machine:} comment lines build the machine (see {@link
 * FakeKernel#machine}) and may name the command ({@code # machine: cmd diff}); the approved output
 * is {@code NAME.approved.txt} beside it, on the one golden harness ({@link Golden}): a difference
 * writes {@code NAME.received.txt} and fails, {@code -Dgolden.approve=true} approves.
 *
 * <p>For {@code plan}, {@code diff} and {@code status} it also checks that nothing was written.
 */
class LinuxGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/io/iovc/cli/linux");

  @TestFactory
  Stream<DynamicTest> cases() throws Exception {
    try (Stream<Path> s = Files.list(DIR)) {
      long confs = s.filter(p -> p.toString().endsWith(".conf")).count();
      assertTrue(confs >= 10, "golden cases missing in " + DIR.toAbsolutePath());
    }
    return Golden.forEachInput(DIR, ".conf", LinuxGoldenTest::run);
  }

  /** The document of one case; for plan, diff and status also checks that nothing was written. */
  private static String run(Path conf) throws Exception {
    String name = conf.getFileName().toString();
    List<String> directives = new ArrayList<>();
    List<String> cmd = new ArrayList<>(List.of("plan"));
    for (String line : Files.readAllLines(conf)) {
      if (!line.startsWith("# machine: ")) continue;
      String d = line.substring("# machine: ".length());
      directives.add(d);
      if (d.startsWith("cmd ")) cmd = new ArrayList<>(List.of(d.substring(4).trim().split("\\s+")));
    }
    Path tmp = Files.createTempDirectory("iovc-golden-");
    Path file = tmp.resolve(name);
    Files.copy(conf, file);
    Path plugins = TestPlugins.pluginDir();
    FakeKernel k = FakeKernel.machine(directives, file, TestPlugins.registry());
    String env = directivesEnv(directives);
    List<String> args = new ArrayList<>(cmd);
    boolean delete = cmd.get(0).equals("delete");
    if (delete) {
      if (cmd.get(cmd.size() - 1).equals("-f")) args.add(file.toString());
    } else if (!cmd.get(0).equals("status")) {
      args.add("--plugin-path");
      args.add(plugins.toString());
      args.add(file.toString());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = Output.out;
    PrintStream oldErr = Output.err;
    int status;
    LinuxHost host =
        env == null ? k.host() : k.host().withInjection(LinuxHost.Injection.parse(env));
    try (AutoCloseable o = LinuxHost.override(host)) {
      Output.out = new PrintStream(out, true, StandardCharsets.UTF_8);
      Output.err = new PrintStream(err, true, StandardCharsets.UTF_8);
      status = Main.run(args.toArray(String[]::new));
      Output.flush();
    } finally {
      Output.out = oldOut;
      Output.err = oldErr;
    }
    try {
      boolean changes = cmd.get(0).equals("compile") || delete;
      String shown =
          String.join(" ", cmd)
              + (cmd.get(0).equals("status") || (delete && !args.contains(file.toString()))
                  ? ""
                  : " " + name);
      String actual =
          ("$ iovc "
                  + shown
                  + (env == null ? "" : "    # IOVC_INJECT_FAILURE=" + env)
                  + "\n"
                  + "exit "
                  + status
                  + "\n"
                  + "--- stdout\n"
                  + out.toString(StandardCharsets.UTF_8)
                  + "--- stderr\n"
                  + err.toString(StandardCharsets.UTF_8)
                  + (changes
                      ? "--- kernel log\n"
                          + String.join("\n", k.log())
                          + (k.log().isEmpty() ? "" : "\n")
                          + "--- after\n"
                          + k.dump()
                      : ""))
              .replace(tmp + "/", "");
      if (!changes)
        assertEquals(List.of(), k.log(), "`iovc " + cmd.get(0) + "` must not change anything");
      return actual;
    } finally {
      k.close();
      FakeKernel.deleteTree(tmp);
      FakeKernel.deleteTree(plugins);
    }
  }

  /** {@code # machine: inject step:3} → the injected failure, or null. */
  private static String directivesEnv(List<String> directives) {
    for (String d : directives) if (d.startsWith("inject ")) return d.substring(7).trim();
    return null;
  }
}
