package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.iovc.golden.harness.Golden;
import io.iovc.kernel.linux.FakeKernel;
import io.iovc.kernel.linux.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code iovc plan} and {@code iovc diff} with {@code --backend freebsd} over the seed article's
 * recorded {@code pciconf -lc} (ixl0 with VF-0 as iavf0 in the vnet jail desk and VF-1 as ppt0 in
 * the bhyve VM debian-test; ixl1 without VFs): only the VF count and each VF's passthrough are
 * compared, the rest is listed as not readable; the plan is iovctl's IOV_DELETE then IOV_CONFIG
 * with the consumers warned. JSON validated against the published schemas; the human documents are
 * {@code status/NAME.approved.txt} on the one golden harness ({@link Golden}; {@code
 * -Dgolden.approve=true} approves them). The configuration files are in the golden directory and
 * named relative to the module, so the documents do not depend on a temporary path.
 */
class FreeBsdOpsTest {
  static final Path DIR = Path.of("src/test/resources/io/iovc/cli/status");
  static final String SEED = DIR.resolve("freebsd-seed.conf").toString();
  static final String DRIFT = DIR.resolve("freebsd-drift.conf").toString();
  static final String NEW = DIR.resolve("freebsd-new.conf").toString();
  static Path plugins;

  @BeforeAll
  static void plugins() throws Exception {
    plugins = TestPlugins.pluginDir();
  }

  @AfterAll
  static void cleanUp() {
    FakeKernel.deleteTree(plugins);
  }

  static StatusCommandTest.Run iovc(String command, String... args) throws Exception {
    List<String> a = new ArrayList<>(List.of(command, "--backend", "freebsd"));
    a.addAll(List.of("--plugin-path", plugins.toString(), "--color", "never"));
    a.addAll(List.of(args));
    return StatusCommandTest.run(a.toArray(String[]::new));
  }

  static JsonObject json(StatusCommandTest.Run r) {
    return JsonParser.parseString(r.out()).getAsJsonObject();
  }

  /** Verifies {@code actual} against {@code status/NAME.approved.txt}. */
  static void golden(String name, String actual) {
    Golden.verify(DIR.resolve(name + Golden.APPROVED), actual);
  }

