package io.iovc.kernel.freebsd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Stand-ins for FreeBSD's pciconf and sysctl: shell scripts printing canned output. */
public final class FakeTools {
  private FakeTools() {}

  /** A tools directory; a null argument leaves that tool out (as on a host without it). */
  public static Path dir(Path dir, String pciconfOutput, Long maxConfig) {
    try {
      Files.createDirectories(dir);
      if (pciconfOutput != null) {
        Files.writeString(dir.resolve("pciconf.out"), pciconfOutput);
        script(
            dir.resolve("pciconf"),
            "[ \"$1\" = -lc ] || exit 64\ncat '" + dir.resolve("pciconf.out") + "'\n");
      }
      if (maxConfig != null) {
        script(
            dir.resolve("sysctl"),
            "[ \"$2\" = hw.pci.iov_max_config ] || exit 1\necho " + maxConfig + "\n");
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds {@code name} to a tools directory: a script printing {@code output}, whatever its args.
   */
  public static void tool(Path dir, String name, String output) {
    try {
      Files.writeString(dir.resolve(name + ".out"), output);
      script(dir.resolve(name), "cat '" + dir.resolve(name + ".out") + "'\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HostTools tools(Path dir) {
    return new HostTools(dir.resolve("pciconf"), dir.resolve("sysctl"));
  }

  private static void script(Path p, String body) throws IOException {
    Files.writeString(p, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /**
   * {@code pciconf -lc} of a host with ixl0 at pci0:3:0:0 (VF RID offset 0x10, stride 1, so VF i is
   * pci0:3:2:i) and the VFs {@code present} attached.
   */
  public static String pciconf(int configured, int total, int... present) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "hostb0@pci0:0:0:0:\tclass=0x060000 rev=0x00 hdr=0x00 vendor=0x8086 device=0x3e30 subvendor=0x1458 subdevice=0x5000\n");
    sb.append("    cap 09[e0] = vendor (length 16) Intel cap 0 version 1\n");
    sb.append(
        "ixl0@pci0:3:0:0:\tclass=0x020000 rev=0x02 hdr=0x00 vendor=0x8086 device=0x1572 subvendor=0x8086 subdevice=0x0007\n");
    sb.append("    cap 01[40] = powerspec 3  supports D0 D3  current D0\n");
    sb.append("    cap 10[a0] = PCI-Express 2 endpoint max data 256(2048) FLR RO NS\n");
    sb.append("    ecap 0010[1a0] = SR-IOV 1 IOV ")
        .append(configured > 0 ? "enabled" : "disabled")
        .append(", Memory Space ")
        .append(configured > 0 ? "enabled" : "disabled")
        .append(", ARI enabled\n");
    sb.append("                     ")
        .append(configured)
        .append(" VFs configured out of ")
        .append(total)
        .append(" supported\n");
    sb.append("                     First VF RID Offset 0x0010, VF RID Stride 0x0001\n");
    sb.append("                     VF Device ID 0x154c\n");
    sb.append(
        "                     Page Sizes: 4096 (enabled), 8192, 65536, 262144, 1048576, 4194304\n");
    sb.append(
        "ixl1@pci0:3:0:1:\tclass=0x020000 rev=0x02 hdr=0x00 vendor=0x8086 device=0x1572 subvendor=0x8086 subdevice=0x0000\n");
    String[] names = {"iavf0", "iavf1", "ppt0", "none0", "iavf2", "iavf3", "iavf4", "iavf5"};
    for (int i : present) {
      sb.append(names[i % names.length])
          .append("@pci0:3:2:")
          .append(i)
          .append(
              ":\tclass=0x020000 rev=0x02 hdr=0x00 vendor=0x8086 device=0x154c subvendor=0x8086 subdevice=0x0000\n");
      sb.append("    cap 11[70] = MSI-X supports 5 messages\n");
    }
    return sb.toString();
  }
}
