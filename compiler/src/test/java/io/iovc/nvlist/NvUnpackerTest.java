package io.iovc.nvlist;

import static io.iovc.nvlist.Examples.bin;
import static io.iovc.nvlist.Examples.bool;
import static io.iovc.nvlist.Examples.num;
import static io.iovc.nvlist.Examples.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.iovc.nvlist.NvPackerTest.Bytes;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** NvUnpacker: round trips and everything nvlist_unpack refuses (spec §7.8). */
class NvUnpackerTest {

  private static final int IC = NvList.IGNORE_CASE;

  // ---- round trips
  // ----------------------------------------------------------------------------------------

  @Test
  void unpacksTheVerifiedExample() throws NvFormatException {
    byte[] buf = Examples.parseHexDump(Examples.EXAMPLE_79_HEX);
    NvList tree = NvUnpacker.unpack(buf, IC);
    assertEquals(Examples.example79(), tree);
    assertEquals(IC, tree.flags());
    assertEquals(IC, tree.getList("pf").getList("iov").flags());
    assertEquals(new NvValue.Str("ixl0"), tree.getList("Pf").getList("IOV").get("DEVICE"));
    assertEquals(bin(2, 0, 0, 0, 0, 1), tree.getList("VF-0").getList("DRIVER").get("mac-addr"));
    assertArrayEquals(buf, NvPacker.pack(tree));
  }

  @Test
  void examplesRoundTrip() throws NvFormatException {
    for (NvList t : List.of(Examples.manPage43(), Examples.ixlSchema(), NvPackerTest.maxConfig())) {
      byte[] b = NvPacker.pack(t);
      NvList back = NvUnpacker.unpack(b, IC);
      assertEquals(t, back);
      assertArrayEquals(b, NvPacker.pack(back));
    }
  }

  @Test
  void everyValueTypeRoundTrips() throws NvFormatException {
    NvList inner = new NvList(NvList.NO_UNIQUE).add("d", num(1)).add("d", num(2));
    NvList e0 = new NvList(0).add("n", new NvValue.Nested(inner));
    NvList e2 =
        new NvList(IC)
            .add(
                "deep",
                new NvValue.NvListArray(List.of(new NvList(0), new NvList(IC).add("s", str("x")))));
    NvList root =
        new NvList(IC)
            .add("null", NvValue.Null.INSTANCE)
            .add("bool", bool(true))
            .add("number", num(-1))
            .add("string", str("caf\u00e9 \u00ff"))
            .add("empty-string", str(""))
            .add("nvlist", new NvValue.Nested(new NvList(0)))
            .add("binary", bin(0, 1, 0xff))
            .add("bools", new NvValue.BoolArray(new boolean[] {false, true}))
            .add("numbers", new NvValue.NumberArray(new long[] {0, Long.MIN_VALUE, 42}))
            .add("strings", new NvValue.StringArray(List.of("", "a", "\u00e9\u00e8")))
            .add("nvlists", new NvValue.NvListArray(List.of(e0, new NvList(0), e2)))
            .add("", str("empty name"));
    byte[] b = NvPacker.pack(root);
    NvList back = NvUnpacker.unpack(b, IC);
    assertEquals(root, back);
    assertEquals(root.hashCode(), back.hashCode());
    assertArrayEquals(b, NvPacker.pack(back));
    assertEquals(NvDump.fdump(root), NvDump.fdump(back));
  }

  @Test
  void randomTreesRoundTrip() throws NvFormatException {
    Random r = new Random(7);
    for (int i = 0; i < 2000; i++) {
      NvList t = RandomTrees.tree(r, true, 4);
      byte[] b = NvPacker.pack(t);
      NvList back = NvUnpacker.unpack(b, t.flags());
      assertEquals(t, back);
      assertArrayEquals(b, NvPacker.pack(back));
    }
  }

