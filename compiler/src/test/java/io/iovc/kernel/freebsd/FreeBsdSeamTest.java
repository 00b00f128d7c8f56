package io.iovc.kernel.freebsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.apply.ApplyRequest;
import io.iovc.apply.ApplyResult;
import io.iovc.apply.freebsd.FreeBsdApply;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.kernel.Outcome;
import io.iovc.pipeline.Pipeline;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The FreeBSD backend through the real jnr-ffi marshalling, against the /dev/iov emulator
 * (src/test/c/iovemu.c) loaded in place of libc: exact request codes, struct fields and bytes, and
 * every errno path of spec §5.5–5.7 with its message and exit status.
 */
class FreeBsdSeamTest {
  static final String CONF =
      """
      PF {
        device = "ixl0";
        num_vfs = 4;
      }
      DEFAULT {
        allow-set-mac = false;
      }
      VF-0 {
        mac-addr = "02:00:00:0a:00:01";
      }
      VF-2 {
        passthrough = true;
      }
      """;

  static final byte[] SCHEMA = Iovemu.ixlSchema(true, false);

  @TempDir Path tmp;
  Iovemu emu;
  Path conf;
  ByteArrayOutputStream out;

  @BeforeEach
  void setUp() throws IOException {
    emu = Iovemu.in(tmp.resolve("emu")).device("ixl0", SCHEMA);
    conf = tmp.resolve("ixl0.conf");
    Files.writeString(conf, CONF);
    out = new ByteArrayOutputStream();
  }

  int toolDirs;

  FreeBsdApply backend(String pciconf, Long maxConfig) {
    Path dir = FakeTools.dir(tmp.resolve("tools" + toolDirs++), pciconf, maxConfig);
    return new FreeBsdApply(new FreeBsdBackend(Iovemu.library().toString(), FakeTools.tools(dir)));
  }

  FreeBsdApply backend() {
    return backend(FakeTools.pciconf(4, 64, 0, 1, 2, 3), null);
  }

