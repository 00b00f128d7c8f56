package io.iovc.nvlist;

import static io.iovc.nvlist.Examples.bin;
import static io.iovc.nvlist.Examples.bool;
import static io.iovc.nvlist.Examples.num;
import static io.iovc.nvlist.Examples.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NvDump against nvlist_fdump's output (spec §4.3, §6.1; libnv nvlist_dump). */
class NvDumpTest {

  @Test
  void manPageExampleListing() {
    NvList tree = Examples.manPage43();
    assertEquals(Examples.MAN_PAGE_43_DUMP, NvDump.fdump(tree));
    assertEquals(1004, NvPacker.packedSize(tree));
  }

  @Test
  void ixlSchemaListing() {
    String expected =
        """
                PF (NVLIST):
                    DRIVER (NVLIST):
                    IOV (NVLIST):
                        num_vfs (NVLIST):
                            type (STRING): [uint16_t]
                            required (BOOL): TRUE
                        device (NVLIST):
                            type (STRING): [string]
                            required (BOOL): TRUE
                VF (NVLIST):
                    DRIVER (NVLIST):
                        mac-addr (NVLIST):
                            type (STRING): [unicast-mac]
                        mac-anti-spoof (NVLIST):
                            type (STRING): [bool]
                            default (BOOL): TRUE
                        allow-set-mac (NVLIST):
                            type (STRING): [bool]
                            default (BOOL): FALSE
                        allow-promisc (NVLIST):
                            type (STRING): [bool]
                            default (BOOL): FALSE
                        num-queues (NVLIST):
                            type (STRING): [uint16_t]
                            default (NUMBER): 4 (4) (0x4)
                    IOV (NVLIST):
                        passthrough (NVLIST):
                            type (STRING): [bool]
                            default (BOOL): FALSE
                """;
    String actual = NvDump.fdump(Examples.ixlSchema());
    assertEquals(expected, actual);
    // The lines spec §6.1 shows around its "..." are a prefix and a suffix of the full listing.
    assertTrue(
        actual.startsWith(
            """
                PF (NVLIST):
                    DRIVER (NVLIST):
                    IOV (NVLIST):
                        num_vfs (NVLIST):
                            type (STRING): [uint16_t]
                            required (BOOL): TRUE
                        device (NVLIST):
                            type (STRING): [string]
                            required (BOOL): TRUE
                VF (NVLIST):
                    DRIVER (NVLIST):
                        mac-addr (NVLIST):
                            type (STRING): [unicast-mac]
                        mac-anti-spoof (NVLIST):
                            type (STRING): [bool]
                            default (BOOL): TRUE
                """));
    assertTrue(
        actual.endsWith(
            """
                    IOV (NVLIST):
                        passthrough (NVLIST):
                            type (STRING): [bool]
                            default (BOOL): FALSE
                """));
  }

  @Test
  void scalarFormats() {
    NvList l =
        new NvList(0)
            .add("n", NvValue.Null.INSTANCE)
            .add("t", bool(true))
            .add("f", bool(false))
            .add("zero", num(0))
            .add("max", num(-1))
            .add("min", num(Long.MIN_VALUE))
            .add("s", str("a b\u00e9"))
            .add("empty", str(""))
            .add("fd", new NvValue.Descriptor(-1))
            .add("bin", bin(0x00, 0x0a, 0xff));
    assertEquals(
        """
                n (NULL): null
                t (BOOL): TRUE
                f (BOOL): FALSE
                zero (NUMBER): 0 (0) (0x0)
                max (NUMBER): 18446744073709551615 (-1) (0xffffffffffffffff)
                min (NUMBER): 9223372036854775808 (-9223372036854775808) (0x8000000000000000)
                s (STRING): [a b\u00e9]
                empty (STRING): []
                fd (DESCRIPTOR): -1
                bin (BINARY): 3 000aff
                """,
        NvDump.fdump(l));
  }

