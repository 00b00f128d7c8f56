package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.CodeBook;
import io.iovc.nvlist.NvDump;
import io.iovc.nvlist.NvList;
import io.iovc.nvlist.NvPacker;
import io.iovc.nvlist.NvUnpacker;
import io.iovc.pipeline.Pipeline;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import io.iovc.testing.StrictJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The {@code iovc} command, run in-process with stdout and stderr captured. No driver plugin is on
 * this class path, so every test gives its schema with {@code --schema} (the text {@code iovctl -S}
 * prints, or the packed blob).
 */
class CliTest {
  static final String IXL_S =
      "The following configuration parameters may be configured on the PF:\n"
          + "\tnum_vfs : uint16_t (required)\n"
          + "\tdevice : string (required)\n"
          + "\n"
          + "The following configuration parameters may be configured on a VF:\n"
          + "\tpassthrough : bool (default = false)\n"
          + "\tmac-addr : unicast-mac (optional)\n"
          + "\tmac-anti-spoof : bool (default = true)\n"
          + "\tallow-set-mac : bool (default = false)\n"
          + "\tallow-promisc : bool (default = false)\n"
          + "\tnum-queues : uint16_t (default = 4)\n";
  static final String IX_2026_S =
      "The following configuration parameters may be configured on the PF:\n"
          + "\tnum_vfs : uint16_t (required)\n"
          + "\tdevice : string (required)\n"
          + "\n"
          + "The following configuration parameters may be configured on a VF:\n"
          + "\tpassthrough : bool (default = false)\n"
          + "\tmac-addr : unicast-mac (optional)\n"
          + "\tmac-anti-spoof : bool (default = true)\n"
          + "\tallow-set-mac : bool (default = false)\n"
          + "\tallow-promisc : bool (default = false)\n"
          + "\tvlan : vlan (default = trunk)\n";
  static final String MAN_PAGE =
      "PF {\n\tdevice : \"ix0\";\n\tnum_vfs : 3;\n}\n\nDEFAULT {\n\tpassthrough : true;\n}\n\n"
          + "VF-0 {\n\tmac-addr : \"02:56:48:7e:d9:f7\";\n\tpassthrough : false;\n\tvlan: 1;\n}\n";
  static final String MAN_LISTING =
      "Would enable SR-IOV on device '/dev/iov/ix0'.\n"
          + "The following configuration parameters would be used:\n"
          + "PF (NVLIST):\n"
          + "    DRIVER (NVLIST):\n"
          + "    IOV (NVLIST):\n"
          + "        device (STRING): [ix0]\n"
          + "        num_vfs (NUMBER): 3 (3) (0x3)\n"
          + "VF-0 (NVLIST):\n"
          + "    DRIVER (NVLIST):\n"
          + "        mac-addr (BINARY): 6 0256487ed9f7\n"
          + "        vlan (NUMBER): 1 (1) (0x1)\n"
          + "    IOV (NVLIST):\n"
          + "        passthrough (BOOL): FALSE\n"
          + "VF-1 (NVLIST):\n"
          + "    DRIVER (NVLIST):\n"
          + "    IOV (NVLIST):\n"
          + "        passthrough (BOOL): TRUE\n"
          + "VF-2 (NVLIST):\n"
          + "    DRIVER (NVLIST):\n"
          + "    IOV (NVLIST):\n"
          + "        passthrough (BOOL): TRUE\n"
          + "The configuration parameters consume 1004 bytes when packed.\n";

  @TempDir Path dir;
  Path ixl;
  Path ix2026;
  Path clean;
  Path warn;
  Path bad;
  Path man;

  /** The exit status and what was printed. */
  record Res(int exit, byte[] outBytes, String err) {
    String out() {
      return new String(outBytes, StandardCharsets.UTF_8);
    }
  }

  static synchronized Res iovc(String... args) {
    PrintStream oldOut = Output.out;
    PrintStream oldErr = Output.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Output.out = new PrintStream(out, false, StandardCharsets.UTF_8);
    Output.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    try {
      int code = Main.run(args);
      Output.flush();
      return new Res(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    } finally {
      Output.out = oldOut;
      Output.err = oldErr;
    }
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.ISO_8859_1);
    return p;
  }

