package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.pipeline.Pipeline;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs meant to hurt (issue 6) that need the command line or a full-size file; the others are in
 * RobustnessTest. Bounds in time and memory are measured by bin/bench-hostile, not asserted here.
 */
class HostileInputTest {
  @TempDir Path dir;

  private static final String IXL_TEXT =
      """
      The following configuration parameters may be configured on the PF:
      \tnum_vfs : uint16_t (required)
      \tdevice : string (required)

      The following configuration parameters may be configured on a VF:
      \tpassthrough : bool (default = false)
      \tmac-addr : unicast-mac (optional)
      """;

  private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    PrintStream o = Output.out;
    PrintStream e = Output.err;
    Output.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    Output.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    try {
      return Main.run(args);
    } finally {
      Output.out = o;
      Output.err = e;
    }
  }

  /** A 100 MB file is refused by its size before a byte of it is read. */
  @Test
  void hundredMegabyteFileIsRefusedUnread() throws Exception {
    Path big = dir.resolve("big.conf");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(100L << 20); // sparse: nothing is written
    }
    Path schema = dir.resolve("ixl.txt");
    Files.writeString(schema, IXL_TEXT);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        run(out, err, "check", "--schema", schema.toString(), "--format", "gcc", big.toString());
    assertEquals(3, rc);
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("104857600 bytes") && text.contains("IOV003"), text);
  }

  /** num_vfs = 65535 with 65535 VF sections: far over the kernel's 1 MiB, refused with IOV311. */
  @Test
  void maximumVfsWithASectionEachAreRefusedForSize() throws Exception {
    StringBuilder sb = new StringBuilder("PF { device = \"ixl0\"; num_vfs = 65535; }\n");
    for (int i = 0; i < 65535; i++) {
      sb.append(
          String.format("VF-%d { mac-addr = \"02:00:00:00:%02x:%02x\"; }%n", i, i >> 8, i & 0xff));
    }
    var tree =
        Ucl.parse(new SourceText("max.conf", sb.toString().getBytes(StandardCharsets.UTF_8)));
    assertEquals(false, tree.hasErrors());
    Pipeline.Result r =
        Pipeline.check(tree, Schema.fromIovctlText(IXL_TEXT, "ixl"), Pipeline.DEFAULT_MAX_CONFIG);
    assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
    assertEquals("IOV311", r.diagnostics().get(0).code().id());
    assertTrue(
        r.diagnostics().get(0).message().contains("1048576"), r.diagnostics().get(0).message());
    // and with the sysctl raised far enough, the same file compiles
    Pipeline.Result raised =
        Pipeline.compile(tree, Schema.fromIovctlText(IXL_TEXT, "ixl"), 1L << 30);
    assertEquals(false, raised.hasErrors());
    assertTrue(raised.packed().length > 14_000_000, raised.packed().length + " bytes");
  }
}