  @Test
  void bigEndianBuffersRoundTrip() throws NvFormatException {
    Random r = new Random(11);
    for (int i = 0; i < 1000; i++) {
      NvList t = RandomTrees.tree(r, false, 4);
      byte[] be = NvPacker.pack(t, ByteOrder.BIG_ENDIAN);
      NvList back = NvUnpacker.unpack(be, t.flags());
      assertEquals(t, back);
      assertArrayEquals(NvPacker.pack(t), NvPacker.pack(back));
      assertArrayEquals(be, NvPacker.pack(back, ByteOrder.BIG_ENDIAN));
    }
    byte[] be79 = NvPacker.pack(Examples.example79(), ByteOrder.BIG_ENDIAN);
    assertEquals((byte) 0x81, be79[2]);
    assertEquals(Examples.example79(), NvUnpacker.unpack(be79, IC));
  }

  /**
   * libnv never byte-swaps nvph_nitems (spec §7.8 item 6), so on a little-endian reader an array
   * from a big-endian writer is refused, while the same buffer with little-endian nitems fields is
   * accepted.
   */
  @Test
  void bigEndianArraysFollowTheNitemsQuirk() throws NvFormatException {
    NvList t =
        new NvList(0)
            .add("na", new NvValue.NumberArray(new long[] {1, 2}))
            .add(
                "nl",
                new NvValue.NvListArray(List.of(new NvList(0).add("x", num(3)), new NvList(0))));
    byte[] be = NvPacker.pack(t, ByteOrder.BIG_ENDIAN);
    NvFormatException e = assertThrows(NvFormatException.class, () -> NvUnpacker.unpack(be, 0));
    assertTrue(e.getMessage().contains("NUMBER ARRAY"), e.getMessage());
    // Rewrite both nitems fields little-endian: pair "na" at 19, pair "nl" after its 16 data bytes.
    int na = 19;
    int nl = na + 19 + 3 + 16;
    putLe64(be, na + 11, 2);
    putLe64(be, nl + 11, 2);
    NvList back = NvUnpacker.unpack(be, 0);
    assertEquals(t, back);
  }

  /**
   * A nested header's own 0x80 flag only decides how that header's sizes are read (libnv's isbe
   * stays).
   */
  @Test
  void nestedHeaderWithItsOwnByteOrder() throws NvFormatException {
    NvList t = new NvList(0).add("c", new NvValue.Nested(new NvList(IC).add("n", num(258))));
    byte[] b = NvPacker.pack(t);
    int child = 19 + 19 + 2;
    long size = NvPackerTest.le64(b, child + 11);
    b[child + 2] = (byte) 0x81;
    for (int i = 0; i < 8; i++) {
      b[child + 11 + i] = (byte) (size >>> (56 - 8 * i));
    }
    NvList back = NvUnpacker.unpack(b, 0);
    assertEquals(t, back);
  }

  // ---- libnv quirks that are accepted
  // -----------------------------------------------------------------

  @Test
  void missingTrailingUpMarkersAreAccepted() throws NvFormatException {
    byte[] full = Examples.parseHexDump(Examples.EXAMPLE_79_HEX);
    byte[] cut = Arrays.copyOf(full, full.length - 20);
    for (int h : new int[] {0x00, 0x29, 0x56, 0x94, 0x129, 0x156, 0x1b6, 0x209, 0x236, 0x274}) {
      putLe64(cut, h + 11, NvPackerTest.le64(cut, h + 11) - 20);
    }
    assertEquals(Examples.example79(), NvUnpacker.unpack(cut, IC));
  }

  @Test
  void upMarkerDataIsNotSkipped() throws NvFormatException {
    byte[] b = Examples.parseHexDump(Examples.EXAMPLE_79_HEX);
    putLe64(b, 0x69 + 3, 5);
    assertEquals(Examples.example79(), NvUnpacker.unpack(b, IC));
  }

  @Test
  void arrayNextOutsideAnArrayActsAsUp() throws NvFormatException {
    byte[] b = Examples.parseHexDump(Examples.EXAMPLE_79_HEX);
    b[0x69] = (byte) 254;
    assertEquals(Examples.example79(), NvUnpacker.unpack(b, IC));
  }

  @Test
  void boolArrayBytesOtherThanZeroReadAsTrue() throws NvFormatException {
    byte[] b =
        NvPacker.pack(new NvList(0).add("ba", new NvValue.BoolArray(new boolean[] {true, false})));
    b[19 + 19 + 3] = 7;
    NvList back = NvUnpacker.unpack(b, 0);
    assertArrayEquals(new boolean[] {true, false}, ((NvValue.BoolArray) back.get("ba")).values());
  }

