package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary file of an atomic replace: new, beside its target, its owner's alone. */
class SiblingTempTest {
  @TempDir Path dir;

  @Test
  void newOwnerOnlyFilesBesideTheTarget() throws Exception {
    Path target = dir.resolve("out.nvl");
    Path a = SiblingTemp.create(target);
    Path b = SiblingTemp.create(target);
    assertNotEquals(a, b);
    for (Path p : List.of(a, b)) {
      assertEquals(dir, p.getParent());
      assertTrue(p.getFileName().toString().startsWith(".iovc-"), p.toString());
      assertEquals(0, Files.size(p));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    }
  }

  @Test
  void compileLeavesOnlyItsOutput() throws Exception {
    Path schema = dir.resolve("ixl.txt");
    Files.writeString(schema, CliTest.IXL_S);
    Path conf = dir.resolve("a.conf");
    Files.writeString(conf, "PF {\n  device = \"ixl0\";\n  num_vfs = 1;\n}\n");
    Path out = dir.resolve("a.nvl");
    CliTest.Res r =
        CliTest.iovc(
            "compile", "--schema", schema.toString(), "-o", out.toString(), conf.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.size(out) > 0);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(
          List.of("a.conf", "a.nvl", "ixl.txt"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