  @BeforeEach
  void files() throws Exception {
    ixl = write("ixl.txt", IXL_S);
    ix2026 = write("ix-2026.txt", IX_2026_S);
    clean = write("clean.conf", "PF { device = \"ixl0\"; num_vfs = 2; }\n");
    warn =
        write("warn.conf", "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { num-queues = 2.5 }\n");
    bad = write("bad.conf", "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { bogus = 1 }\n");
    man = write("man.conf", MAN_PAGE);
  }

  private String s(Path p) {
    return p.toString();
  }

  // ------------------------------------------------------------------ exit codes

  @Test
  void exitZeroForCleanFilesAndWarnings() {
    assertEquals(0, iovc("check", "--schema", s(ixl), s(clean)).exit());
    assertEquals(0, iovc("check", "--schema", s(ixl), s(warn)).exit());
  }

  @Test
  void exitOneForErrorsAndForWarningsWithStrict() {
    assertEquals(1, iovc("check", "--schema", s(ixl), s(bad)).exit());
    assertEquals(1, iovc("check", "--strict", "--schema", s(ixl), s(warn)).exit());
    assertEquals(0, iovc("check", "--strict", "--schema", s(ixl), s(clean)).exit());
    assertEquals(
        1, iovc("check", "--schema", s(ixl), s(clean), s(bad)).exit(), "any file with errors");
  }

  @Test
  void exitTwoForUsageErrors() {
    assertEquals(2, iovc("check", "--no-such-option", s(clean)).exit());
    Res f = iovc("check", "--format", "yaml", "--schema", s(ixl), s(clean));
    assertEquals(2, f.exit());
    assertTrue(f.err().contains("--format"), f.err());
    assertEquals(2, iovc("check", "--color", "sometimes", "--schema", s(ixl), s(clean)).exit());
    assertEquals(2, iovc("frobnicate").exit());
    assertEquals(2, iovc().exit());
  }

  @Test
  void exitThreeForUnreadableInputOrNoSchema() throws Exception {
    Res missing = iovc("check", "--schema", s(ixl), s(dir.resolve("nope.conf")));
    assertEquals(3, missing.exit());
    assertTrue(missing.out().contains("IOV003"), missing.out());
    Res noSchema = iovc("check", "--format", "gcc", s(clean));
    assertEquals(3, noSchema.exit(), "no plugin serves ixl0 on this class path");
    assertTrue(noSchema.out().contains("[IOV005]"), noSchema.out());
    Path junk = write("junk.txt", "not a schema\n");
    assertEquals(3, iovc("check", "--schema", s(junk), s(clean)).exit());
    assertEquals(3, iovc("check", "--schema", s(dir.resolve("nope.bin")), s(clean)).exit());
    assertEquals(3, iovc("compile", "--schema", s(ixl), s(dir.resolve("nope.conf"))).exit());
  }

  // ------------------------------------------------------------------ formats

  @Test
  void humanFormat() {
    Res r = iovc("check", "--format", "human", "--color", "never", "--schema", s(ixl), s(bad));
    String o = r.out();
    assertTrue(o.startsWith("error[IOV201]: unknown parameter `bogus` in VF-0\n"), o);
    assertTrue(o.contains(" --> " + s(bad) + ":2:8\n"), o);
    assertTrue(o.contains("2 | VF-0 { bogus = 1 }\n"), o);
    assertTrue(o.contains("  |        ^^^^^ "), o);
    assertTrue(o.contains("= note: iovctl: VF-0: Invalid config key 'bogus'\n"), o);
    assertTrue(o.contains("= help: "), o);
    assertTrue(o.endsWith("iovc: 1 file checked: 1 error, 0 warnings\n"), o);
    assertFalse(o.contains("\u001b["), "--color never");
  }

