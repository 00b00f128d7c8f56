package io.iovc.driver.vnic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Severity;
import io.iovc.driver.testkit.FreeBsdPluginContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The common plugin tests (FreeBsdPluginContract) with vnic's facts, and its ignored allow-set-mac.
 */
class VnicPluginTest extends FreeBsdPluginContract {
  VnicPluginTest() {
    super(
        new Facts(new VnicPlugin(), "vnic")
            // spec §8.7, as the oracle prints it for schemas/vnic.bin
            .vfSchema(
                """
            \tmac-addr : unicast-mac (optional)
            \tallow-set-mac : bool (default = true)
            """)
            .packsTo("vnic.bin", 1007)
            .normalConfig(
                """
            PF { device = "vnicpf0"; num_vfs = 2; }
            VF-0 { mac-addr = "02:00:00:00:00:01"; }
            VF-1 { mac-addr = "02:00:00:00:00:02"; passthrough = true; }
            """)
            .serves("vnicpf0", "vnicpf1")
            .doesNotServe("vnicpf", "vnic0", "vnicvf0", "nicpf0", "thunder-nic0", "ix0")
            .linuxDrivers("nicpf", "thunder-nic")
            .codes("VNIC001"));
  }

  @Test
  void allowSetMacIsIgnored() {
    List<Diagnostic> d =
        check(
            "PF { device = vnicpf0; num_vfs = 2; }\nVF-0 { allow-set-mac = false; }\nVF-1 { allow-set-mac = true; }\n");
    assertEquals(List.of("VNIC001", "VNIC001"), ids(d));
    assertEquals(Severity.WARNING, d.get(0).severity());
  }
}
