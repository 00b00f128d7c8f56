package io.iovc.nvlist;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An independent check of spec §7.5 on a little-endian packed buffer without NVLIST_ARRAYs: every
 * header's nvlh_size is the number of bytes after it, and every NVLIST pair's datasize is 19 for an
 * empty child and otherwise {@code total − childHeaderOffset − 20·depth}.
 */
final class SpecInvariants {

  private SpecInvariants() {}

  static void check(byte[] b) {
    int total = b.length;
    header(b, 0);
    int pos = 19;
    int depth = 0;
    while (pos < total) {
      int type = b[pos] & 0xff;
      int namesize = (b[pos + 1] & 0xff) | (b[pos + 2] & 0xff) << 8;
      long datasize = NvPackerTest.le64(b, pos + 3);
      int afterName = pos + 19 + namesize;
      if (type == 255) {
        depth--;
        pos = afterName;
      } else if (type == 5) {
        int child = afterName;
        boolean empty = (b[child + 19] & 0xff) == 255;
        long expected = empty ? 19 : total - child - 20L * (depth + 1);
        assertEquals(expected, datasize, String.format("datasize of NVLIST pair at 0x%x", pos));
        header(b, child);
        depth++;
        pos = child + 19;
      } else {
        pos = afterName + (int) datasize;
      }
    }
    assertEquals(total, pos);
    assertEquals(0, depth, "every nested list is closed by an UP");
  }

  private static void header(byte[] b, int at) {
    assertEquals(0x6c, b[at] & 0xff, String.format("magic at 0x%x", at));
    assertEquals(
        b.length - at - 19, NvPackerTest.le64(b, at + 11), String.format("nvlh_size at 0x%x", at));
  }
}