  @Test
  void humanFormatSummaryForCleanFilesAndDirectories() throws Exception {
    assertEquals(
        "iovc: 1 file checked, no problems\n",
        iovc("check", "--format", "human", "--schema", s(ixl), s(clean)).out());
    Path d = dir.resolve("etc-iov");
    write("etc-iov/a.conf", "PF { device = \"ixl0\"; num_vfs = 1; }\n");
    write("etc-iov/sub/b.conf", "PF { device = \"ixl1\"; num_vfs = 1; }\n");
    write("etc-iov/notes.txt", "not checked\n");
    Res r = iovc("check", "--format", "human", "--schema", s(ixl), s(d));
    assertEquals(0, r.exit());
    assertEquals("iovc: 2 files checked, no problems\n", r.out());
  }

  @Test
  void aBatchReportsTheSameOnOneThreadAndOnSeveral() throws Exception {
    Path d = dir.resolve("fleet");
    int files = Batch.PARALLEL_FROM + 9;
    for (int k = 0; k < files; k++) {
      String vf =
          k % 7 == 0 ? "VF-0 { bogus = 1 }\n" : k % 5 == 1 ? "VF-0 { num-queues = 2.5 }\n" : "";
      write(
          String.format("fleet/host%02d.conf", k),
          "PF { device = \"ixl" + k + "\"; num_vfs = 2; }\n" + vf);
    }
    write("fleet/sub/garbled.conf", "PF { device = \"ixl99\"; num_vfs = 2 \n");
    String old = System.getProperty("iovc.workers");
    try {
      for (String format : List.of("gcc", "human", "json", "sarif")) {
        System.setProperty("iovc.workers", "1");
        Res one = iovc("check", "--format", format, "--color", "never", "--schema", s(ixl), s(d));
        System.setProperty("iovc.workers", "4");
        Res four = iovc("check", "--format", format, "--color", "never", "--schema", s(ixl), s(d));
        assertEquals(1, one.exit(), one.out());
        assertEquals(one.exit(), four.exit(), format);
        assertEquals(one.out(), four.out(), format);
        assertEquals(one.err(), four.err(), format);
        if (format.equals("gcc")) {
          // what each file gets checked alone, file after file in path order
          StringBuilder alone = new StringBuilder();
          List<Path> all = new java.util.ArrayList<>();
          try (var walk = Files.walk(d)) {
            walk.filter(f -> f.toString().endsWith(".conf")).forEach(all::add);
          }
          all.sort(null);
          for (Path f : all)
            alone.append(iovc("check", "--format", "gcc", "--schema", s(ixl), s(f)).out());
          assertEquals(alone.toString(), four.out());
          assertTrue(four.out().split("\n").length >= 12, four.out());
        }
      }
    } finally {
      if (old == null) System.clearProperty("iovc.workers");
      else System.setProperty("iovc.workers", old);
    }
  }

  @Test
  void directoryWalkTakesLinksToFilesAndSkipsWhatIsNoFile() throws Exception {
    Path d = dir.resolve("links");
    write("links/a.conf", "PF { device = \"ixl0\"; num_vfs = 1; }\n");
    Path outside = write("elsewhere/b.txt", "PF { device = \"ixl1\"; num_vfs = 1; }\n");
    Files.createSymbolicLink(d.resolve("b.conf"), outside);
    Files.createSymbolicLink(d.resolve("dangling.conf"), dir.resolve("nowhere"));
    Files.createDirectories(d.resolve("dir.conf"));
    write("links/.iovc.conf", "");
    Res r = iovc("check", "--format", "human", "--no-config", "--schema", s(ixl), s(d));
    assertEquals(0, r.exit(), r.out() + r.err());
    assertEquals("iovc: 2 files checked, no problems\n", r.out());
    Res dangling =
        iovc("check", "--format", "gcc", "--schema", s(ixl), s(d.resolve("dangling.conf")));
    assertEquals(3, dangling.exit());
    assertTrue(dangling.out().contains("not a regular file"), dangling.out());
    Res linked = iovc("check", "--format", "gcc", "--schema", s(ixl), s(d.resolve("b.conf")));
    assertEquals(0, linked.exit(), linked.out());
  }

