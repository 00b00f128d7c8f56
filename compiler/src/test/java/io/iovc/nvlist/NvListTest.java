package io.iovc.nvlist;

import static io.iovc.nvlist.Examples.num;
import static io.iovc.nvlist.Examples.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory model: NvList, NvPair, NvValue (spec §7.2, §7.4, §4.2). */
class NvListTest {

  @Test
  void flagsAreValidated() {
    assertEquals(3, new NvList(3).flags());
    assertThrows(IllegalArgumentException.class, () -> new NvList(4));
    assertThrows(IllegalArgumentException.class, () -> new NvList(0x80));
  }

  @Test
  void insertionOrderIsKept() {
    NvList l = new NvList(0).add("b", num(1)).add("a", num(2)).add("c", num(3));
    assertEquals(List.of("b", "a", "c"), l.pairs().stream().map(NvPair::name).toList());
    assertThrows(UnsupportedOperationException.class, () -> l.pairs().add(new NvPair("d", num(4))));
  }

  @Test
  void duplicatesAreRefusedExactly() {
    NvList l = new NvList(0).add("num_vfs", num(1));
    assertThrows(IllegalArgumentException.class, () -> l.add("num_vfs", num(2)));
    l.add("NUM_VFS", num(3));
    assertEquals(num(1), l.get("num_vfs"));
    assertEquals(num(3), l.get("NUM_VFS"));
    assertNull(l.get("Num_Vfs"));
  }

  @Test
  void ignoreCaseFoldsAsciiOnly() {
    NvList l = new NvList(NvList.IGNORE_CASE).add("num_vfs", num(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> l.add("NUM_VFS", num(2)));
    assertTrue(e.getMessage().contains("EEXIST"));
    assertEquals(num(1), l.get("Num_Vfs"));
    assertTrue(l.contains("NUM_VFS"));
    l.add("\u00e9", num(5));
    assertNull(l.get("\u00c9"), "strcasecmp in the C locale does not fold Latin-1");
    l.add("\u00c9", num(6));
    assertEquals(2 + 1, l.size());
  }

  @Test
  void noUniqueAllowsDuplicatesAndFindsTheFirst() {
    NvList l = new NvList(NvList.NO_UNIQUE | NvList.IGNORE_CASE).add("x", num(1)).add("X", num(2));
    assertEquals(num(1), l.get("x"));
    assertEquals(num(1), l.remove("X"));
    assertEquals(num(2), l.get("x"));
    NvList child = new NvList(0);
    l.add("x", new NvValue.Nested(child));
    assertSame(child, l.getList("X"), "getList finds the first NVLIST pair of that name");
  }

  @Test
  void removeTakesThePairOut() {
    NvList l = new NvList(NvList.IGNORE_CASE);
    for (int i = 0; i < 100; i++) {
      l.add("k" + i, num(i));
    }
    for (int i = 0; i < 100; i += 2) {
      assertEquals(num(i), l.remove("K" + i));
    }
    assertNull(l.remove("k0"));
    assertEquals(50, l.size());
    for (int i = 0; i < 100; i++) {
      assertEquals(i % 2 == 1, l.contains("k" + i), "k" + i);
    }
    assertEquals("k1", l.pairs().get(0).name());
    assertEquals("k99", l.pairs().get(49).name());
    l.add("k0", num(1000));
    assertEquals("k0", l.pairs().get(50).name());
    assertThrows(IllegalArgumentException.class, () -> l.add("K1", num(0)));
  }

  @Test
  void takeAndReinsertLikeValidateConfig() {
    NvList root = new NvList(NvList.IGNORE_CASE);
    int n = 65535;
    for (int i = n - 1; i >= 0; i--) {
      root.add("VF-" + i, new NvValue.Nested(new NvList(NvList.IGNORE_CASE)));
    }
    for (int i = 0; i < n; i++) {
      NvValue v = root.remove("vf-" + i);
      root.add("VF-" + i, v);
    }
    assertEquals("VF-0", root.pairs().get(0).name());
    assertEquals("VF-65534", root.pairs().get(n - 1).name());
    assertEquals(n, root.size());
  }

  @Test
  void namesAndStringsAreByteStrings() {
    NvList l = new NvList(0);
    assertThrows(IllegalArgumentException.class, () -> l.add("a\0b", num(1)));
    assertThrows(IllegalArgumentException.class, () -> l.add("\u0100", num(1)));
    assertThrows(IllegalArgumentException.class, () -> l.add("x", str("a\0")));
    assertThrows(IllegalArgumentException.class, () -> l.add("x", str("\u20ac")));
    l.add("x".repeat(2047), num(1));
    assertThrows(IllegalArgumentException.class, () -> l.add("y".repeat(2048), num(1)));
    l.add("", num(2));
    assertEquals(num(2), l.get(""));
  }

  @Test
  void valuesValidateLikeNvpairCreate() {
    assertThrows(IllegalArgumentException.class, () -> new NvValue.Binary(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new NvValue.BoolArray(new boolean[0]));
    assertThrows(IllegalArgumentException.class, () -> new NvValue.NumberArray(new long[0]));
    assertThrows(IllegalArgumentException.class, () -> new NvValue.StringArray(List.of()));
    assertThrows(IllegalArgumentException.class, () -> new NvValue.StringArray(List.of("a\0")));
    assertThrows(IllegalArgumentException.class, () -> new NvValue.NvListArray(List.of()));
    NvList same = new NvList(0);
    assertThrows(
        IllegalArgumentException.class, () -> new NvValue.NvListArray(List.of(same, same)));
    assertEquals(0, new NvValue.DescriptorArray(new int[0]).size());
  }

  @Test
  void typeCodesAndNames() {
    List<NvValue> all =
        List.of(
            NvValue.Null.INSTANCE,
            new NvValue.Bool(true),
            num(1),
            str("s"),
            new NvValue.Nested(new NvList(0)),
            new NvValue.Descriptor(1),
            new NvValue.Binary(new byte[1]),
            new NvValue.BoolArray(new boolean[1]),
            new NvValue.NumberArray(new long[1]),
            new NvValue.StringArray(List.of("")),
            new NvValue.NvListArray(List.of(new NvList(0))),
            new NvValue.DescriptorArray(new int[1]));
    List<String> names =
        List.of(
            "NULL",
            "BOOL",
            "NUMBER",
            "STRING",
            "NVLIST",
            "DESCRIPTOR",
            "BINARY",
            "BOOL ARRAY",
            "NUMBER ARRAY",
            "STRING ARRAY",
            "NVLIST ARRAY",
            "DESCRIPTOR ARRAY");
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i + 1, all.get(i).typeCode());
      assertEquals(names.get(i), all.get(i).typeName());
    }
  }

