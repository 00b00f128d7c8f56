package io.iovc.kernel.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.kernel.Outcome;
import io.iovc.kernel.freebsd.KernelError.Context;
import io.iovc.kernel.freebsd.KernelError.Errno;
import io.iovc.kernel.freebsd.KernelError.Op;
import org.junit.jupiter.api.Test;

/** errno numbers per OS, iovctl's texts, and the explanations that need context. */
class KernelErrorTest {
  static KernelError err(Op op, Errno e) {
    return new KernelError(op, e.host(), "/dev/iov/ixl0", "ixl0", null);
  }

  @Test
  void errnoNumbersFollowTheHost() {
    assertEquals(40, Errno.EMSGSIZE.freebsd());
    assertEquals(90, Errno.EMSGSIZE.linux());
    assertEquals(Errno.hostIsLinux() ? 90 : 40, Errno.EMSGSIZE.host());
    for (Errno e : Errno.values()) assertEquals(e, Errno.fromHost(e.host()));
    assertNull(Errno.fromHost(4242));
  }

  @Test
  void iovctlsLinesUseFreeBsdsStrerror() {
    assertEquals(
        "Failed to configure SR-IOV: Device busy", err(Op.CONFIG, Errno.EBUSY).iovctlMessage());
    assertEquals(
        "Failed to configure SR-IOV: Message too long",
        err(Op.CONFIG, Errno.EMSGSIZE).iovctlMessage());
    assertEquals(
        "Failed to delete VFs: No child processes", err(Op.DELETE, Errno.ECHILD).iovctlMessage());
    assertEquals(
        "Could not open device '/dev/iov/ixl0': Permission denied",
        err(Op.OPEN, Errno.EACCES).iovctlMessage());
    assertEquals(
        "Could not fetch size of config schema: Bad address",
        err(Op.SCHEMA_SIZE, Errno.EFAULT).iovctlMessage());
    assertEquals(
        "Failed to configure SR-IOV: Unknown error: 4242",
        new KernelError(Op.CONFIG, 4242, "/dev/iov/ixl0", "ixl0", null).iovctlMessage());
  }

  @Test
  void einvalAboveTotalVfsSaysSo() {
    Context c = new Context(false, 16, 700, -1, 8, "ixl");
    assertEquals(
        "num_vfs is 16 but ixl0 supports at most 8 VFs (its TotalVFs); lower num_vfs to 8 or less; nothing was changed",
        err(Op.CONFIG, Errno.EINVAL).explain(c));
    assertEquals(
        Outcome.REFUSED,
        err(Op.CONFIG, Errno.EINVAL).outcome(),
        "the kernel refused the file: nothing applied");
  }

  @Test
  void emsgsizeWithTheLiveLimit() {
    Context c = new Context(false, 4, 2000, 1000, -1, null);
    assertTrue(
        err(Op.CONFIG, Errno.EMSGSIZE)
            .explain(c)
            .startsWith(
                "the packed configuration (2000 bytes) is larger than the kernel accepts (hw.pci.iov_max_config is 1000); raise it with `sysctl hw.pci.iov_max_config=2000`"));
  }

  @Test
  void unknownErrnoStillExplains() {
    KernelError e = new KernelError(Op.CONFIG, 4242, "/dev/iov/ixl0", "ixl0", null);
    assertEquals(Outcome.OS_ERROR, e.outcome());
    assertTrue(
        e.explain(new Context(false, 4, 1, -1, -1, "ixl"))
            .contains("the ixl driver's SR-IOV init failed"));
    assertEquals("IOV_CONFIG on /dev/iov/ixl0 failed: errno 4242 (Unknown error: 4242)", e.facts());
  }

  @Test
  void outcomesFollowTheErrno() {
    assertEquals(Outcome.NO_PERMISSION, err(Op.CONFIG, Errno.EPERM).outcome());
    assertEquals(Outcome.NO_PERMISSION, err(Op.OPEN, Errno.EACCES).outcome());
    assertEquals(Outcome.UNAVAILABLE, err(Op.OPEN, Errno.ENOENT).outcome());
    assertEquals(Outcome.UNAVAILABLE, err(Op.CONFIG, Errno.ENXIO).outcome());
    assertEquals(Outcome.INTERNAL, err(Op.CONFIG, Errno.EFAULT).outcome());
    assertEquals(Outcome.OS_ERROR, err(Op.CONFIG, Errno.EBUSY).outcome());
    assertEquals(Outcome.OS_ERROR, err(Op.CONFIG, Errno.ENOSPC).outcome());
    assertEquals(Outcome.OS_ERROR, err(Op.DELETE, Errno.ECHILD).outcome());
    assertEquals(Outcome.OS_ERROR, err(Op.SCHEMA, Errno.EINVAL).outcome());
  }
}
