package io.iovc.nvlist;

import static io.iovc.nvlist.Examples.bin;
import static io.iovc.nvlist.Examples.bool;
import static io.iovc.nvlist.Examples.device;
import static io.iovc.nvlist.Examples.list;
import static io.iovc.nvlist.Examples.nested;
import static io.iovc.nvlist.Examples.num;
import static io.iovc.nvlist.Examples.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NvPacker against the spec's verified sizes and bytes (spec §7.5, §7.9, §4.3, §6.1). */
class NvPackerTest {

  @Test
  void example79IsByteIdentical() {
    byte[] expected = Examples.parseHexDump(Examples.EXAMPLE_79_HEX);
    assertEquals(687, expected.length);
    byte[] actual = NvPacker.pack(Examples.example79());
    assertSameBytes(expected, actual);
    assertEquals(687, NvPacker.packedSize(Examples.example79()));
  }

  @Test
  void example79AnnotatedFields() {
    byte[] b = NvPacker.pack(Examples.example79());
    assertEquals(668, le64(b, 0x00 + 11), "root nvlh_size");
    assertEquals(626, le64(b, 0x13 + 3), "PF datasize = 687-41-20");
    assertEquals(627, le64(b, 0x29 + 11), "PF nvlh_size");
    assertEquals(19, le64(b, 0x3c + 3), "PF.DRIVER datasize (empty child)");
    assertEquals(499, le64(b, 0x7d + 3), "PF.IOV datasize = 687-148-40");
    assertEquals(520, le64(b, 0x94 + 11), "PF.IOV nvlh_size");
    assertEquals(370, le64(b, 0x111 + 3), "VF-0 datasize");
    assertEquals(305, le64(b, 0x13c + 3), "VF-0.DRIVER datasize");
    assertEquals(146, le64(b, 0x1f1 + 3), "VF-1 datasize");
    assertEquals(0x01, b[2], "root flags byte is IGNORE_CASE");
  }

  @Test
  void manPageExampleIs1004Bytes() {
    NvList tree = Examples.manPage43();
    assertEquals(1004, NvPacker.pack(tree).length);
    assertEquals(1004, NvPacker.packedSize(tree));
    SpecInvariants.check(NvPacker.pack(tree));
  }

  @Test
  void ixlSchemaIs1403Bytes() {
    NvList schema = Examples.ixlSchema();
    byte[] packed = NvPacker.pack(schema);
    assertEquals(1403, packed.length);
    assertEquals(1403, NvPacker.packedSize(schema));
    SpecInvariants.check(packed);
  }

