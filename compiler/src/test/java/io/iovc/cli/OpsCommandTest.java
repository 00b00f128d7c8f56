package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.iovc.kernel.linux.FakeKernel;
import io.iovc.kernel.linux.LinuxHost;
import io.iovc.kernel.linux.TestPlugins;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code plan}, {@code diff}, {@code compile --apply} and {@code delete} on Linux against the fake
 * sysfs and netlink of the Linux backend tests: their JSON validated against the published schemas
 * (networknt), the idempotence signal ({@code changed}), drift, and delete with its consumer check
 * and rollback.
 */
class OpsCommandTest {
  static final String NSIM =
      "PF { device = \"eth0\"; num_vfs = 4; }\n"
          + "DEFAULT { mac-anti-spoof = true; }\n"
          + "VF-0 { mac-addr = \"02:00:00:00:00:01\"; vlan = 100; }\n";
  static final String PCI =
      "PF { device = \"enp0s5\"; num_vfs = 2; }\n" + "VF-1 { passthrough = true; }\n";

  Path tmp;
  Path plugins;
  FakeKernel k;
  LinuxHost host;

  @BeforeEach
  void setUp() throws Exception {
    tmp = Files.createTempDirectory("iovc-ops-");
    plugins = TestPlugins.pluginDir();
  }

  @AfterEach
  void tearDown() {
    if (k != null) k.close();
    FakeKernel.deleteTree(tmp);
    FakeKernel.deleteTree(plugins);
  }

  Path machine(String conf, String... directives) throws Exception {
    Path file = tmp.resolve("pf.conf");
    Files.writeString(file, conf);
    k = FakeKernel.machine(List.of(directives), file, TestPlugins.registry());
    host = k.host();
    return file;
  }

  record Run(int status, String out, String err) {
    JsonObject json() {
      return JsonParser.parseString(out).getAsJsonObject();
    }
  }

