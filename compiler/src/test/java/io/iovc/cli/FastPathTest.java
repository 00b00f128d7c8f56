package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli-free parser of `iovc check` must read every command line exactly as picocli does. */
class FastPathTest {
  private static CheckCommand picocli(String... args) {
    CommandLine.ParseResult r = new CommandLine(new Main()).parseArgs(args);
    return (CheckCommand) r.subcommand().commandSpec().userObject();
  }

  private static String fields(CheckCommand c) {
    return List.of(
            String.valueOf(c.files),
            String.valueOf(c.format),
            c.color,
            String.valueOf(c.strict),
            String.valueOf(c.schema.driver),
            String.valueOf(c.schema.schemaFile),
            String.valueOf(c.schema.pluginPath),
            String.valueOf(c.schema.maxSize),
            String.valueOf(c.schema.maxInput))
        .toString();
  }

  @Test
  void agreesWithPicocli() {
    String[][] cases = {
      {"check", "a.conf"},
      {"lint", "a.conf", "b.conf"},
      {"check", "examples/"},
      {"check", "-"},
      {"check", "--strict", "a.conf"},
      {"check", "--format", "json", "a.conf"},
      {"check", "--format=gcc", "a.conf"},
      {"check", "--color", "never", "--driver", "ixl", "a.conf"},
      {"check", "--color=always", "--driver=ix", "--schema", "s.bin", "a.conf"},
      {"check", "--plugin-path", "/x:/y", "--plugin-path=/z", "a.conf"},
      {"check", "--max-size", "2097152", "a.conf", "--strict"},
      {"check", "--", "-odd-name.conf"},
      {"check", "a.conf", "--format", "sarif"},
    };
    for (String[] args : cases) {
      CheckCommand fast = FastPath.parseCheck(args);
      assertNotNull(fast, String.join(" ", args));
      assertEquals(fields(picocli(args)), fields(fast), String.join(" ", args));
    }
  }

  @Test
  void leavesEverythingElseToPicocli() {
    String[][] cases = {
      {"check"},
      {"check", "--help"},
      {"check", "-h", "a.conf"},
      {"check", "--bogus", "a.conf"},
      {"check", "--format"},
      {"check", "--strict=true", "a.conf"},
      {"check", "--max-size", "lots", "a.conf"},
      {"check", "--max-input", "10", "a.conf"},
      {"compile", "a.conf"},
      {"--version"},
      {},
    };
    for (String[] args : cases) assertNull(FastPath.parseCheck(args), String.join(" ", args));
  }
}
