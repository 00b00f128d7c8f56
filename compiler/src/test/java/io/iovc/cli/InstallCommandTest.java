package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iovc install} run from a clone, and with an --iovc a unit cannot hold. */
class InstallCommandTest {
  @TempDir Path tmp;

  private CliTest.Res withHome(Path home, String... args) {
    String old = System.getProperty("iovc.home");
    System.setProperty("iovc.home", home.toString());
    try {
      return CliTest.iovc(args);
    } finally {
      if (old == null) System.clearProperty("iovc.home");
      else System.setProperty("iovc.home", old);
    }
  }

  private Path fakeClone() throws Exception {
    Path clone = Files.createDirectories(tmp.resolve("src/iovc"));
    Files.writeString(clone.resolve("pom.xml"), "<project/>");
    Files.createDirectories(clone.resolve("bin"));
    Files.writeString(clone.resolve("bin/iovc"), "#!/bin/sh\n");
    return Files.createDirectories(clone.resolve("dist/iovc-" + Main.VERSION));
  }

  @Test
  void fromASourceTreeNothingIsWrittenAndTheNextStepsAreNamed() throws Exception {
    Path home = fakeClone();
    Path root = tmp.resolve("root");
    CliTest.Res r = withHome(home, "install", "--root", root.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("runs from the source tree " + tmp.resolve("src/iovc")), r.err());
    assertTrue(r.err().contains("apt-get install ./dist/iovc_*.deb"), r.err());
    assertTrue(r.err().contains("--iovc /usr/bin/iovc"), r.err());
    assertFalse(Files.exists(root.resolve("etc/systemd/system/iovc.service")));
  }

  @Test
  void fromASourceTreeWithIovcTheUnitRunsThatOne() throws Exception {
    Path home = fakeClone();
    Path root = tmp.resolve("root");
    CliTest.Res r =
        withHome(home, "install", "--root", root.toString(), "--iovc", "/usr/local/bin/iovc");
    assertEquals(0, r.exit(), r.err());
    String unit = Files.readString(root.resolve("etc/systemd/system/iovc.service"));
    assertTrue(unit.contains(" iovc.service \"/usr/local/bin/iovc\"\n"), unit);
    assertFalse(unit.contains(tmp.resolve("src").toString()), unit);
  }

  @Test
  void anInstalledTreeIsNotASourceTree() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("usr lib/iovc-" + Main.VERSION));
    Path root = tmp.resolve("root");
    CliTest.Res r = withHome(home, "install", "--root", root.toString());
    assertEquals(0, r.exit(), r.err());
    String unit = Files.readString(root.resolve("etc/systemd/system/iovc.service"));
    assertTrue(unit.contains(" iovc.service \"" + home.resolve("bin/iovc") + "\"\n"), unit);
  }

  @Test
  void aRelativeOrMultiLinePathIsRefused() throws Exception {
    Path root = tmp.resolve("root");
    CliTest.Res r = CliTest.iovc("install", "--root", root.toString(), "--iovc", "bin/iovc");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("absolute path"), r.err());
    r = CliTest.iovc("install", "--root", root.toString(), "--iovc", "/x\nExecStart=/bin/evil");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("U+000A"), r.err());
    assertFalse(Files.exists(root.resolve("etc/systemd/system/iovc.service")));
  }
}