  @Test
  void arrayFormats() {
    NvList l =
        new NvList(0)
            .add("ba", new NvValue.BoolArray(new boolean[] {true, false}))
            .add("b1", new NvValue.BoolArray(new boolean[] {false}))
            .add("na", new NvValue.NumberArray(new long[] {1, -2}))
            .add("sa", new NvValue.StringArray(List.of("x", "", "y z")))
            .add("da", new NvValue.DescriptorArray(new int[] {3, 4}))
            .add("de", new NvValue.DescriptorArray(new int[0]));
    assertEquals(
        """
                ba (BOOL ARRAY): [ TRUE, FALSE ]
                b1 (BOOL ARRAY): [ FALSE ]
                na (NUMBER ARRAY): [ 1 (1) (0x1), 18446744073709551614 (-2) (0xfffffffffffffffe) ]
                sa (STRING ARRAY): [ "x", "", "y z" ]
                da (DESCRIPTOR ARRAY): [ 3, 4 ]
                de (DESCRIPTOR ARRAY): [  ]
                """,
        NvDump.fdump(l));
  }

  /**
   * Each element's pairs one level deeper, each element closed by a "," line; empty elements just
   * ",".
   */
  @Test
  void nvlistArrayFormat() {
    NvList e1 =
        new NvList(0)
            .add("x", num(1))
            .add("sub", new NvValue.Nested(new NvList(0).add("y", bool(true))));
    NvList l =
        new NvList(0)
            .add("arr", new NvValue.NvListArray(List.of(new NvList(0), e1, new NvList(0))))
            .add("after", NvValue.Null.INSTANCE);
    assertEquals(
        """
                arr (NVLIST ARRAY): 3
                    ,
                    x (NUMBER): 1 (1) (0x1)
                    sub (NVLIST):
                        y (BOOL): TRUE
                    ,
                    ,
                after (NULL): null
                """,
        NvDump.fdump(l));
  }

  @Test
  void nestedNvlistArrays() {
    NvList inner0 = new NvList(0);
    NvList inner1 = new NvList(0).add("q", NvValue.Null.INSTANCE);
    NvList e0 = new NvList(0).add("inner", new NvValue.NvListArray(List.of(inner0, inner1)));
    NvList l = new NvList(0).add("outer", new NvValue.NvListArray(List.of(e0, new NvList(0))));
    assertEquals(
        """
                outer (NVLIST ARRAY): 2
                    inner (NVLIST ARRAY): 2
                        ,
                        q (NULL): null
                        ,
                    ,
                    ,
                """,
        NvDump.fdump(l));
  }

  @Test
  void emptyListsPrintNothing() {
    assertEquals("", NvDump.fdump(new NvList(0)));
    NvList l =
        new NvList(0)
            .add("a", new NvValue.Nested(new NvList(0)))
            .add("b", new NvValue.NvListArray(List.of(new NvList(0))));
    assertEquals("a (NVLIST):\nb (NVLIST ARRAY): 1\n    ,\n", NvDump.fdump(l));
  }

  @Test
  void namesAndStringsAreRawBytes() {
    NvList l = new NvList(0).add("n\u00e4me\t", str("\u0001\u00ff"));
    assertEquals("n\u00e4me\t (STRING): [\u0001\u00ff]\n", NvDump.fdump(l));
  }

  /**
   * The dump of a chain n deep has O(n²) characters of indentation, so depth is tested on a thread
   * with a small stack instead: a recursive dumper would overflow it.
   */
  @Test
  void deepTreesDumpIteratively() throws InterruptedException {
    NvList chain = RandomTrees.chain(3000);
    String[] result = new String[1];
    Throwable[] failure = new Throwable[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result[0] = NvDump.fdump(chain);
              } catch (Throwable e) {
                failure[0] = e;
              }
            },
            "small-stack",
            64 * 1024);
    t.start();
    t.join();
    assertEquals(null, failure[0]);
    assertTrue(result[0].endsWith(" ".repeat(4 * 2999) + "a (NVLIST):\n"));
    assertEquals(3000, result[0].lines().count());
  }
}
