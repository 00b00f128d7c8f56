package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.iovc.golden.harness.Golden;
import io.iovc.kernel.SriovStatus;
import io.iovc.kernel.SriovStatus.Consumer;
import io.iovc.kernel.SriovStatus.Kind;
import io.iovc.kernel.freebsd.FreeBsdStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code iovc status} end to end on the FreeBSD backend over the seed article's recorded tool
 * output (see FreeBsdStatusTest), its golden human document, and the JSON validated against the
 * published schema with networknt's validator. The human document is {@code
 * status/freebsd-seed.approved.txt} on the one golden harness ({@link Golden}; {@code
 * -Dgolden.approve=true} approves).
 */
class StatusCommandTest {
  static final Path SEED = Path.of("src/test/resources/io/iovc/kernel/freebsd/seed");
  static final Path GOLDEN = Path.of("src/test/resources/io/iovc/cli/status");

  static FreeBsdStatus.Commands seed() throws IOException {
    Map<String, String> m = new HashMap<>();
    m.put("pciconf -lc", Files.readString(SEED.resolve("pciconf-lc.txt")));
    m.put("ifconfig -l", Files.readString(SEED.resolve("ifconfig-l.txt")));
    m.put("jls -n jid name vnet", Files.readString(SEED.resolve("jls.txt")));
    m.put("jexec 3 ifconfig -l", Files.readString(SEED.resolve("jexec-3-ifconfig-l.txt")));
    m.put("jexec 1 ifconfig -l", Files.readString(SEED.resolve("jexec-1-ifconfig-l.txt")));
    m.put("ps -axww -o pid,command", Files.readString(SEED.resolve("ps.txt")));
    return (tool, args) -> {
      String out = m.get(tool + " " + String.join(" ", args));
      if (out == null) throw new IOException(tool + " is not available");
      return out;
    };
  }

  record Run(int status, String out, String err) {}