  @Test
  void gccFormat() {
    Res r = iovc("check", "--format", "gcc", "--schema", s(ixl), s(bad), s(warn));
    assertEquals(
        s(bad)
            + ":2:8: error: unknown parameter `bogus` in VF-0 [IOV201]\n"
            + s(warn)
            + ":2:21: warning: `num-queues` is a whole number; iovctl truncates 2.5 to 2 [IOV220]\n",
        r.out());
  }

  @Test
  void jsonFormat() {
    Res r = iovc("check", "--format", "json", "--schema", s(ixl), s(bad), s(warn), s(clean));
    Object root = StrictJson.parse(r.out());
    List<?> all = assertInstanceOf(List.class, root);
    assertEquals(2, all.size());
    Object e = all.get(0);
    assertEquals(s(bad), StrictJson.at(e, "file"));
    assertEquals(2L, StrictJson.at(e, "line"));
    assertEquals(8L, StrictJson.at(e, "column"));
    assertEquals(2L, StrictJson.at(e, "endLine"));
    assertEquals(13L, StrictJson.at(e, "endColumn"));
    assertEquals(44L, StrictJson.at(e, "offset"));
    assertEquals(5L, StrictJson.at(e, "length"));
    assertEquals("error", StrictJson.at(e, "severity"));
    assertEquals("IOV201", StrictJson.at(e, "code"));
    assertEquals("unknown parameter `bogus` in VF-0", StrictJson.at(e, "message"));
    assertEquals(List.of("iovctl: VF-0: Invalid config key 'bogus'"), StrictJson.at(e, "notes"));
    Object w = all.get(1);
    assertEquals("warning", StrictJson.at(w, "severity"));
    assertEquals("2", StrictJson.at(w, "fixes", 0, "edits", 0, "text"));
    assertEquals(21L, StrictJson.at(w, "fixes", 0, "edits", 0, "column"));
    assertEquals("[]\n", iovc("check", "--format", "json", "--schema", s(ixl), s(clean)).out());
  }

  @Test
  void jsonEscapesEverythingItMust() throws Exception {
    Path odd =
        write(
            "odd \"name\".conf",
            "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { \"a<&>\\\"b\\\\\\u0001c\\t\" = 1 }\n");
    Object root =
        StrictJson.parse(iovc("check", "--format", "json", "--schema", s(ixl), s(odd)).out());
    assertEquals(s(odd), StrictJson.at(root, 0, "file"));
    assertEquals(
        "unknown parameter `a<&>\"b\\\u0001c\t` in VF-0", StrictJson.at(root, 0, "message"));
  }

  @SuppressWarnings("unchecked")
  @Test
  void sarifFormat() {
    Res r = iovc("check", "--format", "sarif", "--schema", s(ixl), s(bad), s(warn));
    Object root = StrictJson.parse(r.out());
    assertEquals("2.1.0", StrictJson.at(root, "version"));
    assertTrue(((String) StrictJson.at(root, "$schema")).contains("sarif"));
    Object run = StrictJson.at(root, "runs", 0);
    assertEquals("iovc", StrictJson.at(run, "tool", "driver", "name"));
    assertNotNull(StrictJson.at(run, "tool", "driver", "version"));
    List<Object> rules = (List<Object>) StrictJson.at(run, "tool", "driver", "rules");
    assertEquals(
        List.of("IOV201", "IOV220"), rules.stream().map(x -> StrictJson.at(x, "id")).toList());
    for (Object rule : rules) {
      String id = (String) StrictJson.at(rule, "id");
      assertEquals(
          CodeBook.CORE.lookup(id).title(), StrictJson.at(rule, "shortDescription", "text"));
      String full = (String) StrictJson.at(rule, "fullDescription", "text");
      String explain = CodeBook.CORE.explain(id);
      assertEquals(
          explain.substring(0, explain.indexOf("\n\n")).replace('\n', ' ').strip(),
          full,
          "fullDescription is the first paragraph of codes.txt");
      assertEquals(explain, StrictJson.at(rule, "help", "text"));
      assertNotNull(StrictJson.at(rule, "help", "markdown"));
      assertEquals(
          id.equals("IOV201") ? "error" : "warning",
          StrictJson.at(rule, "defaultConfiguration", "level"));
      assertInstanceOf(List.class, StrictJson.at(rule, "properties", "tags"));
    }
    List<Object> results = (List<Object>) StrictJson.at(run, "results");
    assertEquals(2, results.size());
    for (Object res : results) {
      int idx = ((Long) StrictJson.at(res, "ruleIndex")).intValue();
      assertEquals(
          StrictJson.at(res, "ruleId"),
          StrictJson.at(rules.get(idx), "id"),
          "ruleIndex points at the rule");
      assertNotNull(StrictJson.at(res, "message", "text"));
      Object loc = StrictJson.at(res, "locations", 0, "physicalLocation");
      assertTrue(((String) StrictJson.at(loc, "artifactLocation", "uri")).endsWith(".conf"));
      for (String k : List.of("startLine", "startColumn", "endLine", "endColumn"))
        assertInstanceOf(Long.class, StrictJson.at(loc, "region", k));
      assertInstanceOf(
          String.class, StrictJson.at(res, "partialFingerprints", "primaryLocationLineHash"));
    }
    assertEquals("error", StrictJson.at(results.get(0), "level"));
    assertEquals(
        2L,
        StrictJson.at(results.get(0), "locations", 0, "physicalLocation", "region", "startLine"));
    assertEquals(
        8L,
        StrictJson.at(results.get(0), "locations", 0, "physicalLocation", "region", "startColumn"));
    assertEquals("unicodeCodePoints", StrictJson.at(run, "columnKind"));
  }

