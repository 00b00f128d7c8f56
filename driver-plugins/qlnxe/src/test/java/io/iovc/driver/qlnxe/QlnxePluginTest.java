package io.iovc.driver.qlnxe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Severity;
import io.iovc.driver.testkit.FreeBsdPluginContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The common plugin tests (FreeBsdPluginContract) with qlnxe's facts, and its ignored parameters.
 */
class QlnxePluginTest extends FreeBsdPluginContract {
  QlnxePluginTest() {
    super(
        new Facts(new QlnxePlugin(), "qlnxe")
            // spec §8.6, as the oracle prints it for schemas/qlnxe.bin
            .vfSchema(
                """
            \tmac-addr : unicast-mac (optional)
            \tallow-set-mac : bool (default = false)
            \tallow-promisc : bool (default = false)
            \tnum-queues : uint16_t (default = 1)
            """)
            .packsTo("qlnxe.bin", 1273)
            .normalConfig(
                """
            PF { device = "ql0"; num_vfs = 4; }
            DEFAULT { passthrough = true; }
            VF-0 { mac-addr = "02:00:00:00:00:01"; }
            VF-3 { mac-addr = "02:00:00:00:00:04"; passthrough = false; }
            """)
            .serves("ql0", "ql1", "ql12")
            .doesNotServe("ql", "qlnxe0", "qlnxv0", "qlxgb0", "qlxge0", "qede0", "ql0v", "ix0")
            .linuxDrivers("qede")
            .codes("QLNXE001"));
  }

  @Test
  void ignoredParametersWarnWhateverTheirValue() {
    List<Diagnostic> d =
        check(
            "PF { device = ql0; num_vfs = 2; }\nDEFAULT { allow-set-mac = true; allow-promisc = false; }\nVF-1 { num-queues = 4; }\n");
    assertEquals(List.of("QLNXE001", "QLNXE001", "QLNXE001"), ids(d));
    assertTrue(d.get(0).message().contains("allow-set-mac"), d.get(0).message());
    assertTrue(d.get(1).message().contains("allow-promisc"), d.get(1).message());
    assertTrue(d.get(2).message().contains("num-queues"), d.get(2).message());
    assertEquals(Severity.WARNING, d.get(2).severity());
  }
}
