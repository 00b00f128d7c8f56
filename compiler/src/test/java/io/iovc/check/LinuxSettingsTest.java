package io.iovc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Diagnostic;
import io.iovc.kernel.linux.TestPlugins;
import io.iovc.lower.VfValues;
import io.iovc.pipeline.SchemaChoice;
import io.iovc.schema.Platform;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.Ucl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Linux-only VF settings: refused for FreeBSD as iovctl refuses an unknown key (with a note),
 * accepted for Linux with DEFAULT inheritance, their words checked, and the PF driver's table.
 */
class LinuxSettingsTest {
  private static SyntaxTree parse(String text) {
    return Ucl.parse(SourceText.of("t.conf", text), Map.of());
  }

  private static List<Diagnostic> check(String text, Schema schema) {
    return Checker.check(parse(text), schema).diagnostics();
  }

  private static final String FILE =
      """
      PF { device = "ixl0"; num_vfs = 2; }
      DEFAULT { max-tx-rate = 100; }
      VF-0 { link-state = enable; trust = true; }
      """;

  @Test
  void forFreeBsdALinuxOnlySettingIsAnUnknownKeyWithANote() {
    Schema freebsd = Schema.fromPlugin(new TestPlugins.Ixl(), Platform.FREEBSD);
    List<Diagnostic> d = check(FILE, freebsd);
    assertEquals(3, d.size(), d.toString());
    for (Diagnostic x : d) {
      assertEquals("IOV201", x.code().id());
      assertTrue(x.notes().toString().contains("is a Linux-only setting"), x.notes().toString());
      assertTrue(x.help().contains("--backend linux"), x.help());
    }
    assertTrue(
        d.get(0).notes().toString().contains("iovctl: DEFAULT: Invalid config key 'max-tx-rate'"),
        "iovctl's own message: " + d.get(0).notes());
  }

  @Test
  void eswitchModeIsAPfSettingOnlyLinuxHas() {
    String text =
        """
        PF { device = "ixl0"; num_vfs = 2; eswitch-mode = switchdev; }
        """;
    List<Diagnostic> d = check(text, Schema.fromPlugin(new TestPlugins.Ixl(), Platform.FREEBSD));
    assertEquals(1, d.size(), d.toString());
    assertEquals("IOV201", d.get(0).code().id());
    assertTrue(
        d.get(0).notes().toString().contains("iovctl: PF: Invalid config key 'eswitch-mode'"),
        "iovctl's own message: " + d.get(0).notes());
    assertTrue(
        d.get(0).notes().toString().contains("is a Linux-only setting (devlink dev eswitch set)"),
        d.get(0).notes().toString());
    assertTrue(d.get(0).help().contains("--backend linux"), d.get(0).help());

    Schema linux = Schema.fromPlugin(new TestPlugins.Nsim(), Platform.LINUX);
    assertEquals(List.of(), check(text, linux));
    assertTrue(linux.find(Schema.Device.PF, "eswitch-mode").doc().startsWith("Linux only."));
    assertNull(linux.find(Schema.Device.VF, "eswitch-mode"), "a PF setting");
    List<Diagnostic> bad = check(text.replace("switchdev", "offloads"), linux);
    assertEquals(1, bad.size(), bad.toString());
    assertEquals("IOV405", bad.get(0).code().id());
    assertEquals("`eswitch-mode` is legacy or switchdev, not offloads", bad.get(0).message());
  }

  @Test
  void forLinuxTheyAreParametersWithDefaultInheritance() {
    Schema linux = Schema.fromPlugin(new TestPlugins.Ixl(), Platform.LINUX);
    CheckResult r = Checker.check(parse(FILE), linux);
    assertEquals(List.of(), r.diagnostics());
    List<VfValues.Value> vf1 = VfValues.of(r.config(), linux, 1);
    assertTrue(
        vf1.contains(new VfValues.Value("max-tx-rate", "100", VfValues.Origin.DEFAULT)),
        vf1.toString());
    assertNull(
        linux.lookup(Schema.Device.VF, Schema.Subsystem.DRIVER, "link-state").defaultValue());
    assertTrue(
        linux.find(Schema.Device.VF, "vlan-proto").doc().startsWith("Linux only."), "hover text");
  }

  @Test
  void theTargetComesFromTheBackendThenTheModelineThenTheHost() {
    SyntaxTree plain = parse(FILE);
    SyntaxTree marked = parse("# iovc: driver=ixl target=linux\n" + FILE);
    assertEquals(Platform.FREEBSD, SchemaChoice.platform(plain, null), "the tests pin the host");
    assertEquals(Platform.LINUX, SchemaChoice.platform(marked, null));
    assertEquals(Platform.FREEBSD, SchemaChoice.platform(marked, Platform.FREEBSD));
    assertEquals(Platform.LINUX, SchemaChoice.platform(plain, Platform.LINUX));
    assertEquals(Platform.LINUX, SchemaChoice.platform(parse("# iovc: target=Linux\n"), null));
  }

  @Test
  void wordsAndPrioritiesTheKernelDoesNotTake() {
    Schema linux = Schema.fromPlugin(new TestPlugins.Nsim(), Platform.LINUX);
    List<Diagnostic> d =
        check(
            """
            PF { device = "netdevsim0"; num_vfs = 1; }
            VF-0 { vlan = 5; link-state = up; vlan-proto = "802.1x"; vlan-qos = 8; }
            """,
            linux);
    assertEquals(
        List.of("IOV405", "IOV405", "IOV405"), d.stream().map(x -> x.code().id()).toList());
    assertTrue(d.get(0).message().contains("auto, enable or disable, not up"), d.get(0).message());
  }

  @Test
  void thePfDriversTableRefusesWhatTheDriverWouldRefuse() {
    Schema linux = Schema.fromPlugin(new TestPlugins.Ixl(), Platform.LINUX);
    assertEquals("i40e", linux.linuxDriver());
    List<Diagnostic> d =
        check(
            """
            PF { device = "ixl0"; num_vfs = 1; }
            VF-0 { query-rss = false; min-tx-rate = 0; max-tx-rate = 40001; }
            """,
            linux);
    assertEquals(List.of("IOV406", "IOV406"), d.stream().map(x -> x.code().id()).toList());
    assertTrue(d.get(0).message().contains("i40e does not implement `query-rss`"), d.toString());
    assertTrue(d.get(1).notes().toString().contains("i40e_ndo_set_vf_bw()"), d.toString());
    // another driver bound to the PF: its table (none here) is the one that counts
    assertEquals(
        List.of(),
        check(
            "PF { device = \"ixl0\"; num_vfs = 1; }\nVF-0 { query-rss = false; }",
            linux.withLinuxDriver("other")));
  }
}