  @Test
  void emptyRootIsJustAHeader() {
    byte[] b = NvPacker.pack(new NvList(NvList.IGNORE_CASE));
    assertArrayEquals(new byte[] {0x6c, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, b);
  }

  @Test
  void headerFlagsAreTheListFlags() {
    NvList root = new NvList(NvList.NO_UNIQUE);
    root.add("x", nested(new NvList(NvList.IGNORE_CASE | NvList.NO_UNIQUE)));
    byte[] b = NvPacker.pack(root);
    assertEquals(0x02, b[2]);
    assertEquals(0x03, b[19 + 19 + 2 + 2]);
  }

  @Test
  void scalarEncodings() {
    NvList root =
        new NvList(0)
            .add("n", NvValue.Null.INSTANCE)
            .add("t", bool(true))
            .add("u", num(0x0102030405060708L))
            .add("s", str("h\u00e9"))
            .add("b", bin(0xde, 0xad));
    Bytes e =
        new Bytes()
            .header(0, 0)
            .pair(1, "n", 0, 0)
            .pair(2, "t", 1, 0)
            .u8(1)
            .pair(3, "u", 8, 0)
            .u64(0x0102030405060708L)
            .pair(4, "s", 3, 0)
            .u8('h')
            .u8(0xe9)
            .u8(0)
            .pair(7, "b", 2, 0)
            .u8(0xde)
            .u8(0xad)
            .fixRootSize();
    assertEquals(19 + 119, e.length());
    assertSameBytes(e.toArray(), NvPacker.pack(root));
  }

  @Test
  void arrayEncodings() {
    NvList root =
        new NvList(0)
            .add("ba", new NvValue.BoolArray(new boolean[] {true, false, true}))
            .add("na", new NvValue.NumberArray(new long[] {1, -1}))
            .add("sa", new NvValue.StringArray(List.of("ab", "", "c")))
            .add("da", new NvValue.DescriptorArray(new int[0]));
    Bytes e =
        new Bytes()
            .header(0, 0)
            .pair(8, "ba", 3, 3)
            .u8(1)
            .u8(0)
            .u8(1)
            .pair(9, "na", 16, 2)
            .u64(1)
            .u64(-1)
            .pair(10, "sa", 6, 3)
            .u8('a')
            .u8('b')
            .u8(0)
            .u8(0)
            .u8('c')
            .u8(0)
            .pair(12, "da", 0, 0);
    byte[] expected = e.fixRootSize().toArray();
    assertSameBytes(expected, NvPacker.pack(root));
  }

  /**
   * NVLIST_ARRAY layout per libnv's nvlist_xpack: each element's header, pairs and an ARRAY_NEXT
   * (the last element's too), no UP after the last element; and nvlist_size(child) of a list inside
   * an element skips the closers of the element and the headers and markers of the later elements.
   */
  @Test
  void nvlistArrayLayoutAndNestedDatasize() {
    NvList inner = new NvList(0).add("v", num(7));
    NvList e0 = new NvList(0).add("n", nested(inner));
    NvList e1 = new NvList(NvList.IGNORE_CASE);
    NvList root =
        new NvList(0)
            .add("arr", new NvValue.NvListArray(List.of(e0, e1)))
            .add("z", NvValue.Null.INSTANCE);
    Bytes e =
        new Bytes()
            .header(0, 211) // 0: root, 230 - 19
            .pair(11, "arr", 0, 2) // 19
            .header(0, 169) // 42: e0
            .pair(5, "n", 69, 0) // 61: datasize = nvlist_size(inner) = 19 + 29 + 21
            .header(0, 129) // 82: inner
            .pair(3, "v", 8, 0)
            .u64(7) // 101
            .marker(255) // 130: UP closes inner
            .marker(254) // 150: ARRAY_NEXT after e0
            .header(1, 41) // 170: e1
            .marker(254) // 189: ARRAY_NEXT after e1 (the last element)
            .pair(1, "z", 0, 0); // 209
    byte[] expected = e.toArray();
    assertEquals(230, expected.length);
    assertSameBytes(expected, NvPacker.pack(root));
    assertEquals(230, NvPacker.packedSize(root));
  }

  @Test
  void allEmptyNvlistArray() {
    NvList root =
        new NvList(0).add("a", new NvValue.NvListArray(List.of(new NvList(0), new NvList(0))));
    Bytes e =
        new Bytes()
            .header(0, 99)
            .pair(11, "a", 0, 2)
            .header(0, 59)
            .marker(254)
            .header(0, 20)
            .marker(254);
    assertSameBytes(e.toArray(), NvPacker.pack(root));
  }

  @Test
  void bigEndianWriterSwapsEveryFieldAndSetsTheFlag() {
    NvList root =
        new NvList(NvList.IGNORE_CASE)
            .add("n", num(0x0102030405060708L))
            .add("a", new NvValue.NumberArray(new long[] {5}));
    byte[] b = NvPacker.pack(root, ByteOrder.BIG_ENDIAN);
    assertEquals((byte) 0x81, b[2]);
    assertEquals(b.length - 19, be64(b, 11));
    assertEquals(2, ((b[20] & 0xff) << 8) | (b[21] & 0xff), "namesize big-endian");
    assertEquals(8, be64(b, 22));
    assertEquals(0x0102030405060708L, be64(b, 40));
    assertEquals(1, be64(b, 48 + 11), "nitems big-endian, as a big-endian host writes it");
    assertEquals(5, be64(b, 48 + 21));
  }

  @Test
  void descriptorsAreRefusedLikeNvlistPack() {
    NvList root = new NvList(0).add("fd", new NvValue.Descriptor(3));
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, () -> NvPacker.pack(root));
    assertTrue(e.getMessage().contains("EOPNOTSUPP"));
    assertEquals(19 + 19 + 3 + 8, NvPacker.packedSize(root), "nvlist_size still counts it");
    NvList nestedFd =
        new NvList(0)
            .add(
                "x",
                nested(new NvList(0).add("fds", new NvValue.DescriptorArray(new int[] {1, 2}))));
    assertThrows(UnsupportedOperationException.class, () -> NvPacker.pack(nestedFd));
  }