  static Run run(String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = Output.out;
    PrintStream oldErr = Output.err;
    StatusCommand.Seams.freebsdTools = seed();
    try {
      Output.out = new PrintStream(out, true, StandardCharsets.UTF_8);
      Output.err = new PrintStream(err, true, StandardCharsets.UTF_8);
      int status = Main.run(args);
      Output.flush();
      return new Run(
          status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      Output.out = oldOut;
      Output.err = oldErr;
      StatusCommand.Seams.freebsdTools = null;
    }
  }

  static Schema schema() throws IOException {
    try (InputStream in =
        StatusOutput.class.getResourceAsStream("/io/iovc/ops/status.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }

  static void assertValid(String json) throws IOException {
    var errors = schema().validate(json, InputFormat.JSON);
    assertEquals(List.of(), errors.stream().map(Object::toString).toList(), json);
  }

  @Test
  void seedHostHumanGolden() throws Exception {
    Run r = run("status", "--backend", "freebsd");
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.err());
    Golden.verify(GOLDEN.resolve("freebsd-seed" + Golden.APPROVED), r.out());
  }

  @Test
  void seedHostJsonFollowsTheSchema() throws Exception {
    Run r = run("status", "--backend", "freebsd", "--format", "json", "ixl0");
    assertEquals(0, r.status(), r.err());
    assertValid(r.out());
    JsonObject root = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals(1, root.get("version").getAsInt());
    JsonObject pf = root.getAsJsonArray("pfs").get(0).getAsJsonObject();
    assertEquals("ixl0", pf.get("device").getAsString());
    assertEquals(2, pf.get("num_vfs").getAsInt());
    assertEquals(64, pf.get("total_vfs").getAsInt());
    JsonObject vf1 = pf.getAsJsonArray("vfs").get(1).getAsJsonObject();
    assertEquals("1/0/17", vf1.get("passthru").getAsString());
    JsonObject c = vf1.getAsJsonObject("consumer");
    assertEquals("bhyve", c.get("kind").getAsString());
    assertEquals("debian-test", c.get("name").getAsString());
    assertEquals(1402, c.get("pid").getAsLong());
    assertTrue(vf1.has("mac") && vf1.get("mac").isJsonNull(), "unreadable fields are null");
  }

  @Test
  void everyConsumerKindFollowsTheSchema() throws Exception {
    List<SriovStatus.Vf> vfs =
        List.of(
            vf(0, Consumer.host("enp5s0f0v0")),
            vf(1, new Consumer(Kind.NETNS, "blue", null, null)),
            vf(2, new Consumer(Kind.NETNS, "lxc-init", 4242L, null)),
            vf(3, new Consumer(Kind.VFIO, "web1", 812L, null)),
            vf(4, new Consumer(Kind.JAIL, "desk", null, 3)),
            vf(5, new Consumer(Kind.BHYVE, "debian-test", 1402L, null)),
            vf(6, null));
    SriovStatus.Pf pf =
        new SriovStatus.Pf("enp5s0f0", "0000:05:00.0", "i40e", 7, 64, vfs, List.of("a note"));
    String json = StatusOutput.json("linux", List.of(pf));
    assertValid(json);
    assertValid(StatusOutput.json("linux", List.of()));
  }

  @Test
  void theSchemaRefusesARenamedField() throws Exception {
    String json =
        StatusOutput.json(
                "freebsd",
                List.of(
                    new SriovStatus.Pf("ixl0", "pci0:1:0:0", "ixl", 0, 64, List.of(), List.of())))
            .replace("\"num_vfs\"", "\"numVfs\"");
    assertFalse(schema().validate(json, InputFormat.JSON).isEmpty(), json);
    String bad =
        StatusOutput.json(
                "linux",
                List.of(
                    new SriovStatus.Pf(
                        "eth0",
                        null,
                        null,
                        1,
                        null,
                        List.of(vf(0, new Consumer(Kind.VFIO, "x", 1L, null))),
                        List.of())))
            .replace("\"vfio\"", "\"container\"");
    assertFalse(schema().validate(bad, InputFormat.JSON).isEmpty(), bad);
  }

  @Test
  void usageAndDeviceErrors() throws Exception {
    Run r = run("status", "--backend", "freebsd", "ixl9");
    assertEquals(69, r.status(), "no such PF: unavailable, as on Linux");
    assertTrue(r.err().contains("no device called `ixl9`"), r.err());
    r = run("status", "--backend", "freebsd", "--format", "yaml");
    assertEquals(2, r.status());
    r = run("status", "--backend", "solaris");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("unknown backend"), r.err());
  }

  /** {@code iovc -L}: iovctl's print_status layout, from the seed host's pciconf. */
  @Test
  void iovctlDashLFromPciconf() throws Exception {
    Run r = run("-L", "-d", "ixl0");
    assertEquals(0, r.status(), r.err());
    assertEquals(
        "ixl0:\n"
            + "\tidentity: pci-location=pci0:1:0:0\n"
            + "\tsriov: enabled=yes vfs=2/64\n"
            + "\t\tvf   0:\n"
            + "\t\t\tidentity: pci-location=pci0:1:0:16\n"
            + "\t\t\thost: attached=yes driver=iavf passthrough=no\n"
            + "\t\tvf   1:\n"
            + "\t\t\tidentity: pci-location=pci0:1:0:17\n"
            + "\t\t\thost: attached=yes driver=ppt passthrough=yes\n",
        r.out());
    assertEquals("iovc: note: read from `pciconf -lc`, not IOV_GET_STATUS\n", r.err());
    r = run("-L", "-d", "ixl1");
    assertEquals(0, r.status(), r.err());
    assertEquals(
        "ixl1:\n\tidentity: pci-location=pci0:1:0:1\n\tsriov: enabled=no vfs=0/64\n", r.out());
    r = run("-L", "-d", "ixl7");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("no device called `ixl7`"), r.err());
  }

  /** The seed's VF-0 is in the vnet jail desk, VF-1 in the bhyve VM debian-test. */
  @Test
  void deleteRefusesVfsInUseOnFreeBsd() throws Exception {
    Run r = run("delete", "--backend", "freebsd", "-d", "ixl0", "--format", "json");
    assertEquals(75, r.status(), r.err());
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals("ixl0", o.get("device").getAsString());
    assertFalse(o.get("changed").getAsBoolean());
    String error = o.get("error").getAsString();
    assertTrue(
        error.contains("VF-0 is used by jail desk") && error.contains("VF-1 is used by bhyve"),
        error);
    assertTrue(r.err().contains("--force"), r.err());
    try (InputStream in =
        StatusOutput.class.getResourceAsStream("/io/iovc/ops/result.schema.json")) {
      var errors =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(in)
              .validate(r.out(), InputFormat.JSON);
      assertEquals(List.of(), errors.stream().map(Object::toString).toList());
    }
  }

  static SriovStatus.Vf vf(int i, Consumer c) {
    return new SriovStatus.Vf(
        i, "0000:05:02." + i, "iavf", "v" + i, "02:00:00:00:00:0" + i, i, true, false, null, c);
  }
}