  @Test
  void arrayValuesAreDefensivelyCopied() {
    byte[] raw = {1, 2};
    NvValue.Binary b = new NvValue.Binary(raw);
    raw[0] = 9;
    assertArrayEquals(new byte[] {1, 2}, b.bytes());
    b.bytes()[1] = 9;
    assertArrayEquals(new byte[] {1, 2}, b.bytes());
    assertEquals(new NvValue.Binary(new byte[] {1, 2}), b);
    assertEquals(new NvValue.Binary(new byte[] {1, 2}).hashCode(), b.hashCode());
    long[] n = {5};
    NvValue.NumberArray na = new NvValue.NumberArray(n);
    n[0] = 6;
    assertEquals(new NvValue.NumberArray(new long[] {5}), na);
    List<String> s = new ArrayList<>(List.of("a"));
    NvValue.StringArray sa = new NvValue.StringArray(s);
    s.add("b");
    assertEquals(1, sa.values().size());
  }

  @Test
  void aNestedListHasOneOwner() {
    NvList child = new NvList(0);
    NvList a = new NvList(0).add("c", new NvValue.Nested(child));
    NvList b = new NvList(0);
    assertThrows(IllegalArgumentException.class, () -> b.add("c", new NvValue.Nested(child)));
    assertThrows(
        IllegalArgumentException.class,
        () -> b.add("arr", new NvValue.NvListArray(List.of(child))));
    assertTrue(b.isEmpty(), "a refused add changes nothing");
    NvValue taken = a.remove("c");
    b.add("c", taken);
    assertSame(child, b.getList("c"));
  }

  @Test
  void cyclesAreRefused() {
    NvList a = new NvList(0);
    assertThrows(IllegalArgumentException.class, () -> a.add("self", new NvValue.Nested(a)));
    NvList b = new NvList(0);
    a.add("b", new NvValue.Nested(b));
    NvList c = new NvList(0);
    b.add("c", new NvValue.Nested(c));
    assertThrows(IllegalArgumentException.class, () -> c.add("a", new NvValue.Nested(a)));
    assertThrows(
        IllegalArgumentException.class,
        () -> c.add("arr", new NvValue.NvListArray(List.of(new NvList(0), a))));
    assertTrue(c.isEmpty());
  }

  @Test
  void copyIsDeepAndIndependent() {
    NvList orig = Examples.example79();
    NvList copy = orig.copy();
    assertEquals(orig, copy);
    assertEquals(orig.hashCode(), copy.hashCode());
    copy.getList("PF").getList("IOV").add("extra", num(1));
    assertNotEquals(orig, copy);
    assertFalse(orig.getList("PF").getList("IOV").contains("extra"));
    NvList other = new NvList(NvList.IGNORE_CASE);
    other.add("PF", new NvValue.Nested(orig.getList("VF-1").copy()));
  }

  @Test
  void equalityIsStructural() {
    assertEquals(Examples.example79(), Examples.example79());
    assertNotEquals(new NvList(0), new NvList(1));
    assertNotEquals(new NvList(0).add("a", num(1)), new NvList(0).add("A", num(1)));
    assertNotEquals(
        new NvList(0).add("a", num(1)).add("b", num(2)),
        new NvList(0).add("b", num(2)).add("a", num(1)));
    assertEquals(RandomTrees.chain(50_000), RandomTrees.chain(50_000));
    assertEquals(RandomTrees.chain(50_000).hashCode(), RandomTrees.chain(50_000).hashCode());
    assertNotEquals(RandomTrees.chain(50_000), RandomTrees.chain(50_001));
  }

  @Test
  void toStringIsShortAndNonRecursive() {
    String s = RandomTrees.chain(100_000).toString();
    assertEquals("NvList{flags=0x1, 1 pair: a (NVLIST)}", s);
  }
}
