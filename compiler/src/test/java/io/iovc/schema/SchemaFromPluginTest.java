package io.iovc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Schema#fromPlugin} reuses the schema it made last for a platform: whatever order plugins
 * and platforms are asked in, each answer is that plugin's schema for that platform.
 */
class SchemaFromPluginTest {
  private static DriverPlugin plugin(String name, String vfParam) {
    return new DriverPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return name + " for the test";
      }

      @Override
      public List<String> devicePatterns() {
        return List.of(name + "[0-9]+");
      }

      @Override
      public List<String> linuxDrivers() {
        return List.of(name + "_linux");
      }

      @Override
      public List<ParamSpec> vfParams() {
        return List.of(ParamSpec.of(vfParam, ParamType.UINT16).build());
      }
    };
  }

  private static void assertIs(Schema s, DriverPlugin p, Platform platform, String vfParam) {
    assertEquals(p, s.plugin());
    assertEquals(platform, s.platform());
    assertNotNull(s.lookup(Schema.Device.VF, Schema.Subsystem.DRIVER, vfParam), s.origin());
    String other = vfParam.equals("alpha") ? "beta" : "alpha";
    assertNull(s.lookup(Schema.Device.VF, Schema.Subsystem.DRIVER, other), s.origin());
    // Linux adds its own VF settings (trust, spoof-check…); FreeBSD's schema has none of them
    assertEquals(
        platform == Platform.LINUX,
        s.lookup(Schema.Device.VF, Schema.Subsystem.DRIVER, "trust") != null
            || s.lookup(Schema.Device.VF, Schema.Subsystem.IOV, "trust") != null,
        s.origin());
  }

  @Test
  void eachAnswerIsThePluginsSchemaForThePlatformAsked() {
    DriverPlugin a = plugin("alphanic", "alpha");
    DriverPlugin b = plugin("betanic", "beta");
    for (int round = 0; round < 2; round++) {
      assertIs(Schema.fromPlugin(a), a, Platform.FREEBSD, "alpha");
      assertIs(Schema.fromPlugin(a, Platform.LINUX), a, Platform.LINUX, "alpha");
      assertIs(Schema.fromPlugin(b, Platform.LINUX), b, Platform.LINUX, "beta");
      assertIs(Schema.fromPlugin(a), a, Platform.FREEBSD, "alpha");
      assertIs(Schema.fromPlugin(b), b, Platform.FREEBSD, "beta");
      assertIs(Schema.fromPlugin(a, Platform.LINUX), a, Platform.LINUX, "alpha");
    }
    // a plugin equal in every answer but another object gets its own schema
    DriverPlugin a2 = plugin("alphanic", "alpha");
    assertEquals(a2, Schema.fromPlugin(a2).plugin());
  }
}
