package io.iovc.cli;

import static io.iovc.cli.CliTest.iovc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.testing.StrictJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first contact (issue 11): the config of the article "SR-IOV is a First Class FreeBSD Feature",
 * pasted from the web page with its typographic quotes, gets its cause named in the characters the
 * user wrote, and {@code iovc check --fix} turns it into the clean article.
 */
class FirstContactTest {
  /** The article's config as the web page prints it. */
  static final String ARTICLE_PASTED = "PF {\n       device : “ixl0”\n       num_vfs : 2\n}\n";

  /** The same config with ASCII quotes. */
  static final String ARTICLE_CLEAN = "PF {\n       device : \"ixl0\"\n       num_vfs : 2\n}\n";

  @TempDir Path dir;
  Path schema;

  @BeforeEach
  void schema() throws Exception {
    schema = write("ixl.txt", CliTest.IXL_S);
  }

  private Path write(String name, String utf8) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, utf8, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void messagesShowTheCharactersTheUserWroteInEveryFormat() throws Exception {
    Path pasted = write("article.conf", ARTICLE_PASTED);
    for (String format : List.of("human", "gcc", "json", "sarif", "github", "checkstyle")) {
      CliTest.Res r = iovc("check", "--format", format, "--color", "never", pasted.toString());
      assertEquals(3, r.exit(), "no plugin on this class path serves “ixl0”: " + r.out());
      String out = r.out();
      assertTrue(out.contains("“ixl0”"), format + ": " + out);
      assertFalse(out.contains("â"), format + " shows UTF-8 as Latin-1: " + out);
      assertTrue(out.contains("U+201C LEFT DOUBLE QUOTATION MARK"), format + ": " + out);
    }
    CliTest.Res json = iovc("check", "--format", "json", pasted.toString());
    List<?> diags = (List<?>) StrictJson.parse(json.out());
    Map<?, ?> first = (Map<?, ?>) diags.get(0);
    assertEquals(
        "no driver plugin serves the device `“ixl0”` (U+201C LEFT DOUBLE QUOTATION MARK,"
            + " U+201D RIGHT DOUBLE QUOTATION MARK)",
        first.get("message"));
    Map<?, ?> cause = (Map<?, ?>) diags.get(1);
    assertEquals("IOV160", cause.get("code"));
  }