  /**
   * An UP inside the first element leaves the array; the later elements stay empty with flags 0.
   */
  @Test
  void upInsideAnArrayElementLeavesTheArray() throws NvFormatException {
    Bytes b =
        new Bytes()
            .header(0, 0)
            .pair(11, "arr", 0, 2)
            .header(IC, 0)
            .pair(3, "x", 8, 0)
            .u64(1)
            .marker(255)
            .pair(1, "z", 0, 0);
    byte[] buf = b.toArray();
    putLe64(buf, 11, buf.length - 19);
    putLe64(buf, 42 + 11, buf.length - 42 - 19);
    NvList back = NvUnpacker.unpack(buf, 0);
    NvValue.NvListArray arr = assertInstanceOf(NvValue.NvListArray.class, back.get("arr"));
    assertEquals(new NvList(IC).add("x", num(1)), arr.lists().get(0));
    assertEquals(new NvList(0), arr.lists().get(1));
    assertEquals(NvValue.Null.INSTANCE, back.get("z"));
  }

  @Test
  void caseSensitiveListsAcceptNamesDifferingInCase() throws NvFormatException {
    NvList t = new NvList(0).add("a", num(1)).add("A", num(2));
    assertEquals(t, NvUnpacker.unpack(NvPacker.pack(t), 0));
  }

  @Test
  void noUniqueListsAcceptDuplicates() throws NvFormatException {
    NvList t = new NvList(NvList.NO_UNIQUE | IC).add("a", num(1)).add("A", num(2)).add("a", num(3));
    NvList back = NvUnpacker.unpack(NvPacker.pack(t), NvList.NO_UNIQUE | IC);
    assertEquals(t, back);
    assertEquals(num(1), back.get("A"));
  }

  // ---- deep nesting
  // -----------------------------------------------------------------------------------

  @Test
  void hundredThousandLevelsOfNesting() throws NvFormatException {
    NvList deep = RandomTrees.chain(100_000);
    byte[] b = NvPacker.pack(deep);
    NvList back = NvUnpacker.unpack(b, IC);
    assertEquals(deep, back);
    assertArrayEquals(b, NvPacker.pack(back));
  }

  /**
   * A crafted buffer: 100000 nested NVLIST pairs and no UP at all (the trailing UPs may be
   * missing).
   */
  @Test
  void craftedDeepBufferWithoutUpMarkers() throws NvFormatException {
    int depth = 100_000;
    int total = 19 + depth * (21 + 19);
    byte[] b = new byte[total];
    int pos = 0;
    for (int i = 0; i <= depth; i++) {
      b[pos] = 0x6c;
      b[pos + 2] = IC;
      putLe64(b, pos + 11, total - pos - 19);
      pos += 19;
      if (i == depth) {
        break;
      }
      b[pos] = 5;
      b[pos + 1] = 2;
      putLe64(b, pos + 3, 19);
      b[pos + 19] = 'a';
      pos += 21;
    }
    assertEquals(total, pos);
    assertEquals(RandomTrees.chain(depth), NvUnpacker.unpack(b, IC));
  }

  @Test
  void deeplyNestedArrays() throws NvFormatException {
    NvList cur = new NvList(0).add("leaf", num(1));
    for (int i = 0; i < 30_000; i++) {
      NvList parent = new NvList(0);
      parent.add("a", new NvValue.NvListArray(List.of(new NvList(0), cur, new NvList(IC))));
      cur = parent;
    }
    byte[] b = NvPacker.pack(cur);
    NvList back = NvUnpacker.unpack(b, 0);
    assertEquals(cur, back);
    assertArrayEquals(b, NvPacker.pack(back));
  }

  // ---- refusals
  // ---------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptions")
  void refuses(String what, byte[] buf, int flags, String messagePart, int offset) {
    NvFormatException e =
        assertThrows(NvFormatException.class, () -> NvUnpacker.unpack(buf, flags));
    assertTrue(e.getMessage().contains(messagePart), () -> "message: " + e.getMessage());
    if (offset >= 0) {
      assertEquals(offset, e.offset(), () -> "message: " + e.getMessage());
    }
  }