  @Test
  void packsANestedListAsRoot() {
    NvList tree = Examples.example79();
    NvList pf = tree.getList("PF");
    byte[] alone = NvPacker.pack(pf.copy());
    assertSameBytes(alone, NvPacker.pack(pf));
  }

  @Test
  void datasizeFormulaHoldsOnRandomTreesWithoutArrays() {
    Random r = new Random(42);
    for (int i = 0; i < 300; i++) {
      NvList t = RandomTrees.tree(r, false, 5);
      byte[] b = NvPacker.pack(t);
      assertEquals(b.length, NvPacker.packedSize(t));
      SpecInvariants.check(b);
    }
  }

  @Test
  void deepNestingPacksWithoutRecursion() {
    NvList deep = RandomTrees.chain(100_000);
    byte[] b = NvPacker.pack(deep);
    assertEquals(19 + 100_000L * (19 + 2 + 19 + 20), b.length);
    assertEquals(b.length, NvPacker.packedSize(deep));
    SpecInvariants.check(b);
  }

  /** 65535 VFs with typical parameters (~20 MB); the speed is measured by the benchmarks. */
  @Test
  void maximalConfigPacks() {
    NvList config = maxConfig();
    byte[] b = NvPacker.pack(config);
    assertTrue(b.length > 15_000_000, "size " + b.length);
    assertEquals(b.length, NvPacker.packedSize(config));
    // The first and the last VF are laid out as in a small config.
    assertEquals(0x6c, b[0]);
    assertEquals(b.length - 19, le64(b, 11));
  }

  static NvList maxConfig() {
    NvList root =
        list()
            .add(
                "PF",
                nested(
                    device(list(), list().add("device", str("ixl0")).add("num_vfs", num(65535)))));
    for (int i = 0; i < 65535; i++) {
      NvList driver =
          list()
              .add("mac-addr", bin(0x02, 0, 0, 0, i >> 8, i & 0xff))
              .add("mac-anti-spoof", bool(true))
              .add("allow-set-mac", bool(false))
              .add("allow-promisc", bool(false))
              .add("num-queues", num(4));
      NvList iov = list().add("passthrough", bool((i & 1) == 0));
      root.add("VF-" + i, nested(device(driver, iov)));
    }
    return root;
  }

  // ---------------------------------------------------------------------------------------------------------

  static void assertSameBytes(byte[] expected, byte[] actual) {
    int n = Math.min(expected.length, actual.length);
    for (int i = 0; i < n; i++) {
      if (expected[i] != actual[i]) {
        fail(
            String.format(
                "first difference at offset 0x%x: expected %02x, got %02x (lengths %d/%d)",
                i, expected[i] & 0xff, actual[i] & 0xff, expected.length, actual.length));
      }
    }
    assertEquals(expected.length, actual.length, "length");
  }

  static long le64(byte[] b, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }

  static long be64(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }

  /** Hand-assembles little-endian packed nvlists for the tests. */
  static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes u8(int v) {
      out.write(v);
      return this;
    }

    Bytes u16(int v) {
      return u8(v & 0xff).u8((v >> 8) & 0xff);
    }

    Bytes u64(long v) {
      for (int i = 0; i < 8; i++) {
        u8((int) (v >>> (8 * i)) & 0xff);
      }
      return this;
    }

    Bytes raw(byte[] b) {
      out.write(b, 0, b.length);
      return this;
    }

    /** An nvlist header with flags, 0 descriptors and the given nvlh_size. */
    Bytes header(int flags, long size) {
      return u8(0x6c).u8(0).u8(flags).u64(0).u64(size);
    }

    /** An nvpair header and NUL-terminated name. */
    Bytes pair(int type, String name, long datasize, long nitems) {
      u8(type).u16(name.length() + 1).u64(datasize).u64(nitems);
      return raw(name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).u8(0);
    }

    Bytes marker(int type) {
      return pair(type, "", 0, 0);
    }

    /** Sets the root header's nvlh_size to the current length minus 19. */
    Bytes fixRootSize() {
      byte[] b = out.toByteArray();
      long size = b.length - 19L;
      for (int i = 0; i < 8; i++) {
        b[11 + i] = (byte) (size >>> (8 * i));
      }
      out.reset();
      out.write(b, 0, b.length);
      return this;
    }

    int length() {
      return out.size();
    }

    byte[] toArray() {
      return out.toByteArray();
    }
  }
}
