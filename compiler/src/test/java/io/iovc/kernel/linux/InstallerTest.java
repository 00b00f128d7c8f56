package io.iovc.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unit {@code iovc install} writes for hostile install paths: the escaping of one command-line
 * word (systemd.syntax(7)), an independent decoder of that syntax for the round trip, and {@code
 * systemd-analyze verify} (no options) on the written unit when systemd-analyze is installed.
 */
class InstallerTest {
  @TempDir Path tmp;

  /** Paths an installer may meet: space, quotes, specifier and variable characters, backslash. */
  static final List<String> NASTY =
      List.of(
          "/usr/bin/iovc",
          "/opt/my tools/iovc/bin/iovc",
          "/opt/it's/bin/iovc",
          "/opt/100%/bin/iovc",
          "/opt/%n%i%%/bin/iovc",
          "/opt/$HOME/${PATH}/bin/iovc",
          "/opt/a\"b\\c/bin/iovc",
          "/opt/x'; rm -rf / #/bin/iovc",
          "/opt/ü ñ/$$;`id`/bin/iovc");

  @Test
  void oneWordEscapes() {
    assertEquals("\"/usr/bin/iovc\"", Installer.execWord("/usr/bin/iovc"));
    assertEquals("\"/a b/iovc\"", Installer.execWord("/a b/iovc"));
    assertEquals("\"/it's\"", Installer.execWord("/it's"));
    assertEquals("\"/100%%\"", Installer.execWord("/100%"));
    assertEquals("\"/$$HOME\"", Installer.execWord("/$HOME"));
    assertEquals("\"/a\\\"b\\\\c\"", Installer.execWord("/a\"b\\c"));
    assertThrows(IllegalArgumentException.class, () -> Installer.execWord("/a\nb"));
  }

  @Test
  void executablesAUnitCannotRunAreRefused() {
    assertNull(Installer.invalidExecutable("/opt/it's 100%/bin/iovc"));
    assertTrue(Installer.invalidExecutable("bin/iovc").contains("absolute"));
    assertTrue(Installer.invalidExecutable("").contains("absolute"));
    assertTrue(Installer.invalidExecutable("/a\nb").contains("U+000A at offset 2"));
    assertTrue(Installer.invalidExecutable("/a\0b").contains("U+0000"));
    assertThrows(IllegalArgumentException.class, () -> Installer.unit("/a\rb"));
    assertThrows(IllegalArgumentException.class, () -> Installer.unit("iovc"));
  }

  @Test
  void theExecStartLineDecodesToTheScriptAndThePath() {
    for (String path : NASTY) {
      String unit = Installer.unit(path, null);
      List<String> argv = execStart(unit);
      assertEquals(5, argv.size(), path + ": " + argv);
      assertEquals("/bin/sh", argv.get(0));
      assertEquals("-c", argv.get(1));
      assertEquals(
          "rc=0; for f in /etc/iov/*.conf; do \"$1\" compile --apply --backend linux \"$f\" || rc=1; done; exit $rc",
          argv.get(2));
      assertEquals("iovc.service", argv.get(3));
      assertEquals(path, argv.get(4), "the path the shell gets as $1");
      assertTrue(!unit.contains("Documentation="), "no Documentation= when no page is known");
    }
  }

  @Test
  void documentationNamesOnlyAPageThatExists() throws Exception {
    Path home = tmp.resolve("it's 100% $here");
    assertTrue(
        Installer.documentation(home.toString()) == null
            || Installer.documentation(home.toString()).equals("man:iovc(8)"));
    Files.createDirectories(home.resolve("man/man8"));
    Files.writeString(home.resolve("man/man8/iovc.8"), ".Dt IOVC 8\n");
    String doc = Installer.documentation(home.toString());
    assertNotNull(doc);
    if (!doc.equals("man:iovc(8)")) {
      assertTrue(doc.startsWith("file:/"), doc);
      assertTrue(doc.contains("%%20100%%25%%20"), doc);
      assertTrue(!doc.contains(" "), doc);
    }
  }

