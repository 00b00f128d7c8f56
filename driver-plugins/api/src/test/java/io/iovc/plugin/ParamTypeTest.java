package io.iovc.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ParamTypeTest {
  @Test
  void defaultsPrintAsIovctlDoes() {
    assertEquals("true", ParamType.BOOL.formatDefault(true));
    assertEquals("trunk", ParamType.VLAN.formatDefault(4096L));
    assertEquals("12", ParamType.VLAN.formatDefault(12L));
    assertEquals("18446744073709551615", ParamType.UINT64.formatDefault(-1L));
    assertEquals(
        "02:00:00:00:00:0a", ParamType.UNICAST_MAC.formatDefault(new byte[] {2, 0, 0, 0, 0, 10}));
  }
}
