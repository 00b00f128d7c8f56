package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.kernel.freebsd.FakeTools;
import io.iovc.kernel.freebsd.Iovemu;
import io.iovc.pipeline.Pipeline;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel commands end to end, each in a fresh JVM whose environment points IOVC_LIBC at the
 * /dev/iov emulator: {@code iovc -C/-D/-S}, {@code iovc delete}, {@code iovc schema -d [--diff]},
 * {@code iovc compile --apply}, and the proof that checking never loads native code.
 */
class KernelCliTest {
  static final String CONF =
      """
      PF { device = "ixl0"; num_vfs = 2; }
      VF-0 { mac-addr = "02:00:00:0a:00:01"; }
      """;
  static final byte[] SCHEMA = Iovemu.ixlSchema(true, false);

  @TempDir Path tmp;
  Iovemu emu;
  Path conf;
  Path tools;

  record Run(int status, String out, String err) {}

  @BeforeEach
  void setUp() throws IOException {
    emu = Iovemu.files(tmp.resolve("emu")).device("ixl0", SCHEMA);
    conf = tmp.resolve("ixl0.conf");
    Files.writeString(conf, CONF);
    tools = FakeTools.dir(tmp.resolve("tools"), FakeTools.pciconf(2, 64, 0, 1), null);
  }