  @Test
  void systemdAnalyzeVerifyPassesForHostilePaths() throws Exception {
    String analyze = onPath("systemd-analyze");
    Assumptions.assumeTrue(
        analyze != null,
        "systemd-analyze is not on PATH (package systemd): the unit was not verified by systemd");
    int n = 0;
    for (String path : NASTY) {
      // the installation's own man page, under a hostile directory, as the unit's Documentation=
      Path home = Files.createDirectories(tmp.resolve("home " + n + " '%$"));
      Files.createDirectories(home.resolve("man/man8"));
      Files.writeString(home.resolve("man/man8/iovc.8"), ".Dt IOVC 8\n");
      Path root = tmp.resolve("root" + n++);
      List<Path> written =
          Installer.install(root, path, Installer.documentation(home.toString()), false);
      Path unit = written.get(0);
      ProcessBuilder pb = new ProcessBuilder(analyze, "verify", unit.toString());
      pb.redirectErrorStream(true);
      pb.environment().put("SYSTEMD_LOG_COLOR", "0");
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify did not finish");
      String text = new String(out, StandardCharsets.UTF_8);
      assertEquals(
          0, p.exitValue(), "systemd-analyze verify " + unit + " for " + path + ":\n" + text);
      assertEquals("", text, "systemd-analyze verify warned for " + path);
    }
  }

  static String onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) return null;
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d.isEmpty() ? "." : d, name);
      if (Files.isExecutable(p)) return p.toString();
    }
    return null;
  }

  static List<String> execStart(String unit) {
    for (String line : unit.split("\n"))
      if (line.startsWith("ExecStart=")) return decode(line.substring("ExecStart=".length()));
    throw new AssertionError("no ExecStart= in\n" + unit);
  }

  /**
   * What systemd makes of a command line, written from systemd.syntax(7) and systemd.service(5)
   * independently of {@link Installer#execWord}: words split at unquoted blanks, "..." and '...'
   * quoting with C escapes, then specifiers (only %% occurs here), then at run time $$ → $.
   */
  static List<String> decode(String line) {
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      while (i < line.length() && line.charAt(i) == ' ') i++;
      if (i >= line.length()) break;
      StringBuilder w = new StringBuilder();
      char q = line.charAt(i);
      if (q == '"' || q == '\'') {
        i++;
        while (true) {
          if (i >= line.length()) throw new AssertionError("unbalanced quote in " + line);
          char c = line.charAt(i++);
          if (c == q) break;
          if (c == '\\') {
            char e = line.charAt(i++);
            switch (e) {
              case '\\', '"', '\'' -> w.append(e);
              case 'n' -> w.append('\n');
              case 't' -> w.append('\t');
              default -> throw new AssertionError("unknown escape \\" + e + " in " + line);
            }
          } else w.append(c);
        }
        if (i < line.length() && line.charAt(i) != ' ')
          throw new AssertionError("closing quote not followed by a blank in " + line);
      } else {
        while (i < line.length() && line.charAt(i) != ' ') w.append(line.charAt(i++));
      }
      words.add(specifiersAndVariables(w.toString()));
    }
    return words;
  }

  private static String specifiersAndVariables(String w) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (c == '%') {
        char n = w.charAt(++i);
        if (n != '%') throw new AssertionError("specifier %" + n + " would be expanded in " + w);
        s.append('%');
      } else s.append(c);
    }
    String t = s.toString();
    StringBuilder r = new StringBuilder();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '$' && i + 1 < t.length() && t.charAt(i + 1) == '$') {
        r.append('$');
        i++;
      } else if (c == '$' && i + 1 < t.length() && t.charAt(i + 1) == '{')
        throw new AssertionError("${...} would be expanded in " + t);
      else r.append(c);
    }
    return r.toString();
  }
}