  static Stream<Arguments> corruptions() {
    byte[] ex = Examples.parseHexDump(Examples.EXAMPLE_79_HEX);
    return Stream.of(
        c("bad magic", ex, b -> b[0] = 0x6d, IC, "bad magic 0x6d", 0),
        c("unknown header flag bit", ex, b -> b[2] = 0x05, IC, "unknown flag bits 0x04", 0),
        c("root flags differ from the expected flags", ex, b -> b[2] = 0x00, IC, "EILSEQ", 0),
        c("root flags NO_UNIQUE not expected", ex, b -> b[2] = 0x03, IC, "EILSEQ", 0),
        c("unpack flags 0 for an IGNORE_CASE buffer", ex, b -> {}, 0, "EILSEQ", 0),
        c("root nvlh_size too big", ex, b -> b[11]++, IC, "nvlh_size is 669 but 668", 0),
        c("root nvlh_size too small", ex, b -> b[11]--, IC, "nvlh_size is 667", 0),
        c("nested nvlh_size wrong", ex, b -> b[0x29 + 11]++, IC, "nvlh_size is 628 but 627", 0x29),
        c("nested header bad magic", ex, b -> b[0x29] = 0, IC, "bad magic 0x00", 0x29),
        c(
            "nested header unknown flag",
            ex,
            b -> b[0x29 + 2] = 0x41,
            IC,
            "unknown flag bits 0x40",
            0x29),
        c("descriptors in the header", ex, b -> b[3] = 1, IC, "declares 1 descriptors", 0),
        c("namesize 0", ex, b -> b[0x14] = 0, IC, "name size is 0", 0x13),
        c(
            "namesize above 2048",
            ex,
            b -> {
              b[0x14] = 1;
              b[0x15] = 8;
            },
            IC,
            "exceeds NV_NAME_MAX",
            0x13),
        c("name without NUL", ex, b -> b[0x28] = 'X', IC, "name is not NUL-terminated", 0x13),
        c("name with an embedded NUL", ex, b -> b[0x27] = 0, IC, "NUL byte at position 1", 0x13),
        c("unknown type 13", ex, b -> b[0x13] = 13, IC, "unknown type 13", 0x13),
        c("unknown type 0", ex, b -> b[0x13] = 0, IC, "unknown type 0", 0x13),
        c("unknown type 253", ex, b -> b[0x13] = (byte) 253, IC, "unknown type 253", 0x13),
        c(
            "datasize beyond the buffer",
            ex,
            b -> putLe64(b, 0xa7 + 3, -1),
            IC,
            "data size 18446744073709551615 exceeds",
            0xa7),
        c(
            "NVLIST datasize 0",
            ex,
            b -> putLe64(b, 0x13 + 3, 0),
            IC,
            "NVLIST pair \"PF\" has data size 0",
            0x13),
        c(
            "duplicate VF name, case-insensitive",
            ex,
            b -> {
              b[0x204] = 'v';
              b[0x205] = 'f';
              b[0x207] = '0';
            },
            IC,
            "duplicate name \"vf-0\" (compared case-insensitively)",
            0x1f1),
        c(
            "trailing byte",
            Arrays.copyOf(ex, ex.length + 1),
            b -> {},
            IC,
            "nvlh_size is 668 but 669",
            0),
        c("truncated header", Arrays.copyOf(ex, 10), b -> {}, IC, "only 10 bytes are left", 0),
        c("empty buffer", new byte[0], b -> {}, IC, "only 0 bytes are left", 0),
        c(
            "UP without a parent",
            new Bytes().header(0, 20).marker(255).toArray(),
            b -> {},
            0,
            "NVLIST_UP without a parent",
            19),
        c(
            "ARRAY_NEXT without a parent",
            new Bytes().header(0, 20).marker(254).toArray(),
            b -> {},
            0,
            "NVLIST_ARRAY_NEXT without a parent",
            19),
        c(
            "truncated pair header",
            new Bytes().header(0, 5).u8(1).u8(1).u8(0).u8(0).u8(0).toArray(),
            b -> {},
            0,
            "only 5 bytes are left but an nvpair header needs 19",
            19),
        c(
            "name beyond the buffer",
            single(1, "ab", 0, 0, new byte[0], 5),
            b -> {},
            0,
            "name size 5 exceeds the 3 bytes left",
            19),
        c(
            "NULL with data size 1",
            pack(new NvList(0).add("n", NvValue.Null.INSTANCE).add("z", NvValue.Null.INSTANCE)),
            b -> b[19 + 3] = 1,
            0,
            "NULL pair \"n\" has data size 1",
            19),
        c(
            "BOOL value 2",
            pack(new NvList(0).add("b", bool(true))),
            b -> b[40] = 2,
            0,
            "BOOL pair \"b\" has value 2",
            19),
        c(
            "BOOL data size 2",
            pack(new NvList(0).add("b", bool(true)).add("z", NvValue.Null.INSTANCE)),
            b -> b[19 + 3] = 2,
            0,
            "BOOL pair \"b\" has data size 2",
            19),
        c(
            "NUMBER data size 7",
            pack(new NvList(0).add("n", num(5)).add("z", NvValue.Null.INSTANCE)),
            b -> b[19 + 3] = 7,
            0,
            "NUMBER pair \"n\" has data size 7, must be 8",
            19),
        c(
            "STRING without NUL",
            pack(new NvList(0).add("s", str("abc"))),
            b -> b[43] = 'd',
            0,
            "value is not NUL-terminated",
            19),
        c(
            "STRING with an embedded NUL",
            pack(new NvList(0).add("s", str("abc"))),
            b -> b[41] = 0,
            0,
            "value has a NUL byte at position 1",
            19),
        c(
            "STRING data size 0",
            pack(new NvList(0).add("s", str("abc"))),
            b -> b[19 + 3] = 0,
            0,
            "STRING pair \"s\" has data size 0",
            19),
        c(
            "BINARY data size 0",
            pack(new NvList(0).add("x", bin(1, 2))),
            b -> b[19 + 3] = 0,
            0,
            "BINARY pair \"x\" has data size 0",
            19),
        c(
            "duplicate name, case-insensitive",
            pack(new NvList(IC).add("a", num(1)).add("b", num(2))),
            b -> b[19 + 29 + 19] = 'A',
            IC,
            "duplicate name \"A\" (compared case-insensitively)",
            19 + 29),
        c(
            "duplicate name, exact",
            pack(new NvList(0).add("a", num(1)).add("b", num(2))),
            b -> b[19 + 29 + 19] = 'a',
            0,
            "duplicate name \"a\" (EEXIST)",
            19 + 29),
        c(
            "DESCRIPTOR",
            single(6, "fd", 8, 0, new byte[8], -1),
            b -> {},
            0,
            "receives no descriptors",
            19),
        c(
            "DESCRIPTOR data size 4",
            single(6, "fd", 4, 0, new byte[4], -1),
            b -> {},
            0,
            "DESCRIPTOR pair \"fd\" has data size 4",
            19),
        c(
            "DESCRIPTOR ARRAY",
            single(12, "fds", 8, 1, new byte[8], -1),
            b -> {},
            0,
            "receives no descriptors",
            19),
        c(
            "BOOL ARRAY size mismatch",
            single(8, "ba", 3, 2, new byte[3], -1),
            b -> {},
            0,
            "does not fit 2 items of 1 byte",
            19),
        c(
            "BOOL ARRAY with 0 items",
            single(8, "ba", 0, 0, new byte[0], -1),
            b -> {},
            0,
            "does not fit 0 items",
            19),
        c(
            "NUMBER ARRAY with 0 items",
            single(9, "na", 0, 0, new byte[0], -1),
            b -> {},
            0,
            "does not fit 0 items",
            19),
        c(
            "NUMBER ARRAY size overflow",
            single(9, "na", 8, 0x2000000000000001L, new byte[8], -1),
            b -> {},
            0,
            "does not fit 2305843009213693953 items",
            19),
        c(
            "STRING ARRAY with too few strings",
            single(10, "sa", 4, 3, new byte[] {'a', 'b', 0, 0}, -1),
            b -> {},
            0,
            "holds only 2 strings but declares 3",
            19),
        c(
            "STRING ARRAY with extra bytes",
            single(10, "sa", 4, 1, new byte[] {'a', 0, 'b', 0}, -1),
            b -> {},
            0,
            "has 2 bytes after its 1 strings",
            19),
        c(
            "STRING ARRAY with an unterminated last string",
            single(10, "sa", 3, 1, new byte[] {'a', 'b', 'c'}, -1),
            b -> {},
            0,
            "element 0 is not NUL-terminated",
            19),
        c(
            "STRING ARRAY with 0 items",
            single(10, "sa", 1, 0, new byte[1], -1),
            b -> {},
            0,
            "both must be at least 1",
            19),
        c(
            "STRING ARRAY with more items than bytes",
            single(10, "sa", 2, 5, new byte[2], -1),
            b -> {},
            0,
            "declares 5 strings, which cannot fit in 2 bytes",
            19),
        c(
            "NVLIST ARRAY with 0 items",
            single(11, "nl", 0, 0, new byte[0], -1),
            b -> {},
            0,
            "declares 0 elements, which is not allowed",
            19),
        c(
            "NVLIST ARRAY with more items than bytes",
            single(11, "nl", 0, 1000, new byte[40], -1),
            b -> {},
            0,
            "declares 1000 elements, which cannot fit",
            19),
        c(
            "NVLIST ARRAY element without bytes left",
            single(11, "nl", 0, 1, new byte[0], -1),
            b -> {},
            0,
            "declares 1 elements, which cannot fit in the 0 bytes left",
            19),
        c(
            "NVLIST ARRAY element header invalid",
            single(11, "nl", 0, 1, new byte[19], -1),
            b -> {},
            0,
            "bad magic 0x00",
            41),
        c(
            "NVLIST ARRAY elements exceeding the buffer",
            elementBudgetBuffer(),
            b -> {},
            0,
            "more than the whole buffer can hold",
            -1));
  }

