package io.iovc.cli;

import static io.iovc.cli.CliTest.iovc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every hint that names an iovc command runs as printed (issue 11): the commands in backticks in
 * what iovc prints for the situations that print one, and in the help and notes of every golden
 * document, are run and must not end in a usage error (exit 2). Commands that change the system
 * ({@code delete}, {@code install}, {@code --apply}) are only parsed, with picocli, the parser that
 * would refuse them.
 */
class RunnableHintsTest {
  private static final Pattern COMMAND = Pattern.compile("`iovc ([^`]+)`");

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void everyCommandIovcPrintsInAHintRuns() throws Exception {
    String s = write("ixl.txt", CliTest.IXL_S).toString();
    String zero = write("zero.conf", "PF { device = \"ixl0\"; num_vfs = 0; }\n").toString();
    String unknownKey =
        write("key.conf", "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { zzzz = 1; }\n")
            .toString();
    String suppression =
        write("sup.conf", "# iovc disable=IOV9999\nPF { device = \"ixl0\"; num_vfs = 2; }\n")
            .toString();
    String template = write("tmpl.conf", "PF { device = \"<pf>\"; num_vfs = 2; }\n").toString();
    String[][] situations = {
      {"check", "--schema", s, zero},
      {"check", "--schema", s, unknownKey},
      {"check", "--schema", s, suppression},
      {"check", template},
      {"check", "--diff", "--schema", s, unknownKey},
      {"plan", "--backend", "freebsd", "--schema", s, zero},
      {"diff", "--backend", "freebsd", "--schema", s, zero},
      {"delete", "-n", "--backend", "linux", "-d", "eth0"},
    };
    Set<String> commands = new LinkedHashSet<>();
    for (String[] sit : situations) {
      CliTest.Res r = iovc(sit);
      List<String> found = commands(r.out() + r.err());
      assertTrue(
          !found.isEmpty(), String.join(" ", sit) + " prints a command: " + r.out() + r.err());
      commands.addAll(found);
    }
    for (String c : commands) runs(c);
    assertTrue(commands.size() >= 7, commands.toString());
  }

  @Test
  void everyCommandInTheGoldenDocumentsHelpRuns() throws Exception {
    Path cases = Path.of("..", "golden", "cases");
    Set<String> commands = new LinkedHashSet<>();
    try (Stream<Path> all = Files.walk(cases)) {
      for (Path p : all.filter(f -> f.toString().endsWith(".approved.txt")).toList()) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          if (!(line.contains("= help:") || line.contains("= note:"))) continue;
          commands.addAll(commands(line));
        }
      }
    }
    assertTrue(!commands.isEmpty(), "the golden documents name commands");
    for (String c : commands) runs(c);
  }

  private static List<String> commands(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = COMMAND.matcher(text);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  /**
   * Runs {@code command} (or, when it changes the system, parses it) and expects no usage error.
   */
  private static void runs(String command) {
    String[] args = command.trim().split(" +");
    boolean changes =
        args[0].equals("delete") || args[0].equals("install") || command.contains("--apply");
    if (changes) {
      try {
        new CommandLine(new Main()).parseArgs(args);
      } catch (CommandLine.ParameterException e) {
        fail("`iovc " + command + "` is a usage error: " + e.getMessage());
      }
      return;
    }
    CliTest.Res r = iovc(args);
    assertNotEquals(2, r.exit(), "`iovc " + command + "`: " + r.out() + r.err());
    assertEquals(false, r.err().contains("Usage:"), "`iovc " + command + "`: " + r.err());
  }
}