  Run iovc(String... args) throws Exception {
    List<String> a = new ArrayList<>(List.of(args));
    if (!a.get(0).equals("delete") && !a.get(0).equals("status")) {
      a.add(a.size() - 1, "--plugin-path");
      a.add(a.size() - 1, plugins.toString());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = Output.out;
    PrintStream oldErr = Output.err;
    try (AutoCloseable o = LinuxHost.override(host)) {
      Output.out = new PrintStream(out, true, StandardCharsets.UTF_8);
      Output.err = new PrintStream(err, true, StandardCharsets.UTF_8);
      int status = Main.run(a.toArray(String[]::new));
      Output.flush();
      return new Run(
          status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      Output.out = oldOut;
      Output.err = oldErr;
    }
  }

  static Schema schema(String name) throws IOException {
    try (InputStream in = OpsOutput.class.getResourceAsStream("/io/iovc/ops/" + name)) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }

  static void assertValid(String schema, String json) throws IOException {
    var errors = schema(schema).validate(json, InputFormat.JSON);
    assertEquals(List.of(), errors.stream().map(Object::toString).toList(), json);
  }

  @Test
  void planApplyAgainAndDiffSpeakJson() throws Exception {
    Path f = machine(NSIM, "netdevsim 10 eth0 4");
    Run r = iovc("plan", "--format", "json", "--backend", "linux", f.toString());
    assertEquals(0, r.status(), r.err());
    assertValid("plan.schema.json", r.out());
    JsonObject plan = r.json();
    assertTrue(plan.get("changes").getAsBoolean());
    assertEquals("eth0", plan.get("device").getAsString());
    assertEquals(0, plan.getAsJsonObject("num_vfs").get("live").getAsInt());
    assertEquals(4, plan.getAsJsonObject("num_vfs").get("file").getAsInt());
    JsonArray steps = plan.getAsJsonArray("steps");
    assertTrue(
        steps.get(0).getAsJsonObject().get("command").getAsString().contains("sriov_numvfs"));
    assertEquals(List.of(), k.log(), "plan changes nothing");

    r = iovc("compile", "--apply", "--backend", "linux", "--format", "json", f.toString());
    assertEquals(0, r.status(), r.err());
    assertValid("result.schema.json", r.out());
    JsonObject res = r.json();
    assertEquals("apply", res.get("command").getAsString());
    assertTrue(res.get("changed").getAsBoolean());
    assertTrue(res.get("verified").getAsBoolean());
    assertFalse(res.get("rolled_back").getAsBoolean());
    assertTrue(res.get("error").isJsonNull());
    assertFalse(res.getAsJsonArray("log").isEmpty(), "the steps run are in the log");

    r = iovc("compile", "--apply", "--backend", "linux", "--format", "json", f.toString());
    assertEquals(0, r.status(), r.err());
    assertValid("result.schema.json", r.out());
    assertFalse(r.json().get("changed").getAsBoolean(), "a second apply changes nothing");
    assertTrue(r.json().get("verified").getAsBoolean());

    r = iovc("plan", "--format", "json", f.toString());
    assertFalse(r.json().get("changes").getAsBoolean());
    assertEquals(0, r.json().getAsJsonArray("steps").size());

    r = iovc("diff", "--format", "json", f.toString());
    assertEquals(0, r.status(), r.err());
    assertValid("diff.schema.json", r.out());
    assertTrue(r.json().get("in_sync").getAsBoolean());

    // drift: somebody changed VF-0's MAC behind iovc's back
    Files.writeString(f, NSIM.replace("02:00:00:00:00:01", "02:00:00:00:00:09"));
    r = iovc("diff", "--format", "json", f.toString());
    assertEquals(1, r.status(), r.err());
    assertValid("diff.schema.json", r.out());
    JsonObject diff = r.json();
    assertFalse(diff.get("in_sync").getAsBoolean());
    JsonObject d = diff.getAsJsonArray("differences").get(0).getAsJsonObject();
    assertEquals(0, d.get("vf").getAsInt());
    assertEquals("02:00:00:00:00:09", d.get("file").getAsString());
    assertEquals("02:00:00:00:00:01", d.get("live").getAsString());
  }

  @Test
  void theEswitchModeInPlanAndDiffJson() throws Exception {
    String conf = NSIM.replace("num_vfs = 4;", "num_vfs = 4; eswitch-mode = switchdev;");
    Path f = machine(conf, "netdevsim 10 eth0 4", "apply");
    assertEquals(
        0, iovc("diff", "--format", "json", f.toString()).status(), "applied: nothing differs");
    host.devlink().setEswitchMode("netdevsim/netdevsim10", "legacy");
    k.log().clear();
    Run r = iovc("diff", "--format", "json", f.toString());
    assertEquals(1, r.status(), r.err());
    assertValid("diff.schema.json", r.out());
    JsonObject d = r.json().getAsJsonArray("differences").get(0).getAsJsonObject();
    assertTrue(d.get("vf").isJsonNull(), "a PF setting");
    assertEquals("eswitch-mode", d.get("parameter").getAsString());
    assertEquals("switchdev", d.get("file").getAsString());
    assertEquals("legacy", d.get("live").getAsString());

    r = iovc("plan", "--format", "json", "--backend", "linux", f.toString());
    assertEquals(0, r.status(), r.err());
    assertValid("plan.schema.json", r.out());
    JsonArray steps = r.json().getAsJsonArray("steps");
    assertEquals(1, steps.size(), r.out());
    JsonObject s = steps.get(0).getAsJsonObject();
    assertEquals("eswitch-mode", s.get("parameter").getAsString());
    assertEquals(
        "devlink dev eswitch set netdevsim/netdevsim10 mode switchdev",
        s.get("command").getAsString());
    assertEquals(List.of(), k.log(), "plan and diff change nothing");
  }

  @Test
  void aFileWithErrorsGivesJsonWithAnError() throws Exception {
    Path f = machine(NSIM.replace("num_vfs = 4", "num_vfs = 9"), "netdevsim 10 eth0 4");
    Run r = iovc("plan", "--format", "json", f.toString());
    assertEquals(1, r.status());
    assertValid("plan.schema.json", r.out());
    assertTrue(r.json().get("changes").isJsonNull());
    assertFalse(r.json().get("error").isJsonNull());
    assertTrue(r.err().contains("error"), r.err());
    r = iovc("diff", "--format", "json", f.toString());
    assertEquals(1, r.status());
    assertValid("diff.schema.json", r.out());
    assertTrue(r.json().get("in_sync").isJsonNull());
    r = iovc("compile", "--apply", "--backend", "linux", "--format", "json", f.toString());
    assertEquals(1, r.status());
    assertValid("result.schema.json", r.out());
    assertFalse(r.json().get("changed").getAsBoolean());
    assertFalse(r.json().get("error").isJsonNull());
    assertEquals(List.of(), k.log());
  }

  @Test
  void usage() throws Exception {
    Path f = machine(NSIM, "netdevsim 10 eth0 4");
    assertEquals(2, iovc("plan", "--format", "yaml", f.toString()).status());
    assertEquals(2, iovc("diff", "--backend", "solaris", f.toString()).status());
    // FreeBSD's plan and diff read pciconf, which this Linux host lacks (FreeBsdOpsTest feeds it)
    Path ixl = tmp.resolve("ixl0.conf");
    Files.writeString(ixl, "PF { device = \"ixl0\"; num_vfs = 1; }\n");
    Run r = iovc("plan", "--backend", "freebsd", ixl.toString());
    assertEquals(69, r.status(), r.err());
    assertTrue(r.err().contains("cannot list PCI functions"), r.err());
    r = iovc("diff", "--backend", "freebsd", "--format", "json", ixl.toString());
    assertEquals(69, r.status());
    assertValid("diff.schema.json", r.out());
    assertEquals("ixl0", r.json().get("device").getAsString());
    assertTrue(r.json().get("error").getAsString().contains("cannot list PCI functions"));
    assertEquals(2, iovc("compile", "--format", "json", f.toString()).status());
    assertEquals(2, iovc("delete", "--backend", "linux").status(), "-d or -f is required");
    assertEquals(
        2, iovc("delete", "--backend", "linux", "-d", "eth0", "-f", f.toString()).status());
  }

  @Test
  void deleteOnLinuxRemovesTheVfsAndSaysSo() throws Exception {
    Path f = machine(NSIM, "netdevsim 10 eth0 4", "apply");
    Run r = iovc("delete", "--backend", "linux", "-f", f.toString(), "--format", "json");
    assertEquals(0, r.status(), r.err());
    assertValid("result.schema.json", r.out());
    JsonObject res = r.json();
    assertEquals("delete", res.get("command").getAsString());
    assertEquals("eth0", res.get("device").getAsString());
    assertTrue(res.get("changed").getAsBoolean());
    assertTrue(res.get("verified").getAsBoolean());
    assertTrue(k.dump().contains("sriov_numvfs 0") || !k.dump().contains("VF-0"), k.dump());
    assertTrue(k.log().stream().anyMatch(l -> l.contains("sriov_numvfs") && l.contains("0")));

    r = iovc("delete", "--backend", "linux", "-d", "eth0");
    assertEquals(71, r.status());
    assertTrue(r.err().contains("has no VFs; nothing to delete"), r.err());
    r = iovc("delete", "--backend", "linux", "-d", "eth0", "--if-exists", "--format", "json");
    assertEquals(0, r.status(), r.err());
    assertValid("result.schema.json", r.out());
    assertFalse(r.json().get("changed").getAsBoolean());
    assertTrue(r.json().get("verified").getAsBoolean(), "no VFs is what a delete asks for");

    r = iovc("delete", "--backend", "linux", "-d", "eth9");
    assertEquals(69, r.status());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void deleteOnLinuxRollsBackWhenTheReadBackFails() throws Exception {
    machine(NSIM, "netdevsim 10 eth0 4", "apply");
    String before = k.dump();
    host = host.withInjection(LinuxHost.Injection.parse("verify"));
    Run r = iovc("delete", "--backend", "linux", "-d", "eth0", "--format", "json");
    assertEquals(71, r.status(), r.err());
    assertValid("result.schema.json", r.out());
    JsonObject res = r.json();
    assertTrue(res.get("rolled_back").getAsBoolean());
    assertFalse(res.get("changed").getAsBoolean());
    assertFalse(res.get("verified").getAsBoolean());
    assertEquals(before, k.dump(), "the VFs are back as they were");
  }

  /** A VF on vfio-pci whose group a QEMU holds open: delete refuses, plan warns. */
  @Test
  void aVfInUseIsNotDeletedWithoutForce() throws Exception {
    Path f = machine(PCI, "pci 0000:00:05.0 i40e enp0s5 8", "apply");
    String vf1 = host.sysfs().linkName("/sys/bus/pci/devices/0000:00:05.0/virtfn1");
    Path root = host.sysfs().root();
    Path group = root.resolve("sys/bus/pci/devices/" + vf1 + "/iommu_group");
    Files.createDirectories(root.resolve("sys/kernel/iommu_groups/41"));
    Files.deleteIfExists(group);
    Files.createSymbolicLink(group, root.resolve("sys/kernel/iommu_groups/41"));
    Files.createDirectories(root.resolve("proc/812/fd"));
    Files.createSymbolicLink(root.resolve("proc/812/fd/18"), Path.of("/dev/vfio/41"));
    Files.writeString(root.resolve("proc/812/comm"), "qemu-system-x86\n");
    Files.write(
        root.resolve("proc/812/cmdline"),
        "qemu-system-x86_64\0-name\0guest=web1,debug-threads=on\0"
            .getBytes(StandardCharsets.UTF_8));
    String before = k.dump();

    Run r = iovc("delete", "--backend", "linux", "-d", "enp0s5", "--format", "json");
    assertEquals(75, r.status(), r.err());
    assertValid("result.schema.json", r.out());
    assertTrue(r.json().get("error").getAsString().contains("VF-1 is used by"), r.out());
    assertTrue(r.err().contains("--force"), r.err());
    assertEquals(before, k.dump(), "nothing deleted");

    Files.writeString(f, PCI.replace("num_vfs = 2", "num_vfs = 3"));
    r = iovc("plan", "--format", "json", f.toString());
    assertEquals(0, r.status(), r.err());
    assertValid("plan.schema.json", r.out());
    String w = r.json().getAsJsonArray("warnings").get(0).getAsString();
    assertTrue(w.startsWith("VF-1 is used by") && w.contains("the apply removes it"), w);
    r = iovc("plan", f.toString());
    assertTrue(r.out().contains("warning: VF-1 is used by"), r.out());

    r = iovc("delete", "--backend", "linux", "-d", "enp0s5", "--force");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("verified: enp0s5"), r.out());
  }
}
