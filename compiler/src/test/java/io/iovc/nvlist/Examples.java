package io.iovc.nvlist;

import java.util.List;

/** Trees and buffers of the spec's worked examples, built by hand (spec §4.3, §6.1, §7.9, §8.1). */
public final class Examples {

  private Examples() {}

  /**
   * The 687 bytes of spec §7.9, as {@code xxd} prints them (offset column, then 16 bytes a line).
   */
  static final String EXAMPLE_79_HEX =
      """
            00000000: 6c 00 01 00 00 00 00 00 00 00 00 9c 02 00 00 00
            00000010: 00 00 00 05 03 00 72 02 00 00 00 00 00 00 00 00
            00000020: 00 00 00 00 00 00 50 46 00 6c 00 01 00 00 00 00
            00000030: 00 00 00 00 73 02 00 00 00 00 00 00 05 07 00 13
            00000040: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 44
            00000050: 52 49 56 45 52 00 6c 00 01 00 00 00 00 00 00 00
            00000060: 00 46 02 00 00 00 00 00 00 ff 01 00 00 00 00 00
            00000070: 00 00 00 00 00 00 00 00 00 00 00 00 00 05 04 00
            00000080: f3 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00000090: 49 4f 56 00 6c 00 01 00 00 00 00 00 00 00 00 08
            000000a0: 02 00 00 00 00 00 00 04 07 00 05 00 00 00 00 00
            000000b0: 00 00 00 00 00 00 00 00 00 00 64 65 76 69 63 65
            000000c0: 00 69 78 6c 30 00 03 08 00 08 00 00 00 00 00 00
            000000d0: 00 00 00 00 00 00 00 00 00 6e 75 6d 5f 76 66 73
            000000e0: 00 02 00 00 00 00 00 00 00 ff 01 00 00 00 00 00
            000000f0: 00 00 00 00 00 00 00 00 00 00 00 00 00 ff 01 00
            00000100: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00000110: 00 05 05 00 72 01 00 00 00 00 00 00 00 00 00 00
            00000120: 00 00 00 00 56 46 2d 30 00 6c 00 01 00 00 00 00
            00000130: 00 00 00 00 73 01 00 00 00 00 00 00 05 07 00 31
            00000140: 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 44
            00000150: 52 49 56 45 52 00 6c 00 01 00 00 00 00 00 00 00
            00000160: 00 46 01 00 00 00 00 00 00 07 09 00 06 00 00 00
            00000170: 00 00 00 00 00 00 00 00 00 00 00 00 6d 61 63 2d
            00000180: 61 64 64 72 00 02 00 00 00 00 01 ff 01 00 00 00
            00000190: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 05
            000001a0: 04 00 13 00 00 00 00 00 00 00 00 00 00 00 00 00
            000001b0: 00 00 49 4f 56 00 6c 00 01 00 00 00 00 00 00 00
            000001c0: 00 e6 00 00 00 00 00 00 00 ff 01 00 00 00 00 00
            000001d0: 00 00 00 00 00 00 00 00 00 00 00 00 00 ff 01 00
            000001e0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            000001f0: 00 05 05 00 92 00 00 00 00 00 00 00 00 00 00 00
            00000200: 00 00 00 00 56 46 2d 31 00 6c 00 01 00 00 00 00
            00000210: 00 00 00 00 93 00 00 00 00 00 00 00 05 07 00 13
            00000220: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 44
            00000230: 52 49 56 45 52 00 6c 00 01 00 00 00 00 00 00 00
            00000240: 00 66 00 00 00 00 00 00 00 ff 01 00 00 00 00 00
            00000250: 00 00 00 00 00 00 00 00 00 00 00 00 00 05 04 00
            00000260: 13 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00000270: 49 4f 56 00 6c 00 01 00 00 00 00 00 00 00 00 28
            00000280: 00 00 00 00 00 00 00 ff 01 00 00 00 00 00 00 00
            00000290: 00 00 00 00 00 00 00 00 00 00 00 ff 01 00 00 00
            000002a0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            """;

