package io.iovc.kernel.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Device names are checked before a path is built; -d /abs/path follows iovctl (spec §1.4, §5.1).
 */
class DeviceNameTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "ixl0",
        "ix1",
        "ice12",
        "cxl0",
        "cc3",
        "cxgbe0",
        "mlx5_core0",
        "vnicpf0",
        "bnxt0",
        "ql0",
        "igb0"
      })
  void nameunitsAreAccepted(String name) {
    assertNull(DeviceName.problem(name));
    DeviceName.Target t = DeviceName.fromOption(name);
    assertEquals("/dev/iov/" + name, t.path());
    assertEquals(name, t.name());
    assertEquals(name, t.asGiven());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "ixl", "0ixl", "ixl0/..", "..", "../ixl0", "ixl0 ", " ixl0", "ixl-0", "ixl0\n",
        "ixl0;rm", "a/b0", "ixl.0", "_ixl0"
      })
  void otherNamesAreRefused(String name) {
    assertTrue(DeviceName.problem(name) != null, name);
    assertThrows(IllegalArgumentException.class, () -> DeviceName.fromOption(name));
    assertThrows(IllegalArgumentException.class, () -> DeviceName.fromConfig(name));
  }

  @Test
  void refusalsSayWhy() {
    assertEquals(
        "`/dev/iov/ixl0` is a path, not a device name (write just the name, e.g. ixl0)",
        DeviceName.problem("/dev/iov/ixl0"));
    assertEquals("`..` contains `..`", DeviceName.problem(".."));
    assertEquals("the device name is empty", DeviceName.problem(""));
    assertEquals(
        "`ixl0\\x0a` is not a FreeBSD device name (a driver name and a unit number, like ixl0, ix1 or mlx5_core0)",
        DeviceName.problem("ixl0\n"));
    assertTrue(
        DeviceName.problem("a".repeat(300) + "0")
            .startsWith("the device name is 301 characters long"));
  }

  @Test
  void pfDeviceIsAlwaysABareName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DeviceName.fromConfig("/dev/iov/ix0"));
    assertTrue(e.getMessage().startsWith("PF.device: `/dev/iov/ix0` is a path"), e.getMessage());
    DeviceName.Target t = DeviceName.fromConfig("ix0");
    assertEquals("/dev/iov/ix0", t.path());
    assertEquals("/dev/iov/ix0", t.asGiven(), "iovctl -D -n -f names the full path");
  }

  @Test
  void absolutePathsAreTakenAsGivenLikeIovctl() {
    DeviceName.Target t = DeviceName.fromOption("/dev/iov/ixl0");
    assertEquals("/dev/iov/ixl0", t.path());
    assertEquals("ixl0", t.name());
    assertEquals("/dev/iov/ixl0", t.asGiven());
    assertEquals("/tmp/x/../node", DeviceName.fromOption("/tmp/x/../node").path());
    assertEquals("/", DeviceName.fromOption("/").name());
  }

  @Test
  void pathsOfPathMaxBytesAreTooLong() {
    String ok = "/" + "a".repeat(DeviceName.PATH_MAX - 2);
    assertEquals(ok, DeviceName.fromOption(ok).path());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DeviceName.fromOption(ok + "a"));
    assertEquals("Provided file name too long", e.getMessage());
  }
}
