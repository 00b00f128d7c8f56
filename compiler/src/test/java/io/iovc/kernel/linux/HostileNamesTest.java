package io.iovc.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.apply.linux.LinuxApply;
import io.iovc.kernel.linux.LiveState.PfException;
import io.iovc.kernel.linux.Sysfs.SysfsException;
import io.iovc.pipeline.Pipeline;
import io.iovc.source.SourceText;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 17's small ones: names that are not names, and a PF read without root. */
class HostileNamesTest {
  private FakeKernel k;

  @AfterEach
  void cleanup() {
    if (k != null) k.close();
  }

  @Test
  void aNulInsideTheDeviceIsRefusedNotCut() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    PfException e = assertThrows(PfException.class, () -> LiveState.findPf(k.sysfs, "eth0\0x"));
    assertTrue(e.getMessage().contains("contains a NUL byte"), e.getMessage());
    assertTrue(e.getMessage().indexOf('\0') < 0, "the NUL itself is not echoed");
  }

  @Test
  void aHugeNameIsShownOnceAndShort() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    String huge = "e".repeat(70_000);
    PfException e = assertThrows(PfException.class, () -> LiveState.findPf(k.sysfs, huge));
    assertTrue(e.getMessage().length() < 300, e.getMessage().length() + " characters");
    assertTrue(e.getMessage().contains("70000 characters"), e.getMessage());
  }

  @Test
  void commandsInPlansAreQuotedForTheShell() throws Exception {
    assertEquals("eth0", Planner.shellWord("eth0"));
    assertEquals("'x;id>p$(id)'", Planner.shellWord("x;id>p$(id)"));
    assertEquals("'it'\\''s'", Planner.shellWord("it's"));
    k = new FakeKernel().netdevsim(10, "x;id>p$(id)", 4);
    var p =
        new LinuxApply(k.host())
            .prepare(
                Path.of("t.conf"),
                SourceText.of(
                    "t.conf",
                    "PF { device = \"netdevsim10\"; num_vfs = 1; }\n"
                        + "VF-0 { mac-addr = \"02:00:00:00:00:01\"; }\n"),
                TestPlugins.registry(),
                null,
                Pipeline.DEFAULT_MAX_CONFIG,
                false);
    String plan = String.join("\n", p.plan().steps().stream().map(Plan.Step::display).toList());
    assertTrue(plan.contains("ip link set dev 'x;id>p$(id)' vf 0 mac 02:00:00:00:00:01"), plan);
  }

  @Test
  void netdevsimWithoutRootIsStillAPfWithAnUnknownLimit() throws Exception {
    k = new FakeKernel().netdevsim(10, "eth0", 4);
    Sysfs noDebugfs =
        new Sysfs(k.root) {
          @Override
          public String read(String path) throws SysfsException {
            if (path.startsWith("/sys/kernel/debug/"))
              throw new SysfsException(path, "read", "Permission denied");
            return k.sysfs.read(path);
          }
        };
    LiveState.Pf pf = LiveState.findPf(noDebugfs, "eth0");
    assertEquals("netdevsim10", pf.id());
    assertNull(pf.totalVfs());
  }
}
