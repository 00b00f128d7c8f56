package io.iovc.pipeline;

import io.iovc.nvlist.NvDump;
import io.iovc.nvlist.NvList;

/** What {@code iovctl -C -n} prints (config_iov's dry run, spec §1.5), byte for byte. */
public final class DryRun {
  private DryRun() {}

  /** {@code device} is PF.device as a C string; {@code size} the packed length. */
  public static String listing(String device, NvList config, int size) {
    return "Would enable SR-IOV on device '/dev/iov/"
        + device
        + "'.\n"
        + "The following configuration parameters would be used:\n"
        + NvDump.fdump(config)
        + "The configuration parameters consume "
        + size
        + " bytes when packed.\n";
  }
}
