package io.iovc.apply.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.kernel.freebsd.Iovemu;
import io.iovc.nvlist.NvList;
import io.iovc.nvlist.NvValue;
import io.iovc.schema.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live schema vs plugin: what differs, named per parameter. */
class SchemaDiffTest {
  static Schema plugin(boolean numQueues, boolean vlan) {
    return Schema.fromPlugin(Iovemu.ixl(numQueues, vlan));
  }

  static List<String> diff(Schema live, Schema plugin) {
    return SchemaDiff.compare(live, "the live schema", plugin, "the plugin").stream()
        .map(SchemaDiff.Difference::toString)
        .toList();
  }

  @Test
  void identicalSchemasHaveNoDifferences() throws Exception {
    Schema live = Schema.fromBlob(Iovemu.ixlSchema(true, false), "live");
    assertEquals(List.of(), diff(live, plugin(true, false)));
  }

  @Test
  void parametersOnlyOneSideHas() {
    assertEquals(
        List.of(
            "VF.DRIVER.vlan: only in the live schema (vlan, default = trunk)",
            "VF.DRIVER.num-queues: only in the plugin (uint16_t, default = 4); the kernel rejects it"),
        diff(plugin(false, true), plugin(true, false)));
    assertEquals(
        "vlan, num-queues",
        SchemaDiff.names(SchemaDiff.compare(plugin(false, true), "a", plugin(true, false), "b")));
  }

  @Test
  void typeDefaultRequiredAndSpelling() throws Exception {
    NvList root = plugin(true, false).nvlist().copy();
    NvList vfDriver = root.getList("VF").getList("DRIVER");
    NvList nq = vfDriver.getList("num-queues");
    nq.remove("default");
    nq.add("default", new NvValue.Number(8));
    NvList spoof = vfDriver.getList("mac-anti-spoof");
    spoof.remove("type");
    spoof.add("type", new NvValue.Str("uint8_t"));
    NvList mac = vfDriver.getList("mac-addr");
    mac.add("required", new NvValue.Bool(true));
    NvList setMac = ((NvValue.Nested) vfDriver.remove("allow-set-mac")).list();
    vfDriver.add("Allow-Set-Mac", new NvValue.Nested(setMac));
    Schema live = Schema.fromNvList(root, "live");
    assertEquals(
        List.of(
            "VF.DRIVER.mac-addr: required in the live schema, optional in the plugin",
            "VF.DRIVER.mac-anti-spoof: type uint8_t in the live schema, bool in the plugin",
            "VF.DRIVER.num-queues: default = 8 in the live schema, default = 4 in the plugin",
            "VF.DRIVER.Allow-Set-Mac: spelled `Allow-Set-Mac` in the live schema, `allow-set-mac` in the plugin"),
        diff(live, plugin(true, false)));
  }
}
