package io.iovc.cli;

import static io.iovc.cli.CliTest.iovc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One exit status per meaning on every command ({@link Exit}; README "Exit status", iovc(8) EXIT
 * STATUS): each meaning is produced on each command that can meet it.
 */
class ExitStatusTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static void exits(int expected, String... args) {
    CliTest.Res r = iovc(args);
    assertEquals(expected, r.exit(), String.join(" ", args) + "\n" + r.out() + r.err());
  }

  @Test
  void findingsAreOne() throws Exception {
    String s = write("ixl.txt", CliTest.IXL_S).toString();
    String bad =
        write("bad.conf", "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { bogus = 1 }\n")
            .toString();
    exits(1, "check", "--schema", s, bad);
    exits(1, "compile", "--schema", s, bad);
    exits(1, "fmt", "--check", bad);
  }

  @Test
  void usageIsTwoOnEverySubcommand() throws Exception {
    for (String sub :
        List.of(
            "check", "compile", "fmt", "schema", "drivers", "explain", "dump", "plan", "diff",
            "status", "install", "delete", "lsp")) {
      exits(2, sub, "--no-such-option");
    }
    exits(2, "drivers", "--driver", "ixl"); // removed: it did nothing
    exits(2, "install", "--root", dir.toString(), "--iovc", "relative/iovc");
  }

  @Test
  void unusableInputIsThreeWhateverTheCommand() throws Exception {
    String missing = dir.resolve("missing.conf").toString();
    exits(3, "check", missing);
    exits(3, "compile", missing);
    exits(3, "compile", "--apply", "--backend", "linux", missing);
    exits(3, "plan", "--backend", "linux", missing);
    exits(3, "diff", "--backend", "linux", missing);
    exits(3, "delete", "--backend", "linux", "-f", missing);
    exits(3, "dump", missing);
    // no schema: no plugin on this class path serves zzz0
    String unknown = write("unknown.conf", "PF { device = \"zzz0\"; num_vfs = 2; }\n").toString();
    exits(3, "check", unknown);
    exits(3, "compile", unknown);
    exits(3, "check", "--driver", "nosuch", unknown);
    exits(3, "schema", "--driver", "nosuch");
  }

  @Test
  void aPfThatIsNotHereIsSixtyNine() throws Exception {
    String absent =
        write("absent.conf", "PF { device = \"iovc-test-no-such-pf9\"; num_vfs = 2; }\n")
            .toString();
    String s = write("ixl.txt", CliTest.IXL_S).toString();
    exits(69, "plan", "--backend", "linux", "--schema", s, absent);
    exits(69, "diff", "--backend", "linux", "--schema", s, absent);
    exits(69, "compile", "--apply", "--backend", "linux", "--schema", s, absent);
    exits(69, "status", "--backend", "linux", "iovc-test-no-such-pf9");
    // on FreeBSD too: pciconf has no such PF (or cannot be run on this host)
    exits(69, "plan", "--backend", "freebsd", "--schema", s, absent);
    exits(69, "diff", "--backend", "freebsd", "--schema", s, absent);
  }
}