  private static Document xml(String text) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void checkstyleFormat() throws Exception {
    Res r = iovc("check", "--format", "checkstyle", "--schema", s(ixl), s(bad), s(clean));
    Document doc = xml(r.out());
    Element root = doc.getDocumentElement();
    assertEquals("checkstyle", root.getTagName());
    assertEquals("4.3", root.getAttribute("version"));
    NodeList files = root.getElementsByTagName("file");
    assertEquals(2, files.getLength());
    assertEquals(s(bad), ((Element) files.item(0)).getAttribute("name"));
    NodeList errors = ((Element) files.item(0)).getElementsByTagName("error");
    assertEquals(1, errors.getLength());
    Element e = (Element) errors.item(0);
    assertEquals("2", e.getAttribute("line"));
    assertEquals("8", e.getAttribute("column"));
    assertEquals("error", e.getAttribute("severity"));
    assertEquals("iovc.IOV201", e.getAttribute("source"));
    assertTrue(e.getAttribute("message").startsWith("unknown parameter `bogus` in VF-0"));
    assertEquals(0, ((Element) files.item(1)).getElementsByTagName("error").getLength());
  }

  @Test
  void checkstyleEscapesMarkup() throws Exception {
    Path odd =
        write("a&b.conf", "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { \"a<&>\\\"b\" = 1 }\n");
    Document doc = xml(iovc("check", "--format", "checkstyle", "--schema", s(ixl), s(odd)).out());
    Element file = (Element) doc.getElementsByTagName("file").item(0);
    assertEquals(s(odd), file.getAttribute("name"));
    assertTrue(
        ((Element) file.getElementsByTagName("error").item(0))
            .getAttribute("message")
            .startsWith("unknown parameter `a<&>\"b` in VF-0"));
  }

  @Test
  void checkstyleStaysWellFormedWithControlCharacters() throws Exception {
    Path odd =
        write("ctl.conf", "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { \"a\\u0001c\" = 1 }\n");
    Res r = iovc("check", "--format", "checkstyle", "--schema", s(ixl), s(odd));
    Document doc = xml(r.out());
    assertEquals(1, doc.getElementsByTagName("error").getLength());
  }

