package io.iovc.kernel.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/freebsd/rc.d/iovc under /bin/sh with a stub rc.subr, a fake iovc and a fake logger:
 * every file is checked first, a file with errors is never applied, everything is logged, and the
 * script never fails the boot.
 */
class RcScriptTest {
  @TempDir Path tmp;
  Path script;

  record Run(int status, String stderr, List<String> calls, List<String> syslog) {}

  @BeforeEach
  void setUp() throws IOException {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path src = base.resolve("../packaging/freebsd/rc.d/iovc").normalize();
    assumeTrue(Files.exists(src), "the rc.d script is not in this checkout: " + src);
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
    Path stub =
        write(
            "rc.subr",
            """
        load_rc_config() { :; }
        checkyesno() { eval "case \\${$1} in [Yy][Ee][Ss]) return 0;; *) return 1;; esac"; }
        run_rc_command() {
          case $1 in
          start) checkyesno $rcvar || return 0; $start_cmd ;;
          stop) $stop_cmd ;;
          check) $check_cmd ;;
          esac
        }
        """);
    script = write("iovc.rc", Files.readString(src).replace(". /etc/rc.subr", ". " + stub));
    Files.createDirectories(tmp.resolve("bin"));
    exec(
        write(
            "bin/logger",
            "shift 2; p=$2; while IFS= read -r l; do echo \"$p $l\" >> "
                + tmp.resolve("syslog")
                + "; done\n"));
    // a fake iovc: the file name says how it behaves
    exec(
        write(
            "bin/iovc",
            """
        echo "$*" >> CALLS
        for a; do f=$a; done
        case "$1 $f" in
        "check "*bad*) echo "error[IOV201]: unknown parameter \\`bogus\\`"; echo "  --> $f:3:3"; exit 1 ;;
        "check "*noplugin*) echo "iovc: no driver plugin serves the device \\`foo0\\`"; exit 3 ;;
        "check "*) echo "warning[IOV226]: VLAN 0"; exit 0 ;;
        "compile "*busy*) echo "iovc: ixl1 already has VFs; run \\`iovc delete -d ixl1\\` first, or use \\`--replace\\`"; exit 71 ;;
        "compile "*) echo "ixl0: created 2 VFs (IOV_CONFIG, 600 bytes)"; exit 0 ;;
        "-D "*) exit 1 ;;
        esac
        """
                .replace("CALLS", tmp.resolve("calls").toString())));
    for (String f : List.of("good.conf", "bad.conf", "noplugin.conf", "busy.conf"))
      write(f, "PF { }\n");
  }

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static void exec(Path p) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  Run rc(String command, Map<String, String> env) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("/bin/sh", script.toString(), command).directory(tmp.toFile());
    pb.environment().put("PATH", tmp.resolve("bin") + ":/usr/bin:/bin");
    pb.environment().put("iovc_program", tmp.resolve("bin/iovc").toString());
    pb.environment().putAll(env);
    pb.redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Run(
        p.exitValue(), Files.readString(tmp.resolve("err")), lines("calls"), lines("syslog"));
  }

  private List<String> lines(String name) throws IOException {
    Path p = tmp.resolve(name);
    List<String> l = Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
    Files.deleteIfExists(p);
    return l;
  }

  String files(String... names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) sb.append(sb.length() == 0 ? "" : " ").append(tmp.resolve(n));
    return sb.toString();
  }

  @Test
  void startChecksEveryFileAndAppliesOnlyCleanOnes() throws Exception {
    Run r =
        rc(
            "start",
            Map.of(
                "iovc_enable",
                "YES",
                "iovctl_files",
                files("good.conf", "bad.conf", "missing.conf", "noplugin.conf", "busy.conf")));
    assertEquals(0, r.status(), "a bad file never fails the boot");
    String good = tmp.resolve("good.conf").toString();
    String noplugin = tmp.resolve("noplugin.conf").toString();
    String busy = tmp.resolve("busy.conf").toString();
    assertEquals(
        List.of(
            "check --color never " + good,
            "compile --apply --backend freebsd --color never " + good,
            "check --color never " + tmp.resolve("bad.conf"),
            "check --color never " + noplugin,
            "compile --apply --backend freebsd --color never " + noplugin,
            "check --color never " + busy,
            "compile --apply --backend freebsd --color never " + busy),
        r.calls());
    assertTrue(r.syslog().contains("daemon.notice " + good + ": applied"), r.syslog().toString());
    assertTrue(r.syslog().contains("daemon.notice warning[IOV226]: VLAN 0"), r.syslog().toString());
    assertTrue(
        r.syslog().contains("daemon.err " + tmp.resolve("bad.conf") + ": has errors; not applied"),
        r.syslog().toString());
    assertTrue(
        r.syslog().contains("daemon.err error[IOV201]: unknown parameter `bogus`"),
        r.syslog().toString());
    assertTrue(
        r.syslog()
            .contains("daemon.warning " + tmp.resolve("missing.conf") + ": not readable; skipped"),
        r.syslog().toString());
    assertTrue(
        r.syslog().contains("daemon.err " + busy + ": not applied (exit 71)"),
        r.syslog().toString());
    assertTrue(
        r.syslog()
            .contains(
                "daemon.err ixl1 already has VFs; run `iovc delete -d ixl1` first, or use `--replace`"),
        r.syslog().toString());
    assertTrue(
        r.stderr().contains("iovc: " + tmp.resolve("bad.conf") + ": has errors; not applied\n"),
        r.stderr());
    assertTrue(r.stderr().contains("iovc: ixl1 already has VFs"), r.stderr());
  }

  @Test
  void iovcFilesOverridesIovctlFilesAndApplyFlagsArePassed() throws Exception {
    Run r =
        rc(
            "start",
            Map.of(
                "iovc_enable",
                "YES",
                "iovctl_files",
                files("bad.conf"),
                "iovc_files",
                files("good.conf"),
                "iovc_apply_flags",
                "--replace"));
    assertEquals(0, r.status());
    assertEquals(
        List.of(
            "check --color never " + tmp.resolve("good.conf"),
            "compile --apply --backend freebsd --color never --replace "
                + tmp.resolve("good.conf")),
        r.calls());
  }

  @Test
  void disabledByDefault() throws Exception {
    Run r = rc("start", Map.of("iovctl_files", files("good.conf")));
    assertEquals(0, r.status());
    assertEquals(List.of(), r.calls());
  }

  @Test
  void aMissingIovcNeverFailsTheBoot() throws Exception {
    Run r =
        rc(
            "start",
            Map.of(
                "iovc_enable",
                "YES",
                "iovc_files",
                files("good.conf"),
                "iovc_program",
                "/nonexistent/iovc"));
    assertEquals(0, r.status());
    assertEquals(
        List.of(
            "daemon.err /nonexistent/iovc not found; no VFs created (install iovc or set iovc_program)"),
        r.syslog());
  }

  @Test
  void stopDeletesWithIovctlsFlags() throws Exception {
    Run r = rc("stop", Map.of("iovc_files", files("good.conf", "missing.conf")));
    assertEquals(0, r.status());
    assertEquals(List.of("-D -f " + tmp.resolve("good.conf")), r.calls());
    assertEquals(
        List.of("daemon.notice " + tmp.resolve("good.conf") + ": VFs not deleted"), r.syslog());
  }

  @Test
  void checkOnlyChecks() throws Exception {
    Run r = rc("check", Map.of("iovc_files", files("good.conf", "bad.conf")));
    assertEquals(0, r.status());
    assertEquals(
        List.of(
            "check --color never " + tmp.resolve("good.conf"),
            "check --color never " + tmp.resolve("bad.conf")),
        r.calls());
    assertEquals(tmp.resolve("good.conf") + ": OK\n", Files.readString(tmp.resolve("out")));
  }
}
