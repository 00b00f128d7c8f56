package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The picocli-free parser must read every command line it accepts exactly as picocli does, and both
 * paths must print the same and exit the same.
 */
class FastPathTest {
  @TempDir Path dir;

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
      {"check", "--select", "IOV2", "a.conf"},
      {"check", "--fix", "a.conf"},
      {"compile", "--ignore=IOV201", "a.conf"},
      {"drivers", "--plugin-path", "/p:"},
      {"drivers", "--plugin-path", "/p::/q"},
      {"drivers", "--plugin-path", "\"/a:b\""},
      {"compile", "a.conf", "b.conf"},
      {"compile", "--help"},
      {"compile", "-no", "x", "a.conf"},
      {"compile", "-o", "x", "--output", "y", "a.conf"},
      {"compile", "-o", "--apply", "a.conf"},
      {"compile", "@args"},
      {"fmt"},
      {"fmt", "--check=yes", "a.conf"},
      {"schema", "a.conf", "b.conf"},
      {"dump"},
      {"explain", "A", "B"},
      {"drivers", "extra"},
      {"status", "--format"},
      {"plan", "-V"},
      {"delete", "a.conf"},
      {"lsp", "--debounce", "soon"},
      {"lsp", "--log"},
      {"--version"},
      {},
    };
    for (String[] args : cases) assertNull(FastPath.parse(args), String.join(" ", args));
  }

  /** Every field picocli fills, of the command and of its mixins (recursively), as text. */
  private static String allFields(Object o) {
    List<String> out = new ArrayList<>();
    for (Field f : o.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) continue;
      try {
        f.setAccessible(true);
        Object v = f.get(o);
        if (v != null && v.getClass().getPackage() == FastPath.class.getPackage()) v = allFields(v);
        out.add(f.getName() + "=" + v);
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
    return out.toString();
  }

  @Test
  void everyFastCommandAgreesWithPicocli() {
    String[][] cases = {
      {"check", "--max-input", "10", "a.conf"},
      {"compile", "a.conf"},
      {"compile", "-o", "out.nvl", "a.conf"},
      {"compile", "--output=out.nvl", "--driver", "ixl", "a.conf"},
      {"compile", "-o", "-", "a.conf"},
      {"compile", "-n", "a.conf"},
      {"compile", "--dry-run", "--color", "never", "-"},
      {"compile", "--apply", "--backend", "linux", "--replace", "a.conf"},
      {"compile", "--max-size", "100", "--schema", "s.bin", "--plugin-path", "/p:/q", "a.conf"},
      {"fmt", "a.conf", "dir/"},
      {"fmt", "--check", "a.conf"},
      {"fmt", "--stdout", "--max-input", "5", "-"},
      {"schema", "--driver", "ixl"},
      {"schema", "--driver=ixl", "-o", "s.bin"},
      {"schema", "a.conf"},
      {"schema", "-d", "ixl0", "--diff"},
      {"schema", "--schema", "s.txt", "--output", "-"},
      {"dump", "a.nvl"},
      {"dump", "--schema-text", "-"},
      {"explain"},
      {"explain", "IOV201"},
      {"explain", "--plugin-path", "/p", "iov201"},
      {"drivers"},
      {"drivers", "--plugin-path=/p", "--plugin-path", "/q"},
      {"plan", "a.conf"},
      {"plan", "--replace", "--color=never", "--driver", "ixl", "a.conf"},
      {"plan", "--format", "json", "--backend", "linux", "a.conf"},
      {"compile", "--apply", "--format=json", "--backend", "linux", "a.conf"},
      {"status"},
      {"status", "eth0"},
      {"status", "--", "-odd"},
      {"status", "--format", "json", "--backend=linux", "eth0", "eth1"},
      {"lsp"},
      {"lsp", "--stdio"},
      {"lsp", "--driver", "ixl", "--plugin-path", "/p:/q", "--debounce=50", "--max-message", "9"},
    };
    for (String[] args : cases) {
      Object fast = FastPath.parse(args);
      assertNotNull(fast, String.join(" ", args));
      CommandLine.ParseResult r = new CommandLine(new Main()).parseArgs(args);
      Object slow = r.subcommand().commandSpec().userObject();
      assertEquals(slow.getClass(), fast.getClass(), String.join(" ", args));
      assertEquals(allFields(slow), allFields(fast), String.join(" ", args));
    }
  }

  private static CliTest.Res run(boolean fast, String... args) {
    FastPath.enabled = fast;
    try {
      return CliTest.iovc(args);
    } finally {
      FastPath.enabled = true;
    }
  }

  @Test
  void bothPathsPrintAndExitTheSame() throws Exception {
    Path schema = dir.resolve("ixl.txt");
    Files.writeString(schema, CliTest.IXL_S, StandardCharsets.ISO_8859_1);
    Path conf = dir.resolve("a.conf");
    Files.writeString(
        conf,
        "PF {\n  device = \"ixl0\";\n  num_vfs = 2;\n}\nVF-0 {\n  mac-addr = \"02:00:00:00:00:01\";\n}\n",
        StandardCharsets.ISO_8859_1);
    Path bad = dir.resolve("bad.conf");
    Files.writeString(bad, "PF { device = \"ixl0\"; num_vfs = 99999; }\nVF-9 { x = 1; }\n");
    String s = schema.toString();
    String[][] cases = {
      {"check", "--schema", s, conf.toString()},
      {"check", "--schema", s, "--format", "json", bad.toString()},
      {"compile", "--schema", s, "-n", conf.toString()},
      {"compile", "--schema", s, bad.toString()},
      {"compile", "--schema", s, "--color", "never", conf.toString()},
      {"compile", "--schema", s, "-o", "OUT", conf.toString()},
      {"compile", dir.resolve("missing.conf").toString()},
      {"fmt", "--check", conf.toString()},
      {"fmt", "--stdout", bad.toString()},
      {"schema", "--schema", s},
      {"schema", "--schema", s, "-o", "-"},
      {"schema", "--driver", "nosuch"},
      {"schema"},
      {"dump", "OUT"},
      {"dump", conf.toString()},
      {"explain"},
      {"explain", "iov201"},
      {"explain", "NOPE"},
      {"drivers"},
      {"status", "no-such-pf-here"},
      {"plan", "--schema", s, conf.toString()},
      {"compile", "--apply", "--backend", "nosuch", "--schema", s, conf.toString()},
    };
    int outs = 0;
    for (String[] c : cases) {
      String[] fastArgs = c.clone();
      String[] slowArgs = c.clone();
      Path fastOut = dir.resolve("fast" + outs + ".nvl");
      Path slowOut = dir.resolve("slow" + outs++ + ".nvl");
      for (int i = 0; i < c.length; i++) {
        if (c[i].equals("OUT")) {
          fastArgs[i] = fastOut.toString();
          slowArgs[i] = slowOut.toString();
        }
      }
      if (c[0].equals("dump") && c[1].equals("OUT")) {
        run(true, "compile", "--schema", s, "-o", fastOut.toString(), conf.toString());
        Files.copy(fastOut, slowOut);
      }
      String name = String.join(" ", c);
      if (!name.equals("schema") && !name.startsWith("compile --apply")) {
        assertNotNull(FastPath.parse(fastArgs), name);
      }
      CliTest.Res fast = run(true, fastArgs);
      CliTest.Res slow = run(false, slowArgs);
      assertEquals(slow.exit(), fast.exit(), name);
      assertEquals(
          slow.out().replace(slowOut.toString(), "OUT"),
          fast.out().replace(fastOut.toString(), "OUT"),
          name);
      assertEquals(
          slow.err().replace(slowOut.toString(), "OUT"),
          fast.err().replace(fastOut.toString(), "OUT"),
          name);
      if (Files.exists(slowOut) || Files.exists(fastOut)) {
        assertEquals(
            Arrays.toString(Files.readAllBytes(slowOut)),
            Arrays.toString(Files.readAllBytes(fastOut)),
            name);
      }
    }
  }
}