  /** The nvlist_fdump text of spec §4.3 (the iovctl.conf(5) EXAMPLE, ix0 with 3 VFs). */
  public static final String MAN_PAGE_43_DUMP =
      """
            PF (NVLIST):
                DRIVER (NVLIST):
                IOV (NVLIST):
                    device (STRING): [ix0]
                    num_vfs (NUMBER): 3 (3) (0x3)
            VF-0 (NVLIST):
                DRIVER (NVLIST):
                    mac-addr (BINARY): 6 0256487ed9f7
                    vlan (NUMBER): 1 (1) (0x1)
                IOV (NVLIST):
                    passthrough (BOOL): FALSE
            VF-1 (NVLIST):
                DRIVER (NVLIST):
                IOV (NVLIST):
                    passthrough (BOOL): TRUE
            VF-2 (NVLIST):
                DRIVER (NVLIST):
                IOV (NVLIST):
                    passthrough (BOOL): TRUE
            """;

  /**
   * Parses {@code xxd}-style lines: an offset and a colon, then hex byte pairs (an ASCII column is
   * not allowed).
   */
  static byte[] parseHexDump(String dump) {
    StringBuilder hex = new StringBuilder();
    for (String line : dump.split("\\n")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      int colon = l.indexOf(':');
      hex.append(l.substring(colon + 1).replace(" ", ""));
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  static NvList list() {
    return new NvList(NvList.IGNORE_CASE);
  }

  static NvValue.Nested nested(NvList l) {
    return new NvValue.Nested(l);
  }

  static NvValue.Str str(String s) {
    return new NvValue.Str(s);
  }

  static NvValue.Number num(long n) {
    return new NvValue.Number(n);
  }

  static NvValue.Bool bool(boolean b) {
    return new NvValue.Bool(b);
  }

  static NvValue.Binary bin(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new NvValue.Binary(b);
  }

  /**
   * A device node {DRIVER: driver, IOV: iov}, every list IGNORE_CASE, as iovctl builds it (spec
   * §4.2).
   */
  static NvList device(NvList driver, NvList iov) {
    return list().add("DRIVER", nested(driver)).add("IOV", nested(iov));
  }

  /** The tree of spec §7.9: ixl0, 2 VFs, VF-0 with a MAC. */
  static NvList example79() {
    return list()
        .add("PF", nested(device(list(), list().add("device", str("ixl0")).add("num_vfs", num(2)))))
        .add("VF-0", nested(device(list().add("mac-addr", bin(0x02, 0, 0, 0, 0, 0x01)), list())))
        .add("VF-1", nested(device(list(), list())));
  }

  /** The tree of spec §4.3: the iovctl.conf(5) EXAMPLE after iovctl's processing. */
  static NvList manPage43() {
    NvList root =
        list()
            .add(
                "PF",
                nested(device(list(), list().add("device", str("ix0")).add("num_vfs", num(3)))))
            .add(
                "VF-0",
                nested(
                    device(
                        list()
                            .add("mac-addr", bin(0x02, 0x56, 0x48, 0x7e, 0xd9, 0xf7))
                            .add("vlan", num(1)),
                        list().add("passthrough", bool(false)))));
    for (String vf : List.of("VF-1", "VF-2")) {
      root.add(vf, nested(device(list(), list().add("passthrough", bool(true)))));
    }
    return root;
  }

  /** A schema parameter node: type, then default (if any), then required (if true), spec §6.1. */
  static NvList param(String type, NvValue dflt, boolean required) {
    NvList p = list().add("type", str(type));
    if (dflt != null) {
      p.add("default", dflt);
    }
    if (required) {
      p.add("required", bool(true));
    }
    return p;
  }

  /** The ixl(4) schema of spec §6.1 and §8.1. */
  static NvList ixlSchema() {
    NvList pfIov =
        list()
            .add("num_vfs", nested(param("uint16_t", null, true)))
            .add("device", nested(param("string", null, true)));
    NvList vfDriver =
        list()
            .add("mac-addr", nested(param("unicast-mac", null, false)))
            .add("mac-anti-spoof", nested(param("bool", bool(true), false)))
            .add("allow-set-mac", nested(param("bool", bool(false), false)))
            .add("allow-promisc", nested(param("bool", bool(false), false)))
            .add("num-queues", nested(param("uint16_t", num(4), false)));
    NvList vfIov = list().add("passthrough", nested(param("bool", bool(false), false)));
    return list()
        .add("PF", nested(device(list(), pfIov)))
        .add("VF", nested(device(vfDriver, vfIov)));
  }
}