  ApplyRequest request(String text, Schema plugin, boolean replace) throws IOException {
    Files.writeString(conf, text);
    byte[] b = Files.readAllBytes(conf);
    return new ApplyRequest(
        conf,
        new SourceText(conf.toString(), b),
        PluginRegistry.classPath(),
        plugin,
        Pipeline.DEFAULT_MAX_CONFIG,
        replace,
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  ApplyResult apply(String text) throws IOException {
    return backend().apply(request(text, null, false));
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  static String joined(ApplyResult r) {
    return String.join("\n", r.messages());
  }

  static byte[] offline(String text, byte[] schema) throws Exception {
    var tree = Ucl.parse(new SourceText("x", text.getBytes(StandardCharsets.UTF_8)));
    return Pipeline.compile(tree, Schema.fromBlob(schema, "x"), Pipeline.DEFAULT_MAX_CONFIG)
        .packed();
  }

  // ------------------------------------------------------------------ ABI

  @Test
  void theEmulatorsCLayoutAndCodesAreTheOnesJavaDerives() {
    long[] c = new long[6];
    Iovemu.control().iovemu_abi(c);
    IovAbi abi = IovAbi.forAddressSize(jnr.ffi.Runtime.getSystemRuntime().addressSize());
    assertEquals(abi.argSize(), c[0], "sizeof(struct pci_iov_arg)");
    assertEquals(abi.schemaSize(), c[1], "sizeof(struct pci_iov_schema)");
    assertEquals(abi.schemaErrorOffset(), c[2], "offsetof(struct pci_iov_schema, error)");
    assertEquals(abi.iovConfig(), c[3]);
    assertEquals(abi.iovDelete(), c[4]);
    assertEquals(abi.iovGetSchema(), c[5]);
  }

  // ------------------------------------------------------------------ IOV_GET_SCHEMA

  @Test
  void schemaUsesTheTwoCallProtocolAndReturnsTheKernelsBytes() throws Exception {
    FreeBsdApply.LiveSchema live = backend().fetchSchema(DeviceName.fromOption("ixl0"));
    assertArrayEquals(SCHEMA, live.blob());
    assertEquals(
        List.of(
            "open path=/dev/iov/ixl0 flags=0x2 -> fd=7000",
            "ioctl fd=7000 dev=ixl0 req=0xc018700c IOV_GET_SCHEMA in: schema=NULL len=0 error=0 -> 0 out: len="
                + SCHEMA.length
                + " error=EMSGSIZE",
            "ioctl fd=7000 dev=ixl0 req=0xc018700c IOV_GET_SCHEMA in: schema=PTR len="
                + SCHEMA.length
                + " error=0 -> 0 out: len="
                + SCHEMA.length
                + " error=0",
            "close fd=7000 dev=ixl0 -> 0"),
        emu.log());
    assertEquals(
        Schema.fromPlugin(Iovemu.ixl(true, false)).toIovctlText(), live.schema().toIovctlText());
  }

  @Test
  void anAbsoluteDashDPathIsOpenedAsGiven() throws Exception {
    backend().fetchSchema(DeviceName.fromOption("/dev/iov/ixl0"));
    assertTrue(
        emu.log().get(0).startsWith("open path=/dev/iov/ixl0 flags=0x2 -> fd="),
        emu.log().toString());
  }

  // ------------------------------------------------------------------ IOV_CONFIG

  @Test
  void applySendsExactlyTheCompiledBytesWithIovConfig() throws Exception {
    ApplyResult r = apply(CONF);
    assertEquals(Outcome.OK, r.outcome(), joined(r));
    byte[] sent = emu.config("ixl0");
    assertArrayEquals(offline(CONF, SCHEMA), sent);
    assertEquals(
        List.of(
            "req=0xc018700c IOV_GET_SCHEMA in: schema=NULL len=0 error=0 -> 0 out: len="
                + SCHEMA.length
                + " error=EMSGSIZE",
            "req=0xc018700c IOV_GET_SCHEMA in: schema=PTR len="
                + SCHEMA.length
                + " error=0 -> 0 out: len="
                + SCHEMA.length
                + " error=0",
            "req=0x8010700a IOV_CONFIG in: config=PTR len=" + sent.length + " -> 0"),
        emu.ioctls());
    assertTrue(emu.log().get(emu.log().size() - 1).startsWith("close fd=7000"));
    assertTrue(
        stdout().contains("ixl0: created 4 VFs (IOV_CONFIG, " + sent.length + " bytes)"), stdout());
    assertTrue(
        stdout()
            .contains(
                "ixl0: 4 VFs present: iavf0 (VF-0, pci0:3:2:0), iavf1 (VF-1, pci0:3:2:1), ppt0 (VF-2, pci0:3:2:2), none0 (VF-3, pci0:3:2:3)"),
        stdout());
    assertTrue(r.messages().isEmpty(), joined(r));
  }

  @Test
  void aFileWithErrorsAgainstTheLiveSchemaIsNeverSent() throws Exception {
    ApplyResult r = apply(CONF.replace("allow-set-mac = false;", "allow-set-mac = 1;"));
    assertEquals(Outcome.REFUSED, r.outcome());
    assertTrue(r.diagnostics().stream().anyMatch(Diagnostic::isError));
    assertTrue(
        joined(r)
            .contains("nothing applied to ixl0: 1 error (checked against the live schema of ixl0)"),
        joined(r));
    assertEquals(2, emu.ioctls().size(), emu.ioctls().toString());
    assertNull(emu.config("ixl0"));
  }

  @Test
  void theLiveSchemaDecidesAndThePluginsDifferencesAreNamed() throws Exception {
    // The kernel knows vlan and not num-queues; the plugin the other way round.
    emu.device("ixl0", Iovemu.ixlSchema(false, true));
    Schema plugin = Schema.fromPlugin(Iovemu.ixl(true, false));
    String vlan = CONF.replace("passthrough = true;", "passthrough = true; vlan = 7;");
    ApplyResult ok = backend().apply(request(vlan, plugin, false));
    assertEquals(Outcome.OK, ok.outcome(), joined(ok) + ok.diagnostics());
    Diagnostic w =
        ok.diagnostics().stream()
            .filter(d -> d.code() == Codes.LIVE_SCHEMA_DIFFERS)
            .findFirst()
            .orElseThrow();
    assertEquals(
        "the ixl plugin differs from the live schema of ixl0: vlan, num-queues", w.message());
    assertTrue(
        w.notes().contains("VF.DRIVER.vlan: only in the live schema (vlan, default = trunk)"),
        w.notes().toString());
    assertTrue(
        w.notes()
            .contains(
                "VF.DRIVER.num-queues: only in the ixl plugin (uint16_t, default = 4); the kernel rejects it"),
        w.notes().toString());
    assertArrayEquals(offline(vlan, Iovemu.ixlSchema(false, true)), emu.config("ixl0"));

    emu.hasVfs("ixl0", false);
    ApplyResult bad =
        backend()
            .apply(
                request(CONF.replace("allow-set-mac = false;", "num-queues = 2;"), plugin, false));
    assertEquals(Outcome.REFUSED, bad.outcome());
    assertTrue(
        bad.diagnostics().stream().anyMatch(d -> d.code() == Codes.UNKNOWN_KEY),
        bad.diagnostics().toString());
    assertTrue(bad.diagnostics().stream().anyMatch(d -> d.code() == Codes.LIVE_SCHEMA_DIFFERS));
  }

  @Test
  void replaceDeletesThenCreatesOnTheSameDescriptor() throws Exception {
    emu.hasVfs("ixl0", true);
    ApplyResult r = backend().apply(request(CONF, null, true));
    assertEquals(Outcome.OK, r.outcome(), joined(r));
    List<String> calls = emu.ioctls();
    assertEquals(4, calls.size(), calls.toString());
    assertEquals("req=0x2000700b IOV_DELETE arg=NULL -> 0", calls.get(2));
    assertTrue(calls.get(3).startsWith("req=0x8010700a IOV_CONFIG"), calls.toString());
    assertEquals(1, emu.log().stream().filter(l -> l.startsWith("open ")).count());
    assertTrue(stdout().contains("ixl0: deleted the existing VFs (--replace)"));
  }

  @Test
  void replaceWithAFileThatHasErrorsDeletesNothing() throws Exception {
    emu.hasVfs("ixl0", true);
    ApplyResult r =
        backend().apply(request(CONF.replace("num_vfs = 4;", "num_vfs = 0;"), null, true));
    assertEquals(Outcome.REFUSED, r.outcome());
    assertTrue(emu.hasVfs("ixl0"));
    assertTrue(
        emu.ioctls().stream().noneMatch(l -> l.contains("IOV_DELETE") || l.contains("IOV_CONFIG")),
        emu.ioctls().toString());
  }

  @Test
  void replaceOnAPfWithoutVfsJustCreates() throws Exception {
    ApplyResult r = backend().apply(request(CONF, null, true));
    assertEquals(Outcome.OK, r.outcome(), joined(r));
    assertEquals("req=0x2000700b IOV_DELETE arg=NULL -> -1 ECHILD", emu.ioctls().get(2));
  }

  @Test
  void replaceSaysTheOldVfsAreGoneWhenTheCreateFails() throws Exception {
    emu.hasVfs("ixl0", true).fail("ixl0", "config", "ENOSPC");
    ApplyResult r = backend().apply(request(CONF, null, true));
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertTrue(
        joined(r).contains("the old VFs were already deleted, so ixl0 now has none"), joined(r));
  }

  @Test
  void replaceStopsWhenTheDeleteFails() throws Exception {
    emu.hasVfs("ixl0", true).fail("ixl0", "delete", "EBUSY");
    ApplyResult r = backend().apply(request(CONF, null, true));
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertTrue(joined(r).startsWith("ixl0 is busy"), joined(r));
    assertTrue(emu.ioctls().stream().noneMatch(l -> l.contains("IOV_CONFIG")));
  }

  @Test
  void moreVfsThanTheCardsTotalVfsIsAnErrorOnTheNumVfsLine() throws Exception {
    ApplyResult r = backend(FakeTools.pciconf(0, 2), null).apply(request(CONF, null, false));
    assertEquals(Outcome.REFUSED, r.outcome());
    Diagnostic d =
        r.diagnostics().stream()
            .filter(x -> x.code() == Codes.TOO_MANY_VFS_FOR_CARD)
            .findFirst()
            .orElseThrow();
    assertEquals("num_vfs is 4 but ixl0 supports at most 2 VFs", d.message());
    assertEquals(CONF.indexOf("4;"), d.span().start());
    assertTrue(emu.ioctls().stream().noneMatch(l -> l.contains("IOV_CONFIG")));
  }

  @Test
  void theLiveSizeLimitIsReadFromSysctl() throws Exception {
    ApplyResult r = backend(null, 100L).apply(request(CONF, null, false));
    assertEquals(Outcome.REFUSED, r.outcome());
    assertTrue(
        r.diagnostics().stream()
            .anyMatch(
                d ->
                    d.code() == Codes.TOO_BIG
                        && d.message().endsWith("the kernel accepts at most 100")),
        r.diagnostics().toString());
    assertTrue(emu.ioctls().stream().noneMatch(l -> l.contains("IOV_CONFIG")));
  }

  @Test
  void fewerVfsThanRequestedIsAWarning() throws Exception {
    ApplyResult r =
        backend(FakeTools.pciconf(4, 64, 0, 1, 3), null).apply(request(CONF, null, false));
    assertEquals(Outcome.OK, r.outcome());
    assertTrue(
        joined(r)
            .contains(
                "warning: ixl0: only 3 of 4 VFs exist; missing VF-2. The driver refused them"),
        joined(r));
  }

  @Test
  void withoutPciconfTheReadbackSaysItCouldNotCheck() throws Exception {
    ApplyResult r = backend(null, null).apply(request(CONF, null, false));
    assertEquals(Outcome.OK, r.outcome());
    assertTrue(
        joined(r).startsWith("warning: could not check which VFs the kernel created: "), joined(r));
  }

  @Test
  void dryRunPrintsIovctlsListingAndSendsNothing() throws Exception {
    ApplyResult r =
        backend().configure(request(CONF, null, false), true, FreeBsdApply.Style.IOVCTL);
    assertEquals(Outcome.OK, r.outcome());
    assertTrue(
        stdout()
            .startsWith(
                "Would enable SR-IOV on device '/dev/iov/ixl0'.\nThe following configuration parameters would be used:\nPF (NVLIST):\n"),
        stdout());
    assertTrue(
        stdout()
            .endsWith(
                "The configuration parameters consume "
                    + offline(CONF, SCHEMA).length
                    + " bytes when packed.\n"));
    assertEquals(2, emu.ioctls().size());
  }

  @Test
  void aPathInPfDeviceIsRefusedBeforeAnythingIsOpened() throws Exception {
    ApplyResult r = apply(CONF.replace("\"ixl0\"", "\"/dev/iov/ixl0\""));
    assertEquals(Outcome.REFUSED, r.outcome());
    assertTrue(
        joined(r).contains("PF.device: `/dev/iov/ixl0` is a path, not a device name"), joined(r));
    assertTrue(emu.log().isEmpty(), emu.log().toString());
  }

  // ------------------------------------------------------------------ IOV_DELETE

  @Test
  void deleteSendsIovDeleteWithoutAnArgument() throws Exception {
    emu.hasVfs("ixl0", true);
    ApplyResult r =
        backend()
            .delete(
                DeviceName.fromOption("ixl0"),
                false,
                false,
                FreeBsdApply.Style.IOVC,
                new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(Outcome.OK, r.outcome());
    assertEquals(List.of("req=0x2000700b IOV_DELETE arg=NULL -> 0"), emu.ioctls());
    assertFalse(emu.hasVfs("ixl0"));
    assertEquals("ixl0: deleted all VFs\n", stdout());
  }

  @Test
  void deleteDryRunOpensButDoesNotDelete() throws Exception {
    emu.hasVfs("ixl0", true);
    ApplyResult r =
        backend()
            .delete(
                DeviceName.fromOption("ixl0"),
                false,
                true,
                FreeBsdApply.Style.IOVCTL,
                new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(Outcome.OK, r.outcome());
    assertEquals("Would attempt to delete all VF children of 'ixl0'\n", stdout());
    assertTrue(emu.ioctls().isEmpty());
    assertEquals(2, emu.log().size());
  }

  @Test
  void deleteIfExistsOnAPfWithoutVfsSucceeds() throws Exception {
    ApplyResult r =
        backend()
            .delete(
                DeviceName.fromOption("ixl0"),
                true,
                false,
                FreeBsdApply.Style.IOVC,
                new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(Outcome.OK, r.outcome());
    assertEquals(List.of("ixl0 has no VFs; nothing to delete"), r.messages());
  }

  // ------------------------------------------------------------------ every errno

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "open   | EACCES | NO_PERMISSION | ixl0: permission denied (EACCES); SR-IOV changes need root outside a jail",
        "open   | EPERM  | NO_PERMISSION | ixl0: permission denied (EPERM); SR-IOV changes need root",
        "open   | ENXIO  | UNAVAILABLE | /dev/iov/ixl0 exists but its PF is gone (detached or failed); check `dmesg`",
        "schema | ENOMEM | OS_ERROR | the kernel could not allocate memory to pack the schema of ixl0; try again",
        "schema | EFAULT | INTERNAL | the kernel could not write the schema into iovc's buffer; this is a bug in iovc, please report it",
        "schema | EINVAL | OS_ERROR | ixl0 does not answer IOV_GET_SCHEMA; /dev/iov/ixl0 is not an SR-IOV node",
        "schema | EACCES | NO_PERMISSION | ixl0: permission denied (EACCES)",
        "config | EINVAL | REFUSED  | the kernel refused the configuration as invalid although it checked clean against the live schema: num_vfs (4) may be above the card's TotalVFs",
        "config | ENXIO  | UNAVAILABLE | ixl0 cannot enable SR-IOV: the system page size is not one the card supports, ARI could not be enabled, or the VF BARs could not be mapped",
        "config | ENOSPC | OS_ERROR | not enough PCIe bus numbers for 4 VFs behind ixl0",
        "config | EFAULT | INTERNAL | the kernel could not read the configuration from iovc's buffer; this is a bug in iovc",
        "config | ENOMEM | OS_ERROR | the kernel ran out of memory or of address space for the VF BARs on ixl0",
        "config | EACCES | NO_PERMISSION | ixl0: permission denied (EACCES); SR-IOV changes need root",
        "config | EPERM  | NO_PERMISSION | ixl0: permission denied (EPERM); SR-IOV changes need root",
        "config | EIO    | OS_ERROR | the kernel refused to create VFs on ixl0 (Input/output error); the PF driver's SR-IOV init failed, `dmesg` says why; nothing was changed",
      })
  void everyErrnoOfApplyHasAMessageAndAnOutcome(
      String op, String errno, Outcome status, String message) throws Exception {
    emu.fail("ixl0", op, errno);
    ApplyResult r = backend(null, null).apply(request(CONF, null, false));
    assertEquals(status, r.outcome(), joined(r));
    assertTrue(r.messages().get(0).startsWith(message), r.messages().get(0));
    assertTrue(r.messages().get(1).contains("failed: " + errno + " ("), r.messages().get(1));
    if (op.equals("config"))
      assertTrue(emu.ioctls().get(2).endsWith("-> -1 " + errno), emu.ioctls().toString());
  }

  @Test
  void noSuchPf() throws Exception {
    ApplyResult r = apply(CONF.replace("ixl0", "ixl9"));
    assertEquals(Outcome.UNAVAILABLE, r.outcome());
    assertTrue(
        r.messages()
            .get(0)
            .startsWith(
                "there is no /dev/iov/ixl9: no SR-IOV capable PF is called ixl9; `ls /dev/iov` lists them"),
        joined(r));
    assertEquals(
        "(open(/dev/iov/ixl9, O_RDWR) failed: ENOENT (No such file or directory))",
        r.messages().get(1));
  }

  @Test
  void ebusyTellsHowToGetRidOfTheOldVfs() throws Exception {
    emu.hasVfs("ixl0", true);
    ApplyResult r = apply(CONF);
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertEquals(
        List.of(
            "ixl0 already has VFs; run `iovc delete -d ixl0` first, or use `--replace`",
            "(IOV_CONFIG on /dev/iov/ixl0 failed: EBUSY (Device busy))"),
        r.messages());
  }

  @Test
  void emsgsizeFromTheKernelNamesTheSysctl() throws Exception {
    emu.file("ixl0", "max_config", "100");
    ApplyResult r = apply(CONF);
    assertEquals(Outcome.OS_ERROR, r.outcome());
    int size = offline(CONF, SCHEMA).length;
    assertTrue(
        r.messages()
            .get(0)
            .startsWith(
                "the packed configuration ("
                    + size
                    + " bytes) is larger than the kernel accepts (hw.pci.iov_max_config); raise it with `sysctl hw.pci.iov_max_config="
                    + size
                    + "`"),
        joined(r));
  }

  @Test
  void aSchemaThatKeepsGrowingIsRetriedThenRefused() throws Exception {
    emu.file("ixl0", "schema.error", "EMSGSIZE");
    ApplyResult r = apply(CONF);
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertEquals(
        "the schema of ixl0 kept changing size while iovc read it; try again", r.messages().get(0));
    assertEquals(4, emu.ioctls().size(), "one size call and three fetches");
  }

  @Test
  void anErrorInArgErrorIsReported() throws Exception {
    emu.file("ixl0", "schema.error", "EIO");
    ApplyResult r =
        backend().configure(request(CONF, null, false), false, FreeBsdApply.Style.IOVCTL);
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertEquals("Could not fetch config schema: Input/output error", r.messages().get(0));
  }

  @Test
  void aSchemaThatIsNotAnNvlistIsRefused() throws Exception {
    emu.device("ixl0", "not an nvlist at all, just text".getBytes(StandardCharsets.US_ASCII));
    ApplyResult r = apply(CONF);
    assertEquals(Outcome.OS_ERROR, r.outcome());
    assertTrue(
        r.messages().get(0).startsWith("the kernel's schema for ixl0 is not a valid nvlist ("),
        joined(r));
    KernelError e =
        assertThrows(KernelError.class, () -> backend().fetchSchema(DeviceName.fromOption("ixl0")));
    assertEquals("Could not unpack schema: Invalid argument", e.iovctlMessage());
  }

  @ParameterizedTest(name = "delete {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ECHILD | OS_ERROR | ixl0 has no VFs                             | Failed to delete VFs: No child processes",
        "EBUSY  | OS_ERROR | ixl0 is busy: another SR-IOV operation is running, or a VF is in use | Failed to delete VFs: Device busy",
        "EPERM  | NO_PERMISSION | ixl0: permission denied (EPERM); SR-IOV changes need root | Failed to delete VFs: Operation not permitted",
        "EACCES | NO_PERMISSION | ixl0: permission denied (EACCES); SR-IOV changes need root | Failed to delete VFs: Permission denied",
        "EIO    | OS_ERROR | the kernel could not delete the VFs of ixl0: Input/output error | Failed to delete VFs: Input/output error",
      })
  void everyErrnoOfDeleteHasAMessage(String errno, Outcome status, String message, String iovctl)
      throws Exception {
    emu.hasVfs("ixl0", true);
    if (!errno.equals("ECHILD")) emu.fail("ixl0", "delete", errno);
    else emu.hasVfs("ixl0", false);
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    ApplyResult r =
        backend().delete(DeviceName.fromOption("ixl0"), false, false, FreeBsdApply.Style.IOVC, ps);
    assertEquals(status, r.outcome());
    assertTrue(r.messages().get(0).startsWith(message), r.messages().get(0));
    ApplyResult compat =
        backend()
            .delete(DeviceName.fromOption("ixl0"), false, false, FreeBsdApply.Style.IOVCTL, ps);
    assertEquals(iovctl, compat.messages().get(0));
  }

  @Test
  void iovctlStyleStartsWithIovctlsOwnLine() throws Exception {
    ApplyResult r =
        backend()
            .configure(
                request(CONF.replace("ixl0", "ixl9"), null, false),
                false,
                FreeBsdApply.Style.IOVCTL);
    assertEquals(
        "Could not open device '/dev/iov/ixl9': No such file or directory", r.messages().get(0));
    emu.hasVfs("ixl0", true);
    r = backend().configure(request(CONF, null, false), false, FreeBsdApply.Style.IOVCTL);
    assertEquals("Failed to configure SR-IOV: Device busy", r.messages().get(0));
    assertEquals("", stdout(), "iovctl prints nothing on stdout");
  }

  @Test
  void aLibraryThatCannotBeLoadedIsReportedPlainly() {
    FreeBsdApply b =
        new FreeBsdApply(
            new FreeBsdBackend(tmp.resolve("no-such-libc.so").toString(), FakeTools.tools(tmp)));
    KernelError e =
        assertThrows(KernelError.class, () -> b.fetchSchema(DeviceName.fromOption("ixl0")));
    assertEquals(KernelError.Op.LOAD, e.op());
    assertEquals(Outcome.UNAVAILABLE, e.outcome());
    assertTrue(
        e.explain(KernelError.Context.none()).contains("(IOVC_LIBC)"),
        e.explain(KernelError.Context.none()));
  }
}
