package io.iovc.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PluginCodeTest {
  @Test
  void aWellFormedCode() {
    PluginCode c = new PluginCode("IXL001", PluginCode.Severity.WARNING, "clamped");
    assertEquals("IXL001", c.toString());
    assertEquals(PluginCode.Severity.WARNING, c.severity());
  }

  @Test
  void malformedIdsAreRefused() {
    for (String id : new String[] {"ixl001", "IXL01", "1XL001", "IXL-001", "IXL001A", "001"}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> new PluginCode(id, PluginCode.Severity.INFO, "t"),
          id);
    }
  }

  @Test
  void theIovPrefixIsIovcsOwn() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PluginCode("IOV201", PluginCode.Severity.WARNING, "shadow"));
    assertEquals(
        "code IOV201: the IOV prefix is iovc's own; use the driver's name, e.g. IXL001",
        e.getMessage());
  }

  @Test
  void nothingIsNull() {
    assertThrows(NullPointerException.class, () -> new PluginCode("IXL001", null, "t"));
    assertThrows(
        NullPointerException.class, () -> new PluginCode("IXL001", PluginCode.Severity.INFO, null));
  }
}
