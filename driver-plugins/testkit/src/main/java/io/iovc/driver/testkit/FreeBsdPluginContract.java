package io.iovc.driver.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.nvlist.NvPacker;
import io.iovc.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link PluginContract} for a FreeBSD driver, whose schema blob the oracle holds: the plugin's
 * packed schema must be that blob byte for byte. The facts must say {@link Facts#packsTo}, and
 * {@code <blob>.hex} (the blob in hex) must lie beside the test class.
 */
public abstract class FreeBsdPluginContract extends PluginContract {
  protected FreeBsdPluginContract(Facts facts) {
    super(facts);
    Objects.requireNonNull(facts.oracleBlob, "packsTo");
    if (facts.packedLength <= 0) throw new IllegalStateException("packsTo needs the blob's length");
  }

  @Test
  void packedSchemaMatchesGolden() throws Exception {
    byte[] golden = HexFormat.of().parseHex(resource(facts().oracleBlob + ".hex").strip());
    assertEquals(
        facts().packedLength,
        golden.length,
        "the " + name() + " schema packs to " + facts().packedLength + " bytes");
    assertArrayEquals(golden, NvPacker.pack(Schema.fromPlugin(plugin()).nvlist()));
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "IOVC_ORACLE", matches = ".+")
  void packedSchemaMatchesOracleBlob() throws Exception {
    Path oracle = Path.of(System.getenv("IOVC_ORACLE"));
    Path blobFile = oracle.resolve("schemas").resolve(facts().oracleBlob);
    assertArrayEquals(
        Files.readAllBytes(blobFile), NvPacker.pack(Schema.fromPlugin(plugin()).nvlist()));
    Path exe = oracle.resolve("iovctl-oracle");
    if (Files.isExecutable(exe)) {
      Process p = new ProcessBuilder(exe.toString(), "-S", blobFile.toString()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor());
      assertEquals(out, Schema.fromPlugin(plugin()).toIovctlText());
    }
  }
}