  Run iovc(List<String> jvm, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:auto");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(jvm);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.iovc.cli.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.remove("IOVC_PLUGIN_PATH");
    env.put("IOVC_LIBC", Iovemu.library().toString());
    env.put("IOVEMU_DIR", emu.dir.toString());
    env.put("IOVC_TOOLS_DIR", tools.toString());
    env.put("NO_COLOR", "1");
    pb.redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("iovc did not finish");
    }
    return new Run(
        p.exitValue(),
        Files.readString(tmp.resolve("stdout"), StandardCharsets.ISO_8859_1),
        Files.readString(tmp.resolve("stderr"), StandardCharsets.UTF_8));
  }

  Run iovc(String... args) throws Exception {
    return iovc(List.of(), args);
  }

  static Pipeline.Result offline(String text) throws Exception {
    return Pipeline.compile(
        Ucl.parse(new SourceText("x", text.getBytes(StandardCharsets.UTF_8))),
        Schema.fromBlob(SCHEMA, "live"),
        Pipeline.DEFAULT_MAX_CONFIG);
  }

  // ------------------------------------------------------------------ iovctl's flags

  @Test
  void dashCAppliesQuietlyLikeIovctl() throws Exception {
    Run r = iovc("-C", "-f", conf.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.out());
    assertArrayEquals(offline(CONF).packed(), emu.config("ixl0"));
    assertTrue(
        emu.ioctls()
            .get(2)
            .startsWith(
                "req=0x8010700a IOV_CONFIG in: config=PTR len=" + offline(CONF).packed().length),
        emu.ioctls().toString());
  }

  @Test
  void dashCnPrintsIovctlsListing() throws Exception {
    Run r = iovc("-Cn", "-f", conf.toString());
    assertEquals(0, r.status(), r.err());
    Pipeline.Result res = offline(CONF);
    assertEquals(
        io.iovc.pipeline.DryRun.listing("ixl0", res.config(), res.packed().length), r.out());
    assertTrue(emu.ioctls().stream().noneMatch(l -> l.contains("IOV_CONFIG")));
  }

  @Test
  void dashCOnAPfWithVfsFailsWithIovctlsLineAndAHint() throws Exception {
    emu.hasVfs("ixl0", true);
    Run r = iovc("-C", "-f", conf.toString());
    assertEquals(1, r.status());
    assertEquals(
        "iovc: Failed to configure SR-IOV: Device busy\niovc: ixl0 already has VFs; run `iovc delete -d ixl0` first, or use `--replace`\n",
        r.err());
  }

  @Test
  void dashCWithErrorsShowsDiagnosticsAndChangesNothing() throws Exception {
    Files.writeString(conf, CONF.replace("num_vfs = 2;", "num_vfs = 2; bogus = 1;"));
    Run r = iovc("-C", "-f", conf.toString());
    assertEquals(1, r.status());
    assertTrue(r.err().contains("IOV201"), r.err());
    assertTrue(r.err().contains("nothing applied to ixl0"), r.err());
    assertEquals(null, emu.config("ixl0"));
  }

  @Test
  void dashDDeletes() throws Exception {
    emu.hasVfs("ixl0", true);
    Run r = iovc("-D", "-d", "ixl0");
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.out() + r.err());
    assertEquals(List.of("req=0x2000700b IOV_DELETE arg=NULL -> 0"), emu.ioctls());
    r = iovc("-D", "-d", "ixl0");
    assertEquals(1, r.status());
    assertEquals(
        "iovc: Failed to delete VFs: No child processes\niovc: ixl0 has no VFs\n", r.err());
  }

  @Test
  void dashDnNamesTheNodeAsIovctlDoes() throws Exception {
    assertEquals(
        "Would attempt to delete all VF children of '/dev/iov/ixl0'\n",
        iovc("-D", "-n", "-f", conf.toString()).out());
    assertEquals("Would attempt to delete all VF children of 'ixl0'\n", iovc("-Dnd", "ixl0").out());
    assertEquals(
        "Would attempt to delete all VF children of '/dev/iov/ixl0'\n",
        iovc("-D", "-n", "-d", "/dev/iov/ixl0").out());
    assertTrue(emu.ioctls().isEmpty());
  }

  @Test
  void dashSPrintsTheLiveSchema() throws Exception {
    String text = Schema.fromBlob(SCHEMA, "x").toIovctlText();
    assertEquals(text, iovc("-S", "-d", "ixl0").out());
    assertEquals(text, iovc("-S", "-f", conf.toString()).out());
    Run r = iovc("-S", "-d", "ixl7");
    assertEquals(1, r.status());
    assertTrue(
        r.err()
            .startsWith(
                "iovc: Could not open device '/dev/iov/ixl7': No such file or directory\niovc: there is no /dev/iov/ixl7"),
        r.err());
  }

  // ------------------------------------------------------------------ iovc's own commands

  @Test
  void deleteCommand() throws Exception {
    Run r = iovc("delete", "--backend", "freebsd", "-d", "ixl0");
    assertEquals(71, r.status());
    assertEquals(
        "iovc: ixl0 has no VFs\niovc: (IOV_DELETE on /dev/iov/ixl0 failed: ECHILD (No child processes))\n",
        r.err());
    r = iovc("delete", "--backend", "freebsd", "-d", "ixl0", "--if-exists");
    assertEquals(0, r.status());
    assertEquals("iovc: ixl0 has no VFs; nothing to delete\n", r.err());
    emu.hasVfs("ixl0", true);
    r = iovc("delete", "--backend", "freebsd", "-d", "ixl0");
    assertEquals(0, r.status(), r.err());
    assertEquals("ixl0: deleted all VFs\n", r.out());
    emu.fail("ixl0", "open", "EACCES");
    r = iovc("delete", "--backend", "freebsd", "-d", "ixl0");
    assertEquals(77, r.status());
    assertTrue(r.err().contains("SR-IOV changes need root"), r.err());
    r = iovc("delete", "--backend", "freebsd", "-d", "../ixl0");
    assertEquals(2, r.status());
    assertEquals(
        "iovc: -d ../ixl0: `../ixl0` is a path, not a device name (write just the name, e.g. ixl0)\n",
        r.err());
  }

  @Test
  void schemaCommandLiveAndDiff() throws Exception {
    assertEquals(Schema.fromBlob(SCHEMA, "x").toIovctlText(), iovc("schema", "-d", "ixl0").out());
    Path saved = tmp.resolve("live.bin");
    assertEquals(0, iovc("schema", "-d", "ixl0", "-o", saved.toString()).status());
    assertArrayEquals(SCHEMA, Files.readAllBytes(saved));

    Path same = tmp.resolve("plugin.txt");
    Files.writeString(same, Schema.fromPlugin(Iovemu.ixl(true, false)).toIovctlText());
    Run r = iovc("schema", "-d", "ixl0", "--diff", "--schema", same.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(
        "the live schema of ixl0 and schema file " + same + " agree (8 parameters)\n", r.out());

    Path other = tmp.resolve("plugin-vlan.txt");
    Files.writeString(other, Schema.fromPlugin(Iovemu.ixl(false, true)).toIovctlText());
    r = iovc("schema", "-d", "ixl0", "--diff", "--schema", other.toString());
    assertEquals(1, r.status(), r.err());
    assertEquals(
        "the live schema of ixl0 and schema file "
            + other
            + " differ in 2 places:\n"
            + "  VF.DRIVER.num-queues: only in the live schema of ixl0 (uint16_t, default = 4)\n"
            + "  VF.DRIVER.vlan: only in schema file "
            + other
            + " (vlan, default = trunk); the kernel rejects it\n",
        r.out());

    r = iovc("schema", "-d", "ixl0", "--diff");
    assertEquals(3, r.status());
    assertEquals(
        "iovc: no driver plugin to compare with serves `ixl0`; name one with --driver NAME\n",
        r.err());
  }

  @Test
  void compileApply() throws Exception {
    Run r = iovc("compile", "--apply", "--backend", "freebsd", conf.toString());
    assertEquals(0, r.status(), r.err());
    int size = offline(CONF).packed().length;
    assertEquals(
        "ixl0: created 2 VFs (IOV_CONFIG, "
            + size
            + " bytes)\nixl0: 2 VFs present: iavf0 (VF-0, pci0:3:2:0), iavf1 (VF-1, pci0:3:2:1)\n",
        r.out());
    assertArrayEquals(offline(CONF).packed(), emu.config("ixl0"));
    r = iovc("compile", "--apply", "--backend", "freebsd", conf.toString());
    assertEquals(71, r.status());
    assertEquals(
        "iovc: ixl0 already has VFs; run `iovc delete -d ixl0` first, or use `--replace`\n"
            // without ifconfig the VFs' interface names are unknown: only their driver is shown
            + "iovc: ixl0 has 2 VFs (`pciconf -lc`): VF-0 (iavf at pci0:3:2:0), VF-1 (iavf at pci0:3:2:1); FreeBSD configures VFs only when it creates them: `iovc delete -d ixl0` (refused while a VF is in use, unless --force) and apply again, or `iovc compile --apply --replace "
            + conf
            + "`; `iovc diff "
            + conf
            + "` shows whether the VF count and passthrough already match\n"
            + "iovc: (IOV_CONFIG on /dev/iov/ixl0 failed: EBUSY (Device busy))\n",
        r.err());
    // the second apply names who uses the VFs (a vnet jail holds iavf0), as `iovc status` does
    FakeTools.tool(tools, "ifconfig", "lo0 em0 iavf1\n");
    FakeTools.tool(tools, "jls", "jid=3 name=desk vnet=new\n");
    FakeTools.tool(tools, "jexec", "lo0 iavf0\n");
    FakeTools.tool(tools, "ps", "  PID COMMAND\n    1 /sbin/init\n");
    r = iovc("compile", "--apply", "--backend", "freebsd", conf.toString());
    assertEquals(71, r.status());
    assertTrue(
        r.err().contains("VF-0 (iavf0 at pci0:3:2:0) used by jail desk (jid 3), VF-1 (iavf1 at"),
        r.err());
    r = iovc("compile", "--apply", "--replace", "--backend", "freebsd", conf.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.out().startsWith("ixl0: deleted the existing VFs (--replace)\nixl0: created 2 VFs"),
        r.out());
  }

  // ------------------------------------------------------------------ native code stays unloaded

  static List<String> loaded(Run r, String prefix) {
    List<String> out = new ArrayList<>();
    for (String l : r.out().split("\n")) {
      if (l.contains("[class,load] " + prefix)) out.add(l);
    }
    return out;
  }

  @Test
  void checkingAndCompilingNeverLoadJnr() throws Exception {
    Path schemaText = tmp.resolve("ixl.txt");
    Files.writeString(schemaText, Schema.fromBlob(SCHEMA, "x").toIovctlText());
    List<String> verbose = List.of("-Xlog:class+load=info");
    for (String[] args :
        new String[][] {
          {"check", "--schema", schemaText.toString(), conf.toString()},
          {
            "compile",
            "--schema",
            schemaText.toString(),
            "-o",
            tmp.resolve("out.bin").toString(),
            conf.toString()
          },
          {"compile", "--schema", schemaText.toString(), "-n", conf.toString()},
          {"schema", "--schema", schemaText.toString()},
          {"explain", "IOV233"},
        }) {
      Run r = iovc(verbose, args);
      assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.out().contains("[class,load] io.iovc.cli.Main"), "the class-load log is there");
      assertEquals(List.of(), loaded(r, "jnr."), String.join(" ", args));
      assertEquals(List.of(), loaded(r, "com.kenai.jffi."), String.join(" ", args));
      assertEquals(List.of(), loaded(r, "io.iovc.kernel.freebsd."), String.join(" ", args));
    }
    Run kernel = iovc(verbose, "delete", "--backend", "freebsd", "-d", "ixl0", "--if-exists");
    assertEquals(0, kernel.status(), kernel.err());
    assertFalse(loaded(kernel, "jnr.ffi.").isEmpty(), "a kernel operation does load jnr-ffi");
  }
}