  @Test
  void checkFixTurnsThePastedArticleIntoTheCleanOneByteForByte() throws Exception {
    Path pasted = write("pasted.conf", "# from the article\n" + ARTICLE_PASTED);
    Path clean = write("clean.conf", "# from the article\n" + ARTICLE_CLEAN);
    CliTest.Res fixed =
        iovc(
            "check", "--fix", "--color", "never", "--schema", schema.toString(), pasted.toString());
    assertEquals(0, fixed.exit(), fixed.out() + fixed.err());
    assertTrue(fixed.out().contains("iovc: fixed " + pasted + ": 1 fix\n"), fixed.out());
    assertTrue(fixed.out().contains("  3:17 IOV160 use ASCII quotes: \"ixl0\"\n"), fixed.out());
    assertTrue(fixed.out().contains("no problems"), "what remains: " + fixed.out());
    assertEquals("# from the article\n" + ARTICLE_CLEAN, Files.readString(pasted), "comment kept");

    Path a = dir.resolve("a.bin");
    Path b = dir.resolve("b.bin");
    assertEquals(
        0,
        iovc("compile", "--schema", schema.toString(), "-o", a.toString(), pasted.toString())
            .exit());
    assertEquals(
        0,
        iovc("compile", "--schema", schema.toString(), "-o", b.toString(), clean.toString())
            .exit());
    assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(a));
  }

  @Test
  void fixDiffPrintsAUnifiedDiffAndWritesNothing() throws Exception {
    Path pasted = write("pasted.conf", ARTICLE_PASTED);
    CliTest.Res r =
        iovc("check", "--fix", "--diff", "--schema", schema.toString(), pasted.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "--- "
            + pasted
            + "\n+++ "
            + pasted
            + "\n@@ -1,4 +1,4 @@\n PF {\n-       device : “ixl0”\n+       device : \"ixl0\"\n"
            + "        num_vfs : 2\n }\n",
        r.out());
    assertEquals(ARTICLE_PASTED, Files.readString(pasted), "--diff writes nothing");
    assertTrue(r.err().contains("IOV160"), "what would change, on stderr: " + r.err());
  }

  @Test
  void fixKeepsPermissionsAppliesNoGuessAndExitsAsCheckOnTheResult() throws Exception {
    // the curly quotes are fixed; the `}` lost at the end is a guess and stays an error
    Path p = write("lost.conf", "# keep me\nPF {\n\tdevice : “ixl0”;\n\tnum_vfs : 2;\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r-----"));
    CliTest.Res r =
        iovc("check", "--fix", "--color", "never", "--schema", schema.toString(), p.toString());
    assertEquals(1, r.exit(), r.out());
    assertEquals("# keep me\nPF {\n\tdevice : \"ixl0\";\n\tnum_vfs : 2;\n", Files.readString(p));
    assertTrue(r.out().contains("error[IOV109]"), r.out());
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    try (var left = Files.list(dir)) {
      assertEquals(2, left.count(), "no temporary file is left behind");
    }
  }

  @Test
  void fixRefusesStandardInputWithoutDiffAndDiffWithoutFix() throws Exception {
    Path pasted = write("pasted.conf", ARTICLE_PASTED);
    assertEquals(
        2, iovc("check", "--diff", "--schema", schema.toString(), pasted.toString()).exit());
  }

  /** iovctl.conf(5)'s EXAMPLES: tab indent, {@code key : value;}, a blank line between sections. */
  static final String MAN_PAGE_EXAMPLE =
      "PF {\n\tdevice : \"ix0\";\n\tnum_vfs : 3;\n}\n\nDEFAULT {\n\tpassthrough : true;\n}\n\n"
          + "VF-0 {\n\tmac-addr : \"02:56:48:7e:d9:f7\";\n\tpassthrough : false;\n}\n";

  @Test
  void theManPagesExampleIsAlreadyFormatted() throws Exception {
    Path man = write("man.conf", MAN_PAGE_EXAMPLE);
    CliTest.Res r = iovc("fmt", "--check", man.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertEquals("", r.out());
    assertEquals(0, iovc("fmt", "--diff", man.toString()).exit());
  }

  @Test
  void fmtDiffPrintsTheChangeToTheManPagesLayoutAndWritesNothing() throws Exception {
    String before = "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { passthrough = true }\n";
    Path p = write("one-line.conf", before);
    CliTest.Res r = iovc("fmt", "--diff", p.toString());
    assertEquals(1, r.exit(), r.err());
    assertEquals(
        "--- "
            + p
            + "\n+++ "
            + p
            + "\n@@ -1,2 +1,8 @@\n"
            + "-PF { device = \"ixl0\"; num_vfs = 2; }\n"
            + "-VF-0 { passthrough = true }\n"
            + "+PF {\n+\tdevice : \"ixl0\";\n+\tnum_vfs : 2;\n+}\n+\n"
            + "+VF-0 {\n+\tpassthrough : true;\n+}\n",
        r.out());
    assertEquals(before, Files.readString(p));
    assertEquals(0, iovc("fmt", p.toString()).exit());
    assertEquals(0, iovc("fmt", "--check", p.toString()).exit(), "formatted now");
  }

  @Test
  void sarifNamesAbsoluteInputsWithFileUrisAndNoBase() throws Exception {
    Path bad = write("ixl0.conf", "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { bogus = 1 }\n");
    CliTest.Res r =
        iovc("check", "--format", "sarif", "--schema", schema.toString(), bad.toString());
    assertEquals(1, r.exit(), r.err());
    Object root = StrictJson.parse(r.out());
    List<?> results = (List<?>) StrictJson.at(root, "runs", 0, "results");
    Map<?, ?> loc =
        (Map<?, ?>)
            StrictJson.at(results.get(0), "locations", 0, "physicalLocation", "artifactLocation");
    assertEquals(bad.toUri().toString(), loc.get("uri"));
    assertFalse(loc.containsKey("uriBaseId"), loc.toString());
    assertEquals(
        java.net.URI.create((String) loc.get("uri")), bad.toUri(), "an absolute file: URI");
    assertFalse(r.out().contains("\"uri\": \"/"), "no bare absolute path as a URI");
  }

  @Test
  void theSchemaHintIsACommandThatRuns() throws Exception {
    Path bad = write("bad.conf", "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { zzzzzz = 1 }\n");
    CliTest.Res r =
        iovc("check", "--format", "json", "--schema", schema.toString(), bad.toString());
    String help = (String) ((Map<?, ?>) ((List<?>) StrictJson.parse(r.out())).get(0)).get("help");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("run `iovc ([^`]*)`").matcher(help);
    assertTrue(m.find(), help);
    assertEquals("schema --schema " + schema, m.group(1));
    CliTest.Res run = iovc(m.group(1).split(" "));
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("num-queues : uint16_t"), run.out());
  }

  @Test
  void everySubcommandPrintsTheVersion() {
    for (String sub :
        List.of(
            "check", "compile", "fmt", "schema", "drivers", "explain", "dump", "plan", "diff",
            "status", "install", "delete", "lsp")) {
      for (String flag : List.of("-V", "--version")) {
        CliTest.Res r = iovc(sub, flag);
        assertEquals(0, r.exit(), sub + " " + flag + ": " + r.err());
        assertTrue(
            r.out().startsWith("iovc " + io.iovc.About.VERSION + "\n"), sub + ": " + r.out());
      }
    }
  }

  @Test
  void selectAndIgnoreFilterWarningsByCodeOrPrefixButNeverErrors() throws Exception {
    Path warn =
        write("warn.conf", "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { num-queues = 2.5 }\n");
    Path bad =
        write(
            "bad.conf",
            "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { bogus = 1; num-queues = 2.5 }\n");
    String s = schema.toString();
    CliTest.Res plain = iovc("check", "--format", "gcc", "--schema", s, warn.toString());
    assertTrue(plain.out().contains("[IOV220]"), plain.out());
    for (String[] args :
        List.of(
            new String[] {"--ignore", "IOV220"},
            new String[] {"--ignore", "iov2"},
            new String[] {"--ignore=IOV1,IOV22"},
            new String[] {"--select", "IOV1"})) {
      List<String> a = new java.util.ArrayList<>(List.of("check", "--format", "gcc"));
      a.addAll(List.of(args));
      a.addAll(List.of("--strict", "--schema", s, warn.toString()));
      CliTest.Res r = iovc(a.toArray(String[]::new));
      assertEquals("", r.out(), String.join(" ", args));
      assertEquals(0, r.exit(), "--strict counts only what is shown: " + String.join(" ", args));
    }
    CliTest.Res sel =
        iovc("check", "--format", "gcc", "--select", "IOV220", "--schema", s, bad.toString());
    assertTrue(sel.out().contains("[IOV201]"), "errors always show: " + sel.out());
    assertTrue(sel.out().contains("[IOV220]"), sel.out());
    assertEquals(1, sel.exit());
    CliTest.Res err = iovc("check", "--ignore", "IOV201", "--schema", s, bad.toString());
    assertEquals(2, err.exit());
    assertTrue(err.err().contains("an error cannot be ignored"), err.err());
    CliTest.Res unknown = iovc("check", "--select", "IOV999", "--schema", s, warn.toString());
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("IOV999"), unknown.err());
    CliTest.Res compile =
        iovc(
            "compile",
            "--ignore",
            "IOV220",
            "--schema",
            s,
            "-o",
            dir.resolve("w.bin").toString(),
            warn.toString());
    assertEquals(0, compile.exit(), compile.err());
    assertFalse(compile.err().contains("IOV220"), compile.err());
    CliTest.Res compileShown =
        iovc("compile", "--schema", s, "-o", dir.resolve("w2.bin").toString(), warn.toString());
    assertTrue(compileShown.err().contains("IOV220"), compileShown.err());
  }
}