  @Test
  void everyTruncationIsRefused() {
    for (NvList t : List.of(Examples.example79(), Examples.manPage43(), Examples.ixlSchema())) {
      byte[] b = NvPacker.pack(t);
      for (int len = 0; len < b.length; len++) {
        byte[] cut = Arrays.copyOf(b, len);
        assertThrows(NvFormatException.class, () -> NvUnpacker.unpack(cut, IC), "length " + len);
      }
    }
  }

  @Test
  void invalidFlagsArgument() {
    assertThrows(IllegalArgumentException.class, () -> NvUnpacker.unpack(new byte[19], 4));
  }

  // ---- helpers
  // ----------------------------------------------------------------------------------------

  private static Arguments c(
      String what, byte[] base, Consumer<byte[]> change, int flags, String message, int offset) {
    byte[] b = base.clone();
    change.accept(b);
    return Arguments.of(what, b, flags, message, offset);
  }

  private static byte[] pack(NvList l) {
    return NvPacker.pack(l);
  }

  /**
   * A root (flags 0) holding one hand-made pair; {@code namesize} overrides the name's size field
   * when not -1.
   */
  private static byte[] single(
      int type, String name, long datasize, long nitems, byte[] data, int namesize) {
    Bytes b = new Bytes().header(0, 0).pair(type, name, datasize, nitems).raw(data);
    byte[] buf = b.fixRootSize().toArray();
    if (namesize >= 0) {
      buf[20] = (byte) namesize;
      buf[21] = (byte) (namesize >> 8);
    }
    return buf;
  }

  /**
   * Two NVLIST_ARRAYs left early by an UP, declaring together more elements than {@code length /
   * 19}: nvlist_unpack would allocate them all; NvUnpacker refuses (a deliberate deviation, see its
   * class comment).
   */
  private static byte[] elementBudgetBuffer() {
    Bytes b =
        new Bytes()
            .header(0, 0)
            .pair(11, "a1", 0, 59)
            .header(0, 0)
            .marker(255)
            .pair(11, "a2", 0, 3)
            .header(0, 0)
            .marker(255)
            .pair(7, "pad", 1000, 0)
            .raw(new byte[1000]);
    byte[] buf = b.toArray();
    putLe64(buf, 11, buf.length - 19);
    int e1 = 19 + 22;
    putLe64(buf, e1 + 11, buf.length - e1 - 19);
    int e2 = e1 + 19 + 20 + 22;
    putLe64(buf, e2 + 11, buf.length - e2 - 19);
    if (buf.length / 19 - 59 >= 3) {
      fail("budget example is not tight: " + buf.length);
    }
    return buf;
  }

  static void putLe64(byte[] b, int at, long v) {
    for (int i = 0; i < 8; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }
}