  @Test
  void githubFormat() throws Exception {
    Res r = iovc("check", "--format", "github", "--schema", s(ixl), s(bad), s(warn));
    List<String> lines = r.out().lines().toList();
    assertEquals(2, lines.size());
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "::error file="
                    + s(bad).replace(":", "%3A").replace(",", "%2C")
                    + ",line=2,col=8,endLine=2,endColumn=13,title=IOV201 unknown parameter::unknown parameter `bogus` in VF-0%0Ahelp: "),
        lines.get(0));
    assertTrue(lines.get(1).startsWith("::warning file="), lines.get(1));
    Path comma =
        write("x,y:z.conf", "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { bogus = 1 }\n");
    String l = iovc("check", "--format", "github", "--schema", s(ixl), s(comma)).out();
    assertTrue(l.contains("x%2Cy%3Az.conf,line=2"), l);
  }

  // ------------------------------------------------------------------ compile

  private static byte[] packedByPipeline(Path conf, Schema schema) throws Exception {
    var tree =
        Ucl.parse(
            new SourceText(conf.toString(), Files.readAllBytes(conf)), Ucl.fileVariables(conf));
    Pipeline.Result r = Pipeline.compile(tree, schema, Pipeline.DEFAULT_MAX_CONFIG);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    return r.packed();
  }

  @Test
  void compileWritesExactlyThePackedBytes() throws Exception {
    Path out = dir.resolve("man.bin");
    Res r = iovc("compile", "--schema", s(ix2026), "-o", s(out), s(man));
    assertEquals(0, r.exit(), r.err());
    byte[] bytes = Files.readAllBytes(out);
    assertEquals(1004, bytes.length);
    assertArrayEquals(packedByPipeline(man, Schema.fromIovctlText(IX_2026_S, "t")), bytes);
    assertEquals(
        "6c00010000000000000000d903000000",
        HexFormat.of().formatHex(bytes, 0, 16),
        "header: IGNORE_CASE, 3 top-level pairs' size");
    assertEquals(0, r.outBytes().length, "nothing on stdout with -o FILE");
  }

  @Test
  void compileToStandardOutput() throws Exception {
    Res file = iovc("compile", "--schema", s(ix2026), "-o", s(dir.resolve("a.bin")), s(man));
    Res stdout = iovc("compile", "--schema", s(ix2026), "-o", "-", s(man));
    assertEquals(0, stdout.exit());
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.bin")), stdout.outBytes());
    assertEquals(0, file.exit());
  }

  @Test
  void dryRunPrintsIovctlsListing() {
    Res r = iovc("compile", "--schema", s(ix2026), "-n", s(man));
    assertEquals(0, r.exit());
    assertEquals(MAN_LISTING, r.out());
  }

  @Test
  void compileSummaryWithoutOutput() {
    Res r = iovc("compile", "--schema", s(ix2026), s(man));
    assertEquals(0, r.exit());
    assertTrue(r.out().startsWith(s(man) + ": 1004 bytes for /dev/iov/ix0 (3 VFs)"), r.out());
  }

  @Test
  void nothingIsWrittenWhenThereAreErrors() throws Exception {
    Path out = dir.resolve("bad.bin");
    Res r = iovc("compile", "--schema", s(ixl), "-o", s(out), s(bad));
    assertEquals(1, r.exit());
    assertFalse(Files.exists(out));
    assertTrue(r.err().contains("error[IOV201]"), r.err());
    assertTrue(r.err().contains("not compiled: 1 error"), r.err());
    Path existing = write("old.bin", "old");
    assertEquals(1, iovc("compile", "--schema", s(ixl), "-o", s(existing), s(bad)).exit());
    assertEquals("old", Files.readString(existing), "an existing output is left alone");
    Res n = iovc("compile", "--schema", s(ixl), "-n", s(bad));
    assertEquals(1, n.exit());
    assertEquals("", n.out(), "no listing either");
  }

  @Test
  void warningsDoNotStopCompilation() throws Exception {
    Path out = dir.resolve("warn.bin");
    Res r = iovc("compile", "--schema", s(ixl), "-o", s(out), s(warn));
    assertEquals(0, r.exit());
    assertTrue(r.err().contains("warning[IOV220]"), r.err());
    assertArrayEquals(
        packedByPipeline(warn, Schema.fromIovctlText(IXL_S, "t")), Files.readAllBytes(out));
  }

  @Test
  void sizeLimit() {
    Res r = iovc("compile", "--schema", s(ix2026), "--max-size", "1000", "-n", s(man));
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("IOV311"), r.err());
    assertEquals(
        0, iovc("compile", "--schema", s(ix2026), "--max-size", "1004", "-n", s(man)).exit());
  }

  @Test
  void standardInput() throws Exception {
    InputStream old = System.in;
    try {
      System.setIn(new ByteArrayInputStream(Files.readAllBytes(bad)));
      Res r = iovc("check", "--format", "gcc", "--schema", s(ixl), "-");
      assertEquals(1, r.exit());
      assertEquals("<stdin>:2:8: error: unknown parameter `bogus` in VF-0 [IOV201]\n", r.out());
    } finally {
      System.setIn(old);
    }
  }

  // ------------------------------------------------------------------ dump, schema, explain

  @Test
  void dumpRoundTripsACompiledFile() throws Exception {
    Path out = dir.resolve("man.bin");
    assertEquals(0, iovc("compile", "--schema", s(ix2026), "-o", s(out), s(man)).exit());
    Res d = iovc("dump", s(out));
    assertEquals(0, d.exit());
    String listing =
        MAN_LISTING.substring(
            MAN_LISTING.indexOf("PF (NVLIST)"),
            MAN_LISTING.indexOf("The configuration parameters consume"));
    assertEquals(listing + "1004 bytes, flags IGNORE_CASE\n", d.out());
    NvList back = NvUnpacker.unpack(Files.readAllBytes(out), NvList.IGNORE_CASE);
    assertEquals(listing, NvDump.fdump(back));
  }

  @Test
  void dumpRefusesWhatIsNotAnNvlist() throws Exception {
    Path junk = write("junk.bin", "definitely not packed");
    Res r = iovc("dump", s(junk));
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("not a valid packed nvlist"), r.err());
  }

  @Test
  void schemaFromTextAndFromBlobPrintsWhatIovctlPrints() throws Exception {
    Res text = iovc("schema", "--schema", s(ixl));
    assertEquals(0, text.exit());
    assertEquals(IXL_S, text.out());
    Path blob = dir.resolve("ixl.bin");
    assertEquals(0, iovc("schema", "--schema", s(ixl), "-o", s(blob)).exit());
    byte[] b = Files.readAllBytes(blob);
    assertEquals(0x6c, b[0], "a packed nvlist");
    assertArrayEquals(NvPacker.pack(Schema.fromIovctlText(IXL_S, "t").nvlist()), b);
    Res fromBlob = iovc("schema", "--schema", s(blob));
    assertEquals(0, fromBlob.exit());
    assertEquals(IXL_S, fromBlob.out());
    Res dump = iovc("dump", "--schema-text", s(blob));
    assertEquals(IXL_S, dump.out());
    assertEquals(
        0, iovc("check", "--schema", s(blob), s(clean)).exit(), "a blob works for check too");
  }

  @Test
  void schemaNeedsASource() {
    assertEquals(2, iovc("schema").exit());
  }

  @Test
  void explainACode() {
    Res r = iovc("explain", "IOV201");
    assertEquals(0, r.exit());
    assertEquals(
        "IOV201 (error): unknown parameter\n\n" + CodeBook.CORE.explain("IOV201"), r.out());
    assertEquals(r.out(), iovc("explain", "iov201").out(), "codes ignore case");
    Res w = iovc("explain", "IOV220");
    assertTrue(w.out().startsWith("IOV220 (warning): "), w.out());
    assertTrue(w.out().contains("# iovc disable=IOV220"), w.out());
  }

  @Test
  void explainListsEveryCode() {
    Res r = iovc("explain");
    assertEquals(0, r.exit());
    List<String> ids = r.out().lines().map(l -> l.split("\\s+")[0]).toList();
    assertTrue(
        ids.contains("IOV001") && ids.contains("IOV201") && ids.contains("IOV313"), ids.toString());
    assertEquals(ids.stream().sorted().toList(), ids, "sorted");
  }

  @Test
  void explainUnknownCode() {
    assertEquals(2, iovc("explain", "IOV999").exit());
    assertEquals(2, iovc("explain", "NOPE").exit());
  }
}