  /**
   * The seed's own file: in sync; its MAC and the driver's settings are not readable, not drift.
   */
  @Test
  void diffOfTheSeedFileIsInSyncAndListsWhatCannotBeRead() throws Exception {
    StatusCommandTest.Run r = iovc("diff", SEED);
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.err());
    golden("freebsd-diff-seed", r.out());
    r = iovc("diff", "--format", "json", SEED);
    assertEquals(0, r.status(), r.err());
    OpsCommandTest.assertValid("diff.schema.json", r.out());
    JsonObject o = json(r);
    assertTrue(o.get("in_sync").getAsBoolean());
    assertEquals(0, o.getAsJsonArray("differences").size());
    JsonArray nr = o.getAsJsonArray("not_readable");
    assertEquals(
        "{\"vf\":0,\"parameter\":\"mac-addr\",\"file\":\"02:00:00:00:00:10\"}",
        nr.get(0).toString());
    assertTrue(nr.toString().contains("\"parameter\":\"allow-set-mac\""), nr.toString());
    assertFalse(nr.toString().contains("passthrough"), "passthrough is read, not listed");
  }

  /** VF-1 reserved as ppt0 while the file wants it on iavf, and one VF more: drift, exit 1. */
  @Test
  void diffNamesTheCountAndThePassthroughThatDiffer() throws Exception {
    StatusCommandTest.Run r = iovc("diff", DRIFT);
    assertEquals(1, r.status(), r.err());
    golden("freebsd-diff-drift", r.out());
    r = iovc("diff", "--format", "json", DRIFT);
    assertEquals(1, r.status(), r.err());
    OpsCommandTest.assertValid("diff.schema.json", r.out());
    JsonObject o = json(r);
    assertFalse(o.get("in_sync").getAsBoolean());
    assertEquals(
        "[{\"vf\":null,\"parameter\":\"num_vfs\",\"file\":\"3\",\"live\":\"2\"},"
            + "{\"vf\":1,\"parameter\":\"passthrough\",\"file\":\"false\",\"live\":\"true\"}]",
        o.getAsJsonArray("differences").toString());
    assertEquals("ixl0", o.get("device").getAsString());
  }

  /** The seed's file again: nothing to do that FreeBSD can see; the note says how to re-send. */
  @Test
  void planOfTheAppliedFileHasNoChanges() throws Exception {
    StatusCommandTest.Run r = iovc("plan", "--format", "json", SEED);
    assertEquals(0, r.status(), r.err());
    OpsCommandTest.assertValid("plan.schema.json", r.out());
    JsonObject o = json(r);
    assertFalse(o.get("changes").getAsBoolean());
    assertEquals(0, o.getAsJsonArray("steps").size());
    assertEquals(2, o.getAsJsonObject("num_vfs").get("live").getAsInt());
    assertTrue(o.getAsJsonArray("notes").toString().contains("--replace"), o.toString());
    r = iovc("plan", SEED);
    golden("freebsd-plan-seed", r.out());
  }

  /**
   * A file that differs: IOV_DELETE then IOV_CONFIG (iovctl cannot change VFs in place), the jail
   * and the bhyve VM that lose their VF named, and why a plain apply is refused.
   */
  @Test
  void planOfADifferentFileDeletesFirstAndWarnsTheConsumers() throws Exception {
    StatusCommandTest.Run r = iovc("plan", DRIFT);
    assertEquals(0, r.status(), r.err());
    golden("freebsd-plan-drift", r.out());
    r = iovc("plan", "--format", "json", DRIFT);
    OpsCommandTest.assertValid("plan.schema.json", r.out());
    JsonObject o = json(r);
    assertTrue(o.get("changes").getAsBoolean());
    JsonArray steps = o.getAsJsonArray("steps");
    assertEquals(2, steps.size());
    assertEquals("iovctl -D -d ixl0", steps.get(0).getAsJsonObject().get("command").getAsString());
    assertEquals(
        "iovctl -C -f " + DRIFT, steps.get(1).getAsJsonObject().get("command").getAsString());
    String warnings = o.getAsJsonArray("warnings").toString();
    assertTrue(warnings.contains("VF-0 is used by jail desk (jid 3)"), warnings);
    assertTrue(warnings.contains("VF-1 is used by bhyve debian-test (pid 1402)"), warnings);
    assertTrue(o.getAsJsonArray("notes").toString().contains("EBUSY"), o.toString());
    // --replace: the same steps, and nothing left to explain about EBUSY
    r = iovc("plan", "--format", "json", "--replace", SEED);
    o = json(r);
    assertTrue(o.get("changes").getAsBoolean());
    assertEquals(2, o.getAsJsonArray("steps").size());
    assertFalse(o.getAsJsonArray("notes").toString().contains("EBUSY"), o.toString());
  }

  /** ixl1 has no VFs: one step, IOV_CONFIG, nobody to warn. */
  @Test
  void planOnAPfWithoutVfsIsOneIovConfig() throws Exception {
    StatusCommandTest.Run r = iovc("plan", NEW);
    assertEquals(0, r.status(), r.err());
    golden("freebsd-plan-new", r.out());
    r = iovc("plan", "--format", "json", NEW);
    OpsCommandTest.assertValid("plan.schema.json", r.out());
    JsonObject o = json(r);
    assertTrue(o.get("changes").getAsBoolean());
    assertEquals(1, o.getAsJsonArray("steps").size());
    assertEquals(0, o.getAsJsonArray("warnings").size());
    r = iovc("diff", "--format", "json", NEW);
    assertEquals(1, r.status());
    assertEquals(
        "[{\"vf\":null,\"parameter\":\"num_vfs\",\"file\":\"1\",\"live\":\"0\"}]",
        json(r).getAsJsonArray("differences").toString());
  }

  /**
   * {@code iovc delete} for people: refused while the jail and the bhyve VM hold the VFs (exit 75);
   * nothing on stdout, the users and the way out on stderr.
   */
  @Test
  void deleteInUseForPeople() throws Exception {
    StatusCommandTest.Run r = StatusCommandTest.run("delete", "--backend", "freebsd", "-d", "ixl0");
    assertEquals(75, r.status(), r.err());
    golden(
        "freebsd-delete-in-use",
        "$ iovc delete --backend freebsd -d ixl0\nexit "
            + r.status()
            + "\n--- stdout\n"
            + r.out()
            + "--- stderr\n"
            + r.err());
  }

  /** A PF the host does not have, and a file with errors: an error in JSON, no stack trace. */
  @Test
  void noSuchPfAndFileErrors() throws Exception {
    Path tmp = Files.createTempFile("iovc-fbsd-", ".conf");
    try {
      Files.writeString(tmp, "PF { device = \"ixl7\"; num_vfs = 1; }\n");
      StatusCommandTest.Run r = iovc("diff", "--format", "json", tmp.toString());
      assertEquals(69, r.status(), r.err()); // a PF not on this host: 69, as on Linux
      OpsCommandTest.assertValid("diff.schema.json", r.out());
      assertTrue(json(r).get("error").getAsString().contains("no device called `ixl7`"), r.out());
      Files.writeString(tmp, "PF { device = \"ixl0\"; num_vfs = \"two\"; }\n");
      r = iovc("plan", "--format", "json", tmp.toString());
      assertEquals(1, r.status(), r.err());
      OpsCommandTest.assertValid("plan.schema.json", r.out());
      assertTrue(json(r).get("changes").isJsonNull());
      assertTrue(r.err().contains("error"), r.err());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
