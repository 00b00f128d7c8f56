package io.iovc.cli;

import static io.iovc.cli.CliTest.iovc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project file {@code .iovc.conf} (issue 11): found upward, UCL, the command line wins. */
class ProjectConfigTest {
  @TempDir Path dir;
  Path repo;
  Path nested;

  /** A file with one warning (IOV220: 2.5 becomes 2) for a device no plugin here serves. */
  static final String WARN = "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { num-queues = 2.5; }\n";

  @BeforeEach
  void repo() throws Exception {
    repo = Files.createDirectories(dir.resolve("repo"));
  }

  private Path write(Path p, String text) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void theNearestFileAboveTheCheckedFileSetsSchemaStrictFormatAndCodes() throws Exception {
    write(repo.resolve("schemas/ixl.txt"), CliTest.IXL_S);
    Path conf = write(repo.resolve("etc/iov/ixl0.conf"), WARN);
    // without a project file: no plugin serves ixl0 on this class path
    assertEquals(3, iovc("check", conf.toString()).exit());

    write(
        repo.resolve(".iovc.conf"),
        "# the repository's defaults\nschema = \"schemas/ixl.txt\";\nstrict = true;\nformat = \"gcc\";\n");
    CliTest.Res r = iovc("check", conf.toString());
    assertEquals(1, r.exit(), "strict from the file: " + r.out() + r.err());
    assertTrue(r.out().startsWith(conf + ":2:21: warning: "), "gcc from the file: " + r.out());
    assertTrue(r.out().contains("[IOV220]"), r.out());

    // the command line wins over the file
    CliTest.Res human = iovc("check", "--format", "human", "--color", "never", conf.toString());
    assertTrue(human.out().contains("warning[IOV220]"), human.out());

    // a nearer file wins over the repository's
    write(
        repo.resolve("etc/.iovc.conf"), "schema = \"../schemas/ixl.txt\";\nignore = \"IOV220\";\n");
    CliTest.Res nearer = iovc("check", conf.toString());
    assertEquals(0, nearer.exit(), nearer.out() + nearer.err());
    assertTrue(
        nearer.out().contains("no problems"), "human again, IOV220 ignored: " + nearer.out());

    // a directory operand finds the file from itself
    assertEquals(0, iovc("check", repo.resolve("etc").toString()).exit());

    // --no-config reads neither
    assertEquals(3, iovc("check", "--no-config", conf.toString()).exit());
  }

  @Test
  void selectAndIgnoreInTheFileWorkWithInlineSuppressions() throws Exception {
    write(repo.resolve("ixl.txt"), CliTest.IXL_S);
    write(repo.resolve(".iovc.conf"), "schema = \"ixl.txt\";\nselect = [\"IOV2\"];\n");
    // IOV001 (an unused suppression) is not selected; IOV220 is, but suppressed inline
    Path conf =
        write(
            repo.resolve("a.conf"),
            "# iovc disable=IOV228\nPF { device = \"ixl0\"; num_vfs = 2; }\n"
                + "VF-0 {\n  # iovc disable=IOV220\n  num-queues = 2.5;\n}\n");
    CliTest.Res r = iovc("check", "--format", "gcc", "--strict", conf.toString());
    assertFalse(r.out().contains("IOV220"), "the inline comment still works: " + r.out());
    assertFalse(r.out().contains("IOV001"), "not selected by the file: " + r.out());
    assertEquals(0, r.exit(), "--strict counts only what is shown: " + r.out());
    CliTest.Res all =
        iovc(
            "check",
            "--format",
            "gcc",
            "--no-config",
            "--schema",
            repo.resolve("ixl.txt").toString(),
            conf.toString());
    assertTrue(all.out().contains("IOV001"), all.out());
  }

  @Test
  void compileTakesTheSchemaAndTheCodesFromTheFile() throws Exception {
    write(repo.resolve("ixl.txt"), CliTest.IXL_S);
    write(repo.resolve(".iovc.conf"), "schema = ixl.txt\nignore = IOV220\n");
    Path conf = write(repo.resolve("a.conf"), WARN);
    Path out = dir.resolve("a.nvl");
    CliTest.Res r = iovc("compile", "-o", out.toString(), conf.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err(), "IOV220 ignored by the file");
    assertTrue(Files.size(out) > 0);
  }

  @Test
  void mistakesInTheFileAreUsageErrorsThatNameTheFileAndTheLine() throws Exception {
    Path conf = write(repo.resolve("a.conf"), WARN);
    Path project = repo.resolve(".iovc.conf");
    String[][] cases = {
      {"ignore = IOV220;\nstrickt = true;\n", ":2:1: unknown key `strickt` in .iovc.conf"},
      {"strict = \"yes\";\n", ":1:10: `strict` takes true or false, not string"},
      {"ignore = [IOV220, 7];\n", "`ignore` takes a code in quotes, not integer"},
      {"ignore = \"IOV999\";\n", ".iovc.conf: ignore/select: no code is or starts with `IOV999`"},
      {"ignore = \"IOV201\";\n", "an error cannot be ignored"},
      {"format = \"xml\";\n", "unknown format in " + project + " `xml`"},
      {"ignore = \"IOV220\"\n}\n", "is not valid UCL"},
    };
    for (String[] c : cases) {
      write(project, c[0]);
      CliTest.Res r = iovc("check", conf.toString());
      assertEquals(2, r.exit(), c[0] + r.out() + r.err());
      assertTrue(r.err().contains(c[1]), c[0] + " -> " + r.err());
      assertTrue(r.err().contains(project.toString()), r.err());
    }
  }
}
